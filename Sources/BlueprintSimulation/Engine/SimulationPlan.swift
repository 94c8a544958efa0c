import Foundation
import ServiceBlueprint

/// A blueprint compiled for simulation: integer indices and flat arrays only, built once and
/// shared (read-only) by every replication.
///
/// - **Stations** are the places where cases queue: every actor with a capacity or a calendar
///   (not the customer), then every shared resource. A station has a weekly server schedule.
/// - **Nodes** are the steps of every journey in the journey's topological order (the capacity
///   analysis's flow model, so branches and rework follow the same rules as the Monte Carlo).
///   Node `g` of journey `j` is `nodeBase[j] + u` for local index `u`. A node that takes or gives
///   back a station is an *event node*; every other node just adds its sampled time to the case's clock.
struct SimulationPlan: Sendable {
    // Stations.
    var stationCount = 0
    var stationID: [String] = []
    var stationIsResource: [Bool] = []
    /// Per station, a weekly schedule: segment starts (seconds of the week, first is 0) and servers.
    var scheduleOffsets: [Int32] = [0]
    var scheduleStart: [Double] = []
    var scheduleServers: [Int32] = []

    // Priority levels (dense, 0 served first).
    var levelCount = 1

    // Journeys.
    var journeyCount = 0
    var journeyID: [String] = []
    var journeyTarget: [Double] = []          // seconds, NaN without a target
    var journeyRequired: [Double] = []        // required attainment, NaN when not given
    var nodeBase: [Int32] = [0]               // nodes of journey j: nodeBase[j]..<nodeBase[j+1]
    var scratchSize: [Int32] = []             // per journey: n + longest rework region
    /// Arrival rate per second for each of the 168 hours of the week; empty when the journey has no demand.
    var arrivalRates: [[Double]] = []
    var constantRate: [Double] = []           // > 0 when the rate does not vary
    /// Segments a journey's customers fall into: segment index and cumulative share.
    var journeySegments: [[(segment: Int32, cumulative: Double)]] = []
    var hasSegments: [Bool] = []              // read first, so that a journey without segments retains no array

    // Segments (the declared ones; −1 means none).
    var segmentID: [String] = []
    var segmentLevel: [Int32] = []
    var segmentTarget: [Double] = []          // NaN: the journey's
    var segmentPatienceKind: [UInt8] = []     // 0 none (use the node's), 1 fixed, 2 exponential
    var segmentPatience: [Double] = []
    var defaultLevel: Int32 = 0

    // Nodes.
    var nodeStep: [Int32] = []                // blueprint step index
    var nodeOnPath: [Bool] = []
    var nodeWaitBefore: [Double] = []
    var nodeSampling: [UInt8] = []            // 0 fixed, 1 PERT-beta, 2 exponential
    var nodeFixed: [Double] = []              // fixed: the time; exponential: the mean
    var nodeMinimum: [Double] = []
    var nodeSpan: [Double] = []
    var nodeShape: [Int32] = []               // PERT-beta: index of the shape's table
    /// What the walk over nodes reads, packed in one record per node (one load, not ten).
    var nodes: [Node] = []
    var sampler = Sampler()
    var nodeStation: [Int32] = []             // the actor station served at, −1 for none
    var nodeAcquireOffsets: [Int32] = [0]     // stations taken before service, in global order
    var nodeAcquire: [Int32] = []
    var nodeReleaseMask: [UInt64] = []        // resources given back at the node's end (bit = resource)
    var nodeIsEvent: [Bool] = []
    var nodePatienceKind: [UInt8] = []        // 0 none, 1 fixed, 2 exponential
    var nodePatience: [Double] = []
    // Flow (local indices, per journey slices through nodeBase; edges through edgeBase).
    var edgeBase: [Int32] = [0]
    var outOffsets: [Int32] = []              // per node: first edge (journey-relative), plus one per journey end
    var outTargets: [Int32] = []
    var outCumulative: [Double] = []
    var isExclusive: [Bool] = []
    // Rework loops (global loop index, per journey through loopBase).
    var loopBase: [Int32] = [0]
    var loopOffsets: [Int32] = []             // per node + 1 per journey: loops with that source
    var loopProbability: [Double] = []
    var regionOffsets: [Int32] = [0]
    var regionNodes: [Int32] = []             // local indices
    var regionEdgeOffsets: [Int32] = [0]
    var regionEdgeTargets: [Int32] = []
    var maximumRounds = 50

    // Blueprint names for the results.
    var stepIDs: [String] = []
    var resourceBit: [Int32] = []             // per station: bit index for resources, −1 for actors
    var firstResource = 0                     // resources are stations firstResource..<stationCount
}

extension SimulationPlan {
    /// Compiles a blueprint with the options' what-ifs applied.
    init(_ blueprint: Blueprint, options: SimulationOptions) {
        let analysis = CapacityAnalysis(blueprint)
        let graph = analysis.graph
        let settings = blueprint.simulation
        stepIDs = blueprint.steps.map(\.id)
        maximumRounds = max(0, analysis.options.maximumReworkRounds)

        // Stations: actors that queue, then resources.
        var actorStation = [String: Int32]()
        var calendarOf = [String: WorkCalendar]()
        for calendar in settings.calendars { for actor in calendar.actors where calendarOf[actor] == nil { calendarOf[actor] = calendar } }
        for actor in blueprint.actors where actor.kind != .customer && actorStation[actor.id] == nil {
            let override = options.servers[actor.id]
            guard actor.capacity != nil || calendarOf[actor.id] != nil || override != nil else { continue }
            let capacity = max(0, override ?? actor.capacity ?? 1)
            let shifts: [Shift]
            if let calendar = calendarOf[actor.id] {
                shifts = calendar.shifts.map { shift in
                    var s = shift
                    if let override { s.servers = override } else if s.servers == nil { s.servers = capacity }
                    return s
                }
            } else {
                shifts = Self.shifts(for: actor.hours, servers: capacity)
            }
            actorStation[actor.id] = Int32(stationCount)
            addStation(id: actor.id, isResource: false, schedule: Self.weeklySchedule(shifts))
        }
        var resourceStation = [String: Int32]()
        for resource in settings.resources.prefix(64) where resourceStation[resource.id] == nil {
            let capacity = max(0, options.servers[resource.id] ?? resource.capacity)
            resourceStation[resource.id] = Int32(stationCount)
            // A resource on a calendar (a room open with the clinic) is available in its shifts only.
            let shifts = calendarOf[resource.id]?.shifts.map { shift in
                var s = shift
                s.servers = options.servers[resource.id] != nil || s.servers == nil ? capacity : s.servers
                return s
            } ?? [Shift(days: .everyDay, start: .zero, end: .zero, servers: capacity)]
            addStation(id: resource.id, isResource: true, schedule: Self.weeklySchedule(shifts))
        }
        resourceBit = (0..<stationCount).map { stationIsResource[$0] ? Int32($0 - (stationCount - resourceStation.count)) : -1 }
        firstResource = stationCount - resourceStation.count

        // Segments and priority levels.
        let priorities = Array(Set(settings.segments.map(\.priority) + [1])).sorted()
        levelCount = priorities.count
        defaultLevel = Int32(priorities.firstIndex(of: 1) ?? 0)
        for segment in settings.segments {
            segmentID.append(segment.id)
            segmentLevel.append(Int32(priorities.firstIndex(of: segment.priority) ?? 0))
            segmentTarget.append(segment.target?.seconds ?? .nan)
            switch segment.patience {
            case .none:
                segmentPatienceKind.append(0)
                segmentPatience.append(0)
            case .fixed(let d)?:
                segmentPatienceKind.append(1)
                segmentPatience.append(d.seconds)
            case .exponential(let mean)?:
                segmentPatienceKind.append(2)
                segmentPatience.append(mean.seconds)
            }
        }

        // Per-step properties shared by every journey's node of that step.
        let stepIndex = Dictionary(blueprint.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var distribution = [ServiceTimeRule.Distribution](repeating: .pert, count: blueprint.steps.count)
        for rule in settings.serviceTimes {
            if rule.steps.isEmpty {
                for s in distribution.indices { distribution[s] = rule.distribution }
            } else {
                for id in rule.steps { if let s = stepIndex[id] { distribution[s] = rule.distribution } }
            }
        }
        var patience = [Patience?](repeating: nil, count: blueprint.steps.count)
        for (s, step) in blueprint.steps.enumerated() { patience[s] = step.waitPoint?.tolerance.map { .fixed($0) } }
        for rule in settings.patience {
            if rule.steps.isEmpty {
                for (s, step) in blueprint.steps.enumerated() where step.waitPoint != nil { patience[s] = rule.patience }
            } else {
                for id in rule.steps { if let s = stepIndex[id] { patience[s] = rule.patience } }
            }
        }
        var takes = [[Int32]](repeating: [], count: blueprint.steps.count)
        var gives = [UInt64](repeating: 0, count: blueprint.steps.count)
        for resource in settings.resources {
            guard let station = resourceStation[resource.id], let from = stepIndex[resource.from],
                let to = stepIndex[resource.to]
            else { continue }
            if !takes[from].contains(station) { takes[from].append(station) }
            gives[to] |= 1 << UInt64(station - Int32(firstResource))
        }
        for s in takes.indices { takes[s].sort() }

        // Journeys.
        var tableIndex = [PERTKey: Int32]()
        let openWindow: (String?) -> [Double]? = { [self] actorID in
            guard let actorID, let station = actorStation[actorID] else { return nil }
            return self.hourlyOpen(station: Int(station))
        }
        for (j, journey) in blueprint.journeys.enumerated() {
            let model = analysis.models[j]
            let n = model.count
            journeyID.append(journey.id)
            journeyTarget.append(journey.target?.leadTime.seconds ?? .nan)
            journeyRequired.append(journey.target?.attainment ?? .nan)
            let path = n > 0 ? graph.parts(of: journey, skipping: graph.excludedFlows(for: journey)).path : StepSet(capacity: graph.stepCount)

            // Arrivals.
            // Customers come while the service is open: the hours of the first queueing actor on the journey.
            let startActor = model.nodes.lazy.compactMap { blueprint.steps[Int($0)].actor }
                .first { actorStation[$0] != nil }
            let profile = settings.demandProfiles.last { $0.journeys.isEmpty || $0.journeys.contains(journey.id) }
            let rates = n > 0 ? Self.arrivalRates(
                demand: journey.demand, factor: options.demandFactor, profile: profile, window: openWindow(startActor)) : []
            arrivalRates.append(rates)
            constantRate.append(rates.isEmpty ? 0 : (rates.allSatisfy { $0 == rates[0] } ? rates[0] : -1))
            var shares: [(Int32, Double)] = []
            var total = 0.0
            for (k, segment) in settings.segments.enumerated()
            where (segment.journeys.isEmpty || segment.journeys.contains(journey.id)) && segment.share > 0 && segment.share.isFinite {
                total += segment.share
                shares.append((Int32(k), total))
            }
            journeySegments.append(shares.map { ($0.0, $0.1 / total) })
            hasSegments.append(!shares.isEmpty)

            // Nodes.
            for u in 0..<n {
                let s = Int(model.nodes[u])
                let step = blueprint.steps[s]
                nodeStep.append(Int32(s))
                nodeOnPath.append(path.contains(model.nodes[u]))
                nodeWaitBefore.append(graph.waitSeconds[s])
                var sampling: UInt8 = 0
                var fixed = graph.processSeconds[s]
                var low = 0.0, span = 0.0
                var shapeIndex: Int32 = -1
                if let time = step.duration {
                    switch distribution[s] {
                    case .fixed: break
                    case .exponential:
                        sampling = 2
                        fixed = time.pertMean.seconds
                    case .pert:
                        // The Monte Carlo's PERT-beta, with the same shape parameters.
                        if let shape = PERTShape(time) {
                            sampling = 1
                            low = shape.minimum
                            span = shape.span
                            shapeIndex = addTable(alpha: shape.alpha, beta: shape.beta, known: &tableIndex)
                        }
                    }
                }
                nodeSampling.append(sampling)
                nodeFixed.append(fixed)
                nodeMinimum.append(low)
                nodeSpan.append(span)
                nodeShape.append(shapeIndex)
                let station = step.kind == .wait ? -1 : (step.actor.flatMap { actorStation[$0] } ?? -1)
                nodeStation.append(station)
                nodeAcquire.append(contentsOf: takes[s])
                if station >= 0 { nodeAcquire.append(station) }
                nodeAcquireOffsets.append(Int32(nodeAcquire.count))
                nodeReleaseMask.append(gives[s])
                nodeIsEvent.append(station >= 0 || !takes[s].isEmpty || gives[s] != 0)
                switch patience[s] {
                case .none:
                    nodePatienceKind.append(0)
                    nodePatience.append(0)
                case .fixed(let d)?:
                    nodePatienceKind.append(1)
                    nodePatience.append(d.seconds)
                case .exponential(let mean)?:
                    nodePatienceKind.append(2)
                    nodePatience.append(mean.seconds)
                }
                let first = Int(model.outOffsets[u]), end = Int(model.outOffsets[u + 1])
                outOffsets.append(Int32(first))
                var total = 0.0
                for e in first..<end {
                    outTargets.append(model.outTargets[e])
                    total += model.outProbability[e]
                    outCumulative.append(model.isExclusive[u] ? total : 1)
                }
                isExclusive.append(model.isExclusive[u])
            }
            outOffsets.append(n > 0 ? model.outOffsets[n] : 0)
            let edges = Int(edgeBase[j])
            edgeBase.append(Int32(outTargets.count))
            nodeBase.append(Int32(nodeStep.count))

            // Rework loops (the Monte Carlo's regions), appended with global offsets.
            let regions = ReworkRegions(model)
            loopOffsets.append(contentsOf: regions.loopOffsets)
            loopProbability.append(contentsOf: regions.loopProbability)
            let nodeShift = Int32(regionNodes.count), edgeShift = Int32(regionEdgeTargets.count)
            regionOffsets.append(contentsOf: regions.regionOffsets.dropFirst().map { $0 + nodeShift })
            regionNodes.append(contentsOf: regions.regionNodes)
            regionEdgeOffsets.append(contentsOf: regions.regionEdgeOffsets.dropFirst().map { $0 + edgeShift })
            regionEdgeTargets.append(contentsOf: regions.regionEdgeTargets)
            let longestRegion = regions.longestRegion
            for u in 0..<n {
                let g = Int(nodeBase[j]) + u
                nodes.append(Node(
                    waitBefore: nodeWaitBefore[g], fixed: nodeFixed[g], minimum: nodeMinimum[g], span: nodeSpan[g],
                    edgeFirst: Int32(edges) + model.outOffsets[u], edgeEnd: Int32(edges) + model.outOffsets[u + 1],
                    shape: nodeShape[g], sampling: nodeSampling[g], onPath: nodeOnPath[g], isExclusive: isExclusive[g],
                    isPlain: !nodeIsEvent[g] && regions.loopOffsets[u] == regions.loopOffsets[u + 1]))
            }
            loopBase.append(Int32(loopProbability.count))
            scratchSize.append(Int32(n + longestRegion))
        }
        journeyCount = journeyID.count
    }

    /// The table of Beta(α, β), built once per distinct shape.
    private mutating func addTable(alpha: Double, beta: Double, known: inout [PERTKey: Int32]) -> Int32 {
        let key = PERTKey(alpha: alpha, beta: beta)
        if let index = known[key] { return index }
        let index = Int32(sampler.density.count)
        let table = PERTTable(alpha: alpha, beta: beta)
        sampler.bins.append(contentsOf: table.table)
        sampler.density.append(table.density)
        known[key] = index
        return index
    }

    private mutating func addStation(id: String, isResource: Bool, schedule: (start: [Double], servers: [Int32])) {
        stationID.append(id)
        stationIsResource.append(isResource)
        scheduleStart.append(contentsOf: schedule.start)
        scheduleServers.append(contentsOf: schedule.servers)
        scheduleOffsets.append(Int32(scheduleStart.count))
        stationCount += 1
    }

    /// Loop offsets of journey j's node u live at `loopOffsetBase(j) + u`.
    @inline(__always) func loopOffsetBase(_ j: Int) -> Int { Int(nodeBase[j]) + j }
    /// Edge offsets of journey j's node u live at `outOffsetBase(j) + u`.
    @inline(__always) func outOffsetBase(_ j: Int) -> Int { Int(nodeBase[j]) + j }

    /// Servers of a station in each of the 168 hours of the week (1 when open at any time of it).
    func hourlyOpen(station: Int) -> [Double] {
        var open = [Double](repeating: 0, count: 168)
        let first = Int(scheduleOffsets[station]), end = Int(scheduleOffsets[station + 1])
        for k in first..<end where scheduleServers[k] > 0 {
            let from = scheduleStart[k]
            let to = k + 1 < end ? scheduleStart[k + 1] : Self.week
            var h = Int(from / 3_600)
            while Double(h) * 3_600 < to, h < 168 {
                open[h] = 1
                h += 1
            }
        }
        return open
    }

    static let week = 7 * 86_400.0
}

/// A PERT-beta shape as a dictionary key.
private struct PERTKey: Hashable {
    let alpha: Double
    let beta: Double
}

extension SimulationPlan {
    /// Service times: one exact table sampler per distinct PERT-beta shape, shape k's bins at
    /// `bins[k << PERTTable.binBits ..< (k + 1) << PERTTable.binBits]`.
    struct Sampler: Sendable {
        var bins: [PERTTable.Bin] = []
        var density: [PERTTable.Density] = []

        /// A service time at `node`: PERT-beta (drawn from its table), exponential, or fixed.
        @inline(__always)
        func draw(_ node: Node, _ random: inout RandomStream) -> Double {
            switch node.sampling {
            case 1:
                let shape = Int(node.shape)
                return node.minimum + node.span * PERTTable.draw(bins, at: shape << PERTTable.binBits, density[shape], &random)
            case 2:
                return random.exponential(rate: 1) * node.fixed
            default:
                return node.fixed
            }
        }
    }

    /// One node as the walk reads it.
    struct Node: Sendable {
        var waitBefore: Double
        /// Fixed: the time; exponential: the mean.
        var fixed: Double
        var minimum: Double
        var span: Double
        /// The node's out-edges, global indices into `outTargets` and `outCumulative`.
        var edgeFirst: Int32
        var edgeEnd: Int32
        var shape: Int32
        var sampling: UInt8
        var onPath: Bool
        var isExclusive: Bool
        /// Neither an event node nor the source of a rework loop: the fast walk handles it.
        var isPlain: Bool
    }
}
