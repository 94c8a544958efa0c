import Foundation
import ServiceBlueprint

/// One replication: the event loop over a ``SimulationPlan`` with its own random numbers.
///
/// State is kept as struct-of-arrays indexed by case slot and station; slots and their scratch
/// space are reused, so the loop allocates only while the system grows. Only *event nodes* (steps
/// at a queue or holding a resource) go through the calendar; every other step adds its sampled time
/// to the case's clock directly.
struct Replication {
    private let plan: SimulationPlan
    private var random: RandomStream
    private var calendar = EventCalendar()
    private let horizon: Double
    private let warmUp: Double
    private let stopTime: Double
    private let recordsTrace: Bool
    private(set) var tally: ReplicationTally

    // Cases, by slot.
    private var cJourney: [Int32] = []
    private var cSegment: [Int32] = []
    private var cLevel: [Int32] = []
    private var cArrival: [Double] = []
    private var cNumber: [Int32] = []
    private var cCounted: [Bool] = []
    private var cLive: [Bool] = []
    private var cSlab: [Int32] = []
    private var cCursor: [Int32] = []
    private var cNode: [Int32] = []          // local node being worked at (event nodes)
    private var cLoop: [Int32] = []          // global rework loop in progress, −1 for none
    private var cLoopPosition: [Int32] = []
    private var cRounds: [Int32] = []
    private var cReached: [Bool] = []
    private var cSourceFinish: [Double] = []
    private var cLead: [Double] = []
    private var cAcquire: [Int32] = []       // −1: not at the node's queue yet; else acquisitions done
    private var cNodeArrival: [Double] = []
    private var cDeadline: [Double] = []
    private var cServiceStart: [Double] = []
    private var cHeld: [UInt64] = []
    private var cWaitStation: [Int32] = []
    private var cWaitStart: [Double] = []
    private var cToken: [UInt32] = []
    private var freeSlots: [Int32] = []
    private var inSystem = 0
    private var caseCount: Int32 = 0

    // Scratch per case: node start times (−∞: not reached), then the rework region's.
    private var scratch: [Double] = []
    private var freeSlabs: [[Int32]]

    // Stations.
    private var servers: [Int32]
    private var busy: [Int32]
    private var queued: [Int32]
    private var lastTouch: [Double]
    private var scheduleIndex: [Int32]
    private var queues: [RingQueue]
    // Time-weighted sums by station and hour of day (station × 24 + hour), flat so that an update
    // is one array write; copied into the tally at the end.
    private var busyArea: [Double]
    private var queueArea: [Double]
    private var serversArea: [Double]

    init(plan: SimulationPlan, seed: UInt64, horizon: Double, warmUp: Double, drain: Double, recordsTrace: Bool) {
        self.plan = plan
        random = RandomStream(seed: seed)
        self.horizon = horizon
        self.warmUp = min(warmUp, horizon)
        stopTime = horizon + max(0, drain)
        self.recordsTrace = recordsTrace
        tally = ReplicationTally(plan: plan)
        freeSlabs = [[Int32]](repeating: [], count: plan.journeyCount)
        let s = plan.stationCount
        servers = (0..<s).map { plan.scheduleServers[Int(plan.scheduleOffsets[$0])] }
        busy = [Int32](repeating: 0, count: s)
        queued = [Int32](repeating: 0, count: s)
        lastTouch = [Double](repeating: 0, count: s)
        scheduleIndex = [Int32](repeating: 0, count: s)
        queues = [RingQueue](repeating: RingQueue(), count: s * plan.levelCount)
        busyArea = [Double](repeating: 0, count: s * 24)
        queueArea = busyArea
        serversArea = busyArea
    }

    /// Runs the replication to its end and returns its tally.
    mutating func run() -> ReplicationTally {
        for s in 0..<plan.stationCount { scheduleNextChange(s, after: 0) }
        for j in 0..<plan.journeyCount { scheduleArrival(j, after: 0) }
        Self.accumulate(&tally.coverageByHour, at: 0, level: 1, from: 0, to: horizon, window: (warmUp, horizon))
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
            tally.stations[s].busyByHour = Array(busyArea[(s * 24)..<(s * 24 + 24)])
            tally.stations[s].queueByHour = Array(queueArea[(s * 24)..<(s * 24 + 24)])
            tally.stations[s].serversByHour = Array(serversArea[(s * 24)..<(s * 24 + 24)])
        }
        for c in cLive.indices where cLive[c] && cCounted[c] { tally.journeys[Int(cJourney[c])].unfinished += 1 }
        for c in cLive.indices where cLive[c] && cCounted[c] && cSegment[c] >= 0 { tally.segments[Int(cSegment[c])].unfinished += 1 }
        tally.events = calendar.processed
        return tally
    }

    // MARK: Arrivals and cases

    private mutating func scheduleArrival(_ j: Int, after time: Double) {
        let rates = plan.arrivalRates[j]
        guard !rates.isEmpty else { return }
        var t = time
        var hazard = random.exponential(rate: 1)
        let constant = plan.constantRate[j]
        if constant > 0 {
            t += hazard / constant
        } else {
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
        if let slot = freeSlots.popLast() {
            c = Int(slot)
        } else {
            c = cJourney.count
            cJourney.append(0); cSegment.append(-1); cLevel.append(0); cArrival.append(0); cNumber.append(0)
            cCounted.append(false); cLive.append(false); cSlab.append(0); cCursor.append(0); cNode.append(0)
            cLoop.append(-1); cLoopPosition.append(0); cRounds.append(0); cReached.append(false)
            cSourceFinish.append(0); cLead.append(0); cAcquire.append(-1); cNodeArrival.append(0)
            cDeadline.append(.infinity); cServiceStart.append(0); cHeld.append(0); cWaitStation.append(-1)
            cWaitStart.append(0); cToken.append(0)
        }
        let segments = plan.journeySegments[j]
        var segment: Int32 = -1
        if !segments.isEmpty {
            let draw = random.uniform()
            segment = segments.last!.segment
            for entry in segments where draw < entry.cumulative {
                segment = entry.segment
                break
            }
        }
        let size = Int(plan.scratchSize[j])
        let slab: Int
        if let free = freeSlabs[j].popLast() {
            slab = Int(free)
        } else {
            slab = scratch.count
            scratch.append(contentsOf: repeatElement(-Double.infinity, count: max(1, size)))
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
            tally.journeys[j].arrivals += 1
            tally.journeys[j].arrivalsByHour[hour] += 1
            if segment >= 0 {
                tally.segments[Int(segment)].arrivals += 1
                tally.segments[Int(segment)].arrivalsByHour[hour] += 1
            }
        }
        if recordsTrace {
            tally.trace.caseJourneys.append(Int32(j))
            tally.trace.caseSegments.append(segment)
            tally.trace.caseAbandoned.append(false)
        }
        return c
    }

    /// Ends a case: gives back what it holds and frees its slot.
    private mutating func release(case c: Int, now: Double) {
        releaseHeld(c, mask: cHeld[c], now: now)
        let j = Int(cJourney[c])
        freeSlabs[j].append(cSlab[c])
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
            tally.journeys[j].completed += 1
            tally.journeys[j].leadTimes.append(lead)
            if met { tally.journeys[j].metTarget += 1 }
            if segment >= 0 {
                tally.segments[segment].completed += 1
                tally.segments[segment].leadTimes.append(lead)
                if met { tally.segments[segment].metTarget += 1 }
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
                if cCounted[c] { tally.stations[s].queue.entered += 1 }
                if busy[s] < servers[s], queued[s] == 0 {
                    take(s, case: c, now: now)
                    if cCounted[c] { tally.stations[s].queue.served += 1 }
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
            tally.steps[s].entered += 1
            tally.steps[s].served += 1
            tally.steps[s].waitSum += wait
            if wait > 0 { tally.steps[s].waited += 1 }
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
    /// resource, no rework loop) with its scratch slab as one buffer and the generator in a local,
    /// drawing and routing exactly as `advance`, `finishNode` and `route` do (the same draws in the
    /// same order, so the same run). Stops at the first node it does not handle, or the end.
    private mutating func walkPlainNodes(_ c: Int, base: Int, n: Int, slab: Int) {
        var v = Int(cCursor[c])
        var lead = cLead[c], last = cSourceFinish[c]
        // Swapped out rather than copied, so that its buffer stays uniquely referenced.
        var random = RandomStream.idle
        swap(&random, &self.random)
        // Locals, so that the closure over `scratch` does not capture `self`.
        let nodes = plan.nodes, sampler = plan.sampler, targets = plan.outTargets, cumulative = plan.outCumulative
        scratch.withUnsafeMutableBufferPointer { scratch in
            let times = UnsafeMutableBufferPointer(rebasing: scratch[slab..<(slab + n)])
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
        }
        swap(&random, &self.random)
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
                tally.stations[s].queue.served += 1
                tally.stations[s].queue.waitSum += wait
                if wait > 0 { tally.stations[s].queue.waited += 1 }
            }
            cWaitStation[c] = -1
            cToken[c] = (cToken[c] &+ 1) & 0xFF_FFFF
            cAcquire[c] += 1
            calendar.schedule(.resume, at: now, subject: c)
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
            tally.journeys[j].abandoned += 1
            tally.journeys[j].abandonedByHour[hour] += 1
            let segment = Int(cSegment[c])
            if segment >= 0 {
                tally.segments[segment].abandoned += 1
                tally.segments[segment].abandonedByHour[hour] += 1
            }
            tally.stations[s].queue.abandoned += 1
            let step = Int(plan.nodeStep[g])
            tally.steps[step].entered += 1
            tally.steps[step].abandoned += 1
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
        let window = (warmUp, horizon)
        // Utilization counts work in the servers' time on duty; a job that runs past the end of a
        // shift (or a resource held while closed) is overtime, counted apart.
        let onDuty = min(busy[s], servers[s])
        if onDuty > 0 { Self.accumulate(&busyArea, at: s * 24, level: Double(onDuty), from: from, to: to, window: window) }
        if busy[s] > onDuty { tally.stations[s].overtime += Double(busy[s] - onDuty) * (to - from) }
        if queued[s] > 0 { Self.accumulate(&queueArea, at: s * 24, level: Double(queued[s]), from: from, to: to, window: window) }
        if servers[s] > 0 { Self.accumulate(&serversArea, at: s * 24, level: Double(servers[s]), from: from, to: to, window: window) }
    }

    /// Adds `level × time` to the hour-of-day buckets `offset..<offset + 24` over [from, to) ∩ the
    /// measured window. Static, so that passing a part of `self` inout does not copy the whole replication.
    private static func accumulate(_ buckets: inout [Double], at offset: Int, level: Double, from: Double, to: Double, window: (Double, Double)) {
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

/// A growable first-in-first-out ring of queue entries (case slot · token).
struct RingQueue: Sendable {
    private var storage: [UInt64] = []
    private var head = 0
    private(set) var count = 0

    @inline(__always)
    mutating func push(_ value: UInt64) {
        if count == storage.count {
            let grown = Swift.max(8, storage.count * 2)
            var copy = [UInt64](repeating: 0, count: grown)
            for i in 0..<count { copy[i] = storage[(head + i) % storage.count] }
            storage = copy
            head = 0
        }
        storage[(head + count) % storage.count] = value
        count += 1
    }

    @inline(__always)
    mutating func pop() -> UInt64? {
        guard count > 0 else { return nil }
        let value = storage[head]
        head = (head + 1) % storage.count
        count -= 1
        return value
    }
}
