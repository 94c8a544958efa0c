import Testing
@testable import ServiceBlueprint

/// Small helpers shared by the analysis and rule tests.
enum Fixture {
    /// A step with the fields the rules look at.
    static func step(
        _ id: String, _ title: String, _ lane: Lane, actor: String? = nil, owner: String? = nil, channel: Channel? = nil,
        kind: StepKind = .action, minutes: Double? = nil, waitMinutes: Double? = nil, standards: Standards = .init(),
        failPoint: FailPoint? = nil, waitPoint: WaitPoint? = nil, value: ValueClass? = nil, needs: [String] = [],
        produces: [String] = [], evidence: [String] = []
    ) -> Step {
        Step(
            id: id, title: title, lane: lane, stage: "main", actor: actor, owner: owner, channel: channel, kind: kind,
            duration: minutes.map { ProcessTime(.minutes($0)) }, waitBefore: waitMinutes.map { .minutes($0) },
            standards: standards, failPoint: failPoint, waitPoint: waitPoint, value: value, needs: needs,
            produces: produces, evidence: evidence)
    }

    /// A blueprint with one stage.
    static func blueprint(
        steps: [Step], flows: [Flow] = [], actors: [Actor] = [], information: [InformationItem] = [],
        channels: [ChannelDefinition] = [], journeys: [Journey] = []
    ) -> Blueprint {
        Blueprint(
            id: "test", title: "Test service", stages: [Stage(id: "main")], actors: actors, channels: channels,
            information: information, journeys: journeys, steps: steps, flows: flows)
    }

    /// Sequence flows along the ids.
    static func chain(_ ids: String...) -> [Flow] { zip(ids, ids.dropFirst()).map { Flow(from: $0, to: $1) } }

    /// The findings of one rule alone.
    static func findings(_ rule: any BlueprintRule, _ blueprint: Blueprint) -> [Finding] {
        Analyzer(rules: [rule]).analyze(blueprint).findings
    }

    /// A seeded random DAG with information needs/produces, serial chains and journeys — for
    /// cross-checking fast algorithms against literal re-runs.
    static func random(seed: UInt64, steps count: Int) -> Blueprint {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let lanes: [Lane] = [.customer, .frontstage, .backstage, .backstage, .support]
        var steps: [Step] = []
        var flows: [Flow] = []
        for i in 0..<count {
            let needs = (0..<next(3)).map { _ in "item-\(next(max(1, i)))" }
            steps.append(step(
                "s\(i)", "Step \(i)", lanes[next(lanes.count)], actor: "actor-\(next(4))",
                kind: next(10) == 0 ? .decision : .action, minutes: Double(1 + next(30)),
                waitMinutes: next(3) == 0 ? Double(next(20)) : nil, needs: needs, produces: ["item-\(i)"]))
            if i > 0 {
                // Mostly serial, sometimes forking from an earlier step or joining two.
                flows.append(Flow(from: "s\(next(4) == 0 ? next(i) : i - 1)", to: "s\(i)"))
                if next(6) == 0 { flows.append(Flow(from: "s\(next(i))", to: "s\(i)", kind: .handoff)) }
            }
        }
        let actors = (0..<4).map { Actor(id: "actor-\($0)", department: "dept-\($0 % 2)", capacity: $0 == 0 ? 1 : 3) }
        let journeys = [
            Journey(id: "all", start: "s0"),
            Journey(id: "middle", start: "s\(count / 3)", ends: ["s\(2 * count / 3)"]),
        ]
        return blueprint(steps: steps, flows: flows, actors: actors, journeys: journeys)
    }
}

@Suite("Analysis fixtures")
struct AnalysisFixtureTests {
    @Test func randomBlueprintsAreDeterministic() {
        #expect(Fixture.random(seed: 7, steps: 50) == Fixture.random(seed: 7, steps: 50))
        #expect(Fixture.random(seed: 7, steps: 50) != Fixture.random(seed: 8, steps: 50))
    }
}
