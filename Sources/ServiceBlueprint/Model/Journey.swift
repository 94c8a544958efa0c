/// A named path or scenario through the blueprint, e.g. "repair under warranty".
///
/// A journey starts at one step and follows the flows (taking branches with the probabilities
/// written on them) until it reaches one of its end steps, or a step with no successor.
/// Demand and targets are given per journey.
///
/// The *customer's path* runs from ``start`` to ``ends``: the steps reachable from the start that can
/// reach an end, not entering a follow-up. *Follow-up* work is reachable from the path but not on
/// it (results sent the next day, a record filed): it is named in ``followUps`` or marked with
/// ``Step/followUp`` on the step, or inferred when ``ends`` are given and a step cannot reach any
/// of them. The journey's lead time is the critical path to its ends; follow-ups get a figure of
/// their own (``JourneyMetrics/followUpLeadTime``).
public struct Journey: Sendable, Hashable, Identifiable {
    /// Stable id.
    public var id: String
    /// Display title.
    public var title: String
    /// The persona who takes this journey, by id.
    public var persona: String?
    /// The step where the journey begins.
    public var start: String
    /// Steps where the journey ends; empty means any step without successors.
    public var ends: [String]
    /// When non-empty, the journey is restricted to these steps (a scenario through part of the blueprint).
    public var steps: [String]
    /// Branch probabilities that differ from the flows' own for this journey, by flow id (`from->to`).
    public var branchProbabilities: [String: Double]
    /// How many customers start this journey.
    public var demand: Demand?
    /// What the journey must achieve, e.g. a lead-time SLA.
    public var target: JourneyTarget?
    /// Steps that start follow-up work in this journey, by id: they and the work only they lead to
    /// are off the customer's path (see ``Step/followUp`` for a mark that holds in every journey).
    public var followUps: [String]
    /// What one hour of a case's lead time costs, in the blueprint's currency (a courtesy car, a bed, a
    /// penalty clause): with it, findings that shorten the lead time state the money they save per case.
    public var costOfDelay: Double? = nil

    /// Creates a journey.
    public init(
        id: String, title: String? = nil, persona: String? = nil, start: String, ends: [String] = [],
        steps: [String] = [], branchProbabilities: [String: Double] = [:],
        demand: Demand? = nil, target: JourneyTarget? = nil, followUps: [String] = []
    ) {
        self.id = id
        self.title = title ?? id
        self.persona = persona
        self.start = start
        self.ends = ends
        self.steps = steps
        self.branchProbabilities = branchProbabilities
        self.demand = demand
        self.target = target
        self.followUps = followUps
    }
}

/// How often customers arrive: a number of arrivals per period.
public struct Demand: Sendable, Hashable {
    /// The period arrivals are counted over.
    public enum Period: String, Sendable, Hashable, Codable, CaseIterable {
        /// Per hour.
        case hour
        /// Per (calendar or working) day; see ``Actor/hours``.
        case day
        /// Per week.
        case week
    }

    /// Number of arrivals in one period. Must be positive.
    public var arrivals: Double
    /// The period.
    public var per: Period

    /// Creates a demand.
    public init(arrivals: Double, per: Period) {
        self.arrivals = arrivals
        self.per = per
    }

    /// `arrivals` customers per hour.
    public static func perHour(_ arrivals: Double) -> Demand { .init(arrivals: arrivals, per: .hour) }
    /// `arrivals` customers per day.
    public static func perDay(_ arrivals: Double) -> Demand { .init(arrivals: arrivals, per: .day) }
    /// `arrivals` customers per week.
    public static func perWeek(_ arrivals: Double) -> Demand { .init(arrivals: arrivals, per: .week) }
}

/// What a journey commits to: a lead-time SLA met by a share of customers.
public struct JourneyTarget: Sendable, Hashable {
    /// The maximum lead time from start to end.
    public var leadTime: BlueprintDuration
    /// The share of journeys that must meet ``leadTime`` (0…1), e.g. 0.9 for "90 % within 4 h".
    public var attainment: Double?

    /// Creates a target.
    public init(leadTime: BlueprintDuration, attainment: Double? = nil) {
        self.leadTime = leadTime
        self.attainment = attainment
    }
}

/// A step or actor known to limit throughput, as the designer sees it.
///
/// The capacity analysis confirms or contradicts each declared bottleneck with numbers.
public struct DeclaredBottleneck: Sendable, Hashable {
    /// The limiting step, by id.
    public var step: String?
    /// The limiting actor, by id.
    public var actor: String?
    /// Why it limits throughput.
    public var cause: String

    /// Creates a declared bottleneck for a step or an actor (give exactly one).
    public init(step: String? = nil, actor: String? = nil, cause: String) {
        self.step = step
        self.actor = actor
        self.cause = cause
    }
}
