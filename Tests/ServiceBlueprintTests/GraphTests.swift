import Testing
@testable import ServiceBlueprint

/// A small blueprint: a → b → d, a → c → d, with durations, plus an information flow and a rework loop.
private func diamond() -> Blueprint {
    Blueprint(
        id: "diamond",
        steps: [
            Step(id: "a", title: "A", lane: .customer, stage: "s", duration: ProcessTime(.minutes(5))),
            Step(id: "b", title: "B", lane: .backstage, stage: "s", duration: ProcessTime(.minutes(10)), waitBefore: .minutes(2)),
            Step(id: "c", title: "C", lane: .backstage, stage: "s", duration: ProcessTime(.minutes(3))),
            Step(id: "d", title: "D", lane: .frontstage, stage: "s", duration: ProcessTime(.minutes(1))),
            Step(id: "e", title: "E", lane: .support, stage: "s"),
        ],
        flows: [
            Flow(from: "a", to: "b"), Flow(from: "a", to: "c", kind: .handoff), Flow(from: "b", to: "d"),
            Flow(from: "c", to: "d", kind: .escalation), Flow(from: "e", to: "c", kind: .information),
            Flow(from: "d", to: "a", kind: .rework),
        ])
}

@Suite("Graph core")
struct GraphTests {
    @Test func buildsCSRInStepAndFlowOrder() {
        let graph = BlueprintGraph(diamond())
        #expect(graph.stepCount == 5)
        #expect(graph.edgeCount == 6)
        #expect(graph.index(of: "c") == 2)
        #expect(graph.successors(of: 0).map(\.node) == [1, 2])
        #expect(graph.successors(of: 0).map(\.kind) == [.sequence, .handoff])
        #expect(graph.successors(of: 3, kinds: .work).map(\.node) == [0])
        #expect(graph.successors(of: 3).isEmpty)
        #expect(graph.predecessors(of: 2, kinds: .all).map(\.node) == [0, 4])
        #expect(graph.predecessors(of: 2).map(\.node) == [0])
        #expect(graph.predecessors(of: 3).map(\.flow) == [2, 3])
        #expect(graph.timeWeights == [300, 720, 180, 60, 0])
    }

    @Test func skipsUnknownReferencesAndKeepsFirstDuplicate() {
        var blueprint = diamond()
        blueprint.flows.append(Flow(from: "a", to: "ghost"))
        blueprint.flows.append(Flow(from: "nobody", to: "b"))
        blueprint.steps.append(Step(id: "a", title: "Duplicate A", lane: .customer, stage: "s"))
        let graph = BlueprintGraph(blueprint)
        #expect(graph.skippedFlows == [6, 7])
        #expect(graph.index(of: "a") == 0)
        #expect(graph.stepCount == 6)
        #expect(graph.successors(of: 99).isEmpty)
        #expect(graph.successors(of: -1).isEmpty)
    }

    @Test func topologicalOrderBreaksTiesByStepIndex() {
        let graph = BlueprintGraph(diamond())
        let order = graph.topologicalOrder()
        #expect(order.order == [0, 1, 2, 3, 4])
        #expect(order.isComplete)
        // With information flows counted, e must come before c.
        #expect(graph.topologicalOrder(kinds: .all.subtracting(.rework)).order == [0, 1, 4, 2, 3])
    }

    @Test func cycleLeavesNodesOver() {
        var blueprint = diamond()
        blueprint.flows.append(Flow(from: "d", to: "b"))  // b → d → b, not marked as rework
        let order = BlueprintGraph(blueprint).topologicalOrder()
        #expect(order.order == [0, 2, 4])
        #expect(order.leftover == [1, 3])
        #expect(!order.isComplete)
        // The longest path still runs on what can be scheduled.
        let path = BlueprintGraph(blueprint).longestPath()
        #expect(path.leftover == [1, 3])
        #expect(path.path == [0, 2])
    }

    @Test func reachabilityForwardBackwardAndStops() {
        let graph = BlueprintGraph(diamond())
        #expect(graph.reachable(from: [1]).members == [1, 3])
        #expect(graph.reachable(from: [1], kinds: .work).members == [0, 1, 2, 3])
        #expect(graph.reachable(from: [3], direction: .backward).members == [0, 1, 2, 3])
        #expect(graph.reachable(from: [2], kinds: [.ordering, .information], direction: .backward).members == [0, 2, 4])
        let stops = StepSet(capacity: 5, members: [1])
        #expect(graph.reachable(from: [0], stoppingAt: stops).members == [0, 1, 2, 3])
        #expect(graph.sources() == [0, 4])
        #expect(graph.sinks() == [3, 4])
    }

    @Test func journeySelection() {
        let graph = BlueprintGraph(diamond())
        #expect(graph.steps(of: Journey(id: "j", start: "a")).members == [0, 1, 2, 3])
        #expect(graph.steps(of: Journey(id: "j", start: "a", ends: ["b", "c"])).members == [0, 1, 2])
        #expect(graph.steps(of: Journey(id: "j", start: "a", steps: ["b", "d"])).members == [0, 1, 3])
        #expect(graph.steps(of: Journey(id: "j", start: "missing")).isEmpty)
    }

    @Test func journeysSkipBranchesWithZeroProbability() {
        var blueprint = diamond()
        blueprint.flows[0].probability = 0.5
        blueprint.flows[1].probability = 0.5
        let graph = BlueprintGraph(blueprint)
        let onlyC = Journey(id: "c-only", start: "a", branchProbabilities: ["a->b": 0, "a->c": 1])
        let excluded = graph.excludedFlows(for: onlyC)
        #expect(excluded.members == [0])
        #expect(graph.steps(of: onlyC).members == [0, 2, 3])
        // The critical path of the journey ignores the branch it never takes: a(5) → c(3) → d(1).
        let path = graph.longestPath(within: graph.steps(of: onlyC), skipping: excluded)
        #expect(path.path == [0, 2, 3])
        #expect(path.length == 9 * 60)
        // A flow's own zero probability excludes it unless the journey overrides it.
        blueprint.flows[2].probability = 0
        let both = BlueprintGraph(blueprint)
        #expect(both.excludedFlows(for: Journey(id: "j", start: "a")).members == [2])
        #expect(both.excludedFlows(for: Journey(id: "j", start: "a", branchProbabilities: ["b->d": 1])).isEmpty)
    }

    @Test func longestPathMatchesHandComputation() {
        // a(5) → b(2 wait + 10) → d(1): 18 min; a → c(3) → d: 9 min. c has 9 min slack.
        let graph = BlueprintGraph(diamond())
        let path = graph.longestPath()
        #expect(path.path == [0, 1, 3])
        #expect(path.length == 18 * 60)
        #expect(path.earliestStart[3] == 17 * 60)
        #expect(path.earliestFinish[2] == 8 * 60)
        #expect(path.latestStart[2] == 14 * 60)
        #expect(path.slack(of: 2) == 9 * 60)
        #expect(path.isCritical(1) && !path.isCritical(2))
        // e is unconnected: finishes at 0 with the whole lead time as slack.
        #expect(path.slack(of: 4) == 18 * 60)
    }

    @Test func longestPathWithinScopeAndCustomWeights() {
        let graph = BlueprintGraph(diamond())
        let scope = StepSet(capacity: 5, members: [0, 2, 3])
        let path = graph.longestPath(weights: [1, 100, 2, 3, 0], within: scope)
        #expect(path.path == [0, 2, 3])
        #expect(path.length == 6)
        #expect(!path.scheduled.contains(1))
    }

    @Test func stepSetIteratesInOrder() {
        var set = StepSet(capacity: 130)
        for index in [129, 3, 64, 0, 63] as [Int32] { set.insert(index) }
        set.insert(500)
        #expect(set.members == [0, 3, 63, 64, 129])
        #expect(set.count == 5)
        #expect(StepSet.full(capacity: 70).count == 70)
        #expect(!set.contains(-5))
    }

    @Test func emptyBlueprintIsHarmless() {
        let graph = BlueprintGraph(Blueprint(id: "empty"))
        #expect(graph.topologicalOrder().order.isEmpty)
        #expect(graph.longestPath().path.isEmpty)
        #expect(graph.longestPath().length == 0)
    }
}
