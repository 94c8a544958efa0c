/// The five horizontal lanes of a service blueprint, top to bottom.
///
/// The order of the cases is the canonical drawing order; ``BlueprintLine`` separates them.
public enum Lane: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// What the customer sees, touches or receives: a web page, a receipt, a waiting room.
    case evidence
    /// Every step the customer takes: the customer journey.
    case customer
    /// What customer-facing staff or systems do in front of the customer.
    case frontstage
    /// What contact staff do that the customer does not see.
    case backstage
    /// Work by other units, systems or partners that the service depends on.
    case support

    /// The display title, as on a drawn blueprint.
    public var title: String {
        switch self {
        case .evidence: "Physical evidence"
        case .customer: "Customer actions"
        case .frontstage: "Frontstage"
        case .backstage: "Backstage"
        case .support: "Support processes"
        }
    }

    /// Zero-based position from the top.
    public var position: Int { Lane.allCases.firstIndex(of: self) ?? 0 }

    /// `true` for the lanes the customer can see (evidence, customer, frontstage).
    public var isVisibleToCustomer: Bool { self <= .frontstage }

    /// Other names accepted in files, mapped to their lane (e.g. `onstage` → frontstage).
    public static let aliases: [String: Lane] = [
        "physical-evidence": .evidence, "physical_evidence": .evidence, "physicalEvidence": .evidence,
        "customer-actions": .customer, "customer_actions": .customer, "customerActions": .customer,
        "onstage": .frontstage, "front-stage": .frontstage, "visible-contact": .frontstage,
        "back-stage": .backstage, "invisible-contact": .backstage,
        "support-processes": .support, "support_processes": .support, "supportProcesses": .support,
    ]

    /// Reads a lane from its name or one of its ``aliases``.
    public init?(name: String) {
        if let lane = Lane(rawValue: name) ?? Lane.aliases[name] { self = lane } else { return nil }
    }

    /// Orders lanes top to bottom.
    public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.position < rhs.position }
    /// The raw name, e.g. `backstage`.
    public var description: String { rawValue }
}

/// The three lines that separate the lanes of a blueprint.
public enum BlueprintLine: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Between customer actions and frontstage: every flow crossing it is a touchpoint.
    case interaction
    /// Between frontstage and backstage: above it, the customer sees the work.
    case visibility
    /// Between backstage and support: crossing it is a hand-off to another unit.
    case internalInteraction

    /// The display title, e.g. "Line of visibility".
    public var title: String {
        switch self {
        case .interaction: "Line of interaction"
        case .visibility: "Line of visibility"
        case .internalInteraction: "Line of internal interaction"
        }
    }

    /// The lane directly above the line.
    public var laneAbove: Lane {
        switch self {
        case .interaction: .customer
        case .visibility: .frontstage
        case .internalInteraction: .backstage
        }
    }

    /// The lane directly below the line.
    public var laneBelow: Lane {
        switch self {
        case .interaction: .frontstage
        case .visibility: .backstage
        case .internalInteraction: .support
        }
    }

    /// The lines a flow between two lanes crosses, top to bottom.
    public static func crossed(from a: Lane, to b: Lane) -> [BlueprintLine] {
        let (top, bottom) = a <= b ? (a, b) : (b, a)
        return allCases.filter { top <= $0.laneAbove && $0.laneBelow <= bottom }
    }

    /// The raw name, e.g. `visibility`.
    public var description: String { rawValue }
}
