/// The result of a topological sort: the nodes in work order, and those a cycle kept out.
package struct TopologicalOrder: Sendable, Hashable {
    /// The sorted nodes. Among nodes that are ready at the same time, the lower step index comes first.
    package let order: [Int32]
    /// Nodes on a cycle or downstream of one, in ascending index order. Empty for a valid blueprint.
    package let leftover: [Int32]
    /// `true` when every node in scope was sorted (no cycle).
    package var isComplete: Bool { leftover.isEmpty }
}

extension BlueprintGraph {
    /// Sorts the nodes so every edge of the given kinds runs forward (Kahn's algorithm).
    ///
    /// Deterministic: among ready nodes the lowest step index goes first. Nodes that cannot be
    /// sorted because they sit on or behind a cycle are returned in ``TopologicalOrder/leftover``.
    /// - Parameters:
    ///   - kinds: The edges that order work; by default sequence, escalation and hand-off
    ///     (rework loops and information flows do not order work).
    ///   - scope: When given, only these nodes and the edges between them are sorted.
    ///   - excluded: Flow indices to leave out (a journey's zero-probability branches).
    /// - Complexity: O((n + m) log n) for n nodes and m edges.
    package func topologicalOrder(
        kinds: FlowKindSet = .ordering, within scope: StepSet? = nil, skipping excluded: StepSet? = nil
    ) -> TopologicalOrder {
        let n = stepCount
        var inDegree = [Int32](repeating: 0, count: n)
        var inScopeCount = 0
        for v in 0..<n where scope?.contains(Int32(v)) ?? true {
            inScopeCount += 1
            forEachSuccessor(of: Int32(v), kinds: kinds, skipping: excluded) { target, _, _ in
                if scope?.contains(target) ?? true { inDegree[Int(target)] += 1 }
            }
        }
        var heap = IndexHeap()
        for v in 0..<n where inDegree[v] == 0 && (scope?.contains(Int32(v)) ?? true) {
            heap.push(Int32(v))
        }
        var order = [Int32]()
        order.reserveCapacity(inScopeCount)
        while let v = heap.pop() {
            order.append(v)
            forEachSuccessor(of: v, kinds: kinds, skipping: excluded) { target, _, _ in
                guard scope?.contains(target) ?? true else { return }
                inDegree[Int(target)] -= 1
                if inDegree[Int(target)] == 0 { heap.push(target) }
            }
        }
        var leftover = [Int32]()
        if order.count < inScopeCount {
            for v in 0..<n where inDegree[v] > 0 && (scope?.contains(Int32(v)) ?? true) {
                leftover.append(Int32(v))
            }
        }
        return TopologicalOrder(order: order, leftover: leftover)
    }
}

/// A binary min-heap of node indices, for deterministic Kahn ordering.
struct IndexHeap {
    private var items: [Int32] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ value: Int32) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> Int32? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            let count = items.count
            while true {
                let left = 2 * parent + 1
                if left >= count { break }
                var smallest = left
                if left + 1 < count, items[left + 1] < items[left] { smallest = left + 1 }
                if items[parent] <= items[smallest] { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
