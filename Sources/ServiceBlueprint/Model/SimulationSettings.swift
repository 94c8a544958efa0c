/// What a discrete-event simulation of the blueprint needs beyond the model itself: calendars and
/// shifts, shared resources, customer segments with priorities, demand profiles and patience.
///
/// Everything is optional. Without settings a blueprint simulates as written: actors with a
/// ``Actor/capacity`` are queues staffed by their ``Actor/hours`` (from 09:00 on the first
/// ``WorkingHours/daysPerWeek`` days of the week), customers arrive at each journey's
/// ``Journey/demand`` while the journey's first queueing actor works, and customers wait at a step with a
/// ``WaitPoint/tolerance`` no longer than the tolerance.
public struct SimulationSettings: Sendable, Hashable {
    /// Weekly calendars with shifts, each naming the actors that work to it.
    public var calendars: [WorkCalendar]
    /// Non-human resources (rooms, bays, vehicles) held across several steps.
    public var resources: [SharedResource]
    /// Customer segments: shares of demand with a queue priority, and optionally their own target
    /// and patience.
    public var segments: [CustomerSegment]
    /// How arrivals vary by hour of the day and day of the week.
    public var demandProfiles: [DemandProfile]
    /// Patience at wait points, overriding the tolerance.
    public var patience: [PatienceRule]
    /// Service-time distributions that differ from the PERT-beta of the steps' estimates.
    public var serviceTimes: [ServiceTimeRule]

    /// Creates settings; every part defaults to empty.
    public init(
        calendars: [WorkCalendar] = [], resources: [SharedResource] = [], segments: [CustomerSegment] = [],
        demandProfiles: [DemandProfile] = [], patience: [PatienceRule] = [], serviceTimes: [ServiceTimeRule] = []
    ) {
        self.calendars = calendars
        self.resources = resources
        self.segments = segments
        self.demandProfiles = demandProfiles
        self.patience = patience
        self.serviceTimes = serviceTimes
    }

    /// `true` when nothing is set.
    public var isEmpty: Bool {
        calendars.isEmpty && resources.isEmpty && segments.isEmpty && demandProfiles.isEmpty && patience.isEmpty
            && serviceTimes.isEmpty
    }
}

/// Days of the week as a set (Monday first), e.g. `Mon-Fri`.
public struct Weekdays: OptionSet, Sendable, Hashable {
    /// One bit per day, Monday = bit 0.
    public let rawValue: UInt8
    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x7F }

    /// Monday.
    public static let monday = Weekdays(rawValue: 1)
    /// Tuesday.
    public static let tuesday = Weekdays(rawValue: 2)
    /// Wednesday.
    public static let wednesday = Weekdays(rawValue: 4)
    /// Thursday.
    public static let thursday = Weekdays(rawValue: 8)
    /// Friday.
    public static let friday = Weekdays(rawValue: 16)
    /// Saturday.
    public static let saturday = Weekdays(rawValue: 32)
    /// Sunday.
    public static let sunday = Weekdays(rawValue: 64)
    /// Monday to Friday.
    public static let weekdays: Weekdays = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// Every day.
    public static let everyDay = Weekdays(rawValue: 0x7F)

    /// The short English names, Monday first, as written in files.
    public static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `true` when day `index` (0 = Monday) is in the set.
    public func contains(day index: Int) -> Bool { index >= 0 && index < 7 && rawValue & (1 << UInt8(index)) != 0 }
}

/// A block of working time repeated every week: on `days`, from `start` to `end` (time of day; an
/// end before the start runs past midnight), with `servers` people or machines at work.
public struct Shift: Sendable, Hashable {
    /// The days the shift starts on.
    public var days: Weekdays
    /// The start, as time since midnight.
    public var start: BlueprintDuration
    /// The end, as time since midnight; at or before ``start`` means the next day.
    public var end: BlueprintDuration
    /// Servers on duty; `nil` means the actor's ``Actor/capacity``.
    public var servers: Int?

    /// Creates a shift.
    public init(days: Weekdays, start: BlueprintDuration, end: BlueprintDuration, servers: Int? = nil) {
        self.days = days
        self.start = start
        self.end = end
        self.servers = servers
    }
}

/// A weekly calendar: the shifts that staff the actors it names. Outside every shift the actors
/// are closed: work waits for the next shift. Overlapping shifts add their servers. A calendar may
/// also name shared resources (a room open with the clinic).
public struct WorkCalendar: Sendable, Hashable, Identifiable {
    /// Stable id.
    public var id: String
    /// The shifts.
    public var shifts: [Shift]
    /// The actors (or shared resources) that work to this calendar, by id.
    public var actors: [String]

    /// Creates a calendar.
    public init(id: String, shifts: [Shift], actors: [String] = []) {
        self.id = id
        self.shifts = shifts
        self.actors = actors
    }
}

/// A resource that is not a person — a room, a bay, a seat, a vehicle — held by a case from the
/// start of one step to the end of another. A step may need several resources at once; they are
/// taken in the order the resources are declared, so that no two cases can block each other.
public struct SharedResource: Sendable, Hashable, Identifiable {
    /// Stable id.
    public var id: String
    /// Display title.
    public var title: String
    /// How many cases can hold the resource at once.
    public var capacity: Int
    /// The step at whose start the resource is taken, by id.
    public var from: String
    /// The step at whose end it is given back, by id (the same as ``from`` for one step). A case
    /// that ends or leaves without passing it gives the resource back then.
    public var to: String

    /// Creates a resource.
    public init(id: String, title: String? = nil, capacity: Int, from: String, to: String? = nil) {
        self.id = id
        self.title = title ?? id
        self.capacity = capacity
        self.from = from
        self.to = to ?? from
    }
}

/// A group of customers with its own commitment: a share of each journey's demand, a queue priority
/// (1 is served first), and optionally its own lead-time target and patience.
public struct CustomerSegment: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `premium`.
    public var id: String
    /// Display title.
    public var title: String
    /// The share of arrivals in this segment (0…1); shares are normalised per journey.
    public var share: Double
    /// Queue priority: lower numbers are served first. Default 1.
    public var priority: Int
    /// The journeys the segment takes part in, by id; empty means all.
    public var journeys: [String]
    /// A lead-time target that replaces the journey's for this segment.
    public var target: BlueprintDuration?
    /// Patience that replaces the wait points' tolerances for this segment.
    public var patience: Patience?

    /// Creates a segment.
    public init(
        id: String, title: String? = nil, share: Double, priority: Int = 1, journeys: [String] = [],
        target: BlueprintDuration? = nil, patience: Patience? = nil
    ) {
        self.id = id
        self.title = title ?? id
        self.share = share
        self.priority = priority
        self.journeys = journeys
        self.target = target
        self.patience = patience
    }
}

/// How long a waiting customer stays before leaving.
public enum Patience: Sendable, Hashable {
    /// Everyone waits exactly this long.
    case fixed(BlueprintDuration)
    /// Patience is exponential with this mean (the "+M" of M/M/c+M, Erlang-A).
    case exponential(mean: BlueprintDuration)
}

/// Patience at one or more steps, replacing their wait points' tolerance.
public struct PatienceRule: Sendable, Hashable {
    /// The steps, by id; empty means every step with a wait point.
    public var steps: [String]
    /// The patience.
    public var patience: Patience

    /// Creates a rule.
    public init(steps: [String] = [], patience: Patience) {
        self.steps = steps
        self.patience = patience
    }
}

/// How arrivals spread over the day and the week: relative weights, normalised so that the
/// journey's total demand is unchanged.
public struct DemandProfile: Sendable, Hashable {
    /// The journeys the profile applies to, by id; empty means all.
    public var journeys: [String]
    /// 24 weights, one per hour from 00:00; empty means flat.
    public var hourly: [Double]
    /// 7 weights, Monday first; empty means flat.
    public var weekly: [Double]

    /// Creates a profile.
    public init(journeys: [String] = [], hourly: [Double] = [], weekly: [Double] = []) {
        self.journeys = journeys
        self.hourly = hourly
        self.weekly = weekly
    }
}

/// A service-time distribution for some steps.
public struct ServiceTimeRule: Sendable, Hashable {
    /// The distribution family.
    public enum Distribution: String, Sendable, Hashable, Codable, CaseIterable {
        /// PERT-beta on the estimate's min…max (the default, as the Monte Carlo samples).
        case pert
        /// Exponential with the estimate's PERT mean (the "M" of M/M/c).
        case exponential
        /// Always the likely value.
        case fixed
    }

    /// The steps, by id; empty means all.
    public var steps: [String]
    /// The distribution.
    public var distribution: Distribution

    /// Creates a rule.
    public init(steps: [String] = [], distribution: Distribution) {
        self.steps = steps
        self.distribution = distribution
    }
}

extension Blueprint {
    /// The simulation settings written in the file's `simulation:` block, or set in code.
    public var simulation: SimulationSettings {
        get { simulationSettings ?? SimulationSettings() }
        set { simulationSettings = newValue.isEmpty ? nil : newValue }
    }
}
