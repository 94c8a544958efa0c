/// A directed connection between two steps.
public struct Flow: Sendable, Hashable, Identifiable {
    /// The source step, by id.
    public var from: String
    /// The target step, by id.
    public var to: String
    /// What moves along the flow.
    public var kind: FlowKind
    /// A short label, or the branch condition for flows leaving a decision.
    public var label: String?
    /// The probability that the work takes this flow when its source has several (0…1).
    public var probability: Double?
    /// `true` for `probability: unknown`: the flow is one of exclusive branches whose share is not known
    /// (``probability`` is then `nil`; ``Blueprint/assumedBranchProbabilities(in:)`` says what is assumed).
    public var isProbabilityUnknown: Bool
    /// The share an event log showed (`blueprint measure --update`), beside ``probability``.
    public var measured: MeasuredFlow?

    /// Creates a flow.
    public init(
        from: String, to: String, kind: FlowKind = .sequence, label: String? = nil, probability: Double? = nil,
        isProbabilityUnknown: Bool = false, measured: MeasuredFlow? = nil
    ) {
        self.isProbabilityUnknown = isProbabilityUnknown
        self.measured = measured
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
        self.probability = probability
    }

    /// The stable id of the flow, `from->to`.
    public var id: String { "\(from)->\(to)" }
}

/// What a flow carries.
public enum FlowKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The work moves on: the next step starts after this one.
    case sequence
    /// Only information moves; no ordering of work beyond the data dependency.
    case information
    /// The case moves up a tier (first line → second line → expert).
    case escalation
    /// The work goes back to be done again; the only kind allowed to close a cycle.
    case rework
    /// The work passes to another actor or unit.
    case handoff

    /// `true` for flows that order work (every kind but ``information``).
    public var ordersWork: Bool { self != .information }
}

/// An undirected link between two steps: they belong together (published blueprints often relate
/// lanes by column), with no order. Drawn as a dashed line without an arrow head; never part of a
/// path, so no path analysis (reachability, critical path, parallelization) sees it.
public struct Association: Sendable, Hashable {
    /// One step, by id.
    public var first: String
    /// The other step, by id.
    public var second: String
    /// A short label.
    public var label: String?

    /// Creates an association between two steps (the order does not matter).
    public init(between first: String, and second: String, label: String? = nil) {
        self.first = first
        self.second = second
        self.label = label
    }

    /// A stable id, `a--b` with the two step ids in written order.
    public var id: String { "\(first)--\(second)" }
}
