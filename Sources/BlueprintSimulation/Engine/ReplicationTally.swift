/// The raw counts and sums of one replication, merged across replications into a report.
struct ReplicationTally: Sendable {
    struct Group: Sendable {
        var arrivals = 0
        var completed = 0
        var abandoned = 0
        var metTarget = 0
        var unfinished = 0
        var leadTimes: [Double] = []
        var arrivalsByHour = [Int](repeating: 0, count: 24)
        var abandonedByHour = [Int](repeating: 0, count: 24)
    }

    struct Queue: Sendable {
        /// Customers who reached the queue (served or not).
        var entered = 0
        /// Customers served, with their waits.
        var served = 0
        var waitSum = 0.0
        var waited = 0
        var abandoned = 0
    }

    struct Station: Sendable {
        var queue = Queue()
        var busyByHour = [Double](repeating: 0, count: 24)
        var serversByHour = [Double](repeating: 0, count: 24)
        var queueByHour = [Double](repeating: 0, count: 24)
        /// Server-seconds of work done while no server was on duty (jobs running past a shift's end).
        var overtime = 0.0
    }

    var journeys: [Group]
    var segments: [Group]
    var steps: [Queue]
    var stations: [Station]
    /// Seconds of the measured window that fall in each hour of the day.
    var coverageByHour = [Double](repeating: 0, count: 24)
    var windowSeconds = 0.0
    var events = 0
    var trace = SimulationTrace()

    init(plan: SimulationPlan) {
        journeys = [Group](repeating: Group(), count: plan.journeyCount)
        segments = [Group](repeating: Group(), count: plan.segmentID.count)
        steps = [Queue](repeating: Queue(), count: plan.stepIDs.count)
        stations = [Station](repeating: Station(), count: plan.stationCount)
    }
}

/// The first replication's work, case by case: what an event log of the simulated run holds.
public struct SimulationTrace: Sendable, Hashable {
    /// Per executed step: the case number (1, 2, … in arrival order).
    public var cases: [Int32] = []
    /// Per executed step: the step's index in the blueprint.
    public var steps: [Int32] = []
    /// Per executed step: when its work started, in seconds from the start of the run (Monday 00:00).
    public var starts: [Double] = []
    /// Per executed step: when its work ended.
    public var ends: [Double] = []
    /// Per case number − 1: the journey's index in the blueprint.
    public var caseJourneys: [Int32] = []
    /// Per case number − 1: the segment's index in the settings, −1 for none.
    public var caseSegments: [Int32] = []
    /// Per case number − 1: `true` when the customer left a queue.
    public var caseAbandoned: [Bool] = []

    /// Creates an empty trace.
    public init() {}
}
