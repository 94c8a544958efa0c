extension AnalysisContext {
    /// The largest lead-time saving, over the journeys containing each step, of removing that step
    /// and connecting its predecessors straight to its successors.
    ///
    /// Exact, not estimated: the new lead time is the longest of the paths that avoid the step
    /// (``BlueprintGraph/longestPathsAvoiding(regions:within:schedule:kinds:skipping:)``) and the paths
    /// through the new direct flows. Steps that start or end a journey are not measured on it.
    /// - Returns: For each input step, the best saving and the scope it was measured on, or `nil`
    ///   when no journey could measure it or nothing is saved.
    func removalSavings(of nodes: [Int32]) -> [(saving: Double, scope: Int)?] {
        removalSavings(ofRuns: nodes.map { [$0] })
    }

    /// Like ``removalSavings(of:)`` for runs of consecutive steps removed together (each step the only
    /// successor of the one before and its only predecessor). Runs that are not consecutive, or that
    /// overlap an earlier run, get `nil`.
    func removalSavings(ofRuns runs: [[Int32]]) -> [(saving: Double, scope: Int)?] {
        var results = [(saving: Double, scope: Int)?](repeating: nil, count: runs.count)
        var usable: [Int] = []
        var taken = Set<Int32>()
        for (r, run) in runs.enumerated() where !run.isEmpty && run.allSatisfy({ !taken.contains($0) }) {
            let consecutive = zip(run, run.dropFirst()).allSatisfy { a, b in
                graph.successors(of: a).map(\.node) == [b] && graph.predecessors(of: b).map(\.node) == [a]
            }
            guard consecutive else { continue }
            usable.append(r)
            taken.formUnion(run)
        }
        for (s, scope) in scopes.enumerated() {
            let schedule = scope.schedule
            var endpoints = Set<Int32>()
            if let journey = scope.journey {
                if let start = graph.index(of: journey.start) { endpoints.insert(start) }
                for end in journey.ends { if let v = graph.index(of: end) { endpoints.insert(v) } }
            }
            let measured = usable.filter { r in
                runs[r].allSatisfy { schedule.scheduled.contains($0) && !endpoints.contains($0) }
            }
            guard !measured.isEmpty else { continue }
            let avoiding = graph.longestPathsAvoiding(
                regions: measured.map { runs[$0] }, within: scope.path, schedule: schedule, skipping: scope.excludedFlows)
            for (q, r) in measured.enumerated() {
                guard let bypass = avoiding[q], let first = runs[r].first, let last = runs[r].last else { continue }
                var entryFinish = 0.0
                graph.forEachPredecessor(of: first, skipping: scope.excludedFlows) { u, _, _ in
                    if schedule.scheduled.contains(u) { entryFinish = max(entryFinish, schedule.earliestFinish[Int(u)]) }
                }
                var exitTail = 0.0
                graph.forEachSuccessor(of: last, skipping: scope.excludedFlows) { w, _, _ in
                    if schedule.scheduled.contains(w) { exitTail = max(exitTail, schedule.length - schedule.latestStart[Int(w)]) }
                }
                let after = max(bypass, entryFinish + exitTail)
                let saving = ((schedule.length - after) * 1_000).rounded() / 1_000
                if saving > 0, saving > results[r]?.saving ?? 0 { results[r] = (saving, s) }
            }
        }
        return results
    }

    /// "journey 'Title' (id)" or "the blueprint" for a scope position.
    func scopeName(_ position: Int) -> String { scopes[position].name }
}
