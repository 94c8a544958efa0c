import ServiceBlueprint

extension Discoverer {
    /// The draft blueprint from everything added so far.
    /// - Parameter resourceNames: the reader's resource names (``EventLogSummary/resources``).
    public func draft(resourceNames: NameTable = NameTable()) -> Draft {
        var guesses: [LocalizedText] = []
        let count = names.count
        let ids = Self.stepIDs(for: names)
        let stage = Stage(id: "observed", title: "Observed in the log")

        // Flows: frequent directly-follows pairs, minus the pairs that run in parallel.
        var kept: [(from: Int, to: Int, count: Int)] = []
        for (key, n) in follows {
            let (a, b) = (Int(key >> 32), Int(key & 0xFFFF_FFFF))
            if Double(n) >= options.threshold * Double(max(1, instances[a])) { kept.append((a, b, n)) }
        }
        kept.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        let dropped = follows.count - kept.count
        if dropped > 0 {
            guesses.append(LocalizedText("discover.guess.belowThreshold", ["count": .integer(dropped), "threshold": .percent(options.threshold)]))
        }
        let keptSet = Set(kept.map { Measurer.pair(Int32($0.from), Int32($0.to)) })
        /// Overlapping intervals, or both orders kept, with the rarer at least `ratio` of the other.
        func concurrent(_ a: Int, _ b: Int, ratio: Double) -> Bool {
            guard a != b else { return false }
            let key = Measurer.pair(Int32(min(a, b)), Int32(max(a, b)))
            let shortest = Double(max(1, min(instances[a], instances[b])))
            if Double(overlaps[key] ?? 0) >= options.threshold * shortest { return true }
            guard keptSet.contains(Measurer.pair(Int32(a), Int32(b))), keptSet.contains(Measurer.pair(Int32(b), Int32(a))) else { return false }
            let ab = Double(follows[Measurer.pair(Int32(a), Int32(b))] ?? 0), ba = Double(follows[Measurer.pair(Int32(b), Int32(a))] ?? 0)
            // `a b a` explains the back-and-forth as a length-2 loop (rework), not interleaving.
            let loops = Double((shortLoops[Measurer.pair(Int32(a), Int32(b))] ?? 0) + (shortLoops[Measurer.pair(Int32(b), Int32(a))] ?? 0))
            guard 2 * loops < min(ab, ba) else { return false }
            return min(ab, ba) / max(ab, ba) >= ratio
        }
        // Blocks of mutually parallel activities. Within a block the orders need only be comparable
        // (the rarer a quarter of the other: of three or more branches the quicker one comes first
        // more often, reviewing.xes has 12 against 4 and 15 against 4); a block counts only when its
        // branches leave to its join alone, so that noise between two sequences is no block.
        var candidates = Set<UInt64>()
        for key in Array(follows.keys) + Array(overlaps.keys) {
            let (a, b) = (Int(key >> 32), Int(key & 0xFFFF_FFFF))
            if a < b, b < count, concurrent(a, b, ratio: 0.25) { candidates.insert(key) }
        }
        let found = Self.parallelBlocks(count: count, pairs: candidates.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) })
        let (blocks, forksAndJoins) = Self.wellFormed(found, ends: Self.forksAndJoins(found, follows: follows), kept: kept)
        // Outside a block, a pair is parallel when both orders are about equally frequent.
        func parallel(_ a: Int, _ b: Int) -> Bool {
            if a != b, blocks.block[a] >= 0, blocks.block[a] == blocks.block[b], blocks.branch[a] != blocks.branch[b] { return true }
            return concurrent(a, b, ratio: 0.5)
        }
        var parallelPairs = 0
        kept.removeAll { edge in
            guard parallel(edge.from, edge.to) else { return false }
            if edge.from < edge.to { parallelPairs += 1 }
            return true
        }
        if parallelPairs > 0 {
            guesses.append(LocalizedText(startEvents > 0 ? "discover.guess.parallelPairs.intervals" : "discover.guess.parallelPairs.orders", ["count": .integer(parallelPairs)]))
        }
        let linked = Self.connectBranches(&kept, blocks: blocks, ends: forksAndJoins, follows: follows)
        let blockNotes = guesses.count  // the blocks' sentences go here, once the skips are known
        if linked > 0 { guesses.append(LocalizedText("discover.guess.linked", ["count": .integer(linked)])) }

        // The journey starts at the most frequent first activity; every other one needs a way in.
        let journeyStart = starts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key
        // Every activity keeps its strongest observed way in and out, so none is left unconnected by
        // the threshold or by the parallel pairs (a rare branch stays a branch, with its share).
        let reconnected = Self.reconnect(&kept, follows: follows, count: count, isParallel: parallel,
                                         isStart: { Int32($0) == journeyStart }, isEnd: { self.ends[Int32($0)] != nil })
        if reconnected > 0 {
            guesses.append(LocalizedText("discover.guess.reconnected", ["count": .integer(reconnected)]))
        }

        // Rework: kept flows that go back against the order in which cases usually run the
        // activities (the mean place of each one's first occurrence), so the main path stays forward.
        let place = (0..<count).map { cases[$0] > 0 ? placeSum[$0] / Double(cases[$0]) : 1 }
        let rework = Self.backwardFlows(kept, place: place)
        if !rework.isEmpty {
            let flows = rework.sorted { ($0.from, $0.to) < ($1.from, $1.to) }.map { TextArgument.verbatim("\(ids[$0.from]) -> \(ids[$0.to])") }
            guesses.append(LocalizedText("discover.guess.rework", ["count": .integer(rework.count), "flows": .enumeration(flows)]))
        }
        // A fork that also leads elsewhere (cases that skip the block) is a choice first: enter or skip.
        let forward = kept.filter { !rework.contains(Pair($0.from, $0.to)) }
        let skips = Self.skippedBlocks(blocks, ends: forksAndJoins, kept: forward)
        // Per skipped block: a routing step (the fork) that the choice after the block's fork enters.
        var gatewayIDs: [Int: String] = [:]
        var used = Set(ids)
        for skip in skips {
            let base = "parallel-after-\(ids[skip.fork])"
            var id = base, n = 2
            while !used.insert(id).inserted { id = "\(base)-\(n)"; n += 1 }
            gatewayIDs[skip.block] = id
        }
        guesses.insert(contentsOf: describe(blocks, ends: forksAndJoins, kept: kept, skips: skips, gateways: gatewayIDs), at: blockNotes)
        for (activity, n) in selfLoops.sorted(by: { $0.key < $1.key }) {
            guesses.append(LocalizedText("discover.guess.selfLoop", ["activity": .quoted(names[Int(activity)]), "count": .integer(n)]))
        }

        // Branches: exclusive ones get the observed shares (rounded down, so they add up to at most 1).
        var flows: [Flow] = []
        var forks = 0
        for source in 0..<count {
            let outgoing = kept.filter { $0.from == source }
            if let skip = skips.first(where: { $0.fork == source }), let gateway = gatewayIDs[skip.block] {
                // A choice: into the block through its routing step, or elsewhere (the observed shares);
                // then the routing step forks into the branches.
                func share(_ n: Int) -> Double { max(0.001, (Double(n) / Double(max(1, instances[source])) * 1000).rounded(.down) / 1000) }
                flows.append(Flow(from: ids[source], to: gateway, kind: .sequence, probability: share(skip.entries.reduce(0) { $0 + $1.count })))
                for edge in outgoing where !skip.entries.contains(where: { $0.to == edge.to }) {
                    let isRework = rework.contains(Pair(edge.from, edge.to))
                    flows.append(Flow(from: ids[edge.from], to: ids[edge.to], kind: isRework ? .rework : .sequence, probability: share(edge.count)))
                }
                flows += skip.entries.map { Flow(from: gateway, to: ids[$0.to], kind: .sequence) }
                forks += 1
                continue
            }
            let forward = outgoing.filter { !rework.contains(Pair($0.from, $0.to)) }
            // A fork: its targets are pairwise parallel, or all in one block, across two branches or more
            // (alternatives within a branch get flows without probabilities too; the guesses say so).
            let block = forward.first.map { blocks.block[$0.to] } ?? -1
            let inOneBlock = block >= 0 && blocks.block[source] != block && forward.allSatisfy { blocks.block[$0.to] == block }
                && Set(forward.map { blocks.branch[$0.to] }).count > 1
            let isFork = forward.count > 1 && (inOneBlock || forward.allSatisfy { a in forward.allSatisfy { b in a.to == b.to || parallel(a.to, b.to) } })
            if isFork { forks += 1 }
            for edge in outgoing {
                let isRework = rework.contains(Pair(edge.from, edge.to))
                // At least 0.001: a flow seen in the log is never drawn as impossible.
                let share = max(0.001, (Double(edge.count) / Double(max(1, instances[source])) * 1000).rounded(.down) / 1000)
                let probability: Double? = isRework || (forward.count > 1 && !isFork) ? share : nil
                flows.append(Flow(from: ids[edge.from], to: ids[edge.to], kind: isRework ? .rework : .sequence, probability: probability))
            }
        }
        if forks > 0 { guesses.append(LocalizedText("discover.guess.forks", ["count": .integer(forks)])) }

        // Actors and lanes from the role mapping.
        var actors: [String: Set<String>] = [:]
        var roleNames: [String: String] = [:]  // actor id → the role as the mapping writes it
        var lanesGuessed = 0
        var steps: [Step] = []
        for activity in Self.stepOrder(count: count, blocks: blocks) {
            if blocks.block[activity] >= 0, blocks.branches[blocks.block[activity]].first?.first == activity,
               let id = gatewayIDs[blocks.block[activity]] {
                var gateway = Step(id: id, title: "Parallel branches start", lane: .frontstage, stage: stage.id, kind: .automated)
                gateway.tags = [Self.gatewayTag]
                gateway.notes = "Inserted by discover: no activity in the log. The step before it chooses between entering the parallel branches (here) and skipping them; a step cannot be both a choice and a fork."
                steps.append(gateway)
            }
            var step = Step(id: ids[activity], title: Self.title(names[activity]), lane: .frontstage, stage: stage.id)
            let top = resources[activity].max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            if let top, top.position < resourceNames.count, let assignment = options.roles[resourceNames[top]] {
                let actor = Self.slug(assignment.role)
                step.actor = actor
                roleNames[actor] = roleNames[actor].map { min($0, assignment.role) } ?? assignment.role
                if let lane = assignment.lane { step.lane = lane } else { lanesGuessed += 1 }
                for (resource, _) in resources[activity] where resource.position < resourceNames.count {
                    if options.roles[resourceNames[resource]]?.role == assignment.role { actors[actor, default: []].insert(resourceNames[resource]) }
                }
            } else {
                lanesGuessed += 1
            }
            var notes = ["From the log: \(instances[activity]) occurrence(s) in \(cases[activity]) case(s)."]
            if let d = Self.processTime(service[activity]) {
                step.duration = d
                notes.append("Duration: P10, median and P90 of \(service[activity].count) start–complete time(s).")
            }
            if let wait = Distribution(waits[activity]), wait.mean >= 1 {
                step.waitBefore = .seconds(wait.mean.rounded())
                notes.append("Wait before: mean of \(wait.count).")
            }
            step.notes = notes.joined(separator: " ")
            steps.append(step)
        }
        if lanesGuessed > 0 {
            guesses.append(LocalizedText(options.roles.isEmpty ? "discover.guess.lanes.noRoles" : "discover.guess.lanes.noLane", ["count": .integer(lanesGuessed)]))
        }
        if startEvents == 0 {
            guesses.append(LocalizedText("discover.guess.noStarts"))
        }
        let actorList = actors.keys.sorted().map { Actor(id: $0, title: roleNames[$0] ?? $0, kind: .role, capacity: actors[$0]?.count) }
        if !actorList.isEmpty { guesses.append(LocalizedText("discover.guess.capacities")) }

        // The journey: from the most frequent start to the frequent ends, with the observed demand.
        var journeys: [Journey] = []
        if let start = journeyStart {
            var frequentEnds = ends.filter { Double($0.value) >= options.threshold * Double(caseCount) }
                .sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            // Cases that stop at their first activity are unfinished, not a way the journey ends.
            if frequentEnds.count > 1, let stopped = frequentEnds.first(where: { $0.key == start }) {
                frequentEnds.removeAll { $0.key == start }
                guesses.append(LocalizedText("discover.guess.stopAtStart", ["count": .integer(stopped.value), "activity": .quoted(names[Int(start)])]))
            }
            let endIDs = frequentEnds.map { ids[Int($0.key)] }
            var journey = Journey(id: "observed", title: "Cases as the log shows them", start: ids[Int(start)], ends: endIDs)
            let weeks = (lastTimestamp - firstTimestamp) / 604_800
            if weeks > 0 { journey.demand = Demand(arrivals: (Double(caseCount) / weeks * 100).rounded() / 100, per: .week) }
            journeys.append(journey)
            if starts.count > 1 {
                guesses.append(LocalizedText("discover.guess.journeyStart", ["activity": .quoted(names[Int(start)]), "count": .integer(starts.count - 1)]))
            }
        }
        let blueprint = Blueprint(
            id: options.id, title: "Discovered from \(options.logName)",
            summary: "A draft discovered by blueprint discover from \(options.logName) (\(caseCount) cases, \(names.count) activities): a starting point to edit, not a design.",
            stages: [stage], actors: actorList, journeys: journeys, steps: steps, flows: flows)
        return Draft(blueprint: blueprint, guessTexts: guesses)
    }

    /// The tag of a routing step that discover inserts (a fork after a choice): no activity of the
    /// log maps to it, and measure's conformance passes through it.
    public static let gatewayTag = "discover-gateway"

    /// A block whose fork also leads, by a kept forward flow, somewhere outside it: cases skip it.
    struct SkippedBlock {
        var block: Int
        var fork: Int
        /// The kept flows from the fork into the block.
        var entries: [(from: Int, to: Int, count: Int)]
        /// The kept flows from the fork elsewhere (the skips).
        var skips: [(from: Int, to: Int, count: Int)]
    }

    /// The blocks that cases skip: their fork has kept flows both into the block and out of it.
    static func skippedBlocks(
        _ blocks: ParallelBlocks, ends: [(fork: Int?, join: Int?)], kept: [(from: Int, to: Int, count: Int)]
    ) -> [SkippedBlock] {
        var result: [SkippedBlock] = []
        var taken = Set<Int>()
        for (block, end) in ends.enumerated() {
            guard let fork = end.fork, blocks.block[fork] < 0, !taken.contains(fork) else { continue }
            let out = kept.filter { $0.from == fork }
            let entries = out.filter { blocks.block[$0.to] == block }
            let skips = out.filter { blocks.block[$0.to] != block }
            guard !entries.isEmpty, !skips.isEmpty else { continue }
            taken.insert(fork)
            result.append(SkippedBlock(block: block, fork: fork, entries: entries, skips: skips))
        }
        return result
    }

    struct Pair: Hashable {
        var from: Int, to: Int
        init(_ from: Int, _ to: Int) { self.from = from; self.to = to }
    }

    /// Flows that go back in the usual order of the activities (`place`: smaller runs earlier; ties
    /// by activity number, so the forward flows never form a cycle).
    static func backwardFlows(_ edges: [(from: Int, to: Int, count: Int)], place: [Double]) -> Set<Pair> {
        var back = Set<Pair>()
        for edge in edges where (place[edge.to], edge.to) <= (place[edge.from], edge.from) {
            back.insert(Pair(edge.from, edge.to))
        }
        return back
    }

    /// Adds, for each activity without a kept flow in (unless cases start with it) or out (unless
    /// cases end with it), its most frequent observed one that does not join two parallel
    /// activities. Returns how many flows it added.
    static func reconnect(
        _ kept: inout [(from: Int, to: Int, count: Int)], follows: [UInt64: Int], count: Int,
        isParallel: (Int, Int) -> Bool, isStart: (Int) -> Bool, isEnd: (Int) -> Bool
    ) -> Int {
        var hasIn = [Bool](repeating: false, count: count), hasOut = [Bool](repeating: false, count: count)
        for edge in kept { hasOut[edge.from] = true; hasIn[edge.to] = true }
        var bestIn = [(from: Int, count: Int)?](repeating: nil, count: count)
        var bestOut = [(to: Int, count: Int)?](repeating: nil, count: count)
        for (key, n) in follows {
            let (a, b) = (Int(key >> 32), Int(key & 0xFFFF_FFFF))
            guard a < count, b < count, a != b, !isParallel(a, b) else { continue }
            // Most frequent first; ties to the lower activity number (deterministic).
            if bestIn[b].map({ (n, -a) > ($0.count, -$0.from) }) ?? true { bestIn[b] = (a, n) }
            if bestOut[a].map({ (n, -b) > ($0.count, -$0.to) }) ?? true { bestOut[a] = (b, n) }
        }
        var added = Set<UInt64>()
        for activity in 0..<count {
            if !hasIn[activity], !isStart(activity), let best = bestIn[activity] { added.insert(Measurer.pair(Int32(best.from), Int32(activity))) }
            if !hasOut[activity], !isEnd(activity), let best = bestOut[activity] { added.insert(Measurer.pair(Int32(activity), Int32(best.to))) }
        }
        let present = Set(kept.map { Measurer.pair(Int32($0.from), Int32($0.to)) })
        let new = added.subtracting(present)
        for key in new { kept.append((Int(key >> 32), Int(key & 0xFFFF_FFFF), follows[key] ?? 0)) }
        kept.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        return new.count
    }

    /// P10 / median / P90 of the service times, to the second.
    static func processTime(_ samples: [Double]) -> ProcessTime? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let q = { (p: Double) in BlueprintDuration.seconds(Distribution.quantile(sorted, p).rounded()) }
        let (low, likely, high) = (q(0.1), q(0.5), q(0.9))
        return low == high ? ProcessTime(likely) : ProcessTime(min: low, likely: likely, max: high)
    }

    /// A step title from an activity name: line breaks and runs of white space (a quoted CSV field
    /// may hold CR LF) become one space, so the card and the file read as one line.
    static func title(_ name: String) -> String {
        let words = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? name : words
    }

    /// Ids from names: lowercase letters and digits joined by `-`, unique.
    static func stepIDs(for names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            let base = slug(name)
            var id = base, n = 2
            while !used.insert(id).inserted { id = "\(base)-\(n)"; n += 1 }
            return id
        }
    }

    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        out = String(out.prefix(60))
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "activity" : out
    }
}
