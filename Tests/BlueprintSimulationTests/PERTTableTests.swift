import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

/// The samplers against their distributions: Kolmogorov–Smirnov tests on the whole CDF, the first
/// two moments, and the simulation's mean lead time against the PERT means.
@Suite("PERT-beta table sampler")
struct PERTTableTests {
    /// Shapes of PERT estimates (α + β = 6): likely at min, at max, in the middle and in between.
    static let shapes: [(Double, Double)] = [(1, 5), (5, 1), (3, 3), (1.4, 4.6), (2, 4), (4.9, 1.1)]

    @Test("draws pass a Kolmogorov–Smirnov test against Beta(α, β) at the 0.1 % level", arguments: shapes)
    func kolmogorovSmirnov(alpha: Double, beta: Double) {
        let table = PERTTable(alpha: alpha, beta: beta)
        var random = RandomStream(seed: 2026)
        let n = 100_000
        let draws = (0..<n).map { _ in table.sample(&random) }.sorted()
        let cdf = BetaCDF(alpha: alpha, beta: beta)
        var d = 0.0
        for (k, x) in draws.enumerated() {
            let f = cdf(x)
            d = max(d, abs(f - Double(k) / Double(n)), abs(Double(k + 1) / Double(n) - f))
        }
        // Critical value of √n·D at the 0.1 % level: 1.95.
        #expect(d * Double(n).squareRoot() < 1.95, "D = \(d)")
        #expect(draws.first.map { $0 >= 0 } == true && draws.last.map { $0 < 1 } == true)
    }

    @Test("a wrong shape fails the same test (the test can fail)")
    func nearMiss() {
        let table = PERTTable(alpha: 2.2, beta: 3.8)
        var random = RandomStream(seed: 2026)
        let n = 100_000
        let draws = (0..<n).map { _ in table.sample(&random) }.sorted()
        let cdf = BetaCDF(alpha: 2, beta: 4)
        var d = 0.0
        for (k, x) in draws.enumerated() { d = max(d, abs(cdf(x) - Double(k) / Double(n))) }
        #expect(d * Double(n).squareRoot() > 1.95)
    }

    @Test("mean and variance are the beta distribution's", arguments: shapes)
    func moments(alpha: Double, beta: Double) {
        let table = PERTTable(alpha: alpha, beta: beta)
        var random = RandomStream(seed: 7)
        let n = 200_000
        var sum = 0.0, squares = 0.0
        for _ in 0..<n {
            let x = table.sample(&random)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        let s = alpha + beta
        let expectedMean = alpha / s, expectedVariance = alpha * beta / (s * s * (s + 1))
        // Five standard errors.
        #expect(abs(mean - expectedMean) < 5 * (expectedVariance / Double(n)).squareRoot())
        #expect(abs(variance / expectedVariance - 1) < 0.02)
    }

    @Test("the simulation's buffered stream is SeededRandom's, word for word and uniform for uniform")
    func sameStream() {
        var stream = RandomStream(seed: 42), reference = SeededRandom(seed: 42)
        for k in 0..<1_000 {
            switch k % 3 {
            case 0: #expect(stream.next() == reference.next())
            case 1: #expect(stream.uniform() == reference.uniform())
            default: #expect(stream.openUniform() == reference.openUniform())
            }
        }
    }

    @Test("ziggurat exponentials pass a Kolmogorov–Smirnov test, with the mean and the tail beyond r = 7.7")
    func exponential() {
        var random = RandomStream(seed: 9)
        let n = 400_000
        let draws = (0..<n).map { _ in random.exponential(rate: 0.25) / 4 }.sorted()
        var d = 0.0
        for (k, x) in draws.enumerated() {
            let f = -expm1(-x)
            d = max(d, abs(f - Double(k) / Double(n)), abs(Double(k + 1) / Double(n) - f))
        }
        #expect(d * Double(n).squareRoot() < 1.95, "D = \(d)")
        let mean = draws.reduce(0, +) / Double(n)
        #expect(abs(mean - 1) < 5 / Double(n).squareRoot())
        // P(X > 8) = e⁻⁸: about 134 draws come from the tail.
        let tail = Double(draws.filter { $0 > 8 }.count) / Double(n)
        #expect(abs(tail - exp(-8)) < 5 * (exp(-8) / Double(n)).squareRoot())
    }

    @Test("a pipeline of three PERT steps takes the sum of their PERT means on average")
    func pipelineMean() async throws {
        let times = [ProcessTime(min: .minutes(2), likely: .minutes(5), max: .minutes(12)),
                     ProcessTime(min: .minutes(1), likely: .minutes(1), max: .minutes(9)),
                     ProcessTime(min: .minutes(10), likely: .minutes(19), max: .minutes(20))]
        let steps = times.enumerated().map { k, time in
            Step(id: "s\(k)", title: "s\(k)", lane: .backstage, stage: "w", actor: "clerk", duration: time)
        }
        let blueprint = Blueprint(
            id: "p", stages: [Stage(id: "w")], actors: [Actor(id: "clerk")],
            journeys: [Journey(id: "j", start: "s0", demand: .perHour(60))], steps: steps,
            flows: [Flow(from: "s0", to: "s1"), Flow(from: "s1", to: "s2")])
        let options = SimulationOptions(horizon: .hours(200), warmUp: .hours(1), replications: 10, seed: 5, confidence: 0.99)
        let report = await Simulation(blueprint, options: options).run()
        let mean = try #require(report.journeys.first?.leadTimeMean)
        let expected = times.map(\.pertMean.seconds).reduce(0, +)
        #expect(mean.contains(expected), "PERT means \(expected) s, simulated \(mean)")
    }
}

/// The regularized incomplete beta function by the midpoint rule on 200 000 cells (error below 1e-6,
/// far under the test's critical distance 0.006), interpolated linearly.
struct BetaCDF {
    private let cumulative: [Double]

    init(alpha: Double, beta: Double) {
        let m = 200_000
        var values = [Double](repeating: 0, count: m + 1)
        var total = 0.0
        for i in 0..<m {
            let x = (Double(i) + 0.5) / Double(m)
            total += pow(x, alpha - 1) * pow(1 - x, beta - 1)
            values[i + 1] = total
        }
        cumulative = values.map { $0 / total }
    }

    func callAsFunction(_ x: Double) -> Double {
        let m = Double(cumulative.count - 1)
        let position = min(max(x, 0), 1) * m
        let i = min(Int(position), cumulative.count - 2)
        let t = position - Double(i)
        return cumulative[i] + t * (cumulative[i + 1] - cumulative[i])
    }
}
