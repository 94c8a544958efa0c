extension BlueprintGraph {
    /// For each region, the length of the longest path inside `scope` that avoids every node of the
    /// region — what remains of the lead time if the region were taken out.
    ///
    /// Used to re-run the critical path of a graph in which only one region was rewritten, for many
    /// regions at once: the rewritten lead time is `max(bypass, longest path through the new region)`.
    /// Each region must be convex (no path leaves it and comes back) and list its nodes in a
    /// topological order; regions must be disjoint. The method orders the graph so each region is
    /// contiguous; then every path that avoids a region either ends before it, starts after it, or
    /// jumps over it on one edge, and the best jump is found with an offline sweep and a max-Fenwick
    /// tree.
    /// - Parameters:
    ///   - regions: Disjoint node lists.
    ///   - scope: The nodes of the journey.
    ///   - schedule: ``longestPath(weights:kinds:within:)`` of the same scope and kinds.
    ///   - kinds: The edges that order work.
    ///   - excluded: Flow indices to leave out, as given to the schedule.
    /// - Returns: One value per region; `nil` when the region overlaps another, leaves the schedule,
    ///   or is not convex.
    /// - Complexity: O((n + m) log n + r log r) for r regions.
    func longestPathsAvoiding(
        regions: [[Int32]], within scope: StepSet, schedule: LongestPath, kinds: FlowKindSet = .ordering,
        skipping excluded: StepSet? = nil
    ) -> [Double?] {
        let n = stepCount
        var results = [Double?](repeating: nil, count: regions.count)
        func live(_ v: Int32) -> Bool { scope.contains(v) && schedule.scheduled.contains(v) }

        // Contract each usable region into its head node.
        var key = [Int32](repeating: -1, count: n)
        var regionOfHead = [Int32](repeating: -1, count: n)
        var usable = [Bool](repeating: false, count: regions.count)
        for (r, region) in regions.enumerated() {
            guard let head = region.first,
                region.allSatisfy({ $0 >= 0 && Int($0) < n && live($0) && key[Int($0)] < 0 })
            else { continue }
            for v in region { key[Int(v)] = head }
            regionOfHead[Int(head)] = Int32(r)
            usable[r] = true
        }
        for v in 0..<n where key[v] < 0 { key[v] = Int32(v) }

        var inDegree = [Int32](repeating: 0, count: n)
        var liveCount = 0
        for v in 0..<Int32(n) where live(v) {
            liveCount += 1
            forEachSuccessor(of: v, kinds: kinds, skipping: excluded) { w, _, _ in
                if live(w), key[Int(w)] != key[Int(v)] { inDegree[Int(key[Int(w)])] += 1 }
            }
        }
        var queue: [Int32] = []
        for v in 0..<Int32(n) where live(v) && key[Int(v)] == v && inDegree[Int(v)] == 0 { queue.append(v) }
        var order: [Int32] = []
        order.reserveCapacity(liveCount)
        var head = 0
        while head < queue.count {
            let k = queue[head]
            head += 1
            // A single node is visited without building a one-element array for it (one per node was
            // a third of this method).
            func visit(_ v: Int32) {
                order.append(v)
                forEachSuccessor(of: v, kinds: kinds, skipping: excluded) { w, _, _ in
                    guard live(w) else { return }
                    let target = key[Int(w)]
                    guard target != k else { return }
                    inDegree[Int(target)] -= 1
                    if inDegree[Int(target)] == 0 { queue.append(target) }
                }
            }
            let region = regionOfHead[Int(k)]
            if region >= 0 {
                for v in regions[Int(region)] { visit(v) }
            } else {
                visit(k)
            }
        }
        // A region that is not convex closes a cycle in the contracted graph.
        guard order.count == liveCount else { return results }

        let count = order.count
        var position = [Int32](repeating: -1, count: n)
        for (p, v) in order.enumerated() { position[Int(v)] = Int32(p) }
        let length = schedule.length
        var prefixFinish = [Double](repeating: 0, count: count)
        var suffixTail = [Double](repeating: 0, count: count)
        for p in 0..<count {
            let finish = schedule.earliestFinish[Int(order[p])]
            prefixFinish[p] = p > 0 ? max(prefixFinish[p - 1], finish) : finish
        }
        for p in stride(from: count - 1, through: 0, by: -1) {
            let tail = length - schedule.latestStart[Int(order[p])]
            suffixTail[p] = p + 1 < count ? max(suffixTail[p + 1], tail) : tail
        }

        // Queries sorted by the region's first position; edges are added as the sweep passes their source.
        var queries: [(low: Int, high: Int, region: Int)] = []
        for (r, region) in regions.enumerated() where usable[r] {
            let low = Int(position[Int(region[0])])
            queries.append((low, low + region.count - 1, r))
        }
        queries.sort { $0.low < $1.low }
        var tree = MaxFenwickTree(count: count)
        var inserted = 0
        for query in queries {
            while inserted < query.low {
                let u = order[inserted]
                let finish = schedule.earliestFinish[Int(u)]
                forEachSuccessor(of: u, kinds: kinds, skipping: excluded) { w, _, _ in
                    guard live(w) else { return }
                    let tail = length - schedule.latestStart[Int(w)]
                    tree.update(count - 1 - Int(position[Int(w)]), finish + tail)
                }
                inserted += 1
            }
            var best = 0.0
            if query.low > 0 { best = max(best, prefixFinish[query.low - 1]) }
            if query.high + 1 < count {
                best = max(best, suffixTail[query.high + 1])
                best = max(best, tree.prefixMax(through: count - 2 - query.high))
            }
            results[query.region] = best
        }
        return results
    }
}

/// A Fenwick tree over maxima: point raise, prefix maximum.
struct MaxFenwickTree {
    private var tree: [Double]

    init(count: Int) { tree = [Double](repeating: 0, count: count + 1) }

    mutating func update(_ index: Int, _ value: Double) {
        var i = index + 1
        while i < tree.count {
            if tree[i] < value { tree[i] = value }
            i += i & -i
        }
    }

    func prefixMax(through index: Int) -> Double {
        var i = min(index + 1, tree.count - 1)
        var best = 0.0
        while i > 0 {
            best = max(best, tree[i])
            i -= i & -i
        }
        return best
    }
}
