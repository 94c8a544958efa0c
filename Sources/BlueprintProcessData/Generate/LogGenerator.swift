import Foundation
import ServiceBlueprint

/// Simulates a blueprint into an event log with known parameters, for testing `measure` and
/// `discover` end to end and for benchmarks.
///
/// Each case starts at the first journey's start step (else the first step nothing leads to)
/// and walks the flows:
/// - **service time** is drawn from the PERT distribution of the step's duration (a Beta on
///   min…max with the likely value as its mode), so its mean is the estimate's PERT mean;
/// - **waiting time** before a step is exponential with the step's `waitBefore` as its mean
///   (no wait when it has none);
/// - after a step, a **rework** flow with probability *p* is taken with probability *p* (and
///   nothing else is); otherwise the ordering flows with a probability are one exclusive choice
///   (weights normalised), and those without one are all taken at once: a fork, whose branches
///   run concurrently and join at the first step they share.
///
/// Cases arrive as a Poisson process. The same seed gives the same log, byte for byte.
public struct LogGenerator: Sendable {
    /// What to generate.
    public struct Options: Sendable, Hashable {
        /// The random seed.
        public var seed: UInt64
        /// How many cases.
        public var cases: Int
        /// Stop after this many events (the last case may be cut short), if given.
        public var maxEvents: Int?
        /// Mean time between case arrivals, in seconds.
        public var meanInterarrival: Double
        /// The first arrival, in seconds since 1970 (default 2024-01-01T00:00:00Z).
        public var start: Double
        /// Write a start event before each completion (else completions only).
        public var startEvents: Bool
        /// Events in time order across cases, as systems export them (else grouped by case).
        public var timeOrdered: Bool

        /// Creates options.
        public init(seed: UInt64 = 1, cases: Int = 1_000, maxEvents: Int? = nil, meanInterarrival: Double = 600,
                    start: Double = 1_704_067_200, startEvents: Bool = true, timeOrdered: Bool = true) {
            self.seed = seed
            self.cases = cases
            self.maxEvents = maxEvents
            self.meanInterarrival = meanInterarrival
            self.start = start
            self.startEvents = startEvents
            self.timeOrdered = timeOrdered
        }
    }

    /// One generated event.
    public struct Event: Sendable, Hashable {
        /// The case number (1-based).
        public var caseNumber: Int
        /// The step's title (the activity name).
        public var activity: String
        /// Seconds since 1970, to the millisecond.
        public var timestamp: Double
        /// Start or complete.
        public var lifecycle: LogLifecycle
        /// `actor-k` for one of the actor's servers, or `system`.
        public var resource: String
    }

    struct Next {
        var rework: [(to: Int, probability: Double)] = []
        var choice: [(to: Int, weight: Double)] = []
        var all: [Int] = []
    }

    let titles: [String]
    let actors: [String]
    let servers: [Int]
    let durations: [(min: Double, likely: Double, max: Double)?]
    let waits: [Double]
    let next: [Next]
    /// Steps each step reaches over non-rework ordering flows (joins wait for these).
    let reaches: [Set<Int>]
    let first: Int

    /// Prepares the simulation of `blueprint`.
    /// - Throws: ``BlueprintError`` when the blueprint has no steps or no step to start from.
    public init(blueprint: Blueprint) throws {
        let steps = blueprint.steps
        var index: [String: Int] = [:]
        for (i, step) in steps.enumerated() where index[step.id] == nil { index[step.id] = i }
        titles = steps.map { $0.title.isEmpty ? $0.id : $0.title }
        let capacity = Dictionary(blueprint.actors.map { ($0.id, max(1, $0.capacity ?? 1)) }, uniquingKeysWith: { a, _ in a })
        actors = steps.map { $0.actor ?? "system" }
        servers = steps.map { $0.actor.flatMap { capacity[$0] } ?? 1 }
        durations = steps.map { $0.duration.map { ($0.min.seconds, $0.likely.seconds, $0.max.seconds) } }
        waits = steps.map { $0.waitBefore?.seconds ?? 0 }
        var next = Array(repeating: Next(), count: steps.count)
        var forward = Array(repeating: [Int](), count: steps.count)
        var hasPredecessor = Array(repeating: false, count: steps.count)
        for flow in blueprint.flows where flow.kind.ordersWork {
            guard let from = index[flow.from], let to = index[flow.to] else { continue }
            if flow.kind == .rework {
                next[from].rework.append((to, min(max(flow.probability ?? 0, 0), 1)))
                continue
            }
            forward[from].append(to)
            hasPredecessor[to] = true
            if let p = flow.probability { next[from].choice.append((to, max(p, 0))) } else { next[from].all.append(to) }
        }
        self.next = next
        reaches = steps.indices.map { Self.reach(from: $0, forward) }
        let start = blueprint.journeys.first.flatMap { index[$0.start] } ?? hasPredecessor.firstIndex(of: false)
        guard let start else {
            throw BlueprintError(diagnostics: [Diagnostic(.error, "cannot simulate '\(blueprint.id)': no step to start a case from")])
        }
        first = start
    }

    static func reach(from step: Int, _ forward: [[Int]]) -> Set<Int> {
        var seen: Set<Int> = [], stack = forward[step]
        while let next = stack.popLast() { if seen.insert(next).inserted { stack += forward[next] } }
        return seen
    }

    /// Calls `body` with every event, cases numbered from 1; returns the number of events.
    @discardableResult
    public func generate(_ options: Options, _ body: (Event) throws -> Void) rethrows -> Int {
        var random = SplitMix64(seed: options.seed)
        var written = 0
        var arrival = options.start
        var queue = EventQueue()
        for caseNumber in 1..<(max(0, options.cases) + 1) {
            if let limit = options.maxEvents, written >= limit { break }
            // To the millisecond, as timestamps are written, so no event precedes its arrival.
            arrival = Self.millisecond(arrival + random.exponential(mean: options.meanInterarrival))
            var events = simulate(case: caseNumber, arrival: arrival, options: options, random: &random)
            if let limit = options.maxEvents { events = Array(events.prefix(limit - written)) }
            written += events.count
            guard options.timeOrdered else {
                for event in events { try body(event) }
                continue
            }
            // Every later case arrives after `arrival`, so events up to it are final.
            try queue.drain(through: arrival, body)
            queue.add(events)
        }
        try queue.drain(through: .infinity, body)
        return written
    }

    /// One case: its events sorted by time.
    func simulate(case caseNumber: Int, arrival: Double, options: Options, random: inout SplitMix64) -> [Event] {
        var events: [Event] = []
        var tokens: [(step: Int, ready: Double)] = [(first, arrival)]
        var budget = 10_000 // a rework loop with probability 1 ends here
        while !tokens.isEmpty, budget > 0 {
            budget -= 1
            // A step no other token can still reach runs now; tokens at the same step join.
            let pick = tokens.indices.first { i in
                !tokens.indices.contains { j in tokens[j].step != tokens[i].step && reaches[tokens[j].step].contains(tokens[i].step) }
            } ?? 0
            let step = tokens[pick].step
            let ready = tokens.filter { $0.step == step }.map(\.ready).max() ?? arrival
            tokens.removeAll { $0.step == step }
            let start = Self.millisecond(ready + random.exponential(mean: waits[step]))
            let end = Self.millisecond(start + service(step, &random))
            let resource = actors[step] == "system" ? "system" : "\(actors[step])-\(Int(random.next() % UInt64(servers[step])) + 1)"
            if options.startEvents {
                events.append(Event(caseNumber: caseNumber, activity: titles[step], timestamp: start, lifecycle: .start, resource: resource))
            }
            events.append(Event(caseNumber: caseNumber, activity: titles[step], timestamp: end, lifecycle: .complete, resource: resource))
            for target in successors(of: step, &random) { tokens.append((target, end)) }
        }
        return events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
    }

    static func millisecond(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    func successors(of step: Int, _ random: inout SplitMix64) -> [Int] {
        let options = next[step]
        var draw = random.uniform()
        for rework in options.rework {
            if draw < rework.probability { return [rework.to] }
            draw -= rework.probability
        }
        var targets = options.all
        let total = options.choice.reduce(0) { $0 + $1.weight }
        if total > 0 {
            var pick = random.uniform() * total
            for choice in options.choice {
                if pick < choice.weight { targets.append(choice.to); break }
                pick -= choice.weight
            }
        }
        return targets
    }

    /// A PERT draw: min + (max − min) · Beta(α, β), α = 1 + 4(likely − min)/(max − min),
    /// β = 1 + 4(max − likely)/(max − min).
    func service(_ step: Int, _ random: inout SplitMix64) -> Double {
        guard let d = durations[step] else { return 0 }
        let range = d.max - d.min
        guard range > 0 else { return d.min }
        let alpha = 1 + 4 * (d.likely - d.min) / range, beta = 1 + 4 * (d.max - d.likely) / range
        let x = random.gamma(alpha), y = random.gamma(beta)
        return d.min + range * x / (x + y)
    }
}

/// The distributions the log generator draws from, on the package's SplitMix64.
extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    mutating func exponential(mean: Double) -> Double {
        mean > 0 ? -mean * log(1 - uniform()) : 0
    }

    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u = 1 - uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang 2000).
    mutating func gamma(_ shape: Double) -> Double {
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}

/// Events of overlapping cases, released in time order (ties: case, then event order).
struct EventQueue {
    private var heap: [(key: Double, order: Int, event: LogGenerator.Event)] = []
    private var counter = 0

    mutating func add(_ events: [LogGenerator.Event]) {
        for event in events {
            heap.append((event.timestamp, counter, event))
            counter += 1
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard less(child, parent) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
    }

    mutating func drain(through time: Double, _ body: (LogGenerator.Event) throws -> Void) rethrows {
        while let top = heap.first, top.key <= time {
            try body(top.event)
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(left, smallest) { smallest = left }
                if right < heap.count, less(right, smallest) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    private func less(_ a: Int, _ b: Int) -> Bool { (heap[a].key, heap[a].order) < (heap[b].key, heap[b].order) }
}
