/// One step of a service, placed in a lane and a stage.
public struct Step: Sendable, Hashable, Identifiable {
    /// Stable id, referenced by flows, journeys and findings.
    public var id: String
    /// What happens, in a few words: "Agent checks warranty".
    public var title: String
    /// The lane the step sits in.
    public var lane: Lane
    /// The stage (column), by id; ``Stage/implicitID`` (empty) for the implicit stage of steps written without one.
    public var stage: String
    /// Who performs the step, by actor id.
    public var actor: String?
    /// Who is accountable for the step, by actor id, when different from ``actor``.
    public var owner: String?
    /// The touchpoint's channel, for steps where customer and organisation meet.
    public var channel: Channel?
    /// What sort of work this is.
    public var kind: StepKind
    /// How long the work takes once started.
    public var duration: ProcessTime?
    /// How long the work waits before it starts (queue, transport, batch).
    public var waitBefore: BlueprintDuration?
    /// The standards that govern the step.
    public var standards: Standards
    /// Set when the step is likely to go wrong.
    public var failPoint: FailPoint?
    /// Set when the customer waits at this step.
    public var waitPoint: WaitPoint?
    /// Whether the step adds value in the customer's eyes.
    public var value: ValueClass?
    /// Information items the step needs, by id.
    public var needs: [String]
    /// Information items the step produces, by id.
    public var produces: [String]
    /// What the customer sees or receives at this step (a receipt, an SMS, a waiting room).
    public var evidence: [String]
    /// The customer's emotion at this step, from -2 to +2.
    public var emotion: Int?
    /// What hurts the customer at this step.
    public var painPoints: [String]
    /// Free-form labels.
    public var tags: [String]
    /// Free text.
    public var notes: String?
    /// A link to more detail, e.g. the SOP page.
    public var url: String?
    /// `true` when the step starts follow-up work: it and the work only it leads to finish after the
    /// customer's path (results sent the next day). See ``Journey`` for the customer's path.
    public var followUp: Bool
    /// Who starts the contact at a touchpoint; `nil` infers it (see ``AnalysisContext/isOutbound(_:)``).
    public var direction: TouchpointDirection?
    /// Where the step's output goes when it leaves the modelled journey (to the customer later, a
    /// partner, a record): such work is used although no modelled step needs it.
    public var delivers: Delivery?
    /// What an event log showed (`blueprint measure --update`), beside the estimates above.
    public var measured: MeasuredStep?
    /// A fixed cost each time the step runs (postage, a part, a licence fee), in the blueprint's currency,
    /// on top of the labour its actor's ``Actor/rate`` gives.
    public var cost: Double? = nil
    /// The SERVQUAL dimension the step's ``painPoints`` hurt (a long wait hurts `responsiveness`), so the
    /// coverage analysis can ask for a standard in that dimension.
    public var painDimension: ServqualDimension? = nil

    /// Creates a step. Only id, title, lane and stage are required.
    public init(
        id: String, title: String, lane: Lane, stage: String, actor: String? = nil, owner: String? = nil,
        channel: Channel? = nil, kind: StepKind = .action, duration: ProcessTime? = nil,
        waitBefore: BlueprintDuration? = nil, standards: Standards = .init(), failPoint: FailPoint? = nil,
        waitPoint: WaitPoint? = nil, value: ValueClass? = nil, needs: [String] = [], produces: [String] = [],
        evidence: [String] = [], emotion: Int? = nil, painPoints: [String] = [], tags: [String] = [],
        notes: String? = nil, url: String? = nil, followUp: Bool = false, direction: TouchpointDirection? = nil,
        delivers: Delivery? = nil, measured: MeasuredStep? = nil
    ) {
        self.id = id
        self.title = title
        self.lane = lane
        self.stage = stage
        self.actor = actor
        self.owner = owner
        self.channel = channel
        self.kind = kind
        self.duration = duration
        self.waitBefore = waitBefore
        self.standards = standards
        self.failPoint = failPoint
        self.waitPoint = waitPoint
        self.value = value
        self.needs = needs
        self.produces = produces
        self.evidence = evidence
        self.emotion = emotion
        self.painPoints = painPoints
        self.tags = tags
        self.notes = notes
        self.url = url
        self.followUp = followUp
        self.direction = direction
        self.delivers = delivers
        self.measured = measured
    }

    /// The accountable actor: ``owner`` if set, else ``actor``.
    public var accountable: String? { owner ?? actor }
    /// `true` when the step is a touchpoint (has a channel).
    public var isTouchpoint: Bool { channel != nil }
}

/// What sort of work a step is. Drives several analyses (stacked approvals, duplicate checks).
public enum StepKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ordinary work.
    case action
    /// A choice between branches.
    case decision
    /// Someone signs off.
    case approval
    /// Something is verified or inspected.
    case check
    /// Work or information passes to another actor.
    case handoff
    /// Nothing happens but time passes.
    case wait
    /// A system does the work without people.
    case automated
    /// Information is given to or asked from the customer.
    case communication
    /// Something physical moves: shipping, a technician's travel.
    case transport
}

/// Value-stream classification of a step.
public enum ValueClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer would pay for it.
    case valueAdding = "value-adding"
    /// Needed (law, risk, the way things are) but the customer would not pay for it.
    case necessary
    /// Neither: a candidate for removal.
    case waste
}

/// How long a step takes: one value, or a three-point estimate.
public struct ProcessTime: Sendable, Hashable {
    /// Shortest plausible time.
    public var min: BlueprintDuration
    /// Most likely time; used for the deterministic critical path.
    public var likely: BlueprintDuration
    /// Longest plausible time.
    public var max: BlueprintDuration
    /// Which values the source gave (see ``ProcessTime/Form``); kept so files round-trip.
    public var form: Form = .estimate

    /// A three-point estimate.
    public init(min: BlueprintDuration, likely: BlueprintDuration, max: BlueprintDuration) {
        self.min = min
        self.likely = likely
        self.max = max
    }

    /// A single value (min = likely = max).
    public init(_ value: BlueprintDuration) { self.init(min: value, likely: value, max: value) }

    /// `true` when min, likely and max are equal.
    public var isFixed: Bool { min == likely && likely == max }
    /// The PERT mean, (min + 4·likely + max) / 6.
    public var pertMean: BlueprintDuration { .seconds((min.seconds + 4 * likely.seconds + max.seconds) / 6) }
}

/// The standards that govern a step.
public struct Standards: Sendable, Hashable {
    /// The expected execution time and its tolerance.
    public var time: TimeStandard?
    /// Reference to the standard operating procedure, e.g. "SOP-RP-004" or a URL.
    public var sop: String?
    /// The service or quality standard, or the script customer-facing staff follow.
    public var service: String?
    /// The response time committed to the customer for this touchpoint.
    public var response: BlueprintDuration?
    /// A time-to-start commitment on any step: the step begins within this time of the work reaching
    /// it, e.g. "greet within 1 minute".
    public var startWithin: BlueprintDuration?
    /// The SERVQUAL dimension these standards protect, e.g. `responsiveness` for a response time.
    public var dimension: ServqualDimension? = nil

    /// Creates standards.
    public init(
        time: TimeStandard? = nil, sop: String? = nil, service: String? = nil, response: BlueprintDuration? = nil,
        startWithin: BlueprintDuration? = nil
    ) {
        self.time = time
        self.sop = sop
        self.service = service
        self.response = response
        self.startWithin = startWithin
    }

    /// `true` when no standard is set.
    public var isEmpty: Bool { time == nil && sop == nil && service == nil && response == nil && startWithin == nil }
}

/// The expected execution time of a step and how far it may run over.
public struct TimeStandard: Sendable, Hashable {
    /// The expected time.
    public var target: BlueprintDuration
    /// How much longer is still acceptable.
    public var tolerance: BlueprintDuration

    /// Creates a time standard.
    public init(target: BlueprintDuration, tolerance: BlueprintDuration = .zero) {
        self.target = target
        self.tolerance = tolerance
    }

    /// The latest acceptable time, target + tolerance.
    public var limit: BlueprintDuration { target + tolerance }
}

/// A step where the service is likely to go wrong.
public struct FailPoint: Sendable, Hashable {
    /// What goes wrong.
    public var risk: String
    /// How the service recovers.
    public var recovery: String?
    /// Who owns the recovery, by actor id.
    public var owner: String?
    /// How likely it is, 0…1, when known.
    public var likelihood: Double?

    /// Creates a fail point.
    public init(risk: String, recovery: String? = nil, owner: String? = nil, likelihood: Double? = nil) {
        self.risk = risk
        self.recovery = recovery
        self.owner = owner
        self.likelihood = likelihood
    }
}

/// A step where the customer waits.
public struct WaitPoint: Sendable, Hashable {
    /// How long the customer will accept to wait.
    public var tolerance: BlueprintDuration?
    /// What the wait is like for the customer.
    public var notes: String?

    /// Creates a wait point.
    public init(tolerance: BlueprintDuration? = nil, notes: String? = nil) {
        self.tolerance = tolerance
        self.notes = notes
    }
}

/// Who starts the contact at a touchpoint.
public enum TouchpointDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer contacts the service (a call, a visit, a form): it owes a response.
    case inbound
    /// The service contacts the customer (an SMS, an e-mail, a letter): the message is the evidence,
    /// and there is nothing to respond to.
    case outbound
}

/// Where a step's output goes when it leaves the modelled journey.
public enum Delivery: String, Sendable, Hashable, Codable, CaseIterable {
    /// To the customer, later (results sent the next day).
    case customer
    /// To a partner or another organisation.
    case partner
    /// To a record or archive (a file, a register).
    case record
}
