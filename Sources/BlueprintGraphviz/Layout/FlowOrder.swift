import ServiceBlueprint

/// The order of steps along the flow, and each step's sub-column inside its stage.
///
/// The order comes from the graph core (``BlueprintGraph/topologicalOrder(kinds:within:skipping:)``):
/// iterative, O((V + E) log V), ties broken by declaration order.
///
/// Sub-columns follow the way blueprints are drawn by hand: work that moves *down* the lanes (the customer
/// calls, the agent answers, the back office records) stays in the same column, so a column reads as one
/// moment top to bottom; work that moves *up* or stays in its lane starts the next column. A downward flow
/// only shares a column when no step sits in the lanes it passes, and those cells stay free afterwards.
struct FlowOrder {
    /// Step indices in topological order of every flow but rework; steps on a cycle (an invalid
    /// blueprint) follow in declaration order, so the result is deterministic for any input.
    let order: [Int]
    /// The sub-column of each step inside its stage.
    let level: [Int]

    /// Flows that place steps: everything but rework, which loops back.
    static let placingKinds: FlowKindSet = [.ordering, .information]

    /// - Parameters:
    ///   - graph: the flow graph of the scene's steps (indices are scene step indices).
    ///   - stageOfStep: stage index per step.
    ///   - laneOfStep: lane position per step (0 = top).
    init(graph: BlueprintGraph, stageOfStep: [Int], laneOfStep: [Int]) {
        let stepCount = graph.stepCount
        let sorted = graph.topologicalOrder(kinds: Self.placingKinds)
        let order = (sorted.order + sorted.leftover).map(Int.init)
        var position = [Int](repeating: 0, count: stepCount)
        for (rank, step) in order.enumerated() { position[step] = rank }
        // Earlier steps (in flow order) that flow into each step, without self-loops.
        var predecessors = [[Int]](repeating: [], count: stepCount)
        for step in 0..<stepCount {
            graph.forEachPredecessor(of: Int32(step), kinds: Self.placingKinds) { source, _, _ in
                let source = Int(source)
                if source != step { predecessors[step].append(source) }
            }
        }

        // Sub-columns, in flow order. Cells are (stage, lane, level); `occupied` and `blocked` are keyed by
        // cell so lookups stay O(1).
        struct Cell: Hashable {
            var stage: Int
            var lane: Int
            var level: Int
        }
        var occupied: Set<Cell> = []
        var blocked: Set<Cell> = []
        var level = [Int](repeating: 0, count: stepCount)
        for step in order {
            let stage = stageOfStep[step]
            let lane = laneOfStep[step]
            var lowest = 0
            for previous in predecessors[step]
            where stageOfStep[previous] == stage && position[previous] < position[step] {
                let from = laneOfStep[previous]
                var candidate = level[previous] + 1
                if lane > from {
                    let passesOccupied = (from + 1..<lane).contains {
                        occupied.contains(Cell(stage: stage, lane: $0, level: level[previous]))
                    }
                    if !passesOccupied { candidate = level[previous] }
                }
                lowest = max(lowest, candidate)
            }
            while blocked.contains(Cell(stage: stage, lane: lane, level: lowest)) { lowest += 1 }
            level[step] = lowest
            occupied.insert(Cell(stage: stage, lane: lane, level: lowest))
            // Keep the lanes a same-column downward flow passes free of later steps.
            for previous in predecessors[step]
            where stageOfStep[previous] == stage && level[previous] == lowest && laneOfStep[previous] < lane
                && position[previous] < position[step]
            {
                for between in laneOfStep[previous] + 1..<lane {
                    blocked.insert(Cell(stage: stage, lane: between, level: lowest))
                }
            }
        }
        self.order = order
        self.level = level
    }
}
