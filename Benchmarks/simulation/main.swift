// simulation-bench: the discrete-event simulation's speed (issue 17).
//
//   swift build -c release --product simulation-bench
//   .build/release/simulation-bench            # both cases
//   .build/release/simulation-bench mmc [customers]       # M/M/c only, prints events/s (compare.sh uses it)
//   .build/release/simulation-bench year [replications]   # the year case only
//
// 1. One M/M/c station (c = 10, ρ = 0.9, exponential times), one replication on one core:
//    simulated events per second.
// 2. A year of a 200-step blueprint at 500 cases a day, 10 replications on every core: wall time.
import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// Wall and CPU seconds (all threads of the process) of `body`; CPU time depends less on what
/// else runs on the shared machine.
func seconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuNow()
    body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuNow() - cpuStart)
}

/// M/M/c: 10 agents, 1-minute mean service, 540 calls an hour (ρ = 0.9).
func mmcBlueprint(customers: Int) -> (Blueprint, BlueprintDuration) {
    var blueprint = Blueprint(
        id: "mmc", stages: [Stage(id: "s")], actors: [Actor(id: "agent", capacity: 10)],
        journeys: [Journey(id: "call", start: "answer", demand: .perHour(540))],
        steps: [Step(id: "answer", title: "Answer", lane: .frontstage, stage: "s", actor: "agent", duration: ProcessTime(.minutes(1)))])
    blueprint.simulation.serviceTimes = [ServiceTimeRule(distribution: .exponential)]
    return (blueprint, .hours(Double(customers) / 540))
}

/// 40 blocks of 5 steps: a decision, three exclusive branches, and a system step that every case
/// passes; every fourth block's first branch is worked by one of five staffed teams (the queues), the
/// rest by unlimited actors. A case visits 80 steps, 10 of them at a queue on average.
func yearBlueprint() -> Blueprint {
    var steps: [Step] = []
    var flows: [Flow] = []
    let teams = (0..<5).map { Actor(id: "team-\($0)", capacity: 6) }
    let actors = teams + [Actor(id: "clerk"), Actor(id: "system", kind: .system)]
    let estimate = ProcessTime(min: .minutes(2), likely: .minutes(5), max: .minutes(12))
    for block in 0..<40 {
        let decision = "d\(block)", branches = ["a\(block)", "b\(block)", "c\(block)"], system = "s\(block)"
        steps.append(Step(id: decision, title: decision, lane: .backstage, stage: "work", actor: "clerk", kind: .decision, duration: estimate))
        for (k, branch) in branches.enumerated() {
            let actor = k == 0 && block % 4 == 0 ? "team-\(block / 4 % 5)" : "clerk"
            steps.append(Step(id: branch, title: branch, lane: .backstage, stage: "work", actor: actor, duration: estimate))
            flows.append(Flow(from: decision, to: branch, probability: k == 0 ? 0.5 : 0.25))
            flows.append(Flow(from: branch, to: system))
        }
        steps.append(Step(id: system, title: system, lane: .support, stage: "work", actor: "system", kind: .automated, duration: ProcessTime(.seconds(30))))
        if block + 1 < 40 { flows.append(Flow(from: system, to: "d\(block + 1)")) }
    }
    return Blueprint(
        id: "year", stages: [Stage(id: "work")], actors: actors,
        journeys: [Journey(id: "case", start: "d0", demand: .perDay(500), target: JourneyTarget(leadTime: .hours(24)))],
        steps: steps, flows: flows)
}

let which = CommandLine.arguments.dropFirst().first ?? "all"
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
print("load average: \(load); processors: \(ProcessInfo.processInfo.activeProcessorCount)")

if which == "all" || which == "mmc" {
    let customers = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 2_000_000
    let (blueprint, horizon) = mmcBlueprint(customers: customers)
    let simulation = Simulation(blueprint, options: .init(horizon: horizon, warmUp: .zero, replications: 1, parallelism: 1))
    var report: SimulationReport?
    let time = seconds { report = simulation.runSequentially() }
    let events = report?.events ?? 0
    let wait = report?.stations.first?.meanWait?.mean ?? .nan
    print(String(format: "mmc: %d customers, %d events in %.3f s = %.2f M events/s on one core (%.3f s CPU, mean wait %.2f s)",
                 customers, events, time.wall, Double(events) / time.wall / 1e6, time.cpu, wait))
}

if which == "all" || which == "year" {
    let replications = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 10
    let simulation = Simulation(yearBlueprint(), options: .init(horizon: .days(365), warmUp: .days(7), replications: replications))
    var report: SimulationReport?
    let time = seconds {
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        Task.detached {
            box.report = await simulation.run()
            done.signal()
        }
        done.wait()
        report = box.report
    }
    let journey = report?.journeys.first
    print(String(format: "year: 200 steps, 500 cases/day, 365 days, %d replications: %.2f s wall, %.2f s CPU, %d events, %.0f cases/replication, P50 lead time %.1f min (95 %% CI %.1f–%.1f)",
                 replications, time.wall, time.cpu, report?.events ?? 0, journey?.arrivals?.mean ?? 0, (journey?.leadTimeP50?.mean ?? 0) / 60,
                 (journey?.leadTimeP50?.lower ?? 0) / 60, (journey?.leadTimeP50?.upper ?? 0) / 60))
}

final class Box: @unchecked Sendable {
    var report: SimulationReport?
}
