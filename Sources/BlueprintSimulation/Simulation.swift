import Foundation
import ServiceBlueprint

/// A discrete-event simulation of a blueprint: customers arrive at each journey's demand, walk its
/// flows (branches and rework by probability), queue for actors and shared resources that work to
/// calendars, are served by priority, and leave when their patience runs out.
///
/// ```swift
/// let simulation = Simulation(blueprint, options: .init(horizon: .days(28), replications: 10))
/// let report = await simulation.run()
/// for journey in report.journeys { print(journey.id, journey.attainment?.mean ?? 0) }
/// ```
///
/// Durations follow the lead-time Monte Carlo's distribution (PERT-beta on min…max, the same
/// shape), drawn by a faster exact sampler from the same generator. Runs are deterministic: the same blueprint, options and seed give the same
/// report, bit for bit, however many processors run the replications.
public struct Simulation: Sendable {
    /// The blueprint simulated.
    public let blueprint: Blueprint
    /// The options.
    public let options: SimulationOptions
    let plan: SimulationPlan

    /// Prepares a simulation (compiles the blueprint once for every replication).
    public init(_ blueprint: Blueprint, options: SimulationOptions = .init()) {
        self.blueprint = blueprint
        self.options = options
        plan = SimulationPlan(blueprint, options: options)
    }

    /// Runs every replication, several at a time, and merges them in replication order.
    public func run() async -> SimulationReport {
        let count = max(1, options.replications)
        let width = max(1, min(count, options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount))
        var tallies = [ReplicationTally?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, ReplicationTally).self) { group in
            var next = 0
            while next < width {
                let index = next
                group.addTask { (index, self.replication(index)) }
                next += 1
            }
            while let (index, tally) = await group.next() {
                tallies[index] = tally
                if next < count {
                    let index = next
                    group.addTask { (index, self.replication(index)) }
                    next += 1
                }
            }
        }
        return report(tallies.compactMap { $0 })
    }

    /// Runs the replications one after the other on the calling thread (the same report as ``run()``).
    public func runSequentially() -> SimulationReport {
        report((0..<max(1, options.replications)).map(replication))
    }

    /// The first replication's work, case by case (what an event log of the run holds).
    public func trace() -> SimulationTrace {
        var first = Replication(
            plan: plan, seed: Self.seed(options.seed, replication: 0), horizon: options.horizon.seconds,
            warmUp: options.warmUp.seconds, drain: options.drainLimit.seconds, recordsTrace: true)
        return first.run().trace
    }

    func replication(_ index: Int) -> ReplicationTally {
        var replication = Replication(
            plan: plan, seed: Self.seed(options.seed, replication: index), horizon: options.horizon.seconds,
            warmUp: options.warmUp.seconds, drain: options.drainLimit.seconds, recordsTrace: false)
        return replication.run()
    }

    private func report(_ tallies: [ReplicationTally]) -> SimulationReport {
        SimulationReport(plan: plan, blueprintID: blueprint.id, options: options, tallies: tallies)
    }

    /// Replication k's seed: a SplitMix64 step from the run's seed, so streams do not overlap in practice.
    static func seed(_ seed: UInt64, replication: Int) -> UInt64 {
        var mixer = SplitMix64(seed: seed &+ UInt64(replication) &* 0x9E37_79B9_7F4A_7C15)
        return mixer.next()
    }
}
