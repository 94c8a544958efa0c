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

    /// Creates a flow.
    public init(from: String, to: String, kind: FlowKind = .sequence, label: String? = nil, probability: Double? = nil) {
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
