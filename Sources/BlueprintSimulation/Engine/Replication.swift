import Foundation
import ServiceBlueprint

/// One replication: the event loop over a ``SimulationPlan`` with its own random numbers.
///
/// State is kept in columns (``Column``: no copy-on-write check per write) indexed by case slot
/// and station; slots and their scratch space are reused, so the loop allocates only while the
/// system grows. Only *event nodes* (steps
/// at a queue or holding a resource) go through the calendar; every other step adds its sampled time
/// to the case's clock directly.
struct Replication {
    private let plan: SimulationPlan
    private var random: RandomStream
    private var calendar: EventCalendar
    private let horizon: Double
    private let warmUp: Double
    private let stopTime: Double
    private let recordsTrace: Bool
    private(set) var tally: ReplicationTally

    // Cases, by slot.
    private let cJourney = Column<Int32>(repeating: 0, count: 0)
    private let cSegment = Column<Int32>(repeating: 0, count: 0)
    private let cLevel = Column<Int32>(repeating: 0, count: 0)
    private let cArrival = Column<Double>(repeating: 0, count: 0)
    private let cNumber = Column<Int32>(repeating: 0, count: 0)
    private let cCounted = Column<Bool>(repeating: false, count: 0)
    private let cLive = Column<Bool>(repeating: false, count: 0)
    private let cSlab = Column<Int32>(repeating: 0, count: 0)
    private let cCursor = Column<Int32>(repeating: 0, count: 0)
    private let cNode = Column<Int32>(repeating: 0, count: 0)          // local node being worked at (event nodes)
    private let cLoop = Column<Int32>(repeating: 0, count: 0)          // global rework loop in progress, −1 for none
    private let cLoopPosition = Column<Int32>(repeating: 0, count: 0)
    private let cRounds = Column<Int32>(repeating: 0, count: 0)
    private let cReached = Column<Bool>(repeating: false, count: 0)
    private let cSourceFinish = Column<Double>(repeating: 0, count: 0)
    private let cLead = Column<Double>(repeating: 0, count: 0)
    private let cAcquire = Column<Int32>(repeating: 0, count: 0)       // −1: not at the node's queue yet; else acquisitions done
    private let cNodeArrival = Column<Double>(repeating: 0, count: 0)
    private let cDeadline = Column<Double>(repeating: 0, count: 0)
    private let cServiceStart = Column<Double>(repeating: 0, count: 0)
    private let cHeld = Column<UInt64>(repeating: 0, count: 0)
    private let cWaitStation = Column<Int32>(repeating: 0, count: 0)
    private let cWaitStart = Column<Double>(repeating: 0, count: 0)
    private let cToken = Column<UInt32>(repeating: 0, count: 0)
    private let freeSlots = Column<Int32>(repeating: 0, count: 0)
    private var inSystem = 0
    private var caseCount: Int32 = 0

    // Scratch per case: node start times (−∞: not reached), then the rework region's.
    private let scratch = Column<Double>(repeating: 0, count: 0)
    private let freeSlabs: [Column<Int32>]

    // Stations.
    private let servers: Column<Int32>
    private let busy: Column<Int32>
    private let queued: Column<Int32>
    private let lastTouch: Column<Double>
    private let scheduleIndex: Column<Int32>
    private let queues: [RingQueue]
    // Time-weighted sums by station and hour of day (station × 24 + hour), flat so that an update
    // is one array write; copied into the tally at the end.
    private let busyArea: Column<Double>
    private let queueArea: Column<Double>
    private let serversArea: Column<Double>
    // Per station, the end of the hour its last update fell in and that hour's bucket: most
    // updates fall in the same hour, and skip the division.
    private let hourEnd: Column<Double>
    private let hourBucket: Column<Int>
    // The tally's counters, flat for the same reason (a nested array write is a uniqueness check
    // per level); copied into the tally at the end. Groups are the journeys, then the segments;
    // queues are the stations, then the steps.
    private let groupCounts: Column<Int>
    private let leadTimes = Column<Double>(repeating: 0, count: 0)     // every completion's, in order
    private let leadGroups = Column<Int32>(repeating: 0, count: 0)     // and its group
    private let queueCounts: Column<Int>
    private let queueWaits: Column<Double>

    init(plan: SimulationPlan, seed: UInt64, horizon: Double, warmUp: Double, drain: Double, recordsTrace: Bool) {
        self.plan = plan
        random = RandomStream(seed: seed)
        calendar = EventCalendar(journeys: plan.journeyCount)
        self.horizon = horizon
        self.warmUp = min(warmUp, horizon)
        stopTime = horizon + max(0, drain)
        self.recordsTrace = recordsTrace
        tally = ReplicationTally(plan: plan)
        freeSlabs = (0..<plan.journeyCount).map { _ in Column(repeating: 0, count: 0) }
        let s = plan.stationCount
        servers = Column((0..<s).map { plan.scheduleServers[Int(plan.scheduleOffsets[$0])] })
        busy = Column(repeating: 0, count: s)
        queued = Column(repeating: 0, count: s)
        lastTouch = Column(repeating: 0, count: s)
        scheduleIndex = Column(repeating: 0, count: s)
        queues = (0..<(s * plan.levelCount)).map { _ in RingQueue() }
        busyArea = Column(repeating: 0, count: s * 24)
        queueArea = Column(repeating: 0, count: s * 24)
        serversArea = Column(repeating: 0, count: s * 24)
        hourEnd = Column(repeating: 0, count: s)
        hourBucket = Column(repeating: 0, count: s)
        let groups = plan.journeyCount + plan.segmentID.count
        groupCounts = Column(repeating: 0, count: groups * Self.groupStride)
        queueCounts = Column(repeating: 0, count: (s + plan.stepIDs.count) * 4)
        queueWaits = Column(repeating: 0, count: s + plan.stepIDs.count)
    }

    /// Runs the replication to its end and returns its tally.
    mutating func run() -> ReplicationTally {
        for s in 0..<plan.stationCount { scheduleNextChange(s, after: 0) }
        for j in 0..<plan.journeyCount { scheduleArrival(j, after: 0) }
        let coverage = Column<Double>(repeating: 0, count: 24)
        Self.accumulate(coverage, at: 0, level: 1, from: 0, to: horizon, window: (warmUp, horizon))
        tally.coverageByHour = coverage.array
        tally.windowSeconds = horizon - warmUp
        var now = 0.0
        while let event = calendar.next() {
            if event.time > stopTime { break }
            now = event.time
            switch event.kind {
            case .arrival: arrive(journey: event.subject, now: now)
            case .resume: advance(event.subject, now: now)
            case .stepEnd: endStep(event.subject, now: now)
            case .abandon: abandon(event.subject, token: event.token, now: now)
            case .capacity: changeCapacity(event.subject, now: now)
            }
        }
        for s in 0..<plan.stationCount {
            touch(s, now: max(now, horizon))
            tally.stations[s].busyByHour = (0..<24).map { busyArea[s * 24 + $0] }
            tally.stations[s].queueByHour = (0..<24).map { queueArea[s * 24 + $0] }
            tally.stations[s].serversByHour = (0..<24).map { serversArea[s * 24 + $0] }
        }
        copyCounters()
        for c in cLive.indices where cLive[c] && cCounted[c] { tally.journeys[Int(cJourney[c])].unfinished += 1 }
        for c in cLive.indices where cLive[c] && cCounted[c] && cSegment[c] >= 0 { tally.segments[Int(cSegment[c])].unfinished += 1 }
        tally.events = calendar.processed
        return tally
    }

    // MARK: Arrivals and cases

    private mutating func scheduleArrival(_ j: Int, after time: Double) {
        // 0: no demand; > 0: a constant rate (the rates are not read, so not retained).
        let constant = plan.constantRate[j]
        guard constant != 0 else { return }
        var t = time
        var hazard = random.exponential(rate: 1)
        if constant > 0 {
            t += hazard / constant
        } else {
            let rates = plan.arrivalRates[j]
            // Inversion of the piecewise-constant cumulative rate, hour by hour.
            var guardHours = 0
            while true {
                let hour = (t / 3_600).rounded(.down)
                let end = (hour + 1) * 3_600
                let rate = rates[Int(hour.truncatingRemainder(dividingBy: 168))]
                let mass = rate * (end - t)
                if mass >= hazard, rate > 0 {
                    t += hazard / rate
                    break
                }
                hazard -= mass
                t = end
                guardHours += 1
                if guardHours > 1_000_000 || t >= horizon { return }
            }
        }
        if t < horizon { calendar.schedule(.arrival, at: t, subject: j) }
    }

    private mutating func arrive(journey j: Int, now: Double) {
        scheduleArrival(j, after: now)
        let c = newCase(journey: j, now: now)
        advance(c, now: now)
    }

    private mutating func newCase(journey j: Int, now: Double) -> Int {
        let c: Int
        var slab = -1
        if let slot = freeSlots.popLast() {
            c = Int(slot)
            // A freed slot keeps its scratch slab: the next case of the same journey takes it
            // as it is (no free list); another journey's case gives it back to that journey's list.
            if Int(cJourney[c]) == j {
                slab = Int(cSlab[c])
            } else {
                freeSlabs[Int(cJourney[c])].append(cSlab[c])
            }
        } else {
            c = cJourney.count
            cJourney.append(0); cSegment.append(-1); cLevel.append(0); cArrival.append(0); cNumber.append(0)
            cCounted.append(false); cLive.append(false); cSlab.append(0); cCursor.append(0); cNode.append(0)
            cLoop.append(-1); cLoopPosition.append(0); cRounds.append(0); cReached.append(false)
            cSourceFinish.append(0); cLead.append(0); cAcquire.append(-1); cNodeArrival.append(0)
            cDeadline.append(.infinity); cServiceStart.append(0); cHeld.append(0); cWaitStation.append(-1)
            cWaitStart.append(0); cToken.append(0)
        }
        var segment: Int32 = -1
        if plan.hasSegments[j] {
            let segments = plan.journeySegments[j]
            let draw = random.uniform()
            segment = segments[segments.count - 1].segment
            for entry in segments where draw < entry.cumulative {
                segment = entry.segment
                break
            }
        }
        if slab < 0, let free = freeSlabs[j].popLast() {
            slab = Int(free)
        } else if slab < 0 {
            slab = scratch.count
            scratch.append(-.infinity, count: max(1, Int(plan.scratchSize[j])))
        }
        let n = Int(plan.nodeBase[j + 1] - plan.nodeBase[j])
        for k in slab..<(slab + n) { scratch[k] = -.infinity }
        if n > 0 { scratch[slab] = now }
        caseCount += 1
        cJourney[c] = Int32(j); cSegment[c] = segment
        cLevel[c] = segment >= 0 ? plan.segmentLevel[Int(segment)] : plan.defaultLevel
        cArrival[c] = now; cNumber[c] = caseCount; cCounted[c] = now >= warmUp; cLive[c] = true
        cSlab[c] = Int32(slab); cCursor[c] = 0; cLoop[c] = -1; cLead[c] = now; cAcquire[c] = -1
        cHeld[c] = 0; cWaitStation[c] = -1
        inSystem += 1
        if cCounted[c] {
            let hour = hourOfDay(now)
            groupCounts[j * Self.groupStride + Field.arrivals] += 1
            groupCounts[j * Self.groupStride + Field.arrivalsByHour + hour] += 1
            if segment >= 0 {
                let k = (plan.journeyCount + Int(segment)) * Self.groupStride
                groupCounts[k + Field.arrivals] += 1
                groupCounts[k + Field.arrivalsByHour + hour] += 1
            }
        }
        if recordsTrace {
            tally.trace.caseJourneys.append(Int32(j))
            tally.trace.caseSegments.append(segment)
            tally.trace.caseAbandoned.append(false)
        }
        return c
    }

    /// Ends a case: gives back what it holds and frees its slot (which keeps its scratch slab).
    private mutating func release(case c: Int, now: Double) {
        if cHeld[c] != 0 { releaseHeld(c, mask: cHeld[c], now: now) }
        cLive[c] = false
        cToken[c] = (cToken[c] &+ 1) & 0xFF_FFFF
        freeSlots.append(Int32(c))
        inSystem -= 1
    }

    private mutating func complete(_ c: Int, now: Double) {
        let j = Int(cJourney[c])
        if cCounted[c] {
            // To the microsecond: absolute clocks leave rounding dust (2 100.000 000 000 01 s) that
            // would miss an exact target.
            let lead = ((cLead[c] - cArrival[c]) * 1e6).rounded() / 1e6
            let segment = Int(cSegment[c])
            let target = segment >= 0 && !plan.segmentTarget[segment].isNaN ? plan.segmentTarget[segment] : plan.journeyTarget[j]
            let met = !target.isNaN && lead <= target
            groupCounts[j * Self.groupStride + Field.completed] += 1
            leadTimes.append(lead)
            leadGroups.append(Int32(j))
            if met { groupCounts[j * Self.groupStride + Field.metTarget] += 1 }
            if segment >= 0 {
                let k = plan.journeyCount + segment
                groupCounts[k * Self.groupStride + Field.completed] += 1
                leadTimes.append(lead)
                leadGroups.append(Int32(k))
                if met { groupCounts[k * Self.groupStride + Field.metTarget] += 1 }
            }
        }
        release(case: c, now: now)
    }

    // MARK: Walking the journey

    /// Moves case `c` forward from its current node until it has to wait for time to pass.
    private mutating func advance(_ c: Int, now: Double) {
        let j = Int(cJourney[c])
        let base = Int(plan.nodeBase[j])
        let n = Int(plan.nodeBase[j + 1]) - base
        let slab = Int(cSlab[c])
        while true {
            let u: Int
            let ready: Double
            let loop = Int(cLoop[c])
            if loop >= 0 {
                let first = Int(plan.regionOffsets[loop]), size = Int(plan.regionOffsets[loop + 1]) - first
                var k = Int(cLoopPosition[c])
                while k < size, scratch[slab + n + k] == -.infinity { k += 1 }
                cLoopPosition[c] = Int32(k)
                if k == size {
                    endRound(c, loop: loop)
                    continue
                }
                u = Int(plan.regionNodes[first + k])
                ready = scratch[slab + n + k]
            } else {
                var v = Int(cCursor[c])
                while v < n, scratch[slab + v] == -.infinity { v += 1 }
                cCursor[c] = Int32(v)
                if v < n, !recordsTrace, plan.nodes[base + v].isPlain {
                    // Leaves the cursor at the first reached node it does not handle.
                    walkPlainNodes(c, base: base, n: n, slab: slab)
                    v = Int(cCursor[c])
                }
                if v == n {
                    complete(c, now: now)
                    return
                }
                u = v
                ready = scratch[slab + v]
            }
            let g = base + u
            if !plan.nodeIsEvent[g] {
                let start = ready + plan.nodeWaitBefore[g]
                let finish = start + sample(g)
                if recordsTrace { record(c, node: g, start: start, end: finish) }
                finishNode(c, local: u, finish: finish)
                continue
            }
            // An event node: reach its queue, take what it needs in order, then be served.
            cNode[c] = Int32(u)
            if cAcquire[c] < 0 {
                let arrival = ready + plan.nodeWaitBefore[g]
                cNodeArrival[c] = max(arrival, now)
                cDeadline[c] = cNodeArrival[c] + patience(c, node: g)
                cAcquire[c] = 0
                if arrival > now {
                    calendar.schedule(.resume, at: arrival, subject: c)
                    return
                }
            }
            let first = Int(plan.nodeAcquireOffsets[g]), end = Int(plan.nodeAcquireOffsets[g + 1])
            while first + Int(cAcquire[c]) < end {
                let s = Int(plan.nodeAcquire[first + Int(cAcquire[c])])
                let bit = plan.resourceBit[s]
                if bit >= 0, cHeld[c] & (1 << UInt64(bit)) != 0 {
                    cAcquire[c] += 1
                    continue
                }
                if cCounted[c] { queueCounts[s * 4 + QueueField.entered] += 1 }
                if busy[s] < servers[s], queued[s] == 0 {
                    take(s, case: c, now: now)
                    if cCounted[c] { queueCounts[s * 4 + QueueField.served] += 1 }
                    cAcquire[c] += 1
                    continue
                }
                enqueue(c, station: s, now: now)
                return
            }
            startService(c, node: g, now: now)
            return
        }
    }

    private mutating func startService(_ c: Int, node g: Int, now: Double) {
        if cCounted[c] {
            let s = Int(plan.nodeStep[g])
            let wait = now - cNodeArrival[c]
            let q = plan.stationCount + s
            queueCounts[q * 4 + QueueField.entered] += 1
            queueCounts[q * 4 + QueueField.served] += 1
            queueWaits[q] += wait
            if wait > 0 { queueCounts[q * 4 + QueueField.waited] += 1 }
        }
        cServiceStart[c] = now
        calendar.schedule(.stepEnd, at: now + sample(g), subject: c)
    }

    private mutating func endStep(_ c: Int, now: Double) {
        let j = Int(cJourney[c])
        let u = Int(cNode[c])
        let g = Int(plan.nodeBase[j]) + u
        let station = Int(plan.nodeStation[g])
        if station >= 0 {
            touch(station, now: now)
            busy[station] -= 1
        }
        if recordsTrace { record(c, node: g, start: cServiceStart[c], end: now) }
        releaseHeld(c, mask: cHeld[c] & plan.nodeReleaseMask[g], now: now)
        if station >= 0 { dispatch(station, now: now) }
        cAcquire[c] = -1
        finishNode(c, local: u, finish: now)
        advance(c, now: now)
    }

    /// Records the finish of local node `u` and routes the case on: rework rounds first, then the
    /// node's outgoing flows (one by probability at an exclusive split, all at a parallel one).
    private mutating func finishNode(_ c: Int, local u: Int, finish: Double) {
        let j = Int(cJourney[c])
        let base = Int(plan.nodeBase[j])
        let n = Int(plan.nodeBase[j + 1]) - base
        let slab = Int(cSlab[c])
        let loop = Int(cLoop[c])
        if loop >= 0 {
            // Inside a rework round: route within the region only.
            let first = Int(plan.regionOffsets[loop]), size = Int(plan.regionOffsets[loop + 1]) - first
            let k = Int(cLoopPosition[c])
            if k == size - 1 {
                cSourceFinish[c] = finish
                cReached[c] = true
            }
            let edgeFirst = Int(plan.edgeBase[j]) + Int(plan.outOffsets[plan.outOffsetBase(j) + u])
            let edgeEnd = Int(plan.edgeBase[j]) + Int(plan.outOffsets[plan.outOffsetBase(j) + u + 1])
            let regionEdges = Int(plan.regionEdgeOffsets[first + k])
            if edgeFirst < edgeEnd {
                if plan.isExclusive[base + u] {
                    let e = choose(edgeFirst, edgeEnd)
                    let t = Int(plan.regionEdgeTargets[regionEdges + e - edgeFirst])
                    if t >= 0, finish > scratch[slab + n + t] { scratch[slab + n + t] = finish }
                } else {
                    for e in edgeFirst..<edgeEnd {
                        let t = Int(plan.regionEdgeTargets[regionEdges + e - edgeFirst])
                        if t >= 0, finish > scratch[slab + n + t] { scratch[slab + n + t] = finish }
                    }
                }
            }
            cLoopPosition[c] = Int32(k + 1)
            return
        }
        cSourceFinish[c] = finish
        let loopFirst = Int(plan.loopBase[j]) + Int(plan.loopOffsets[plan.loopOffsetBase(j) + u])
        let loopEnd = Int(plan.loopBase[j]) + Int(plan.loopOffsets[plan.loopOffsetBase(j) + u + 1])
        if loopFirst < loopEnd {
            cRounds[c] = 0
            beginLoops(c, from: loopFirst, to: loopEnd)
            if cLoop[c] >= 0 { return }
        }
        route(c, local: u)
    }

    /// Starts the first loop in `first..<end` whose draw says "again", or routes on when none does.
    private mutating func beginLoops(_ c: Int, from first: Int, to end: Int) {
        var l = first
        while l < end {
            if Int(cRounds[c]) < plan.maximumRounds, random.uniform() < plan.loopProbability[l] {
                startRound(c, loop: l)
                return
            }
            l += 1
            cRounds[c] = 0
        }
        cLoop[c] = -1
    }

    private mutating func startRound(_ c: Int, loop l: Int) {
        let j = Int(cJourney[c])
        let n = Int(plan.nodeBase[j + 1] - plan.nodeBase[j])
        let slab = Int(cSlab[c])
        let size = Int(plan.regionOffsets[l + 1] - plan.regionOffsets[l])
        for k in 0..<size { scratch[slab + n + k] = -.infinity }
        scratch[slab + n] = cSourceFinish[c]
        cLoop[c] = Int32(l)
        cLoopPosition[c] = 0
        cReached[c] = false
        cRounds[c] += 1
    }

    /// A rework round is over: go round again, try the source's next loop, or route on.
    private mutating func endRound(_ c: Int, loop l: Int) {
        let j = Int(cJourney[c])
        let source = Int(plan.regionNodes[Int(plan.regionOffsets[l + 1]) - 1])
        let loopEnd = Int(plan.loopBase[j]) + Int(plan.loopOffsets[plan.loopOffsetBase(j) + source + 1])
        if cReached[c], Int(cRounds[c]) < plan.maximumRounds, random.uniform() < plan.loopProbability[l] {
            startRound(c, loop: l)
            return
        }
        cRounds[c] = 0
        beginLoops(c, from: l + 1, to: loopEnd)
        if cLoop[c] < 0 { route(c, local: source) }
    }

    private mutating func route(_ c: Int, local u: Int) {
        let j = Int(cJourney[c])
        let base = Int(plan.nodeBase[j])
        let slab = Int(cSlab[c])
        let finish = cSourceFinish[c]
        if plan.nodeOnPath[base + u], finish > cLead[c] { cLead[c] = finish }
        let edgeFirst = Int(plan.edgeBase[j]) + Int(plan.outOffsets[plan.outOffsetBase(j) + u])
        let edgeEnd = Int(plan.edgeBase[j]) + Int(plan.outOffsets[plan.outOffsetBase(j) + u + 1])
        if edgeFirst < edgeEnd {
            if plan.isExclusive[base + u] {
                let t = Int(plan.outTargets[choose(edgeFirst, edgeEnd)])
                if finish > scratch[slab + t] { scratch[slab + t] = finish }
            } else {
                for e in edgeFirst..<edgeEnd {
                    let t = Int(plan.outTargets[e])
                    if finish > scratch[slab + t] { scratch[slab + t] = finish }
                }
            }
        }
        cCursor[c] = Int32(u + 1)
    }

    @inline(__always)
    private mutating func choose(_ first: Int, _ end: Int) -> Int {
        let draw = random.uniform()
        var e = first
        while e < end - 1, draw >= plan.outCumulative[e] { e += 1 }
        return e
    }

    /// A service time for node `g`: the Monte Carlo's PERT-beta (drawn by ``PERTTable``), an
    /// exponential, or fixed.
    @inline(__always)
    private mutating func sample(_ g: Int) -> Double {
        plan.sampler.draw(plan.nodes[g], &random)
    }

    /// The fast path of ``advance(_:now:)``: walks case `c` over *plain* nodes (no queue, no
    /// resource, no rework loop) with its scratch slab as a pointer and the node records read once,
    /// drawing and routing exactly as `advance`, `finishNode` and `route` do (the same draws in the
    /// same order, so the same run). Stops at the first node it does not handle, or the end.
    private mutating func walkPlainNodes(_ c: Int, base: Int, n: Int, slab: Int) {
        var v = Int(cCursor[c])
        var lead = cLead[c], last = cSourceFinish[c]
        let times = scratch.base + slab
        let nodes = plan.nodes, targets = plan.outTargets, cumulative = plan.outCumulative, sampler = plan.sampler
        // A local copy (it shares the word buffer), written back below: stores through `times`
        // would otherwise make the compiler reload the stream's position after each one.
        var random = self.random
        defer { self.random = random }
        while true {
            while v < n, times[v] == -.infinity { v += 1 }
            guard v < n else { break }
            let node = nodes[base + v]
            guard node.isPlain else { break }
            let start = times[v] + node.waitBefore
            let finish = start + sampler.draw(node, &random)
            last = finish
            if node.onPath, finish > lead { lead = finish }
            let first = Int(node.edgeFirst), end = Int(node.edgeEnd)
            if first < end {
                if node.isExclusive {
                    let draw = random.uniform()
                    var e = first
                    while e < end - 1, draw >= cumulative[e] { e += 1 }
                    let t = Int(targets[e])
                    if finish > times[t] { times[t] = finish }
                } else {
                    for e in first..<end {
                        let t = Int(targets[e])
                        if finish > times[t] { times[t] = finish }
                    }
                }
            }
            v += 1
        }
        cCursor[c] = Int32(v)
        cLead[c] = lead
        cSourceFinish[c] = last
    }

    private mutating func patience(_ c: Int, node g: Int) -> Double {
        var kind = plan.nodePatienceKind[g]
        guard kind != 0 else { return .infinity }
        var value = plan.nodePatience[g]
        let segment = Int(cSegment[c])
        if segment >= 0, plan.segmentPatienceKind[segment] != 0 {
            kind = plan.segmentPatienceKind[segment]
            value = plan.segmentPatience[segment]
        }
        return kind == 1 ? value : random.exponential(rate: 1) * value
    }

    private mutating func record(_ c: Int, node g: Int, start: Double, end: Double) {
        tally.trace.cases.append(cNumber[c])
        tally.trace.steps.append(plan.nodeStep[g])
        tally.trace.starts.append(start)
        tally.trace.ends.append(end)
    }

    // MARK: Counters

    /// Offsets in a group's counters (`groupStride` of them).
    private enum Field {
        static let arrivals = 0, completed = 1, abandoned = 2, metTarget = 3, arrivalsByHour = 4, abandonedByHour = 28
    }
    /// Offsets in a queue's counters (4 of them).
    private enum QueueField {
        static let entered = 0, served = 1, waited = 2, abandoned = 3
    }
    private static let groupStride = 52

    /// Copies the flat counters into the tally's groups, queues and steps.
    private mutating func copyCounters() {
        let groups = tally.journeys.count + tally.segments.count
        var groupLeadTimes = [[Double]](repeating: [], count: groups)
        if groups == 1 {
            groupLeadTimes[0] = leadTimes.array
        } else {
            for i in leadTimes.indices { groupLeadTimes[Int(leadGroups[i])].append(leadTimes[i]) }
        }
        func group(_ g: Int, into target: inout ReplicationTally.Group) {
            let k = g * Self.groupStride
            target.arrivals = groupCounts[k + Field.arrivals]
            target.completed = groupCounts[k + Field.completed]
            target.abandoned = groupCounts[k + Field.abandoned]
            target.metTarget = groupCounts[k + Field.metTarget]
            target.arrivalsByHour = (0..<24).map { groupCounts[k + Field.arrivalsByHour + $0] }
            target.abandonedByHour = (0..<24).map { groupCounts[k + Field.abandonedByHour + $0] }
            target.leadTimes = groupLeadTimes[g]
        }
        func queue(_ q: Int, into target: inout ReplicationTally.Queue) {
            target.entered = queueCounts[q * 4 + QueueField.entered]
            target.served = queueCounts[q * 4 + QueueField.served]
            target.waited = queueCounts[q * 4 + QueueField.waited]
            target.abandoned = queueCounts[q * 4 + QueueField.abandoned]
            target.waitSum = queueWaits[q]
        }
        for j in tally.journeys.indices { group(j, into: &tally.journeys[j]) }
        for k in tally.segments.indices { group(plan.journeyCount + k, into: &tally.segments[k]) }
        for s in tally.stations.indices { queue(s, into: &tally.stations[s].queue) }
        for step in tally.steps.indices { queue(plan.stationCount + step, into: &tally.steps[step]) }
    }

    // MARK: Stations

    private mutating func take(_ s: Int, case c: Int, now: Double) {
        touch(s, now: now)
        busy[s] += 1
        let bit = plan.resourceBit[s]
        if bit >= 0 { cHeld[c] |= 1 << UInt64(bit) }
    }

    private mutating func enqueue(_ c: Int, station s: Int, now: Double) {
        touch(s, now: now)
        queued[s] += 1
        cWaitStation[c] = Int32(s)
        cWaitStart[c] = now
        queues[s * plan.levelCount + Int(cLevel[c])].push(UInt64(c) | UInt64(cToken[c]) << 32)
        let deadline = cDeadline[c]
        if deadline.isFinite { calendar.schedule(.abandon, at: max(now, deadline), subject: c, token: cToken[c]) }
    }

    /// Serves waiting cases while station `s` has free servers, highest priority first.
    private mutating func dispatch(_ s: Int, now: Double) {
        while busy[s] < servers[s], queued[s] > 0 {
            var c = -1
            for level in 0..<plan.levelCount {
                let q = s * plan.levelCount + level
                while let entry = queues[q].pop() {
                    let slot = Int(UInt32(truncatingIfNeeded: entry))
                    if cWaitStation[slot] == Int32(s), cToken[slot] == UInt32(entry >> 32) {
                        c = slot
                        break
                    }
                }
                if c >= 0 { break }
            }
            guard c >= 0 else { return }
            queued[s] -= 1
            take(s, case: c, now: now)
            if cCounted[c] {
                let wait = now - cWaitStart[c]
                queueCounts[s * 4 + QueueField.served] += 1
                queueWaits[s] += wait
                if wait > 0 { queueCounts[s * 4 + QueueField.waited] += 1 }
            }
            cWaitStation[c] = -1
            cToken[c] = (cToken[c] &+ 1) & 0xFF_FFFF
            cAcquire[c] += 1
            // The last thing the case waited for: its service starts now, without a resume event
            // (a quarter of an M/M/c run's events). Otherwise it goes on taking the rest.
            let g = Int(plan.nodeBase[Int(cJourney[c])]) + Int(cNode[c])
            if Int(plan.nodeAcquireOffsets[g]) + Int(cAcquire[c]) == Int(plan.nodeAcquireOffsets[g + 1]) {
                startService(c, node: g, now: now)
            } else {
                calendar.schedule(.resume, at: now, subject: c)
            }
        }
    }

    private mutating func releaseHeld(_ c: Int, mask: UInt64, now: Double) {
        guard mask != 0 else { return }
        var rest = mask
        cHeld[c] &= ~mask
        while rest != 0 {
            let bit = rest.trailingZeroBitCount
            rest &= rest - 1
            let s = plan.firstResource + bit
            touch(s, now: now)
            busy[s] -= 1
            dispatch(s, now: now)
        }
    }

    private mutating func abandon(_ c: Int, token: UInt32, now: Double) {
        let s = Int(cWaitStation[c])
        guard s >= 0, cLive[c], cToken[c] == token else { return }
        touch(s, now: now)
        queued[s] -= 1
        cWaitStation[c] = -1
        let j = Int(cJourney[c])
        let g = Int(plan.nodeBase[j]) + Int(cNode[c])
        if cCounted[c] {
            let hour = hourOfDay(cArrival[c])
            groupCounts[j * Self.groupStride + Field.abandoned] += 1
            groupCounts[j * Self.groupStride + Field.abandonedByHour + hour] += 1
            let segment = Int(cSegment[c])
            if segment >= 0 {
                let k = (plan.journeyCount + segment) * Self.groupStride
                groupCounts[k + Field.abandoned] += 1
                groupCounts[k + Field.abandonedByHour + hour] += 1
            }
            queueCounts[s * 4 + QueueField.abandoned] += 1
            let q = plan.stationCount + Int(plan.nodeStep[g])
            queueCounts[q * 4 + QueueField.entered] += 1
            queueCounts[q * 4 + QueueField.abandoned] += 1
        }
        if recordsTrace { tally.trace.caseAbandoned[Int(cNumber[c]) - 1] = true }
        release(case: c, now: now)
    }

    private mutating func changeCapacity(_ s: Int, now: Double) {
        touch(s, now: now)
        let first = Int(plan.scheduleOffsets[s]), end = Int(plan.scheduleOffsets[s + 1])
        let k = (Int(scheduleIndex[s]) + 1 - first) % (end - first) + first
        scheduleIndex[s] = Int32(k)
        servers[s] = plan.scheduleServers[k]
        dispatch(s, now: now)
        if now < horizon || inSystem > 0 { scheduleNextChange(s, after: now) }
    }

    /// Schedules station `s`'s next server change after `time` (none for a constant schedule).
    private mutating func scheduleNextChange(_ s: Int, after time: Double) {
        let first = Int(plan.scheduleOffsets[s]), end = Int(plan.scheduleOffsets[s + 1])
        guard end - first > 1 else { return }
        if time == 0 { scheduleIndex[s] = Int32(first) }
        let k = Int(scheduleIndex[s])
        let nextIndex = k + 1 < end ? k + 1 : first
        let weekStart = (time / SimulationPlan.week).rounded(.down) * SimulationPlan.week
        // The first segment starts at 0: wrapping to it means next week's start.
        var next = nextIndex == first ? weekStart + SimulationPlan.week : weekStart + plan.scheduleStart[nextIndex]
        if next <= time { next += SimulationPlan.week }
        calendar.schedule(.capacity, at: next, subject: s)
    }

    // MARK: Time-weighted statistics

    /// Adds busy servers, queue length and servers on duty since the station's last change.
    @inline(__always)
    private mutating func touch(_ s: Int, now: Double) {
        let last = lastTouch[s]
        guard now > last else { return }
        lastTouch[s] = now
        let from = max(last, warmUp), to = min(now, horizon)
        guard to > from else { return }
        // Utilization counts work in the servers' time on duty; a job that runs past the end of a
        // shift (or a resource held while closed) is overtime, counted apart.
        let onDuty = min(busy[s], servers[s])
        if busy[s] > onDuty { tally.stations[s].overtime += Double(busy[s] - onDuty) * (to - from) }
        // The three levels share one split of [from, to) into hours of the day.
        let working = Double(onDuty), waiting = Double(queued[s]), staffed = Double(servers[s])
        let end = hourEnd[s]
        if from >= end - 3_600, to <= end {
            let k = hourBucket[s]
            busyArea[k] += working * (to - from)
            queueArea[k] += waiting * (to - from)
            serversArea[k] += staffed * (to - from)
            return
        }
        var t = from
        while t < to {
            let hour = Int(t / 3_600)
            let boundary = min(to, Double(hour + 1) * 3_600)
            let k = s * 24 + hour % 24
            busyArea[k] += working * (boundary - t)
            queueArea[k] += waiting * (boundary - t)
            serversArea[k] += staffed * (boundary - t)
            t = boundary
            hourEnd[s] = Double(hour + 1) * 3_600
            hourBucket[s] = k
        }
    }

    /// Adds `level × time` to the hour-of-day buckets `offset..<offset + 24` over [from, to) ∩ the
    /// measured window.
    private static func accumulate(_ buckets: Column<Double>, at offset: Int, level: Double, from: Double, to: Double, window: (Double, Double)) {
        var t = max(from, window.0)
        let end = min(to, window.1)
        while t < end {
            let hour = Int(t / 3_600)
            let boundary = min(end, Double(hour + 1) * 3_600)
            buckets[offset + hour % 24] += level * (boundary - t)
            t = boundary
        }
    }

    @inline(__always)
    private func hourOfDay(_ t: Double) -> Int { Int(t / 3_600) % 24 }
}

/// A growable first-in-first-out ring of queue entries (case slot · token); a class over a
/// ``Column``, so that a push or a pop makes no copy-on-write check.
final class RingQueue {
    private var storage = Column<UInt64>(repeating: 0, count: 8)   // a power of two
    private var head = 0
    private(set) var count = 0

    @inline(__always)
    func push(_ value: UInt64) {
        if count == storage.count {
            let grown = Column<UInt64>(repeating: 0, count: storage.count * 2)
            for i in 0..<count { grown[i] = storage[(head + i) & (storage.count - 1)] }
            storage = grown
            head = 0
        }
        storage[(head + count) & (storage.count - 1)] = value
        count += 1
    }

    @inline(__always)
    func pop() -> UInt64? {
        guard count > 0 else { return nil }
        let value = storage[head]
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return value
    }
}
