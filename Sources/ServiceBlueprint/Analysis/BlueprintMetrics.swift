/// Timing and interaction metrics of a blueprint: one entry per journey, or one for the whole
/// blueprint when it defines no journeys.
public struct BlueprintMetrics: Sendable, Hashable, Codable {
    /// Metrics per journey, in the blueprint's journey order; a single whole-blueprint entry
    /// (``JourneyMetrics/journey`` `nil`) when there are no journeys.
    public var journeys: [JourneyMetrics]
    /// Number of steps in the blueprint.
    public var stepCount: Int
    /// Number of flows in the blueprint.
    public var flowCount: Int

    /// Creates metrics from parts.
    public init(journeys: [JourneyMetrics], stepCount: Int, flowCount: Int) {
        self.journeys = journeys
        self.stepCount = stepCount
        self.flowCount = flowCount
    }

    /// Computes the metrics of `blueprint` (critical path method per journey, counts of touchpoints,
    /// hand-offs and line crossings).
    public init(_ blueprint: Blueprint) {
        let graph = BlueprintGraph(blueprint)
        let index = AnalysisIndex(blueprint: blueprint, graph: graph)
        self = MetricsCalculator(blueprint: blueprint, graph: graph, index: index).compute().metrics
    }

    /// The metrics of the journey with id `id`.
    public func journey(_ id: String) -> JourneyMetrics? { journeys.first { $0.journey == id } }
}

/// The metrics of one journey (or of the whole blueprint).
///
/// Times use each step's wait before it plus its likely process time. Flows that order work
/// (sequence, escalation, hand-off) form the graph; rework loops and information flows do not
/// extend the critical path. Every time here is a *critical path from estimates* (see
/// ``timeBasis``), not a simulated percentile or a measurement.
///
/// The lead time runs along the customer's path, from the journey's start to its ends; follow-up
/// work (results sent the next day) is left out of it and gets ``followUpLeadTime``.
public struct JourneyMetrics: Sendable, Hashable, Codable {
    /// The journey id; `nil` for the whole blueprint.
    public var journey: String?
    /// The journey title, or the blueprint title.
    public var title: String
    /// The number of steps in the journey, follow-ups included.
    public var stepCount: Int
    /// The lead time: the length of the critical path of the customer's path, from the journey's
    /// start to its ends (critical path from estimates).
    public var leadTime: BlueprintDuration
    /// The critical path of the customer's path, first step to last.
    public var criticalPath: [String]
    /// Earliest/latest start and finish and slack of each step in the journey, in blueprint order.
    /// Follow-up steps are timed from the journey's start, with slack against ``followUpLeadTime``.
    public var timings: [StepTiming]
    /// Follow-up steps: reachable from the customer's path but not on it, in blueprint order.
    public var followUps: [String] = []
    /// From the journey's start until the last follow-up ends (critical path from estimates);
    /// `nil` when the journey has no follow-up work.
    public var followUpLeadTime: BlueprintDuration?

    /// What every time in these metrics is: a critical path computed from the steps' estimates.
    public static let timeBasis = "critical path from estimates"
    /// Likely process time of the value-adding steps on the critical path.
    public var valueAddingTime: BlueprintDuration
    /// Value-adding time ÷ lead time (0 when the lead time is 0).
    public var processCycleEfficiency: Double
    /// Waiting on the critical path that the customer experiences: waits before steps in the lanes the
    /// customer sees (evidence, customer, frontstage) or at declared wait points, plus the time of
    /// `wait` steps there.
    public var customerWaitingTime: BlueprintDuration
    /// Steps with a channel: moments the customer meets the organisation.
    public var touchpoints: Int
    /// Work flows between steps of different actors (the customer not counted).
    public var handoffsBetweenActors: Int
    /// Work flows between steps of different departments.
    public var handoffsBetweenDepartments: Int
    /// Work flows crossing each of the three lines.
    public var lineCrossings: LineCrossings
    /// The journey's lead-time target, when it has one.
    public var target: BlueprintDuration?
    /// Steps that could not be scheduled because of a cycle not marked as rework.
    public var unscheduledSteps: [String]

    /// `true`/`false` when the journey has a target; `nil` otherwise.
    public var meetsTarget: Bool? { target.map { leadTime <= $0 } }
}

/// The schedule of one step under the critical path method.
public struct StepTiming: Sendable, Hashable, Codable {
    /// The step id.
    public var step: String
    /// Earliest start from the journey's start.
    public var earliestStart: BlueprintDuration
    /// Earliest finish.
    public var earliestFinish: BlueprintDuration
    /// Latest start that does not delay the journey.
    public var latestStart: BlueprintDuration
    /// Latest finish that does not delay the journey.
    public var latestFinish: BlueprintDuration
    /// Latest start − earliest start.
    public var slack: BlueprintDuration
    /// `true` when the step is on a critical path (zero slack).
    public var isCritical: Bool
}

extension StepTiming {
    /// The timing of node `v` in `schedule`.
    init(_ v: Int32, in schedule: LongestPath, id: String, critical: Bool) {
        let i = Int(v)
        self.init(
            step: id, earliestStart: .seconds(schedule.earliestStart[i]), earliestFinish: .seconds(schedule.earliestFinish[i]),
            latestStart: .seconds(schedule.latestStart[i]), latestFinish: .seconds(schedule.latestFinish[i]),
            slack: .seconds(schedule.slack(of: v)), isCritical: critical)
    }
}

/// How many work flows cross each line of the blueprint.
public struct LineCrossings: Sendable, Hashable, Codable {
    /// Crossings of the line of interaction (customer ↔ frontstage and beyond).
    public var interaction: Int
    /// Crossings of the line of visibility.
    public var visibility: Int
    /// Crossings of the line of internal interaction.
    public var internalInteraction: Int

    /// Creates counts.
    public init(interaction: Int = 0, visibility: Int = 0, internalInteraction: Int = 0) {
        self.interaction = interaction
        self.visibility = visibility
        self.internalInteraction = internalInteraction
    }

    /// The count for `line`.
    public subscript(line: BlueprintLine) -> Int {
        get {
            switch line {
            case .interaction: interaction
            case .visibility: visibility
            case .internalInteraction: internalInteraction
            }
        }
        set {
            switch line {
            case .interaction: interaction = newValue
            case .visibility: visibility = newValue
            case .internalInteraction: internalInteraction = newValue
            }
        }
    }
}

/// The part of the graph one journey covers, with its critical-path schedule; shared by rules.
public struct JourneyScope: Sendable {
    /// The journey; `nil` for the whole blueprint.
    public let journey: Journey?
    /// The journey's position in ``Blueprint/journeys``.
    public let journeyIndex: Int?
    /// The steps in the journey.
    package let steps: StepSet
    /// Flow indices the journey never takes (zero probability after its branch overrides); `nil` for none.
    package let excludedFlows: StepSet?
    /// The customer's path: the steps from the start to the ends (``steps`` without ``followUps``).
    package let path: StepSet
    /// Follow-up work: in the journey, off the customer's path.
    package let followUps: StepSet
    /// The critical path schedule of the customer's path: its length is the lead time.
    package let schedule: LongestPath
    /// The schedule of the whole journey, follow-ups included; `nil` when there are none.
    package let followUpSchedule: LongestPath?

    /// `true` when the journey contains the step (follow-ups included).
    public func contains(_ step: StepIndex) -> Bool { steps.contains(step.node) }

    /// `true` when the step is on the customer's path (from the start to the ends, no follow-ups).
    public func isOnCustomersPath(_ step: StepIndex) -> Bool { path.contains(step.node) }

    /// The steps of the journey, ascending.
    public var stepIndices: [StepIndex] { steps.map(StepIndex.init(node:)) }

    /// The critical path of the customer's path, first step to last: its length is the lead time.
    public var criticalPath: [StepIndex] { schedule.path.map(StepIndex.init(node:)) }

    /// "journey 'Title' (id)" or "the blueprint".
    public var name: String {
        guard let journey else { return "the blueprint" }
        return "journey '\(journey.title)' (\(journey.id))"
    }
}

/// Computes ``BlueprintMetrics`` and the journey scopes the rules reuse.
struct MetricsCalculator {
    let blueprint: Blueprint
    let graph: BlueprintGraph
    let index: AnalysisIndex

    func compute() -> (metrics: BlueprintMetrics, scopes: [JourneyScope]) {
        let scopes = Self.scopes(blueprint: blueprint, graph: graph)
        return (metrics(scopes: scopes), scopes)
    }

    /// The journey scopes: they need the graph only, so the analyzer computes them alongside the index.
    static func scopes(blueprint: Blueprint, graph: BlueprintGraph) -> [JourneyScope] {
        var scopes: [JourneyScope] = []
        if blueprint.journeys.isEmpty {
            scopes.append(scope(journey: nil, position: nil, parts: graph.wholeBlueprintParts(), skipping: nil, graph: graph))
        } else {
            for (position, journey) in blueprint.journeys.enumerated() {
                let excluded = graph.excludedFlows(for: journey)
                let parts = graph.parts(of: journey, skipping: excluded)
                scopes.append(scope(
                    journey: journey, position: position, parts: parts, skipping: excluded.isEmpty ? nil : excluded, graph: graph))
            }
        }
        return scopes
    }

    /// The metrics of every scope.
    func metrics(scopes: [JourneyScope]) -> BlueprintMetrics {
        BlueprintMetrics(journeys: scopes.map(metrics(of:)), stepCount: blueprint.steps.count, flowCount: blueprint.flows.count)
    }

    /// The scope of one journey: the path's schedule, and the whole journey's when it has follow-ups.
    static func scope(journey: Journey?, position: Int?, parts: JourneyParts, skipping: StepSet?, graph: BlueprintGraph) -> JourneyScope {
        let full = parts.followUps.isEmpty ? nil : graph.longestPath(within: parts.steps, skipping: skipping)
        return JourneyScope(
            journey: journey, journeyIndex: position, steps: parts.steps, excludedFlows: skipping, path: parts.path,
            followUps: parts.followUps, schedule: graph.longestPath(within: parts.path, skipping: skipping),
            followUpSchedule: full)
    }

    func metrics(of scope: JourneyScope) -> JourneyMetrics {
        let steps = blueprint.steps
        let schedule = scope.schedule
        var timings: [StepTiming] = []
        var touchpoints = 0
        var actorHandoffs = 0
        var departmentHandoffs = 0
        var crossings = LineCrossings()
        var followUps: [String] = []
        var followUpEnd = 0.0
        timings.reserveCapacity(scope.schedule.scheduled.count)
        for v in scope.steps {
            let i = Int(v)
            let lane = index.lane[i]
            if index.isTouchpoint[i] { touchpoints += 1 }
            if schedule.scheduled.contains(v) {
                timings.append(StepTiming(v, in: schedule, id: graph.stepIDs[i], critical: schedule.isCritical(v)))
            } else if let full = scope.followUpSchedule, scope.followUps.contains(v), full.scheduled.contains(v) {
                followUps.append(graph.stepIDs[i])
                followUpEnd = max(followUpEnd, full.earliestFinish[i])
                timings.append(StepTiming(v, in: full, id: graph.stepIDs[i], critical: false))
            } else if scope.followUps.contains(v) {
                followUps.append(graph.stepIDs[i])
            }
            graph.forEachSuccessor(of: v, kinds: .ordering, skipping: scope.excludedFlows) { target, _, _ in
                guard scope.steps.contains(target) else { return }
                let otherLane = index.lane[Int(target)]
                if lane != otherLane {
                    for line in Self.crossedLines[Self.ordinal(lane)][Self.ordinal(otherLane)] { crossings[line] += 1 }
                }
                if index.isHandoff(from: v, to: target) { actorHandoffs += 1 }
                if index.isDepartmentHandoff(from: v, to: target) { departmentHandoffs += 1 }
            }
        }
        var valueAdding = 0.0
        var customerWait = 0.0
        for v in schedule.path {
            if steps[Int(v)].value == .valueAdding { valueAdding += graph.processSeconds[Int(v)] }
            customerWait += index.customerWait(of: v)
        }
        let lead = schedule.length
        var metrics = JourneyMetrics(
            journey: scope.journey?.id, title: scope.journey?.title ?? blueprint.title, stepCount: scope.steps.count,
            leadTime: .seconds(lead), criticalPath: schedule.path.map { steps[Int($0)].id }, timings: timings,
            valueAddingTime: .seconds(valueAdding), processCycleEfficiency: lead > 0 ? valueAdding / lead : 0,
            customerWaitingTime: .seconds(customerWait), touchpoints: touchpoints, handoffsBetweenActors: actorHandoffs,
            handoffsBetweenDepartments: departmentHandoffs, lineCrossings: crossings, target: scope.journey?.target?.leadTime,
            unscheduledSteps: schedule.leftover.map { steps[Int($0)].id })
        metrics.followUps = followUps
        metrics.followUpLeadTime = scope.followUpSchedule == nil ? nil : .seconds(followUpEnd)
        return metrics
    }

    /// ``BlueprintLine/crossed(from:to:)`` for every pair of lanes, by ``ordinal(_:)`` (it builds an
    /// array per call, and the metrics ask once per flow).
    static let crossedLines: [[[BlueprintLine]]] = Lane.allCases.map { a in
        Lane.allCases.map { b in BlueprintLine.crossed(from: a, to: b) }
    }

    /// The position of `lane` in `Lane.allCases`.
    @inline(__always)
    static func ordinal(_ lane: Lane) -> Int {
        switch lane {
        case .evidence: 0
        case .customer: 1
        case .frontstage: 2
        case .backstage: 3
        case .support: 4
        }
    }
}
