/// The schedule of a critical path method run: per-node times, slack and the critical path.
///
/// Times are in seconds from the start of the (sub)graph. Arrays are indexed by node; nodes
/// outside the scope, or left over by a cycle, have all times 0 and are not in ``scheduled``.
package struct LongestPath: Sendable, Hashable {
    /// The earliest time each node can start.
    package let earliestStart: [Double]
    /// The earliest time each node can finish: earliest start + weight.
    package let earliestFinish: [Double]
    /// The latest time each node can start without delaying the end.
    package let latestStart: [Double]
    /// The latest time each node can finish without delaying the end.
    package let latestFinish: [Double]
    /// The longest path, first node to last. Ties are broken by the lower step index.
    package let path: [Int32]
    /// The length of ``path``: the lead time.
    package let length: Double
    /// The nodes that were scheduled.
    package let scheduled: StepSet
    /// The nodes that could not be scheduled because of a cycle, ascending.
    package let leftover: [Int32]

    /// Latest start − earliest start: how long the node may slip without delaying the end.
    package func slack(of node: Int32) -> Double {
        guard scheduled.contains(node) else { return 0 }
        return max(0, latestStart[Int(node)] - earliestStart[Int(node)])
    }

    /// `true` when the node has (numerically) zero slack.
    package func isCritical(_ node: Int32) -> Bool {
        scheduled.contains(node) && slack(of: node) <= 1e-9 * max(1, length)
    }
}

extension BlueprintGraph {
    /// Runs the critical path method: the longest path through the work graph with node weights.
    ///
    /// - Parameters:
    ///   - weights: Seconds per node; by default ``timeWeights`` (wait + likely process time).
    ///     Missing entries count as 0.
    ///   - kinds: The edges that order work; rework loops are excluded by default.
    ///   - scope: When given, only these nodes and the edges between them (a journey).
    ///   - excluded: Flow indices to leave out (a journey's zero-probability branches).
    /// - Complexity: O((n + m) log n), dominated by the deterministic topological sort.
    package func longestPath(
        weights: [Double]? = nil, kinds: FlowKindSet = .ordering, within scope: StepSet? = nil,
        skipping excluded: StepSet? = nil
    ) -> LongestPath {
        let n = stepCount
        let weight = weights ?? timeWeights
        func w(_ v: Int) -> Double { v < weight.count ? max(0, weight[v]) : 0 }
        let topo = topologicalOrder(kinds: kinds, within: scope, skipping: excluded)
        let scheduled = StepSet(capacity: n, members: topo.order)
        var es = [Double](repeating: 0, count: n)
        var ef = [Double](repeating: 0, count: n)
        var best = [Int32](repeating: -1, count: n)
        for v in topo.order {
            let i = Int(v)
            var start = 0.0
            var chosen: Int32 = -1
            forEachPredecessor(of: v, kinds: kinds, skipping: excluded) { p, _, _ in
                guard scheduled.contains(p) else { return }
                let finish = ef[Int(p)]
                if chosen < 0 || finish > start || (finish == start && p < chosen) {
                    chosen = p
                    start = finish
                }
            }
            es[i] = start
            ef[i] = start + w(i)
            best[i] = chosen
        }
        var length = 0.0
        var last: Int32 = -1
        for v in topo.order where last < 0 || ef[Int(v)] > length || (ef[Int(v)] == length && v < last) {
            length = ef[Int(v)]
            last = v
        }
        // Zero-time steps after the last one (a journey's end step) belong on the path too.
        var extended = true
        while extended, last >= 0 {
            extended = false
            var next: Int32 = -1
            forEachSuccessor(of: last, kinds: kinds, skipping: excluded) { s, _, _ in
                if scheduled.contains(s), best[Int(s)] == last, ef[Int(s)] == length, next < 0 || s < next { next = s }
            }
            if next >= 0 { last = next; extended = true }
        }
        var path = [Int32]()
        var cursor = last
        while cursor >= 0 {
            path.append(cursor)
            cursor = best[Int(cursor)]
        }
        path.reverse()

        var lf = [Double](repeating: 0, count: n)
        var ls = [Double](repeating: 0, count: n)
        for v in topo.order.reversed() {
            let i = Int(v)
            var finish = length
            forEachSuccessor(of: v, kinds: kinds, skipping: excluded) { s, _, _ in
                if scheduled.contains(s) { finish = min(finish, ls[Int(s)]) }
            }
            lf[i] = finish
            ls[i] = finish - w(i)
        }
        return LongestPath(
            earliestStart: es, earliestFinish: ef, latestStart: ls, latestFinish: lf,
            path: path, length: length, scheduled: scheduled, leftover: topo.leftover)
    }
}
