/// The order of steps along the flow, and each step's sub-column inside its stage.
///
/// Computed here rather than with the graph core so the renderer has no dependency on it. Iterative,
/// O((V + E) log V), with CSR adjacency.
///
/// Sub-columns follow the way blueprints are drawn by hand: work that moves *down* the lanes (the customer
/// calls, the agent answers, the back office records) stays in the same column, so a column reads as one
/// moment top to bottom; work that moves *up* or stays in its lane starts the next column. A downward flow
/// only shares a column when no step sits in the lanes it passes, and those cells stay free afterwards.
struct FlowOrder {
    /// Step indices in topological order of the work-ordering flows (rework ignored); ties and cycles are
    /// broken by declaration order, so the result is deterministic for any input.
    let order: [Int]
    /// The sub-column of each step inside its stage.
    let level: [Int]

    /// - Parameters:
    ///   - stepCount: number of steps.
    ///   - stageOfStep: stage index per step.
    ///   - laneOfStep: lane position per step (0 = top).
    ///   - edges: (from, to) pairs of work-ordering flows (no rework).
    init(stepCount: Int, stageOfStep: [Int], laneOfStep: [Int], edges: [(from: Int, to: Int)]) {
        var kept: [(from: Int, to: Int)] = []
        kept.reserveCapacity(edges.count)
        for edge in edges where edge.from != edge.to && edge.from < stepCount && edge.to < stepCount {
            kept.append(edge)
        }
        let successors = Adjacency(count: stepCount, edges: kept, reversed: false)
        let predecessors = Adjacency(count: stepCount, edges: kept, reversed: true)

        // Kahn's algorithm, always taking the ready step declared first; when only cycles remain, the
        // earliest unplaced step is released (its remaining in-edges become back edges).
        var inDegree = (0..<stepCount).map { predecessors.count(of: $0) }
        var heap = MinHeap()
        for index in 0..<stepCount where inDegree[index] == 0 { heap.push(index) }
        var placed = [Bool](repeating: false, count: stepCount)
        var position = [Int](repeating: 0, count: stepCount)
        var order: [Int] = []
        order.reserveCapacity(stepCount)
        var nextUnplaced = 0
        while order.count < stepCount {
            guard let step = heap.pop() else {
                while placed[nextUnplaced] { nextUnplaced += 1 }
                heap.push(nextUnplaced)
                inDegree[nextUnplaced] = 0
                continue
            }
            if placed[step] { continue }
            placed[step] = true
            position[step] = order.count
            order.append(step)
            for next in successors.neighbours(of: step) where !placed[next] {
                inDegree[next] -= 1
                if inDegree[next] == 0 { heap.push(next) }
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
            for previous in predecessors.neighbours(of: step)
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
            for previous in predecessors.neighbours(of: step)
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

/// Compressed sparse row adjacency: the neighbours of node `i` are `targets[start[i]..<start[i + 1]]`,
/// in edge order.
private struct Adjacency {
    private var start: [Int]
    private var targets: [Int]

    init(count: Int, edges: [(from: Int, to: Int)], reversed: Bool) {
        start = [Int](repeating: 0, count: count + 1)
        for edge in edges { start[(reversed ? edge.to : edge.from) + 1] += 1 }
        for index in 0..<count { start[index + 1] += start[index] }
        targets = [Int](repeating: 0, count: edges.count)
        var fill = start
        for edge in edges {
            let (source, target) = reversed ? (edge.to, edge.from) : (edge.from, edge.to)
            targets[fill[source]] = target
            fill[source] += 1
        }
    }

    func count(of node: Int) -> Int { start[node + 1] - start[node] }

    func neighbours(of node: Int) -> ArraySlice<Int> { targets[start[node]..<start[node + 1]] }
}

/// A binary min-heap of step indices.
private struct MinHeap {
    private var items: [Int] = []

    mutating func push(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
