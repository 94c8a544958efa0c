import Testing
@testable import ServiceBlueprint

@Suite("Graph: longest paths avoiding regions")
struct GraphBypassTests {
    @Test("single-node regions match a brute-force re-run", arguments: [11, 12, 13] as [UInt64])
    func singleNodes(seed: UInt64) {
        let blueprint = Fixture.random(seed: seed, steps: 200)
        let graph = BlueprintGraph(blueprint)
        for journey in blueprint.journeys {
            let scope = graph.steps(of: journey)
            let schedule = graph.longestPath(within: scope)
            let nodes = scope.members.filter { $0 % 3 == 0 }
            let fast = graph.longestPathsAvoiding(regions: nodes.map { [$0] }, within: scope, schedule: schedule)
            for (q, v) in nodes.enumerated() {
                var without = scope
                without.remove(v)
                let brute = graph.longestPath(within: without).length
                #expect(fast[q].map { abs($0 - brute) < 1e-6 } == true, "node \(v) of \(journey.id)")
            }
        }
    }

    @Test func overlappingRegionsAreRefused() {
        let blueprint = Fixture.random(seed: 3, steps: 30)
        let graph = BlueprintGraph(blueprint)
        let scope = StepSet.full(capacity: graph.stepCount)
        let schedule = graph.longestPath(within: scope)
        let results = graph.longestPathsAvoiding(regions: [[1], [1], [99]], within: scope, schedule: schedule)
        #expect(results[0] != nil)
        #expect(results[1] == nil)
        #expect(results[2] == nil)
    }

    @Test func removalSavingsMatchLiteralRemoval() {
        let blueprint = Fixture.random(seed: 21, steps: 150)
        let context = Analyzer.makeContext(blueprint)
        let nodes = (0..<Int32(150)).filter { $0 % 5 == 2 }
        let savings = context.removalSavings(of: nodes)
        var positive = 0
        for (q, v) in nodes.enumerated() {
            // Literal: drop the step, connect its predecessors to its successors, re-run each journey.
            let id = blueprint.steps[Int(v)].id
            let preds = blueprint.flows.filter { $0.to == id && $0.kind.ordersWork && $0.kind != .rework }.map(\.from)
            let succs = blueprint.flows.filter { $0.from == id && $0.kind.ordersWork && $0.kind != .rework }.map(\.to)
            var removed = blueprint
            removed.flows = blueprint.flows.filter { $0.from != id && $0.to != id }
                + preds.flatMap { p in succs.map { Flow(from: p, to: $0) } }
            removed.steps[Int(v)].duration = nil
            removed.steps[Int(v)].waitBefore = nil
            var best = 0.0
            for (s, journey) in blueprint.journeys.enumerated() {
                guard journey.start != id, !journey.ends.contains(id), context.scopes[s].steps.contains(v) else { continue }
                let graph = BlueprintGraph(removed)
                var scope = graph.steps(of: journey)
                scope.remove(v)
                // Keep the journey's membership (removing a step must not pull in new ones).
                scope = scope.intersection(context.scopes[s].steps)
                best = max(best, context.scopes[s].schedule.length - graph.longestPath(within: scope).length)
            }
            let fast = savings[q]?.saving ?? 0
            #expect(abs(fast - best) < 1e-3, "step \(id)")
            if fast > 0 { positive += 1 }
        }
        #expect(positive > 0)
    }
}
