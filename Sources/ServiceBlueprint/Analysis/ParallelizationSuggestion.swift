/// A rewrite of a serial chain so that steps which do not depend on each other run in parallel.
///
/// The chain is `entry → steps[0] → … → steps[k-1] → exits`. After the rewrite each step follows only
/// the steps it depends on (``Dependency/after``: the entry, chain steps, or, for a step moved at a fork
/// or join, the latest earlier step it needs something from), and every exit follows every step
/// nothing else in the chain waits for, the entry included. Apply it with ``apply(to:)``, or all
/// suggestions at once with ``Blueprint/applying(_:)`` or ``Analyzer/toBe(_:)``.
public struct ParallelizationSuggestion: Sendable, Hashable, Codable {
    /// The step before the chain; it stays first.
    public var entry: String
    /// The steps of the chain, in their current serial order.
    public var steps: [String]
    /// The steps after the chain (the last chain step's successors); they stay last.
    public var exits: [String]
    /// The new predecessors of each chain step, in chain order.
    public var dependencies: [Dependency]
    /// For each step that moves, what was checked to show it may move.
    public var checks: [DependencyCheck]
    /// `false` when the entry leaves the customer's path after the rewrite: nothing from the exits on needs
    /// what it produces, so it no longer precedes the exits and continues only on its other branches.
    /// `nil` or `true`: the entry precedes the exits when no chain step follows it.
    public var entryJoinsExits: Bool?

    /// What a chain step waits for after the rewrite.
    public struct Dependency: Sendable, Hashable, Codable {
        /// The chain step.
        public var step: String
        /// The steps it follows: the entry, or chain steps it needs something from.
        public var after: [String]
    }

    /// The evidence that a step need not wait for the steps it now runs alongside.
    public struct DependencyCheck: Sendable, Hashable, Codable {
        /// The step that moves.
        public var step: String
        /// The information items it needs.
        public var needs: [String]
        /// The steps it now runs alongside: none of them produces anything in ``needs``, none sends
        /// it an information flow, and none shares a single-capacity actor (or the customer) with it.
        public var runsAlongside: [String]
    }

    /// The first step that moves (``SuggestedFix/Action/parallelize(_:)`` reads as "run `step` in parallel `with`").
    public var step: String { checks.first?.step ?? steps.last ?? entry }
    /// The steps ``step`` runs alongside after the rewrite.
    public var with: [String] { checks.first?.runsAlongside ?? [] }

    /// The steps whose predecessors change.
    public var movedSteps: [String] { checks.map(\.step) }

    /// The blueprint with the chain's work flows replaced by the parallel structure.
    ///
    /// Information and rework flows are kept; a flow that stays the same keeps its label, kind and
    /// probability. New flows are inserted where the chain's first flow was, so the output is
    /// deterministic. If the blueprint no longer has the chain (its flows changed), it is returned unchanged.
    public func apply(to blueprint: Blueprint) -> Blueprint { blueprint.applying([self]) }

    /// The flows to remove (indices) and to add, or `nil` when the chain's flows are not all there
    /// (or were already taken by another suggestion).
    func rewrite(of flows: [Flow], index: [FlowKey: [Int]], taken: Set<Int>) -> (removed: [Int], added: [Flow])? {
        guard let last = steps.last else { return nil }
        let sequence = [entry] + steps
        let pairs = Array(zip(sequence, sequence.dropFirst())) + exits.map { (last, $0) }
        var removed: [Int] = []
        for (from, to) in pairs {
            guard let found = index[FlowKey(from: from, to: to)]?.first(where: { !taken.contains($0) && !removed.contains($0) })
            else { return nil }
            removed.append(found)
        }
        let original = removed.map { flows[$0] }
        func flow(_ from: String, _ to: String) -> Flow {
            if let kept = original.first(where: { $0.from == from && $0.to == to }) { return kept }
            // A new edge into a step keeps the kind of the flow that used to lead into it (hand-off stays hand-off).
            let kind = original.first(where: { $0.to == to })?.kind ?? .sequence
            return Flow(from: from, to: to, kind: kind)
        }
        var added: [Flow] = []
        var followed: Set<String> = []
        for dependency in dependencies {
            for before in dependency.after {
                added.append(flow(before, dependency.step))
                followed.insert(before)
            }
        }
        for step in steps where !followed.contains(step) {
            for exit in exits { added.append(flow(step, exit)) }
        }
        // A step moved away from a fork or join: the entry still precedes what the step preceded, on the
        // branch (label, probability) that led to the step, unless it leaves the customer's path.
        if !followed.contains(entry), entryJoinsExits != false {
            let branch = original.first { $0.from == entry && $0.to == steps[0] }
            for exit in exits {
                var joined = flow(entry, exit)
                if let branch, original.first(where: { $0.from == entry && $0.to == exit }) == nil {
                    joined.label = branch.label
                    joined.probability = branch.probability
                    joined.isProbabilityUnknown = branch.isProbabilityUnknown
                }
                added.append(joined)
            }
        }
        return (removed, added)
    }
}

/// A flow's endpoints, for finding the flows a suggestion rewrites.
struct FlowKey: Hashable {
    var from: String
    var to: String
}

extension Blueprint {
    /// The blueprint with the suggestions applied (the "to-be" variant), in one pass over the flows.
    ///
    /// A suggestion whose chain flows are missing, or already rewritten by an earlier suggestion, is skipped.
    public func applying(_ suggestions: [ParallelizationSuggestion]) -> Blueprint {
        var index: [FlowKey: [Int]] = [:]
        for (f, flow) in flows.enumerated() where flow.kind.ordersWork && flow.kind != .rework {
            index[FlowKey(from: flow.from, to: flow.to), default: []].append(f)
        }
        var taken = Set<Int>()
        var inserted = Set<FlowKey>()
        var insertions: [Int: [Flow]] = [:]
        for suggestion in suggestions {
            guard let (removed, added) = suggestion.rewrite(of: flows, index: index, taken: taken),
                let position = removed.min()
            else { continue }
            taken.formUnion(removed)
            // A new flow that is already there (kept, or added by an earlier suggestion) is not doubled.
            let fresh = added.filter { flow in
                let key = FlowKey(from: flow.from, to: flow.to)
                let existing = index[key]?.contains { !taken.contains($0) } ?? false
                return !existing && inserted.insert(key).inserted
            }
            insertions[position, default: []].append(contentsOf: fresh)
        }
        guard !taken.isEmpty else { return self }
        var result = self
        var rewritten: [Flow] = []
        rewritten.reserveCapacity(flows.count + insertions.values.reduce(0) { $0 + $1.count })
        // New flows go where the chain's first flow was, so the output is deterministic.
        for (f, flow) in flows.enumerated() {
            if let added = insertions[f] { rewritten.append(contentsOf: added) }
            if !taken.contains(f) { rewritten.append(flow) }
        }
        result.flows = rewritten
        return result
    }
}
