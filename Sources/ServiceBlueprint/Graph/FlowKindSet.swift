/// A set of ``FlowKind``s, used to choose which edges of a ``BlueprintGraph`` an algorithm follows.
///
/// ```swift
/// graph.successors(of: node, kinds: .ordering)   // sequence, escalation, hand-off
/// graph.successors(of: node, kinds: .work)       // … and rework
/// ```
public struct FlowKindSet: OptionSet, Sendable, Hashable {
    /// One bit per ``FlowKind``, in `FlowKind.allCases` order.
    public let rawValue: UInt8

    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The set holding exactly `kind`.
    public init(_ kind: FlowKind) { self.init(rawValue: 1 << kind.bitIndex) }

    /// The set holding the given kinds.
    public init(kinds: some Sequence<FlowKind>) {
        self.init(rawValue: kinds.reduce(0) { $0 | 1 << $1.bitIndex })
    }

    /// `true` when `kind` is in the set.
    @inline(__always)
    public func contains(_ kind: FlowKind) -> Bool { rawValue & (1 << kind.bitIndex) != 0 }

    /// ``FlowKind/sequence`` flows.
    public static let sequence = FlowKindSet(.sequence)
    /// ``FlowKind/information`` flows.
    public static let information = FlowKindSet(.information)
    /// ``FlowKind/escalation`` flows.
    public static let escalation = FlowKindSet(.escalation)
    /// ``FlowKind/rework`` flows.
    public static let rework = FlowKindSet(.rework)
    /// ``FlowKind/handoff`` flows.
    public static let handoff = FlowKindSet(.handoff)

    /// Flows that order work forward in time: every kind except information and rework.
    /// Topological order, the critical path and journeys follow these.
    public static let ordering: FlowKindSet = [.sequence, .escalation, .handoff]
    /// Every flow that moves work, including rework loops back (all kinds except information).
    public static let work: FlowKindSet = [.ordering, .rework]
    /// Every kind of flow.
    public static let all: FlowKindSet = [.work, .information]
}

extension FlowKind {
    /// Position of the kind's bit in a ``FlowKindSet`` and its code in a ``BlueprintGraph``.
    @inline(__always)
    var bitIndex: UInt8 {
        switch self {
        case .sequence: 0
        case .information: 1
        case .escalation: 2
        case .rework: 3
        case .handoff: 4
        }
    }

    /// The kind for a code made by ``bitIndex`` (unknown codes read as sequence).
    static func fromBitIndex(_ code: UInt8) -> FlowKind {
        switch code {
        case 1: .information
        case 2: .escalation
        case 3: .rework
        case 4: .handoff
        default: .sequence
        }
    }
}
