/// Load, utilization, queueing waits, throughput ceilings and lead times of a blueprint.
///
/// The analysis turns each journey's ``Journey/demand`` into work for the actors who perform its
/// steps, and each actor with a ``Actor/capacity`` into an M/M/c queue (``MMcQueue``).
///
/// ## How the numbers are made
/// - **Visits.** Each journey's customers enter at its start and follow the work-ordering flows
///   (sequence, escalation, hand-off). A step whose outgoing flows carry probabilities — on the
///   flow, or overridden in ``Journey/branchProbabilities`` by flow id `from->to` — or that is a
///   ``StepKind/decision`` is an *exclusive* split: one branch is taken (flows without a probability
///   share the rest evenly). Any other step with several outgoing flows is a *parallel* split: every
///   branch is taken and the branches join again where they meet. A rework flow sends the work back
///   with its probability (else the source's fail-point likelihood, else
///   ``CapacityOptions/defaultReworkProbability``), repeating the steps between target and source
///   1 / (1 − p) times on average. See ``JourneyCapacity/visits``.
/// - **Arrivals.** A step's arrival rate is Σ over journeys of demand × visits, spread over the
///   performing actor's working time: demand per day over ``WorkingHours/perDay`` hours, per week
///   over perDay × ``WorkingHours/daysPerWeek`` hours; an actor without hours works around the clock.
///   Every journey is its own stream of customers; journeys that share steps add up.
/// - **Service time.** The PERT mean (min + 4·likely + max) / 6 of the step's duration — the
///   long-run average, which is what utilization depends on. Steps of kind ``StepKind/wait`` are
///   time passing, not work, and load nobody.
/// - **Queues.** An actor is a queue when it has a capacity and is not the customer. Its steps share
///   one pooled M/M/c queue: λ = the sum of its steps' arrival rates, the mean service time is their
///   load-weighted mean, c = ``Actor/capacity``. Utilization = λ × mean service time ÷ c. An actor
///   without capacity is unlimited and never waits. Waits are in the actor's working time.
/// - **Lead time.** The critical path of the journey (the graph core's longest path over
///   ``Step/waitBefore`` + likely process time, through the steps the journey visits with a
///   probability above 0), once as modelled and once with each step's wait increased by its actor's
///   expected queueing wait Wq. Exclusive branches count at their longest, as in the critical path method; ``leadTimeDistribution(journey:iterations:seed:includeQueueing:)``
///   gives the probabilistic view.
///
/// ```swift
/// let capacity = CapacityAnalysis(blueprint)
/// if let worst = capacity.bottleneck {
///     print(worst.actorID, worst.utilization ?? 0, worst.expectedWaitSeconds)
/// }
/// ```
public struct CapacityAnalysis: Sendable {
    /// The blueprint analysed.
    public let blueprint: Blueprint
    /// Its flow graph.
    public let graph: BlueprintGraph
    /// The options used.
    public let options: CapacityOptions
    /// Load per step, in blueprint step order.
    public let steps: [StepLoad]
    /// Load and queueing per actor, in blueprint actor order.
    public let actors: [ActorLoad]
    /// Visits, lead times and throughput ceiling per journey, in blueprint journey order.
    public let journeys: [JourneyCapacity]

    /// The flow model of each journey, in ``journeys`` order (used by Monte Carlo).
    package let models: [JourneyFlowModel]

    /// Runs the analysis.
    /// - Parameters:
    ///   - blueprint: The blueprint. Invalid references (unknown actors, steps) are skipped, not trapped.
    ///   - graph: Its graph, when the caller has built it already.
    ///   - options: Thresholds and defaults.
    /// - Complexity: about O((n + m) log n) per journey for n steps and m flows.
    public init(_ blueprint: Blueprint, graph: BlueprintGraph? = nil, options: CapacityOptions = .init()) {
        let graph = graph ?? BlueprintGraph(blueprint)
        let topological = graph.topologicalOrder()
        self.init(
            blueprint: blueprint, graph: graph, options: options,
            scopes: blueprint.journeys.map { graph.steps(of: $0) }, order: topological.order + topological.leftover,
            includeLeadTimes: true)
    }

    /// The analysis from parts the caller already has (the rule engine's journey scopes and
    /// topological order). Without lead times the journeys' lead-time fields are 0 and their
    /// critical paths empty, which saves two longest-path runs per journey.
    init(
        blueprint: Blueprint, graph: BlueprintGraph, options: CapacityOptions, scopes: [StepSet], order: [Int32],
        includeLeadTimes: Bool
    ) {
        WorkCounters.countCapacityRun()
        self.blueprint = blueprint
        self.graph = graph
        self.options = options

        let n = graph.stepCount
        let actorCount = blueprint.actors.count
        var actorIndex = [String: Int](minimumCapacity: actorCount)
        for (i, actor) in blueprint.actors.enumerated() where actorIndex[actor.id] == nil { actorIndex[actor.id] = i }
        // Columns of the step properties used below, read once by index (iterating `blueprint.steps`
        // would copy every step with all its strings and arrays).
        var stepActor = [Int](repeating: -1, count: n)
        var serviceSeconds = [Double](repeating: 0, count: n)
        var isWait = [Bool](repeating: false, count: n)
        var isDecision = [Bool](repeating: false, count: n)
        for s in 0..<n {
            if let id = blueprint.steps[s].actor, let a = actorIndex[id] { stepActor[s] = a }
            let kind = blueprint.steps[s].kind
            isWait[s] = kind == .wait
            isDecision[s] = kind == .decision
            if !isWait[s] { serviceSeconds[s] = Self.meanSeconds(blueprint.steps[s].duration) }
        }
        func hours(ofStep s: Int) -> WorkingHours? {
            stepActor[s] >= 0 ? blueprint.actors[stepActor[s]].hours : nil
        }

        // Visits per journey, arrivals per step, and each journey's offered load per unit of demand.
        let flowProbability = JourneyFlowModel.flowProbabilities(blueprint)
        let models = blueprint.journeys.indices.map { j in
            JourneyFlowModel(
                journey: blueprint.journeys[j], blueprint: blueprint, graph: graph, isDecision: isDecision,
                flowProbability: flowProbability, options: options,
                scope: j < scopes.count ? scopes[j] : graph.steps(of: blueprint.journeys[j]), order: order)
        }
        var visitsByJourney = [[Double]]()
        var arrivals = [Double](repeating: 0, count: n)
        var erlangsPerDemand = [[Double]](repeating: [Double](repeating: 0, count: actorCount), count: models.count)
        for (j, model) in models.enumerated() {
            let visits = model.visitRates()
            visitsByJourney.append(visits)
            let journey = blueprint.journeys[j]
            let demand = Self.arrivals(journey.demand)
            let period = journey.demand?.per ?? .hour
            for (u, global) in model.nodes.enumerated() where visits[u] > 0 {
                let s = Int(global)
                let hoursPerPeriod = Self.hours(in: period, workingHours: hours(ofStep: s))
                arrivals[s] += demand * visits[u] / hoursPerPeriod
                if stepActor[s] >= 0 {
                    erlangsPerDemand[j][stepActor[s]] += visits[u] * serviceSeconds[s] / (3_600 * hoursPerPeriod)
                }
            }
        }

        // Actors: one pooled M/M/c queue each.
        var actorArrivals = [Double](repeating: 0, count: actorCount)
        var actorErlangs = [Double](repeating: 0, count: actorCount)
        var actorSteps = [[Int]](repeating: [], count: actorCount)
        for s in 0..<n where stepActor[s] >= 0 {
            let a = stepActor[s]
            actorSteps[a].append(s)
            guard !isWait[s] else { continue }
            actorArrivals[a] += arrivals[s]
            actorErlangs[a] += arrivals[s] * serviceSeconds[s] / 3_600
        }
        var actors = [ActorLoad]()
        actors.reserveCapacity(actorCount)
        for (a, actor) in blueprint.actors.enumerated() {
            let isQueue = actor.kind != .customer && actor.capacity != nil
            let meanService = actorArrivals[a] > 0 ? actorErlangs[a] * 3_600 / actorArrivals[a] : 0
            var queue: MMcQueue?
            if isQueue, let servers = actor.capacity {
                let busy = actorErlangs[a] > 0
                queue = MMcQueue(
                    arrivalRate: busy ? actorArrivals[a] : 0, serviceRate: busy ? 3_600 / meanService : 1,
                    servers: servers)
            }
            let ranked = actorSteps[a].sorted { x, y in
                let lx = arrivals[x] * serviceSeconds[x], ly = arrivals[y] * serviceSeconds[y]
                return lx != ly ? lx > ly : x < y
            }
            actors.append(ActorLoad(
                actorID: actor.id, kind: actor.kind, servers: actor.capacity, hours: Self.effective(actor.hours),
                isQueue: isQueue, arrivalsPerHour: actorArrivals[a], meanServiceSeconds: meanService,
                offeredLoad: actorErlangs[a], queue: queue, steps: ranked.map { graph.stepIDs[$0] }))
        }

        // Steps.
        var waits = [Double](repeating: 0, count: n)
        var stepLoads = [StepLoad]()
        stepLoads.reserveCapacity(n)
        for s in 0..<n {
            let a = stepActor[s]
            let load = arrivals[s] * serviceSeconds[s] / 3_600
            var utilization: Double?
            if a >= 0, actors[a].isQueue, let servers = actors[a].servers {
                utilization = servers > 0 ? load / Double(servers) : (load > 0 ? .infinity : 0)
                if !isWait[s] { waits[s] = actors[a].expectedWaitSeconds }
            }
            stepLoads.append(StepLoad(
                stepID: graph.stepIDs[s], actorID: a >= 0 ? blueprint.actors[a].id : nil, arrivalsPerHour: arrivals[s],
                serviceSeconds: serviceSeconds[s], offeredLoad: load, utilization: utilization,
                queueWaitSeconds: waits[s]))
        }

        // Journeys: lead time with and without queueing, and the throughput ceiling.
        let baseWeights = graph.timeWeights
        var queuedWeights = baseWeights
        for s in 0..<n where waits[s] > 0 { queuedWeights[s] += waits[s] }
        var journeys = [JourneyCapacity]()
        for (j, journey) in blueprint.journeys.enumerated() {
            let model = models[j]
            let visits = visitsByJourney[j]
            let unstable = model.nodes.indices.contains { visits[$0] > 0 && waits[Int(model.nodes[$0])] == .infinity }
            var baseLength = 0.0
            var queuedLength = unstable ? Double.infinity : 0
            var path = [Int32]()
            if includeLeadTimes, !model.nodes.isEmpty {
                // Branches the journey never takes (probability 0) are not part of it.
                // The lead time runs to the journey's ends: follow-up work is not on the customer's path.
                let customerPath = graph.parts(of: journey, skipping: graph.excludedFlows(for: journey)).path
                var visited = StepSet(capacity: n)
                for u in model.nodes.indices where visits[u] > 0 && customerPath.contains(model.nodes[u]) { visited.insert(model.nodes[u]) }
                let base = graph.longestPath(weights: baseWeights, within: visited)
                baseLength = base.length
                path = base.path
                if !unstable {
                    let queued = graph.longestPath(weights: queuedWeights, within: visited)
                    queuedLength = queued.length
                    path = queued.path
                }
            }
            let demand = Self.arrivals(journey.demand)
            var ceiling: Double?
            var limiting: Int?
            for (a, actor) in actors.enumerated() where actor.isQueue {
                let perDemand = erlangsPerDemand[j][a]
                guard perDemand > 0, let servers = actor.servers else { continue }
                let others = actor.offeredLoad - demand * perDemand
                let room = Double(servers) - others
                let candidate = room > 0 ? room / perDemand : 0
                if ceiling == nil || candidate < ceiling! {
                    ceiling = candidate
                    limiting = a
                }
            }
            journeys.append(JourneyCapacity(
                journeyID: journey.id, demand: journey.demand,
                visits: model.nodes.enumerated().map { StepVisit(stepID: graph.id(of: $1), visits: visits[$0]) },
                leadTimeSeconds: baseLength, leadTimeWithQueueingSeconds: queuedLength,
                criticalPath: path.map { graph.id(of: $0) },
                throughputCeiling: ceiling, ceilingPeriod: journey.demand?.per ?? .hour,
                limitingActorID: limiting.map { blueprint.actors[$0].id }))
        }

        self.steps = stepLoads
        self.actors = actors
        self.journeys = journeys
        self.models = models
    }

    /// The load of the step with id `id`, if any.
    public func step(_ id: String) -> StepLoad? { graph.index(of: id).map { steps[Int($0)] } }
    /// The load of the actor with id `id`, if any.
    public func actor(_ id: String) -> ActorLoad? { actors.first { $0.actorID == id } }
    /// The capacity view of the journey with id `id`, if any.
    public func journey(_ id: String) -> JourneyCapacity? { journeys.first { $0.journeyID == id } }

    /// The queue with the highest utilization (the first in actor order on a tie); `nil` when no
    /// actor with a capacity has any load.
    public var bottleneck: ActorLoad? {
        var best: ActorLoad?
        for actor in actors {
            guard let utilization = actor.utilization, actor.offeredLoad > 0 else { continue }
            if best == nil || utilization > best!.utilization! { best = actor }
        }
        return best
    }

    /// Queues at or above utilization 1: their queues grow without bound. In actor order.
    public var unstableActors: [ActorLoad] { actors.filter { ($0.utilization ?? 0) >= 1 } }

    /// Queues above ``CapacityOptions/highUtilizationThreshold`` (including unstable ones), in actor order.
    public var highlyUtilizedActors: [ActorLoad] {
        actors.filter { ($0.utilization ?? 0) > options.highUtilizationThreshold }
    }

    /// The steps of `actor` with their share of its load, highest first.
    public func steps(of actorID: String) -> [StepLoad] {
        guard let actor = actor(actorID) else { return [] }
        return actor.steps.compactMap { step($0) }
    }

    // MARK: - Units

    /// The mean of a process time: the PERT mean of a three-point estimate, 0 when absent.
    static func meanSeconds(_ time: ProcessTime?) -> Double {
        guard let time else { return 0 }
        let value = time.pertMean.seconds
        return value.isFinite ? value : 0
    }

    /// Arrivals of a demand, 0 when absent, negative or not a number.
    static func arrivals(_ demand: Demand?) -> Double {
        guard let value = demand?.arrivals, value.isFinite, value > 0 else { return 0 }
        return value
    }

    /// Working hours with nonsensical values replaced by around-the-clock ones.
    static func effective(_ hours: WorkingHours?) -> WorkingHours {
        guard let hours else { return .always }
        let perDay = hours.perDay.isFinite && hours.perDay > 0 ? min(24, hours.perDay) : 24
        let days = hours.daysPerWeek.isFinite && hours.daysPerWeek > 0 ? min(7, hours.daysPerWeek) : 7
        return WorkingHours(perDay: perDay, daysPerWeek: days)
    }

    /// The working hours in one demand period: 1 per hour, hours per day per day, hours per day ×
    /// days per week per week.
    static func hours(in period: Demand.Period, workingHours: WorkingHours?) -> Double {
        let hours = effective(workingHours)
        switch period {
        case .hour: return 1
        case .day: return hours.perDay
        case .week: return hours.perDay * hours.daysPerWeek
        }
    }
}

/// The work arriving at one step, summed over all journeys.
public struct StepLoad: Sendable, Hashable {
    /// The step's id.
    public let stepID: String
    /// The performing actor's id, when the step names a known actor.
    public let actorID: String?
    /// Arrivals per hour of the actor's working time (around the clock without an actor).
    public let arrivalsPerHour: Double
    /// The mean service time (PERT mean) in seconds; 0 for ``StepKind/wait`` steps.
    public let serviceSeconds: Double
    /// The work the step brings in Erlangs: arrivals per hour × service time. How many servers it
    /// keeps busy on average.
    public let offeredLoad: Double
    /// The step's share of its actor's servers (offered load ÷ servers); `nil` when the actor is
    /// not a queue.
    public let utilization: Double?
    /// The expected queueing wait before the step, its actor's Wq, in seconds; 0 when the actor is
    /// not a queue, `.infinity` when its queue is unstable.
    public let queueWaitSeconds: Double
}

/// The load on one actor and, when it has a capacity, its M/M/c queue.
public struct ActorLoad: Sendable, Hashable {
    /// The actor's id.
    public let actorID: String
    /// The actor's kind (customers are never queues).
    public let kind: Actor.Kind
    /// The number of servers, ``Actor/capacity``; `nil` means unlimited.
    public let servers: Int?
    /// The working hours used to spread daily and weekly demand (around the clock when not given).
    public let hours: WorkingHours
    /// `true` when the actor has a capacity and is not the customer, so work can queue for it.
    public let isQueue: Bool
    /// Arrivals per working hour, over all its steps.
    public let arrivalsPerHour: Double
    /// The load-weighted mean service time of its steps, in seconds.
    public let meanServiceSeconds: Double
    /// The offered load in Erlangs: arrivals per hour × mean service time.
    public let offeredLoad: Double
    /// The M/M/c queue, with rates per hour; `nil` when the actor is not a queue.
    public let queue: MMcQueue?
    /// The ids of the steps it performs, the heaviest load first.
    public let steps: [String]

    /// Utilization: offered load ÷ servers; `nil` when the actor is not a queue.
    public var utilization: Double? { queue?.utilization }
    /// `false` when utilization ≥ 1: the queue grows without bound.
    public var isStable: Bool { queue?.isStable ?? true }
    /// The probability that work has to wait for this actor (Erlang C); 0 when not a queue.
    public var probabilityOfWaiting: Double { queue?.probabilityOfWaiting ?? 0 }
    /// The expected wait (Wq) in seconds of working time; 0 when not a queue, `.infinity` when unstable.
    public var expectedWaitSeconds: Double { queue.map { $0.expectedWait * 3_600 } ?? 0 }
    /// The expected number of cases waiting (Lq); 0 when not a queue, `.infinity` when unstable.
    public var expectedQueueLength: Double { queue?.expectedQueueLength ?? 0 }
    /// The most cases per working hour the actor can complete with its mix of steps (servers ×
    /// 3600 ÷ mean service time); `nil` when unlimited or without load.
    public var throughputCeilingPerHour: Double? {
        guard isQueue, let servers, meanServiceSeconds > 0 else { return nil }
        return Double(servers) * 3_600 / meanServiceSeconds
    }
}

/// One step of a journey and how often a customer of the journey visits it.
public struct StepVisit: Sendable, Hashable {
    /// The step's id.
    public let stepID: String
    /// Expected visits per customer who starts the journey: the probability that the step runs,
    /// times the expected rounds of any rework loop it is in.
    public let visits: Double
}

/// The capacity view of one journey: visits, lead time with queueing, throughput ceiling.
public struct JourneyCapacity: Sendable, Hashable {
    /// The journey's id.
    public let journeyID: String
    /// Its demand, if given.
    public let demand: Demand?
    /// The steps it covers in topological order, with expected visits per customer.
    public let visits: [StepVisit]
    /// The critical-path lead time without queueing, in seconds, over the steps the journey visits
    /// (branches with probability 0 in this journey are left out).
    public let leadTimeSeconds: Double
    /// The critical-path lead time with each step's expected queueing wait added, in seconds;
    /// `.infinity` when the journey visits an unstable queue.
    public let leadTimeWithQueueingSeconds: Double
    /// The critical path with queueing (without when unstable), by step id.
    public let criticalPath: [String]
    /// The arrival rate, in ``ceilingPeriod`` units, at which the first queue on the journey reaches
    /// utilization 1, with the other journeys' demand unchanged; 0 when that queue is already
    /// saturated; `nil` when the journey visits no queue.
    public let throughputCeiling: Double?
    /// The period of ``throughputCeiling``: the journey's demand period, per hour without demand.
    public let ceilingPeriod: Demand.Period
    /// The actor that saturates first as the journey's demand grows.
    public let limitingActorID: String?

    /// Expected visits to step `id`, 0 when the journey does not cover it.
    public func visits(to id: String) -> Double { visits.first { $0.stepID == id }?.visits ?? 0 }
    /// `false` when the journey visits a queue that grows without bound.
    public var isStable: Bool { leadTimeWithQueueingSeconds.isFinite }
    /// The throughput ceiling ÷ current demand: 2 means the journey could take twice its demand;
    /// `nil` without demand or without a ceiling.
    public var headroom: Double? {
        guard let ceiling = throughputCeiling, let arrivals = demand?.arrivals, arrivals > 0 else { return nil }
        return ceiling / arrivals
    }
}
