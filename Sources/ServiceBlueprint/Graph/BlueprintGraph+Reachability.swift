extension BlueprintGraph {
    /// Which way a traversal follows edges.
    package enum Direction: Sendable, Hashable {
        /// From source to target (downstream).
        case forward
        /// From target to source (upstream).
        case backward
    }

    /// The nodes reachable from `sources` by breadth-first search over edges of the given kinds.
    ///
    /// The sources themselves are in the result. Nodes outside `scope` are never entered; nodes
    /// in `stops` are entered but not expanded (a journey's end steps); flows in `excluded` are not followed.
    /// - Complexity: O(n + m).
    package func reachable(
        from sources: some Sequence<Int32>, kinds: FlowKindSet = .ordering, direction: Direction = .forward,
        within scope: StepSet? = nil, stoppingAt stops: StepSet? = nil, skipping excluded: StepSet? = nil
    ) -> StepSet {
        var seen = StepSet(capacity: stepCount)
        var queue = [Int32]()
        for source in sources where seen.insert(source) { queue.append(source) }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            if stops?.contains(v) ?? false { continue }
            let visit = { (next: Int32, _: Int32, _: FlowKind) in
                if scope?.contains(next) ?? true, seen.insert(next) { queue.append(next) }
            }
            switch direction {
            case .forward: forEachSuccessor(of: v, kinds: kinds, skipping: excluded, visit)
            case .backward: forEachPredecessor(of: v, kinds: kinds, skipping: excluded, visit)
            }
        }
        return seen
    }

    /// The flows a journey never takes: those whose probability is 0, after the journey's
    /// ``Journey/branchProbabilities`` (keyed by flow id `from->to`) override the flows' own.
    ///
    /// The result is a set of flow indices (a ``StepSet`` over ``Blueprint/flows``).
    package func excludedFlows(for journey: Journey) -> StepSet {
        var excluded = StepSet(capacity: flowProbabilities.count)
        for v in 0..<Int32(stepCount) {
            forEachSuccessor(of: v, kinds: .all) { target, flow, _ in
                let own = flowProbabilities[Int(flow)]
                let probability = journey.branchProbabilities.isEmpty
                    ? own : journey.branchProbabilities[stepIDs[Int(v)] + "->" + stepIDs[Int(target)]] ?? own
                if probability == 0 { excluded.insert(flow) }
            }
        }
        return excluded
    }

    /// The steps a journey covers: those reachable from its start over work-ordering flows it can
    /// take (see ``excludedFlows(for:)``), kept within ``Journey/steps`` when that is non-empty, and
    /// not continuing past ``Journey/ends``.
    ///
    /// An unknown start gives the empty set; unknown step or end ids are ignored.
    package func steps(of journey: Journey) -> StepSet {
        steps(of: journey, skipping: excludedFlows(for: journey))
    }

    /// ``steps(of:)`` with the excluded flows already computed.
    package func steps(of journey: Journey, skipping excluded: StepSet) -> StepSet {
        guard let start = index(of: journey.start) else { return StepSet(capacity: stepCount) }
        var scope: StepSet?
        if !journey.steps.isEmpty {
            var allowed = StepSet(capacity: stepCount, members: journey.steps.compactMap { index(of: $0) })
            allowed.insert(start)
            scope = allowed
        }
        let stops = StepSet(capacity: stepCount, members: journey.ends.compactMap { index(of: $0) })
        return reachable(from: [start], kinds: .ordering, within: scope, stoppingAt: stops, skipping: excluded)
    }

    /// Nodes with no incoming edge of the given kinds (inside `scope` when given), ascending.
    package func sources(kinds: FlowKindSet = .ordering, within scope: StepSet? = nil) -> [Int32] {
        (0..<Int32(stepCount)).filter { v in
            guard scope?.contains(v) ?? true else { return false }
            var found = false
            forEachPredecessor(of: v, kinds: kinds) { source, _, _ in
                if scope?.contains(source) ?? true { found = true }
            }
            return !found
        }
    }

    /// Nodes with no outgoing edge of the given kinds (inside `scope` when given), ascending.
    package func sinks(kinds: FlowKindSet = .ordering, within scope: StepSet? = nil) -> [Int32] {
        (0..<Int32(stepCount)).filter { v in
            guard scope?.contains(v) ?? true else { return false }
            var found = false
            forEachSuccessor(of: v, kinds: kinds) { target, _, _ in
                if scope?.contains(target) ?? true { found = true }
            }
            return !found
        }
    }
}
