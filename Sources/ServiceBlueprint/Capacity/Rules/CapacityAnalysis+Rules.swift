import Foundation

extension CapacityAnalysis {
    /// The analysis for a rule: reuses the engine's graph, journey scopes and topological order, and
    /// skips lead times, which no capacity rule needs.
    init(context: AnalysisContext, options: CapacityOptions = .init()) {
        let n = context.graph.stepCount
        var order = [Int32](repeating: -1, count: n)
        var complete = true
        for v in 0..<n {
            let position = Int(context.topologicalPosition(of: Int32(v)))
            if position >= 0, position < n, order[position] < 0 { order[position] = Int32(v) } else { complete = false }
        }
        if !complete || order.contains(-1) {
            let topological = context.graph.topologicalOrder()
            order = topological.order + topological.leftover
        }
        let journeys = context.blueprint.journeys
        let scopes = journeys.indices.map { j in
            context.scopes.first { $0.journeyIndex == j }?.steps ?? context.graph.steps(of: journeys[j])
        }
        self.init(
            blueprint: context.blueprint, graph: context.graph, options: options, scopes: scopes, order: order,
            includeLeadTimes: false)
    }

    /// The analysis the capacity rules share: the six rules of one analyzer run look at the same
    /// blueprint, so the first computes it and the others reuse it (see `AnalysisRunCache`).
    static func forRules(_ context: AnalysisContext) -> CapacityAnalysis {
        context.cache.value(RunKey.self, context: context)
    }

    /// The capacity analysis in the run cache.
    enum RunKey: AnalysisRunKey {
        static func make(_ context: AnalysisContext) -> CapacityAnalysis { CapacityAnalysis(context: context) }
    }

    /// `true` when some journey brings work (has positive demand).
    var hasDemand: Bool { blueprint.journeys.contains { Self.arrivals($0.demand) > 0 } }

    /// The index of the actor in ``Blueprint/actors``.
    func actorIndex(_ id: String) -> Int? { blueprint.actors.firstIndex { $0.id == id } }

    /// The steps of an actor that carry load, heaviest first, as graph node indices.
    func loadedSteps(of actor: ActorLoad) -> [Int32] {
        actor.steps.compactMap { id in
            guard let index = graph.index(of: id), steps[Int(index)].offeredLoad > 0 else { return nil }
            return index
        }
    }
}
