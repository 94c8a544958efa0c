import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

/// The simulation against queueing theory: each closed-form value must lie in the 99 % confidence
/// interval of the replications.
@Suite("Simulation against queueing theory")
struct QueueTheoryTests {
    @Test(
        "M/M/c: mean wait, utilization and P(wait) match Erlang C",
        arguments: [(30.0, 60.0, 1), (144.0, 60.0, 3), (570.0, 60.0, 10)])
    func erlangC(arrivalsPerHour: Double, servicesPerHour: Double, servers: Int) async {
        let blueprint = Station.blueprint(arrivalsPerHour: arrivalsPerHour, serviceSeconds: 3_600 / servicesPerHour, servers: servers)
        let options = SimulationOptions(horizon: .hours(100), warmUp: .hours(5), replications: 10, seed: 42, confidence: 0.99)
        let report = await Simulation(blueprint, options: options).run()
        let theory = MMcQueue(arrivalRate: arrivalsPerHour, serviceRate: servicesPerHour, servers: servers)
        let station = report.stations[0]
        let wait = station.meanWait?.scaled(by: 1 / 3_600)
        #expect(wait?.contains(theory.expectedWait) == true, "Wq \(theory.expectedWait) h, simulated \(String(describing: wait))")
        #expect(station.utilization?.contains(theory.utilization) == true, "ρ \(theory.utilization), simulated \(String(describing: station.utilization))")
        #expect(
            station.probabilityOfWaiting?.contains(theory.probabilityOfWaiting) == true,
            "C \(theory.probabilityOfWaiting), simulated \(String(describing: station.probabilityOfWaiting))")
    }

    @Test("M/M/c+M: the abandonment rate matches Erlang-A (Palm)", arguments: [(330.0, 5, 120.0), (100.0, 2, 300.0)])
    func erlangA(arrivalsPerHour: Double, servers: Int, meanPatienceSeconds: Double) async {
        var blueprint = Station.blueprint(arrivalsPerHour: arrivalsPerHour, serviceSeconds: 60, servers: servers)
        blueprint.steps[0].waitPoint = WaitPoint()
        blueprint.simulation.patience = [PatienceRule(patience: .exponential(mean: .seconds(meanPatienceSeconds)))]
        let options = SimulationOptions(horizon: .hours(80), warmUp: .hours(2), replications: 10, seed: 7, confidence: 0.99)
        let report = await Simulation(blueprint, options: options).run()
        let theory = ErlangA(lambda: arrivalsPerHour / 3_600, mu: 1.0 / 60, servers: servers, theta: 1 / meanPatienceSeconds)
        let abandonment = report.journeys[0].abandonment
        #expect(abandonment?.contains(theory.abandonment) == true, "P(ab) \(theory.abandonment), simulated \(String(describing: abandonment))")
        #expect(abandonment.map { $0.mean > 0.01 } == true)
    }

    @Test("non-preemptive priorities: each class's mean time in system matches Cobham's formula")
    func priorities() async {
        var blueprint = Station.blueprint(arrivalsPerHour: 54, serviceSeconds: 60, servers: 1)
        blueprint.simulation.segments = [
            CustomerSegment(id: "premium", share: 0.5, priority: 1), CustomerSegment(id: "standard", share: 0.5, priority: 2),
        ]
        let options = SimulationOptions(horizon: .hours(150), warmUp: .hours(5), replications: 10, seed: 3, confidence: 0.99)
        let report = await Simulation(blueprint, options: options).run()
        // M/M/1 with two classes: W0 = λ E[S²] / 2; W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)).
        let lambda = 54.0 / 3_600, service = 60.0
        let w0 = lambda * 2 * service * service / 2
        let rho1 = lambda / 2 * service, rho = lambda * service
        let premium = w0 / (1 - rho1) + service
        let standard = w0 / ((1 - rho1) * (1 - rho)) + service
        let simulated = report.segments.map(\.leadTimeMean)
        #expect(simulated[0]?.contains(premium) == true, "premium \(premium) s, simulated \(String(describing: simulated[0]))")
        #expect(simulated[1]?.contains(standard) == true, "standard \(standard) s, simulated \(String(describing: simulated[1]))")
        #expect((simulated[0]?.upper ?? .infinity) < (simulated[1]?.lower ?? 0))
    }
}

/// A single M/M/c station: one journey, one step, exponential service.
enum Station {
    static func blueprint(arrivalsPerHour: Double, serviceSeconds: Double, servers: Int) -> Blueprint {
        var blueprint = Blueprint(
            id: "station", stages: [Stage(id: "serve")],
            actors: [Actor(id: "agent", capacity: servers)],
            journeys: [Journey(id: "call", start: "answer", demand: .perHour(arrivalsPerHour))],
            steps: [Step(id: "answer", title: "Answer", lane: .frontstage, stage: "serve", actor: "agent", duration: ProcessTime(.seconds(serviceSeconds)))])
        blueprint.simulation.serviceTimes = [ServiceTimeRule(distribution: .exponential)]
        return blueprint
    }
}

/// The M/M/c+M (Erlang-A, Palm) queue's abandonment probability from its birth-death chain.
struct ErlangA {
    let abandonment: Double

    init(lambda: Double, mu: Double, servers c: Int, theta: Double) {
        // p_n ∝ λ^n / (n! μ^n) for n ≤ c; beyond, each step divides by cμ + (n − c)θ.
        var terms: [Double] = [1]
        var n = 0
        while n < 100_000 {
            let rate = n < c ? Double(n + 1) * mu : Double(c) * mu + Double(n + 1 - c) * theta
            let next = terms[n] * lambda / rate
            terms.append(next)
            n += 1
            if n > c, next < 1e-16 * terms.reduce(0, +) { break }
        }
        let total = terms.reduce(0, +)
        var queue = 0.0
        for (k, p) in terms.enumerated() where k > c { queue += Double(k - c) * p / total }
        abandonment = theta * queue / lambda
    }
}
