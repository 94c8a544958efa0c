import Testing
@testable import ServiceBlueprint

@Suite("Capacity: Monte Carlo lead-time distribution")
struct MonteCarloTests {
    private func step(_ id: String, _ time: ProcessTime, kind: StepKind = .action, actor: String? = nil) -> Step {
        Step(id: id, title: id, lane: .backstage, stage: "s", actor: actor, kind: kind, duration: time)
    }

    @Test func sameSeedSameNumbersDifferentSeedDifferentNumbers() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let first = try #require(capacity.leadTimeDistribution(journey: "support", iterations: 2_000, seed: 42))
        let again = try #require(capacity.leadTimeDistribution(journey: "support", iterations: 2_000, seed: 42))
        let other = try #require(capacity.leadTimeDistribution(journey: "support", iterations: 2_000, seed: 43))
        #expect(first == again)
        #expect(first.meanSeconds != other.meanSeconds)
        #expect(first.p90Seconds != other.p90Seconds || first.p95Seconds != other.p95Seconds)
        #expect(first.p50Seconds <= first.p90Seconds && first.p90Seconds <= first.p95Seconds)
        #expect(first.minimumSeconds <= first.p50Seconds && first.p95Seconds <= first.maximumSeconds)
    }

    @Test func deterministicBlueprintHasZeroSpreadAtTheCriticalPath() throws {
        // Fixed times, a parallel split and a join, waits before steps, no branches, no queues.
        let blueprint = Blueprint(
            id: "fixed",
            journeys: [Journey(id: "j", start: "a", target: JourneyTarget(leadTime: .minutes(30), attainment: 0.9))],
            steps: [
                step("a", ProcessTime(.minutes(3))),
                Step(id: "b", title: "b", lane: .backstage, stage: "s", duration: ProcessTime(.seconds(437.3)),
                     waitBefore: .seconds(61.7)),
                step("c", ProcessTime(.minutes(2))),
                step("d", ProcessTime(.seconds(0.1))),
            ],
            flows: [Flow(from: "a", to: "b"), Flow(from: "a", to: "c"), Flow(from: "b", to: "d"), Flow(from: "c", to: "d")])
        let capacity = CapacityAnalysis(blueprint)
        let graph = BlueprintGraph(blueprint)
        let criticalPath = graph.longestPath(within: graph.steps(of: blueprint.journeys[0])).length
        let distribution = try #require(capacity.leadTimeDistribution(journey: "j", iterations: 1_000, seed: 7))
        #expect(distribution.standardDeviationSeconds == 0)
        #expect(distribution.minimumSeconds == criticalPath)
        #expect(distribution.maximumSeconds == criticalPath)
        #expect(distribution.meanSeconds == criticalPath)
        #expect(distribution.p50Seconds == criticalPath && distribution.p95Seconds == criticalPath)
        #expect(criticalPath == capacity.journeys[0].leadTimeSeconds)
        #expect(distribution.probabilityOfMeetingTarget == 1)
        #expect(distribution.meetsRequiredAttainment == true)
    }

    @Test func pertBetaSamplesStayInRangeWithThePertMean() throws {
        let blueprint = Blueprint(
            id: "pert", journeys: [Journey(id: "j", start: "x", target: JourneyTarget(leadTime: .minutes(9)))],
            steps: [step("x", ProcessTime(min: .minutes(5), likely: .minutes(8), max: .minutes(17)))])
        let d = try #require(CapacityAnalysis(blueprint).leadTimeDistribution(journey: "j", iterations: 40_000, seed: 1))
        #expect(d.minimumSeconds >= 300 && d.maximumSeconds <= 1_020)
        // PERT mean (5 + 32 + 17) / 6 = 9 min; standard deviation of PERT-beta here is about 1.97 min,
        // so the mean of 40 000 samples is within 0.05 min with overwhelming probability.
        #expect(abs(d.meanSeconds - 540) < 3)
        #expect(d.standardDeviationSeconds > 100 && d.standardDeviationSeconds < 130)
        // Skewed right: the median is below the mean.
        #expect(d.p50Seconds < d.meanSeconds)
        let met = try #require(d.probabilityOfMeetingTarget)
        #expect(met > 0.45 && met < 0.65)
    }

    @Test func exclusiveBranchesAreTakenWithTheirProbabilities() throws {
        let blueprint = Blueprint(
            id: "branches", journeys: [Journey(id: "j", start: "d", target: JourneyTarget(leadTime: .minutes(5)))],
            steps: [step("d", ProcessTime(.zero), kind: .decision), step("short", ProcessTime(.minutes(1))),
                    step("long", ProcessTime(.minutes(10)))],
            flows: [Flow(from: "d", to: "short", probability: 0.7), Flow(from: "d", to: "long", probability: 0.3)])
        let d = try #require(CapacityAnalysis(blueprint).leadTimeDistribution(journey: "j", iterations: 20_000, seed: 3))
        #expect(d.p50Seconds == 60)
        #expect(d.p95Seconds == 600)
        let met = try #require(d.probabilityOfMeetingTarget)
        #expect(abs(met - 0.7) < 0.02)
        #expect(abs(d.meanSeconds - (0.7 * 60 + 0.3 * 600)) < 6)
    }

    @Test func reworkLoopsRepeatTheirRegion() throws {
        // a → b, rework b → a with 0.5: rounds are geometric, mean 1 / (1 − 0.5) = 2 → 2 × 2 min.
        let blueprint = Blueprint(
            id: "rework", journeys: [Journey(id: "j", start: "a")],
            steps: [step("a", ProcessTime(.minutes(1))), step("b", ProcessTime(.minutes(1)), kind: .check)],
            flows: [Flow(from: "a", to: "b"), Flow(from: "b", to: "a", kind: .rework, probability: 0.5)])
        let d = try #require(CapacityAnalysis(blueprint).leadTimeDistribution(journey: "j", iterations: 20_000, seed: 5))
        #expect(d.minimumSeconds == 120)
        #expect(abs(d.meanSeconds - 240) < 8)
        #expect(d.p50Seconds == 120 || d.p50Seconds == 240)
    }

    @Test func queueingWaitsFollowErlangC() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let withQueues = try #require(capacity.leadTimeDistribution(journey: "support", iterations: 40_000, seed: 11))
        let without = try #require(
            capacity.leadTimeDistribution(journey: "support", iterations: 40_000, seed: 11, includeQueueing: false))
        // Every customer meets the agent queue at `answer`, half of them again at `fix`:
        // the mean grows by 1.5 × Wq = 1.5 × 642.66 s.
        let expected = 1.5 * 642.66139657444
        #expect(abs((withQueues.meanSeconds - without.meanSeconds) - expected) < 0.05 * expected)
        #expect(withQueues.includesQueueing && !without.includesQueueing)
    }

    @Test func unstableQueueGivesInfiniteLeadTimes() throws {
        let d = try #require(CapacityAnalysis(helpdesk(demand: .perDay(80))).leadTimeDistribution(journey: "support", iterations: 100))
        #expect(d.meanSeconds == .infinity)
        #expect(d.p50Seconds == .infinity)
        #expect(d.probabilityOfMeetingTarget == 0)
        #expect(CapacityAnalysis(helpdesk()).leadTimeDistribution(journey: "ghost") == nil)
    }
}
