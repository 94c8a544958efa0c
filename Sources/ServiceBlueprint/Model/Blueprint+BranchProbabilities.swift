/// What an analysis assumed for an exclusive branch written with `probability: unknown`.
public struct BranchAssumption: Sendable, Hashable, CustomStringConvertible {
    /// The flow, `from->to`.
    public var flowID: String
    /// The probability assumed for it.
    public var probability: Double
    /// What the known branches leaving the same step leave over, shared by the unknown ones.
    public var remaining: Double
    /// How many branches share ``remaining``.
    public var sharedBy: Int

    /// Creates an assumption.
    public init(flowID: String, probability: Double, remaining: Double, sharedBy: Int) {
        self.flowID = flowID
        self.probability = probability
        self.remaining = remaining
        self.sharedBy = sharedBy
    }

    /// E.g. "probability of 'a->b' unknown: assumed 25%, an equal share of the 50% the known branches leave".
    public var description: String {
        let share = sharedBy == 1 ? "all of the" : "an equal share (1 of \(sharedBy)) of the"
        return "probability of '\(flowID)' unknown: assumed \(Self.percent(probability)), \(share) "
            + "\(Self.percent(remaining)) the known branches leave"
    }

    static func percent(_ value: Double) -> String { PercentText.format(value) }
}

extension Blueprint {
    /// The probabilities assumed for flows written with `probability: unknown`.
    ///
    /// Exclusive branches leaving one step share what the branches with a known probability leave
    /// (1 minus their sum, at least 0) in equal parts; flows leaving the same step with no probability
    /// at all take part in the share as well, as the capacity model does. Only flows that order work
    /// (sequence, escalation, hand-off) count. A journey's ``Journey/branchProbabilities`` replace
    /// the flows' own values.
    /// - Parameter journey: The journey whose overrides apply, or `nil` for the flows as written.
    /// - Returns: One assumption per unknown flow, in flow order.
    public func assumedBranchProbabilities(in journey: Journey? = nil) -> [BranchAssumption] {
        guard flows.contains(where: \.isProbabilityUnknown) else { return [] }
        let overrides = journey?.branchProbabilities ?? [:]
        var known: [String: Double] = [:]
        var open: [String: Int] = [:]
        for flow in flows where flow.kind != .information && flow.kind != .rework {
            if let probability = overrides[flow.id] ?? flow.probability, probability.isFinite {
                known[flow.from, default: 0] += Swift.min(1, Swift.max(0, probability))
            } else {
                open[flow.from, default: 0] += 1
            }
        }
        return flows.compactMap { flow in
            guard flow.isProbabilityUnknown, overrides[flow.id] == nil, flow.kind != .information, flow.kind != .rework
            else { return nil }
            let remaining = Swift.max(0, 1 - (known[flow.from] ?? 0))
            let sharedBy = Swift.max(1, open[flow.from] ?? 1)
            return BranchAssumption(
                flowID: flow.id, probability: remaining / Double(sharedBy), remaining: remaining, sharedBy: sharedBy)
        }
    }
}
