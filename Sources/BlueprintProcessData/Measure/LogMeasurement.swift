import ServiceBlueprint

/// What `measure` found: the log's own figures (discovery), how they map onto the blueprint,
/// and the measured figures next to the designer's estimates. Every duration is in seconds
/// and *measured from data* (as opposed to estimated or simulated).
public struct LogMeasurement: Sendable, Hashable, Codable {
    /// The log at a glance.
    public var log: LogOverview
    /// Which activities map to which steps.
    public var mapping: ActivityMapping
    /// Per step: service and waiting times against estimates and standards.
    public var steps: [StepMeasurement]
    /// Per journey: measured lead time (to the journey's ends) against its target.
    public var journeys: [JourneyMeasurement]
    /// Per flow with a declared probability: the observed frequency.
    public var flows: [FlowMeasurement]
    /// Per actor: the utilization seen in the timestamps.
    public var actors: [ActorMeasurement]
    /// Which cases the blueprint allows, and how the others deviate.
    public var conformance: Conformance
    /// The log's directly-follows graph, variants and case durations (process-mining view).
    public var discovery: Discovery
    /// Findings with rule ids (`measured-…`).
    public var findings: [Finding]
}

/// The log at a glance.
public struct LogOverview: Sendable, Hashable, Codable {
    /// Cases read.
    public var cases: Int
    /// Events read.
    public var events: Int
    /// Distinct activities.
    public var activities: Int
    /// Events with lifecycle `start` (service and waiting times need them).
    public var startEvents: Int
    /// Earliest timestamp (seconds since 1970, UTC).
    public var firstTimestamp: Double?
    /// Latest timestamp.
    public var lastTimestamp: Double?
}

/// How activities map to steps.
public struct ActivityMapping: Sendable, Hashable, Codable {
    /// One mapped activity.
    public struct Entry: Sendable, Hashable, Codable {
        /// The activity name in the log.
        public var activity: String
        /// The step id.
        public var step: String
        /// `mapping-file`, `id` or `title`.
        public var by: String
    }

    /// An activity the blueprint lacks.
    public struct Unmapped: Sendable, Hashable, Codable {
        /// The activity name.
        public var activity: String
        /// How many events name it.
        public var events: Int
    }

    /// Mapped activities, by name.
    public var mapped: [Entry]
    /// Activities that map to no step, most frequent first.
    public var unmapped: [Unmapped]
    /// Steps no activity maps to, or that never occur in the log, in blueprint order.
    public var neverSeen: [String]
}

/// A step's measured times.
public struct StepMeasurement: Sendable, Hashable, Codable {
    /// The step id.
    public var step: String
    /// Completed occurrences in the log.
    public var occurrences: Int
    /// Cases in which the step occurs.
    public var cases: Int
    /// Start → complete, where both are logged.
    public var serviceTime: Distribution?
    /// Previous completion in the case → start.
    public var waitingTime: Distribution?
    /// The designer's estimate (PERT mean of min/likely/max), if any.
    public var estimatedServiceTime: Double?
    /// The designer's estimated wait before the step, if any.
    public var estimatedWait: Double?
    /// The time standard (target + tolerance) and the share of measured service times within it.
    public var timeStandard: StandardAttainment?
    /// The wait tolerance and the measured P90 wait as a multiple of it.
    public var waitTolerance: WaitAttainment?
}

/// How often a time standard is met.
public struct StandardAttainment: Sendable, Hashable, Codable {
    /// The target, in seconds.
    public var target: Double
    /// The tolerance added to the target, in seconds.
    public var tolerance: Double
    /// Service times measured.
    public var measured: Int
    /// Share of them within target + tolerance (0…1).
    public var withinShare: Double
}

/// How a measured wait compares with the customer's tolerance.
public struct WaitAttainment: Sendable, Hashable, Codable {
    /// The tolerance, in seconds.
    public var tolerance: Double
    /// Waits measured.
    public var measured: Int
    /// Share of waits within the tolerance (0…1).
    public var withinShare: Double
    /// P90 wait ÷ tolerance.
    public var p90Ratio: Double
}

/// A journey's measured lead time.
public struct JourneyMeasurement: Sendable, Hashable, Codable {
    /// The journey id.
    public var journey: String
    /// Cases that contain the journey's start step.
    public var cases: Int
    /// Of those, cases that reach one of the journey's ends.
    public var reachedEnd: Int
    /// What the figure is: always `measured` (start of the start step → completion of the first end step).
    public var kind: String
    /// Lead time to the journey's ends (the customer's path, not follow-ups).
    public var leadTime: Distribution?
    /// The target lead time, in seconds.
    public var target: Double?
    /// Share of cases reaching the end within the target (SLA attainment, 0…1).
    public var attainment: Double?
    /// The attainment the journey's target asks for.
    public var requiredAttainment: Double?
}

/// A flow's observed frequency against its declared probability.
public struct FlowMeasurement: Sendable, Hashable, Codable {
    /// The flow id `from->to`.
    public var flow: String
    /// `sequence`, `rework`, ….
    public var kind: String
    /// The declared probability.
    public var declared: Double
    /// Occurrences of the source step.
    public var samples: Int
    /// Share of them directly followed by the target step (mapped activities only).
    public var observed: Double?
}

/// An actor's utilization seen in the timestamps.
public struct ActorMeasurement: Sendable, Hashable, Codable {
    /// The actor id.
    public var actor: String
    /// Summed service time of the actor's steps, in seconds.
    public var busySeconds: Double
    /// Servers (the actor's capacity, 1 if not given).
    public var servers: Int
    /// Busy ÷ (log span × servers); working hours are not taken into account.
    public var utilization: Double?
}

/// Conformance of the cases with the blueprint.
public struct Conformance: Sendable, Hashable, Codable {
    /// A distinct activity sequence.
    public struct Variant: Sendable, Hashable, Codable {
        /// The activities, in order.
        public var activities: [String]
        /// Cases with this sequence.
        public var cases: Int
        /// Whether the blueprint allows it.
        public var conforms: Bool
        /// Why not: skipped steps, unexpected order, activities the blueprint lacks.
        public var deviations: [String]
        /// ``deviations`` as catalog texts, to show them in any ``Language``; not in JSON, where
        /// ``deviations`` carries their English text.
        public var deviationTexts: [LocalizedText] = []

        private enum CodingKeys: String, CodingKey { case activities, cases, conforms, deviations }
    }

    /// Cases checked.
    public var cases: Int
    /// Cases whose sequence the blueprint allows.
    public var conforming: Int
    /// conforming ÷ cases.
    public var share: Double
    /// Cases with a skipped step, by step id.
    public var skippedSteps: [String: Int]
    /// Cases with at least one pair of steps in an order the flows do not allow.
    public var unexpectedOrder: Int
    /// Cases with at least one activity the blueprint lacks.
    public var notInBlueprint: Int
    /// Deviating variants, most frequent first (at most 20).
    public var deviatingVariants: [Variant]
}

/// The process-mining view of the log.
public struct Discovery: Sendable, Hashable, Codable {
    /// One directly-follows pair.
    public struct Pair: Sendable, Hashable, Codable {
        /// The earlier activity.
        public var from: String
        /// The activity directly after it in the same case.
        public var to: String
        /// How often.
        public var count: Int
        /// Mean time between the two events, in seconds.
        public var meanSeconds: Double
    }

    /// Directly-follows pairs, sorted by from, to.
    public var directlyFollows: [Pair]
    /// Distinct activity sequences.
    public var variantCount: Int
    /// Case durations (first to last event).
    public var caseDuration: Distribution?
    /// How many cases start with each activity.
    public var startActivities: [String: Int]
    /// How many cases end with each activity.
    public var endActivities: [String: Int]
}
