import Testing
@testable import ServiceBlueprint

/// Expected values come from this Python script, which uses only the textbook formula in exact
/// rational arithmetic (no Erlang B recursion), so it checks the Swift recursion independently:
///
/// ```python
/// from fractions import Fraction as F
/// from math import factorial
/// def erlang_c(lam, mu, c):
///     lam, mu = F(lam), F(mu)
///     a = lam / mu
///     if a >= c: return None                      # unstable
///     top = a**c / factorial(c) * F(c) / (c - a)
///     bottom = sum(a**k / factorial(k) for k in range(c)) + top
///     C = top / bottom                            # probability of waiting
///     Wq = C / (c * mu - lam)                     # expected wait
///     return float(C), float(Wq), float(lam * Wq) # and Lq = lam * Wq
/// ```
@Suite("Queueing: M/M/c with Erlang C")
struct QueueingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let lambda: Double, mu: Double, servers: Int
        let waitProbability: Double, wait: Double, queueLength: Double
        var testDescription: String { "λ=\(lambda) μ=\(mu) c=\(servers)" }
    }

    static let cases: [Case] = [
        Case(lambda: 2, mu: 3, servers: 1,
             waitProbability: 0.6666666666666666, wait: 0.6666666666666666, queueLength: 1.3333333333333333),
        Case(lambda: 100, mu: 12, servers: 10,
             waitProbability: 0.48761060800593, wait: 0.0243805304002965, queueLength: 2.43805304002965),
        Case(lambda: 50, mu: 1, servers: 55,
             waitProbability: 0.38454731793292857, wait: 0.07690946358658571, queueLength: 3.8454731793292853),
        Case(lambda: 3.5, mu: 0.5, servers: 8,
             waitProbability: 0.6353160175364294, wait: 1.2706320350728588, queueLength: 4.447212122755006),
        Case(lambda: 450, mu: 0.5, servers: 1_000,
             waitProbability: 0.0005926699663787812, wait: 1.1853399327575625e-05, queueLength: 0.005334029697409031),
        Case(lambda: 1_950, mu: 1, servers: 2_000,
             waitProbability: 0.1786750682327352, wait: 0.003573501364654704, queueLength: 6.968327661076673),
    ]

    @Test(arguments: cases)
    func matchesTheFormula(_ c: Case) {
        let queue = MMcQueue(arrivalRate: c.lambda, serviceRate: c.mu, servers: c.servers)
        #expect(queue.isStable)
        #expect(abs(queue.probabilityOfWaiting - c.waitProbability) < 1e-9)
        #expect(abs(queue.expectedWait - c.wait) < 1e-9)
        #expect(abs(queue.expectedQueueLength - c.queueLength) < 1e-9)
        #expect(abs(queue.utilization - c.lambda / (c.mu * Double(c.servers))) < 1e-12)
    }

    @Test func unstableQueueHasInfiniteWait() {
        // λ = 12, μ = 1, c = 10: ρ = 1.2 (the script returns None).
        let queue = MMcQueue(arrivalRate: 12, serviceRate: 1, servers: 10)
        #expect(!queue.isStable)
        #expect(abs(queue.utilization - 1.2) < 1e-12)
        #expect(queue.probabilityOfWaiting == 1)
        #expect(queue.expectedWait == .infinity)
        #expect(queue.expectedQueueLength == .infinity)
        // Exactly at ρ = 1 the queue is unstable too.
        #expect(!MMcQueue(arrivalRate: 3, serviceRate: 1, servers: 3).isStable)
    }

    @Test func degenerateInputsDoNotTrap() {
        #expect(MMcQueue(arrivalRate: 0, serviceRate: 1, servers: 1).expectedWait == 0)
        #expect(!MMcQueue(arrivalRate: 1, serviceRate: 1, servers: 0).isStable)
        #expect(!MMcQueue(arrivalRate: 1, serviceRate: 0, servers: 4).isStable)
        #expect(MMcQueue(arrivalRate: -.infinity, serviceRate: .nan, servers: 2).isStable)
        #expect(MMcQueue.erlangB(servers: 0, offeredLoad: 5) == 1)
        #expect(MMcQueue.erlangC(servers: 5, offeredLoad: 0) == 0)
    }

    @Test func erlangBRecursionStaysFiniteForThousandsOfServers() {
        let b = MMcQueue.erlangB(servers: 5_000, offeredLoad: 4_900)
        #expect(b.isFinite && b > 0 && b < 1)
        let c = MMcQueue.erlangC(servers: 5_000, offeredLoad: 4_900)
        #expect(c.isFinite && c > b && c < 1)
    }
}

@Suite("Queueing: absurd input")
struct QueueingRobustnessTests {
    @Test func infiniteArrivalsAreUnstableAndHugeCapacitiesAreCheap() {
        #expect(!MMcQueue(arrivalRate: .infinity, serviceRate: 1, servers: 10).isStable)
        // Erlang B stops once it underflows instead of looping a billion times.
        let big = MMcQueue(arrivalRate: 10, serviceRate: 1, servers: 1_000_000_000)
        #expect(big.isStable && big.probabilityOfWaiting == 0 && big.expectedWait == 0)
    }

    @Test func capacityAnalysisSurvivesAbsurdNumbers() {
        var blueprint = helpdesk(demand: .perDay(1e300), agents: Int.max)
        blueprint.actors[1].hours = WorkingHours(perDay: -3, daysPerWeek: .nan)
        blueprint.steps[1].duration = ProcessTime(min: .seconds(.infinity), likely: .minutes(3), max: .minutes(1))
        blueprint.flows[1].probability = .nan
        let capacity = CapacityAnalysis(blueprint)
        #expect(capacity.whatIfAddingServer(to: "agent") == nil)
        _ = Analyzer(rules: RuleRegistry.capacity).analyze(blueprint)
        _ = capacity.leadTimeDistribution(journey: "support", iterations: 10)
        let nothing = CapacityAnalysis(helpdesk(demand: .init(arrivals: .infinity, per: .day)))
        #expect(nothing.actor("agent")?.offeredLoad == 0)
    }
}
