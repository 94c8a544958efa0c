/// A column of the blueprint: a phase of the customer journey, such as "contact" or "repair".
///
/// Stages carry the customer-journey-map view of the phase: the customer's goal, emotion,
/// pain points and moments of truth.
public struct Stage: Sendable, Hashable, Identifiable {
    /// Stable id, referenced by steps.
    public var id: String
    /// Display title.
    public var title: String
    /// What the customer wants to achieve in this phase.
    public var goal: String?
    /// The customer's emotion in this phase, from -2 (very negative) to +2 (very positive).
    public var emotion: Int?
    /// What hurts the customer in this phase.
    public var painPoints: [String]
    /// Moments that decide the customer's view of the service.
    public var momentsOfTruth: [String]
    /// What the customer sees throughout the stage (the servicescape: the room, the parking, the décor).
    public var evidence: [String]
    /// The SERVQUAL dimension the stage's ``painPoints`` hurt, for the coverage analysis.
    public var painDimension: ServqualDimension? = nil

    /// Creates a stage.
    public init(
        id: String, title: String? = nil, goal: String? = nil, emotion: Int? = nil,
        painPoints: [String] = [], momentsOfTruth: [String] = [], evidence: [String] = []
    ) {
        self.evidence = evidence
        self.id = id
        self.title = title ?? id
        self.goal = goal
        self.emotion = emotion
        self.painPoints = painPoints
        self.momentsOfTruth = momentsOfTruth
    }
}

extension Stage {
    /// The id of the implicit stage that steps written without a `stage` belong to. It is never
    /// declared, and the renderer draws its column without a header.
    public static let implicitID = ""
    /// `true` for the implicit stage of steps written without one.
    public var isImplicit: Bool { id == Self.implicitID }
}

/// A piece of information that steps need or produce: a form, a record, a decision, a diagnosis.
///
/// The information flow, as opposed to the sequence of work, is what the analyzers use to tell
/// necessary order from habit.
public struct InformationItem: Sendable, Hashable, Identifiable {
    /// What sort of information an item is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Data about the customer or the case, e.g. contact details, serial number.
        case data
        /// A document, form or report.
        case document
        /// A decision or approval.
        case decision
        /// A physical item, e.g. the device to repair.
        case material
    }

    /// Stable id, referenced by `needs` and `produces`.
    public var id: String
    /// Display title.
    public var title: String
    /// What sort of information this is.
    public var kind: Kind
    /// `true` when the item originates with the customer (asking for it again is a redundancy).
    public var fromCustomer: Bool
    /// Where the item goes when it leaves the modelled journey (to the customer later, a partner, a
    /// record): the steps producing it are used although no modelled step needs it.
    public var deliveredTo: Delivery?
    /// Free text.
    public var notes: String?

    /// Creates an information item.
    public init(
        id: String, title: String? = nil, kind: Kind = .data, fromCustomer: Bool = false, deliveredTo: Delivery? = nil,
        notes: String? = nil
    ) {
        self.id = id
        self.title = title ?? id
        self.kind = kind
        self.fromCustomer = fromCustomer
        self.deliveredTo = deliveredTo
        self.notes = notes
    }
}

/// A kind of customer the blueprint is designed for.
public struct Persona: Sendable, Hashable, Identifiable {
    /// Stable id, referenced by journeys.
    public var id: String
    /// Display name, e.g. "Busy parent".
    public var title: String
    /// Who they are, in a sentence or two.
    public var summary: String?
    /// What they want from the service.
    public var goals: [String]

    /// Creates a persona.
    public init(id: String, title: String? = nil, summary: String? = nil, goals: [String] = []) {
        self.id = id
        self.title = title ?? id
        self.summary = summary
        self.goals = goals
    }
}
