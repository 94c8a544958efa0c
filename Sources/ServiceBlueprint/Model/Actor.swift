/// Someone or something that performs steps: a role, a department, a system or a partner.
///
/// Capacity and working hours feed the utilization and queueing analyses.
public struct Actor: Sendable, Hashable, Identifiable {
    /// What kind of performer an actor is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The customer.
        case customer
        /// A role held by people, e.g. "first-line agent".
        case role
        /// An organisational unit, e.g. "warehouse".
        case department
        /// An IT system or machine.
        case system
        /// An external partner or supplier.
        case partner
    }

    /// Stable id, referenced by steps.
    public var id: String
    /// Display name.
    public var title: String
    /// The kind of performer.
    public var kind: Kind
    /// The organisational unit this actor belongs to; a flow between units is a hand-off.
    public var department: String?
    /// Number of servers (people, desks, machines) working in parallel. `nil` means unlimited.
    public var capacity: Int?
    /// When the actor works; `nil` means around the clock.
    public var hours: WorkingHours?
    /// Free text.
    public var notes: String?
    /// The labour cost of one hour of this actor's work, in the blueprint's currency: with each step's
    /// likely time it gives the cost per case (see ``Blueprint/costPerCase(of:)``).
    public var rate: Double? = nil

    /// Creates an actor.
    public init(
        id: String, title: String? = nil, kind: Kind = .role, department: String? = nil,
        capacity: Int? = nil, hours: WorkingHours? = nil, notes: String? = nil
    ) {
        self.id = id
        self.title = title ?? id
        self.kind = kind
        self.department = department
        self.capacity = capacity
        self.hours = hours
        self.notes = notes
    }
}

/// The time an actor is available, used to turn daily demand into hourly load.
public struct WorkingHours: Sendable, Hashable {
    /// Hours the actor works per day, e.g. 8.
    public var perDay: Double
    /// Days the actor works per week, e.g. 5.
    public var daysPerWeek: Double

    /// Creates working hours.
    public init(perDay: Double, daysPerWeek: Double = 5) {
        self.perDay = perDay
        self.daysPerWeek = daysPerWeek
    }

    /// Around the clock, every day.
    public static let always = WorkingHours(perDay: 24, daysPerWeek: 7)
}
