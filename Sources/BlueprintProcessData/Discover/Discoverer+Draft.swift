import ServiceBlueprint

extension Discoverer {
    /// The draft blueprint from everything added so far.
    /// - Parameter resourceNames: the reader's resource names (``EventLogSummary/resources``).
    public func draft(resourceNames: NameTable = NameTable()) -> Draft {
        var guesses: [String] = []
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
            guesses.append("\(dropped) directly-follows pair(s) below \(Int((options.threshold * 100).rounded())) % of their activity's occurrences were left out (--threshold)")
        }
        let keptSet = Set(kept.map { Measurer.pair(Int32($0.from), Int32($0.to)) })
        func parallel(_ a: Int, _ b: Int) -> Bool {
            guard a != b else { return false }
            let key = Measurer.pair(Int32(min(a, b)), Int32(max(a, b)))
            let shortest = Double(max(1, min(instances[a], instances[b])))
            if Double(overlaps[key] ?? 0) >= options.threshold * shortest { return true }
            guard keptSet.contains(Measurer.pair(Int32(a), Int32(b))), keptSet.contains(Measurer.pair(Int32(b), Int32(a))) else { return false }
            let ab = Double(follows[Measurer.pair(Int32(a), Int32(b))] ?? 0), ba = Double(follows[Measurer.pair(Int32(b), Int32(a))] ?? 0)
            return min(ab, ba) / max(ab, ba) >= 0.5
        }
        var parallelPairs = 0
        kept.removeAll { edge in
            guard parallel(edge.from, edge.to) else { return false }
            if edge.from < edge.to { parallelPairs += 1 }
            return true
        }
        if parallelPairs > 0 {
            guesses.append("\(parallelPairs) pair(s) of activities run in parallel (\(startEvents > 0 ? "overlapping start–complete intervals" : "they follow each other both ways about equally often")): drawn as forks")
        }

        // Rework: kept flows that close a cycle, found by depth-first search from the most frequent start.
        let rework = Self.backEdges(kept, count: count, roots: starts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Int($0.key) })
        if !rework.isEmpty {
            guesses.append("\(rework.count) flow(s) closing a cycle marked as rework: " + rework.sorted { ($0.from, $0.to) < ($1.from, $1.to) }.map { "\(ids[$0.from]) -> \(ids[$0.to])" }.joined(separator: ", "))
        }
        for (activity, n) in selfLoops.sorted(by: { $0.key < $1.key }) {
            guesses.append("'\(names[Int(activity)])' repeats directly \(n) time(s); a step cannot follow itself, so no flow shows it")
        }

        // Branches: exclusive ones get the observed shares (rounded down, so they add up to at most 1).
        var flows: [Flow] = []
        var forks = 0
        for source in 0..<count {
            let outgoing = kept.filter { $0.from == source }
            let forward = outgoing.filter { !rework.contains(Pair($0.from, $0.to)) }
            let isFork = forward.count > 1 && forward.allSatisfy { a in forward.allSatisfy { b in a.to == b.to || parallel(a.to, b.to) } }
            if isFork { forks += 1 }
            for edge in outgoing {
                let isRework = rework.contains(Pair(edge.from, edge.to))
                let share = (Double(edge.count) / Double(max(1, instances[source])) * 1000).rounded(.down) / 1000
                let probability: Double? = isRework || (forward.count > 1 && !isFork) ? share : nil
                flows.append(Flow(from: ids[edge.from], to: ids[edge.to], kind: isRework ? .rework : .sequence, probability: probability))
            }
        }
        if forks > 0 { guesses.append("\(forks) step(s) start parallel branches (all taken, no probabilities)") }

        // Actors and lanes from the role mapping.
        var actors: [String: Set<String>] = [:]
        var lanesGuessed = 0
        var steps: [Step] = []
        for activity in 0..<count {
            var step = Step(id: ids[activity], title: names[activity], lane: .frontstage, stage: stage.id)
            let top = resources[activity].max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            if let top, top.position < resourceNames.count, let assignment = options.roles[resourceNames[top]] {
                let actor = Self.slug(assignment.role)
                step.actor = actor
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
            guesses.append("\(lanesGuessed) step(s) put in the frontstage lane: " + (options.roles.isEmpty ? "no resource-to-role mapping given (--roles)" : "their resources have no role with a lane in the mapping"))
        }
        if startEvents == 0 {
            guesses.append("the log has no start events: no durations or waits (the gaps between events mix both)")
        }
        let actorList = actors.keys.sorted().map { Actor(id: $0, title: $0, kind: .role, capacity: actors[$0]?.count) }
        if !actorList.isEmpty { guesses.append("actor capacities are the number of distinct resources seen in each role") }

        // The journey: from the most frequent start to the frequent ends, with the observed demand.
        var journeys: [Journey] = []
        if let start = starts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            let endIDs = ends.filter { Double($0.value) >= options.threshold * Double(caseCount) }
                .sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ids[Int($0.key)] }
            var journey = Journey(id: "observed", title: "Cases as the log shows them", start: ids[Int(start.key)], ends: endIDs)
            let weeks = (lastTimestamp - firstTimestamp) / 604_800
            if weeks > 0 { journey.demand = Demand(arrivals: (Double(caseCount) / weeks * 100).rounded() / 100, per: .week) }
            journeys.append(journey)
            if starts.count > 1 { guesses.append("the journey starts at the most frequent first activity ('\(names[Int(start.key)])'); \(starts.count - 1) other first activit(ies) left out") }
        }
        let blueprint = Blueprint(
            id: options.id, title: "Discovered from \(options.logName)",
            summary: "A draft discovered by blueprint discover from \(options.logName) (\(caseCount) cases, \(names.count) activities): a starting point to edit, not a design.",
            stages: [stage], actors: actorList, journeys: journeys, steps: steps, flows: flows)
        return Draft(blueprint: blueprint, guesses: guesses)
    }

    struct Pair: Hashable {
        var from: Int, to: Int
        init(_ from: Int, _ to: Int) { self.from = from; self.to = to }
    }

    /// Flows that close a cycle: edges to a step on the current depth-first path (iterative).
    static func backEdges(_ edges: [(from: Int, to: Int, count: Int)], count: Int, roots: [Int]) -> Set<Pair> {
        var adjacency = Array(repeating: [Int](), count: count)
        // Most frequent successor first, so the main path is the tree and the loops go back.
        for edge in edges.sorted(by: { ($1.count, $0.to) < ($0.count, $1.to) }) { adjacency[edge.from].append(edge.to) }
        var state = Array(repeating: 0, count: count) // 0 new, 1 on the path, 2 done
        var back = Set<Pair>()
        for root in roots + Array(0..<count) where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                if top.next < adjacency[top.node].count {
                    stack[stack.count - 1].next += 1
                    let target = adjacency[top.node][top.next]
                    if state[target] == 1 { back.insert(Pair(top.node, target)) } else if state[target] == 0 {
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return back
    }

    /// P10 / median / P90 of the service times, to the second.
    static func processTime(_ samples: [Double]) -> ProcessTime? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let q = { (p: Double) in BlueprintDuration.seconds(Distribution.quantile(sorted, p).rounded()) }
        let (low, likely, high) = (q(0.1), q(0.5), q(0.9))
        return low == high ? ProcessTime(likely) : ProcessTime(min: low, likely: likely, max: high)
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
