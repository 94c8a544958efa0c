import Testing
@testable import ServiceBlueprint

@Suite("Analysis metrics")
struct AnalysisMetricsTests {
    /// call (2) → answer (3 wait + 5) → lookup (4) → confirm (2), and answer → ship (60 wait + 30) → confirm.
    static func delivery() -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("call", "Customer calls", .customer, channel: .phone, minutes: 2, value: .valueAdding),
                Fixture.step("answer", "Agent answers", .frontstage, actor: "agent", channel: .phone, minutes: 5, waitMinutes: 3, value: .necessary),
                Fixture.step("lookup", "Agent looks up stock", .backstage, actor: "agent", minutes: 4, value: .necessary),
                Fixture.step(
                    "ship", "Courier delivers", .support, actor: "courier", kind: .transport, minutes: 30, waitMinutes: 60,
                    waitPoint: WaitPoint(tolerance: .hours(2)), value: .valueAdding),
                Fixture.step("confirm", "Agent confirms delivery", .frontstage, actor: "agent", minutes: 2, value: .valueAdding),
            ],
            flows: [
                Flow(from: "call", to: "answer"), Flow(from: "answer", to: "lookup"), Flow(from: "answer", to: "ship", kind: .handoff),
                Flow(from: "lookup", to: "confirm"), Flow(from: "ship", to: "confirm", kind: .handoff),
                Flow(from: "lookup", to: "ship", kind: .information), Flow(from: "confirm", to: "answer", kind: .rework),
            ],
            actors: [Actor(id: "agent", department: "service"), Actor(id: "courier", kind: .partner, department: "logistics")])
    }

    @Test func wholeBlueprintMetricsMatchHandComputation() throws {
        let metrics = BlueprintMetrics(Self.delivery())
        #expect(metrics.stepCount == 5 && metrics.flowCount == 7)
        let whole = try #require(metrics.journeys.first)
        #expect(metrics.journeys.count == 1)
        #expect(whole.journey == nil)
        #expect(whole.title == "Test service")
        #expect(whole.leadTime == .minutes(102))
        #expect(whole.criticalPath == ["call", "answer", "ship", "confirm"])
        #expect(whole.valueAddingTime == .minutes(34))
        #expect(abs(whole.processCycleEfficiency - 34.0 / 102.0) < 1e-12)
        #expect(whole.customerWaitingTime == .minutes(63))
        #expect(whole.touchpoints == 2)
        #expect(whole.handoffsBetweenActors == 2)
        #expect(whole.handoffsBetweenDepartments == 2)
        #expect(whole.lineCrossings == LineCrossings(interaction: 1, visibility: 4, internalInteraction: 2))
        #expect(whole.lineCrossings[.visibility] == 4)
        #expect(whole.unscheduledSteps.isEmpty)
        let lookup = try #require(whole.timings.first { $0.step == "lookup" })
        #expect(lookup == StepTiming(
            step: "lookup", earliestStart: .minutes(10), earliestFinish: .minutes(14), latestStart: .minutes(96),
            latestFinish: .minutes(100), slack: .minutes(86), isCritical: false))
        #expect(whole.timings.filter(\.isCritical).map(\.step) == ["call", "answer", "ship", "confirm"])
        #expect(whole.target == nil && whole.meetsTarget == nil)
    }

    @Test func perJourneyMetrics() throws {
        var blueprint = Self.delivery()
        blueprint.journeys = [
            Journey(id: "order", title: "Order", start: "call", target: JourneyTarget(leadTime: .hours(1))),
            Journey(id: "quick-answer", title: "Quick answer", start: "call", ends: ["answer"]),
        ]
        let metrics = BlueprintMetrics(blueprint)
        #expect(metrics.journeys.map(\.journey) == ["order", "quick-answer"])
        let order = try #require(metrics.journey("order"))
        #expect(order.leadTime == .minutes(102))
        #expect(order.meetsTarget == false)
        let quick = try #require(metrics.journey("quick-answer"))
        #expect(quick.stepCount == 2)
        #expect(quick.leadTime == .minutes(10))
        #expect(quick.criticalPath == ["call", "answer"])
        #expect(quick.lineCrossings == LineCrossings(interaction: 1))
        #expect(quick.handoffsBetweenActors == 0)
    }

    @Test func journeyScenariosFollowTheirBranchOverrides() throws {
        var blueprint = Self.delivery()
        blueprint.flows[1].probability = 0.6  // answer → lookup
        blueprint.flows[2].probability = 0.4  // answer → ship
        blueprint.journeys = [
            Journey(id: "in-stock", title: "In stock", start: "call", branchProbabilities: ["answer->ship": 0, "answer->lookup": 1]),
        ]
        let journey = try #require(BlueprintMetrics(blueprint).journey("in-stock"))
        #expect(journey.stepCount == 4)
        #expect(journey.criticalPath == ["call", "answer", "lookup", "confirm"])
        #expect(journey.leadTime == .minutes(16))
        #expect(journey.handoffsBetweenActors == 0)
    }

    @Test func cyclesAreReportedNotScheduled() throws {
        var blueprint = Self.delivery()
        blueprint.flows.append(Flow(from: "confirm", to: "lookup"))  // a cycle not marked as rework
        let whole = try #require(BlueprintMetrics(blueprint).journeys.first)
        #expect(whole.unscheduledSteps == ["lookup", "confirm"])
        #expect(whole.leadTime == .minutes(100))
    }
}
