extension AnalysisContext {
    /// The largest lead-time saving, over the journeys containing each step, of removing that step
    /// and connecting its predecessors straight to its successors.
    ///
    /// Exact, not estimated: the new lead time is the longest of the paths that avoid the step
    /// (``BlueprintGraph/longestPathsAvoiding(regions:within:schedule:kinds:)``) and the paths through
    /// the new direct flows. Steps that start or end a journey are not measured on it.
    /// - Returns: For each input step, the best saving and the scope it was measured on, or `nil`
    ///   when no journey could measure it or nothing is saved.
    func removalSavings(of nodes: [Int32]) -> [(saving: Double, scope: Int)?] {
        var results = [(saving: Double, scope: Int)?](repeating: nil, count: nodes.count)
        guard !nodes.isEmpty else { return results }
        var unique: [Int32] = []
        var seen = Set<Int32>()
        for v in nodes where seen.insert(v).inserted { unique.append(v) }
        var best: [Int32: (saving: Double, scope: Int)] = [:]
        for (s, scope) in scopes.enumerated() {
            let schedule = scope.schedule
            var endpoints = Set<Int32>()
            if let journey = scope.journey {
                if let start = graph.index(of: journey.start) { endpoints.insert(start) }
                for end in journey.ends { if let v = graph.index(of: end) { endpoints.insert(v) } }
            }
            let measured = unique.filter { schedule.scheduled.contains($0) && !endpoints.contains($0) }
            guard !measured.isEmpty else { continue }
            let avoiding = graph.longestPathsAvoiding(regions: measured.map { [$0] }, within: scope.steps, schedule: schedule)
            for (q, v) in measured.enumerated() {
                guard let bypass = avoiding[q] else { continue }
                var entryFinish = 0.0
                graph.forEachPredecessor(of: v) { u, _, _ in
                    if schedule.scheduled.contains(u) { entryFinish = max(entryFinish, schedule.earliestFinish[Int(u)]) }
                }
                var exitTail = 0.0
                graph.forEachSuccessor(of: v) { w, _, _ in
                    if schedule.scheduled.contains(w) { exitTail = max(exitTail, schedule.length - schedule.latestStart[Int(w)]) }
                }
                let after = max(bypass, entryFinish + exitTail)
                let saving = ((schedule.length - after) * 1_000).rounded() / 1_000
                if saving > 0, saving > best[v]?.saving ?? 0 { best[v] = (saving, s) }
            }
        }
        for (i, v) in nodes.enumerated() { results[i] = best[v] }
        return results
    }

    /// "journey 'Title' (id)" or "the blueprint" for a scope position.
    func scopeName(_ position: Int) -> String { scopes[position].name }
}
