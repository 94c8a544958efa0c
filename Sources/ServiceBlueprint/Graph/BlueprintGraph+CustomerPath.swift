/// A journey split into the customer's path and its follow-up work.
package struct JourneyParts: Sendable, Hashable {
    /// Every step of the journey: ``path``, ``followUps``, and rework branches (steps off the path whose
    /// work goes back to it by a rework flow: corrections, not follow-up work).
    package let steps: StepSet
    /// The customer's path: steps reachable from the start, without entering follow-up work, that
    /// can reach one of the journey's ends (every such step when it lists none).
    package let path: StepSet
    /// Follow-up work: reachable from the path but not on it (marked, or unable to reach an end), and not
    /// a rework branch.
    package let followUps: StepSet
}

extension BlueprintGraph {
    /// The customer's path and the follow-up work of a journey (see ``Journey``).
    ///
    /// Follow-up work is what a journey's ``Journey/followUps`` or a step's ``Step/followUp`` marks,
    /// with the work only it leads to, and, when the journey lists ``Journey/ends``, every step that
    /// cannot reach one of them. The start and the ends are always on the path. When no listed end
    /// can be reached, the path is everything reachable without entering marked follow-ups.
    /// - Complexity: O(n + m).
    package func parts(of journey: Journey, skipping excluded: StepSet) -> JourneyParts {
        let all = steps(of: journey, skipping: excluded)
        guard let start = index(of: journey.start) else {
            return JourneyParts(steps: all, path: all, followUps: StepSet(capacity: stepCount))
        }
        let ends = StepSet(capacity: stepCount, members: journey.ends.compactMap { index(of: $0) })
        var marks = markedFollowUps.union(StepSet(capacity: stepCount, members: journey.followUps.compactMap { index(of: $0) }))
        marks.remove(start)
        marks = marks.subtracting(ends)
        let forward = reachable(from: [start], within: all.subtracting(marks), stoppingAt: ends, skipping: excluded)
        let reachedEnds = forward.intersection(ends)
        var path = forward
        if !reachedEnds.isEmpty {
            path = reachable(from: reachedEnds, direction: .backward, within: forward, skipping: excluded)
        }
        // A branch that goes back to the path by a rework flow (revise and resubmit) is a correction loop:
        // neither on the customer's first-time path nor work that finishes after it.
        var reworkSources: [Int32] = []
        for v in path {
            forEachPredecessor(of: v, kinds: .rework, skipping: excluded) { q, _, _ in
                if all.contains(q), !path.contains(q) { reworkSources.append(q) }
            }
        }
        let offPath = all.subtracting(path)
        let rework = reworkSources.isEmpty
            ? StepSet(capacity: stepCount)
            : reachable(from: reworkSources, direction: .backward, within: offPath, skipping: excluded)
        return JourneyParts(steps: all, path: path, followUps: offPath.subtracting(rework))
    }

    /// The whole blueprint as one journey: every step is on the path except marked follow-ups and the
    /// work only they lead to.
    package func wholeBlueprintParts() -> JourneyParts {
        let all = StepSet.full(capacity: stepCount)
        guard !markedFollowUps.isEmpty else { return JourneyParts(steps: all, path: all, followUps: StepSet(capacity: stepCount)) }
        let unmarked = all.subtracting(markedFollowUps)
        let main = reachable(from: sources().filter { !markedFollowUps.contains($0) }, within: unmarked)
        let followUps = reachable(from: markedFollowUps, within: all.subtracting(main))
        return JourneyParts(steps: all, path: all.subtracting(followUps), followUps: followUps)
    }
}
