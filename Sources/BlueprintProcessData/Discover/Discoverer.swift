import ServiceBlueprint

/// Discovers a draft blueprint from an event log, one trace at a time, as ``Measurer`` does.
///
/// - **Steps** from activities (id from the name, the name as title).
/// - **Flows** from the directly-follows relation: a pair is kept when it follows at least
///   ``Options/threshold`` of the earlier activity's occurrences.
/// - **Forks** where the log shows concurrency: two activities whose start–complete intervals
///   overlap in a case, or that follow each other both ways with comparable frequency (and not as
///   a length-2 loop `a b a`), are parallel: the flows between them are dropped. Activities that
///   are mutually parallel form a block (a parallel cut, as the inductive miner finds it): its
///   branches are the groups every cross pair of which is parallel; the most frequent step before
///   the block forks into every branch and the most frequent one after it joins them.
///   When some cases skip the block (its fork also leads elsewhere), the fork becomes a choice
///   between skipping and an inserted routing step (``gatewayTag``, no activity) that forks.
/// - **Rework**: a kept flow that closes a cycle becomes `kind: rework`.
/// - **Probabilities** of exclusive branches and rework loops: the observed shares.
/// - **Durations**: P10, median and P90 of the start → complete times; the wait before a step:
///   the mean gap from the previous completion in the case to its start.
/// - **Lanes and actors** from a resource → role mapping, when one is given.
///
/// Everything it had to guess is listed in ``Draft/guesses``: it is a starting point to edit.
public struct Discoverer: Sendable {
    /// How to discover.
    public struct Options: Sendable, Hashable {
        /// Least share of an activity's occurrences a directly-follows pair needs to become a flow.
        public var threshold: Double
        /// Resource → (role, lane) from a role mapping; empty: no actors, lanes guessed.
        public var roles: [String: RoleAssignment]
        /// The draft's id.
        public var id: String
        /// The log's name, for the summary.
        public var logName: String

        /// Creates options.
        public init(threshold: Double = 0.05, roles: [String: RoleAssignment] = [:], id: String = "discovered", logName: String = "the log") {
            self.threshold = threshold
            self.roles = roles
            self.id = id
            self.logName = logName
        }
    }

    /// A resource's role and, if known, the lane of the work it does.
    public struct RoleAssignment: Sendable, Hashable {
        /// The role (becomes an actor).
        public var role: String
        /// The lane, if the mapping names one.
        public var lane: Lane?

        /// Creates an assignment.
        public init(role: String, lane: Lane? = nil) {
            self.role = role
            self.lane = lane
        }
    }

    /// The discovered blueprint and what was guessed.
    public struct Draft: Sendable {
        /// The draft.
        public var blueprint: Blueprint
        /// What the draft guessed, one sentence each, in English.
        public var guesses: [String] { guessTexts.map { $0.rendered(in: .english) } }
        /// What the draft guessed, one sentence each, to render in any ``Language``.
        public var guessTexts: [LocalizedText]
    }

    let options: Options
    var names: [String] = []
    var instances: [Int] = []
    var cases: [Int] = []
    var service: [[Double]] = []
    var waits: [[Double]] = []
    var resources: [[NameIndex: Int]] = []
    var follows: [UInt64: Int] = [:]
    var overlaps: [UInt64: Int] = [:]
    var starts: [Int32: Int] = [:]
    var ends: [Int32: Int] = [:]
    var caseCount = 0
    var startEvents = 0
    var selfLoops: [Int32: Int] = [:]
    /// `a b a` in a case, keyed by the pair `(a, b)`: a length-2 loop, which follows both ways
    /// without being parallel.
    var shortLoops: [UInt64: Int] = [:]
    /// Per activity: the sum of its first occurrence's place in each case (0 for the first
    /// activity), to order the activities as cases usually run them. Not divided by the case's
    /// length: a loop later in a long case must not move what came before it.
    var placeSum: [Double] = []
    var firstTimestamp = Double.infinity
    var lastTimestamp = -Double.infinity

    /// Creates a discoverer.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Adds one case.
    public mutating func add(_ trace: LogTrace, activities: NameTable) {
        while names.count < activities.count {
            names.append(activities[NameIndex(names.count)])
            instances.append(0); cases.append(0); service.append([]); waits.append([]); resources.append([:]); placeSum.append(0)
        }
        guard let first = trace.events.first, let last = trace.events.last else { return }
        firstTimestamp = min(firstTimestamp, first.timestamp)
        lastTimestamp = max(lastTimestamp, last.timestamp)
        let found = Measurer.instances(of: trace)
        guard let head = found.first, let tail = found.last else { return }
        caseCount += 1
        starts[head.activity, default: 0] += 1
        ends[tail.activity, default: 0] += 1
        for event in trace.events {
            if event.lifecycle == .start { startEvents += 1 }
            if let resource = event.resource { resources[event.activity.position][resource, default: 0] += 1 }
        }
        var seen = Set<Int32>()
        let completions = found.compactMap(\.end).sorted()
        for (index, instance) in found.enumerated() {
            let a = Int(instance.activity)
            instances[a] += 1
            if seen.insert(instance.activity).inserted {
                cases[a] += 1
                placeSum[a] += Double(index)
            }
            if let start = instance.start {
                if let end = instance.end { service[a].append(end - start) }
                if let previous = Measurer.latest(in: completions, atMost: start) { waits[a].append(start - previous) }
            }
            if index > 0 {
                let before = found[index - 1].activity
                if before == instance.activity { selfLoops[before, default: 0] += 1 } else { follows[Measurer.pair(before, instance.activity), default: 0] += 1 }
                if index > 1, found[index - 2].activity == instance.activity, before != instance.activity {
                    shortLoops[Measurer.pair(instance.activity, before), default: 0] += 1
                }
            }
        }
        // Overlapping intervals show concurrency (bounded: long cases are rare and quadratic).
        let timed = found.filter { $0.start != nil && $0.end != nil }
        guard timed.count > 1, timed.count <= 200 else { return }
        for i in timed.indices {
            for j in timed.indices where j > i && timed[i].activity != timed[j].activity {
                let (a, b) = (timed[i], timed[j])
                if let aStart = a.start, let aEnd = a.end, let bStart = b.start, let bEnd = b.end, aStart < bEnd, bStart < aEnd {
                    let key = Measurer.pair(min(a.activity, b.activity), max(a.activity, b.activity))
                    overlaps[key, default: 0] += 1
                }
            }
        }
    }
}
