import Testing
@testable import ServiceBlueprint

/// A helpdesk: the customer calls, an agent (2 servers, 8 h × 5 days) answers, half the cases need
/// a fix by the same agent team, a system logs every case (unlimited capacity).
///
/// Hand-computed with demand 48/day: answer 48 / 8 h = 6/h × 10 min, fix 0.5 × 6 = 3/h × PERT mean
/// (5 + 4·8 + 17)/6 = 9 min → offered load 1 + 0.45 = 1.45 Erlangs on 2 servers, utilization 0.725.
func helpdesk(demand: Demand = .perDay(48), agents: Int = 2) -> Blueprint {
    Blueprint(
        id: "helpdesk",
        actors: [
            Actor(id: "customer", kind: .customer),
            Actor(id: "agent", capacity: agents, hours: WorkingHours(perDay: 8, daysPerWeek: 5)),
            Actor(id: "crm", kind: .system),
        ],
        journeys: [Journey(id: "support", start: "call", demand: demand, target: JourneyTarget(leadTime: .minutes(30)))],
        steps: [
            Step(id: "call", title: "Customer calls", lane: .customer, stage: "s", actor: "customer",
                 duration: ProcessTime(.minutes(2))),
            Step(id: "answer", title: "Agent answers", lane: .frontstage, stage: "s", actor: "agent", kind: .decision,
                 duration: ProcessTime(.minutes(10))),
            Step(id: "fix", title: "Agent fixes", lane: .backstage, stage: "s", actor: "agent",
                 duration: ProcessTime(min: .minutes(5), likely: .minutes(8), max: .minutes(17))),
            Step(id: "log", title: "CRM logs the case", lane: .support, stage: "s", actor: "crm", kind: .automated,
                 duration: ProcessTime(.minutes(1))),
        ],
        flows: [
            Flow(from: "call", to: "answer"),
            Flow(from: "answer", to: "fix", probability: 0.5),
            Flow(from: "answer", to: "log", probability: 0.5),
            Flow(from: "fix", to: "log"),
        ])
}

@Suite("Capacity: load, utilization, lead time, what-if")
struct CapacityTests {
    @Test func utilizationFromDailyDemandOverWorkingHours() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let agent = try #require(capacity.actor("agent"))
        #expect(agent.isQueue)
        #expect(abs(agent.arrivalsPerHour - 9) < 1e-12)
        #expect(abs(agent.offeredLoad - 1.45) < 1e-12)
        #expect(abs((agent.utilization ?? 0) - 0.725) < 1e-12)
        // Python (same exact formula as QueueingTests): C(2, 1.45) = 0.6094202898550725,
        // Wq = C · E[S] / (c − a) with E[S] = 1.45 · 3600 / 9 s = 642.66139657444 s.
        #expect(abs(agent.probabilityOfWaiting - 0.6094202898550725) < 1e-9)
        #expect(abs(agent.expectedWaitSeconds - 642.66139657444) < 1e-9)
        #expect(abs(agent.meanServiceSeconds - 580) < 1e-9)
        #expect(agent.steps == ["answer", "fix", ])
        #expect(abs((capacity.step("answer")?.utilization ?? 0) - 0.5) < 1e-12)
        #expect(abs((capacity.step("fix")?.arrivalsPerHour ?? 0) - 3) < 1e-12)

        // The customer and a system without capacity are not queues.
        #expect(capacity.actor("customer")?.isQueue == false)
        #expect(capacity.actor("crm")?.utilization == nil)
        #expect(capacity.step("log")?.queueWaitSeconds == 0)
        // A CRM step runs around the clock: 48 per day over 24 h.
        #expect(abs((capacity.step("log")?.arrivalsPerHour ?? 0) - 2) < 1e-12)
        #expect(capacity.bottleneck?.actorID == "agent")
    }

    @Test func weeklyAndHourlyDemandGiveTheSameLoadWhenEquivalent() {
        // 240 per week over 8 h × 5 days = 6 per hour = 48 per working day.
        let weekly = CapacityAnalysis(helpdesk(demand: .perWeek(240))).actor("agent")?.utilization
        let hourly = CapacityAnalysis(helpdesk(demand: .perHour(6))).actor("agent")?.utilization
        #expect(abs((weekly ?? 0) - 0.725) < 1e-12)
        #expect(abs((hourly ?? 0) - 0.725) < 1e-12)
    }

    @Test func leadTimeAddsQueueingWaitsOnTheCriticalPath() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let support = try #require(capacity.journey("support"))
        // call 2 + answer 10 + fix 8 (likely) + log 1 = 21 min; answer and fix each wait Wq.
        #expect(support.leadTimeSeconds == 21 * 60)
        #expect(abs(support.leadTimeWithQueueingSeconds - (21 * 60 + 2 * 642.66139657444)) < 1e-6)
        #expect(support.criticalPath == ["call", "answer", "fix", "log"])
        #expect(support.isStable)
    }

    @Test func leadTimeLeavesOutBranchesTheJourneyNeverTakes() throws {
        var blueprint = helpdesk()
        // This journey never needs the fix: 2 + 10 + 1 = 13 min, and only `answer` queues.
        blueprint.journeys[0].branchProbabilities = ["answer->fix": 0, "answer->log": 1]
        let support = try #require(CapacityAnalysis(blueprint).journey("support"))
        #expect(support.visits(to: "fix") == 0)
        #expect(support.leadTimeSeconds == 13 * 60)
        #expect(support.criticalPath == ["call", "answer", "log"])
    }

    @Test func throughputCeilingIsTheDemandThatSaturatesTheFirstQueue() throws {
        let support = try #require(CapacityAnalysis(helpdesk()).journey("support"))
        // 2 servers ÷ (1.45 Erlangs per 48 arrivals/day) = 96 / 1.45 per day.
        #expect(abs((support.throughputCeiling ?? 0) - 96 / 1.45) < 1e-9)
        #expect(support.ceilingPeriod == .day)
        #expect(support.limitingActorID == "agent")
        #expect(abs((support.headroom ?? 0) - 2 / 1.45) < 1e-12)
        // At the ceiling the agent's utilization is 1.
        let saturated = CapacityAnalysis(helpdesk(demand: .perDay(96 / 1.45))).actor("agent")
        #expect(abs((saturated?.utilization ?? 0) - 1) < 1e-12)
        #expect(saturated?.isStable == false)
    }

    @Test func unstableQueueMakesTheJourneyUnstable() throws {
        let capacity = CapacityAnalysis(helpdesk(demand: .perDay(80)))
        #expect(capacity.unstableActors.map(\.actorID) == ["agent"])
        #expect(capacity.actor("agent")?.expectedWaitSeconds == .infinity)
        let support = try #require(capacity.journey("support"))
        #expect(support.leadTimeWithQueueingSeconds == .infinity)
        #expect(!support.isStable)
        #expect(support.throughputCeiling.map { $0 < 80 } == true)
    }

    @Test func whatIfAddingAServer() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let whatIf = try #require(capacity.whatIfAddingServer(to: "agent"))
        #expect(whatIf.change == .addServers(actor: "agent", count: 1))
        let agent = try #require(whatIf.actors.first)
        #expect(whatIf.actors.count == 1)
        #expect(agent.serversBefore == 2 && agent.serversAfter == 3)
        #expect(abs((agent.utilizationAfter ?? 0) - 1.45 / 3) < 1e-12)
        // Python: C(3, 1.45) = 0.21928609962237008, Wq = 82.05544372966106 s.
        #expect(abs(agent.waitAfterSeconds - 82.05544372966106) < 1e-9)
        let journey = try #require(whatIf.journeys.first)
        #expect(abs(journey.savedSeconds - 2 * (642.66139657444 - 82.05544372966106)) < 1e-6)
        #expect(abs((journey.throughputCeilingAfter ?? 0) - 144 / 1.45) < 1e-9)
        #expect(capacity.whatIfAddingServer(to: "crm") == nil)
        #expect(capacity.whatIfAddingServer(to: "nobody") == nil)
        #expect(capacity.whatIfAddingServerToBusyActors().isEmpty)
        let busy = CapacityAnalysis(helpdesk(demand: .perDay(80))).whatIfAddingServerToBusyActors()
        #expect(busy.map(\.change) == [.addServers(actor: "agent", count: 1)])
        #expect(busy.first?.journeys.first?.leadTimeAfterSeconds.isFinite == true)
    }

    @Test func whatIfMovingAStep() throws {
        let capacity = CapacityAnalysis(helpdesk())
        let whatIf = try #require(capacity.whatIfMoving(step: "fix", to: "crm"))
        let agent = try #require(whatIf.actors.first { $0.actorID == "agent" })
        #expect(abs((agent.utilizationAfter ?? 0) - 0.5) < 1e-12)
        // Python: C(2, 1) = 1/3, Wq = 1/3 · 600 / (2 − 1) = 200 s.
        #expect(abs(agent.waitAfterSeconds - 200) < 1e-9)
        // The fix no longer queues; the answer waits 200 s instead of 642.66 s.
        let journey = try #require(whatIf.journeys.first)
        #expect(abs(journey.leadTimeAfterSeconds - (21 * 60 + 200)) < 1e-6)
        #expect(whatIf.result.step("fix")?.actorID == "crm")
        #expect(capacity.whatIfMoving(step: "ghost", to: "crm") == nil)
        #expect(capacity.whatIfMoving(step: "fix", to: "ghost") == nil)
    }
}

@Suite("Capacity: visit rates")
struct CapacityVisitTests {
    private func step(_ id: String, _ kind: StepKind = .action) -> Step {
        Step(id: id, title: id, lane: .backstage, stage: "s", kind: kind, duration: ProcessTime(.minutes(1)))
    }

    private func visits(_ blueprint: Blueprint) -> [String: Double] {
        let journey = CapacityAnalysis(blueprint).journeys[0]
        return Dictionary(uniqueKeysWithValues: journey.visits.map { ($0.stepID, $0.visits) })
    }

    @Test func exclusiveBranchesAndAReworkLoop() {
        // a → b (decision) → c 0.3 | d 0.7 → e → f; rework f → d with 0.2.
        // Hand-computed: c = 0.3, d = 0.7 before rework; e = f = 1 (the branches add up).
        // The loop repeats d, e, f: 1 / (1 − 0.2) = 1.25 times → d 0.875, e 1.25, f 1.25.
        let blueprint = Blueprint(
            id: "loop", journeys: [Journey(id: "j", start: "a")],
            steps: [step("a"), step("b", .decision), step("c"), step("d"), step("e"), step("f", .check)],
            flows: [
                Flow(from: "a", to: "b"), Flow(from: "b", to: "c", probability: 0.3),
                Flow(from: "b", to: "d", probability: 0.7), Flow(from: "c", to: "e"), Flow(from: "d", to: "e"),
                Flow(from: "e", to: "f"), Flow(from: "f", to: "d", kind: .rework, probability: 0.2),
            ])
        let v = visits(blueprint)
        let expected = ["a": 1, "b": 1, "c": 0.3, "d": 0.875, "e": 1.25, "f": 1.25]
        for (id, value) in expected { #expect(abs((v[id] ?? -1) - value) < 1e-12, "\(id)") }
    }

    @Test func journeyBranchProbabilitiesOverrideTheFlows() {
        var blueprint = Blueprint(
            id: "override", journeys: [Journey(id: "j", start: "a", branchProbabilities: ["a->b": 0.9])],
            steps: [step("a"), step("b"), step("c")],
            flows: [Flow(from: "a", to: "b", probability: 0.4), Flow(from: "a", to: "c")])
        // b 0.9 from the journey, c gets the rest.
        #expect(abs((visits(blueprint)["c"] ?? -1) - 0.1) < 1e-12)
        blueprint.journeys[0].branchProbabilities = [:]
        #expect(abs((visits(blueprint)["c"] ?? -1) - 0.6) < 1e-12)
    }

    @Test func decisionsWithoutProbabilitiesSplitEvenlyOtherStepsRunInParallel() {
        let decision = Blueprint(
            id: "even", journeys: [Journey(id: "j", start: "a")],
            steps: [step("a", .decision), step("b"), step("c"), step("d"), step("join")],
            flows: [
                Flow(from: "a", to: "b"), Flow(from: "a", to: "c"), Flow(from: "a", to: "d"),
                Flow(from: "b", to: "join"), Flow(from: "c", to: "join"), Flow(from: "d", to: "join"),
            ])
        let even = visits(decision)
        #expect(abs((even["b"] ?? -1) - 1.0 / 3) < 1e-12)
        #expect(abs((even["join"] ?? -1) - 1) < 1e-12)

        var parallel = decision
        parallel.steps[0].kind = .action
        let all = visits(parallel)
        // Every branch runs; the join runs once, not three times.
        #expect(all["b"] == 1 && all["c"] == 1 && all["d"] == 1)
        #expect(abs((all["join"] ?? -1) - 1) < 1e-12)
    }

    @Test func parallelBranchesInsideAnExclusiveBranchJoinOnce() {
        // d decides: 0.4 → p, which runs p1 and p2 in parallel; 0.6 → q. Everything meets at j.
        // Hand-computed: p1 = p2 = 0.4, q = 0.6, j = 0.4 (parallel pair, once) + 0.6 = 1.
        // A parallel branch that may leave (p2 → x 0.5 | j 0.5) joins with probability
        // 1 − (1 − 1)(1 − 0.5) = 1 per run of p.
        let blueprint = Blueprint(
            id: "mixed", journeys: [Journey(id: "j", start: "d")],
            steps: [step("d", .decision), step("p"), step("p1"), step("p2"), step("q"), step("j")],
            flows: [
                Flow(from: "d", to: "p", probability: 0.4), Flow(from: "d", to: "q", probability: 0.6),
                Flow(from: "p", to: "p1"), Flow(from: "p", to: "p2"),
                Flow(from: "p1", to: "j"), Flow(from: "p2", to: "j"), Flow(from: "q", to: "j"),
            ])
        let v = visits(blueprint)
        #expect(abs((v["p1"] ?? -1) - 0.4) < 1e-12)
        #expect(abs((v["q"] ?? -1) - 0.6) < 1e-12)
        #expect(abs((v["j"] ?? -1) - 1) < 1e-12)

        // Only one parallel branch reaches the join half the time: p1 always, p2 → j with 0.5.
        var leaky = blueprint
        leaky.steps.append(step("x"))
        leaky.flows.append(Flow(from: "p2", to: "x", probability: 0.5))
        leaky.flows[5] = Flow(from: "p2", to: "j", probability: 0.5)
        let w = visits(leaky)
        #expect(abs((w["x"] ?? -1) - 0.2) < 1e-12)
        #expect(abs((w["j"] ?? -1) - 1) < 1e-12)
    }

    @Test func reworkWithoutProbabilityUsesTheFailPointThenTheDefault() {
        var check = step("b", .check)
        check.failPoint = FailPoint(risk: "Wrong", likelihood: 0.5)
        var blueprint = Blueprint(
            id: "fp", journeys: [Journey(id: "j", start: "a")], steps: [step("a"), check],
            flows: [Flow(from: "a", to: "b"), Flow(from: "b", to: "a", kind: .rework)])
        #expect(abs((visits(blueprint)["a"] ?? -1) - 2) < 1e-12)
        blueprint.steps[1].failPoint = nil
        #expect(abs((visits(blueprint)["a"] ?? -1) - 1 / 0.9) < 1e-12)
    }

    @Test func journeyEndsAndUnknownStartsAreRespected() {
        let blueprint = Blueprint(
            id: "ends",
            journeys: [Journey(id: "j", start: "a", ends: ["b"]), Journey(id: "ghost", start: "nope", demand: .perHour(5))],
            steps: [step("a"), step("b"), step("c")],
            flows: [Flow(from: "a", to: "b"), Flow(from: "b", to: "c")])
        let capacity = CapacityAnalysis(blueprint)
        #expect(capacity.journeys[0].visits.map(\.stepID) == ["a", "b"])
        #expect(capacity.journeys[1].visits.isEmpty)
        #expect(capacity.journeys[1].leadTimeSeconds == 0)
    }
}
