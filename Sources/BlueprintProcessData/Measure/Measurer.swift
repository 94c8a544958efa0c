import ServiceBlueprint

/// Measures an event log against a blueprint, one trace at a time.
///
/// Feed every trace with ``add(_:activities:)`` (straight from ``EventLogReader``) and call
/// ``result(summary:)`` at the end. Memory holds the aggregates: per-step samples of service
/// and waiting times, the directly-follows counts and the distinct variants, not the events.
///
/// ```swift
/// var measurer = Measurer(blueprint: blueprint)
/// let summary = try EventLogReader.read(path: "tickets.csv") { trace, names in
///     measurer.add(trace, activities: names)
/// }
/// let measurement = measurer.result(summary: summary)
/// ```
public struct Measurer: Sendable {
    let blueprint: Blueprint
    let graph: BlueprintGraph
    let mapper: StepMapper
    /// Step index per activity index: -1 unmapped, -2 not resolved yet.
    var stepOfActivity: [Int32] = []
    var mappedBy: [String] = []
    var activityNames: [String] = []
    var eventsPerActivity: [Int] = []

    // Per step.
    var serviceSamples: [[Double]]
    var waitSamples: [[Double]]
    var occurrences: [Int]
    var casesWithStep: [Int]

    // Per journey.
    var journeyCases: [Int]
    var journeyLeadTimes: [[Double]]
    let journeyEnds: [Set<Int32>]
    /// Steps whose outgoing flows are alternatives (``exclusiveChoices(in:graph:)``), for conformance.
    let exclusiveChoices: [(split: Int32, alternatives: [Int32])]

    // Discovery.
    var directlyFollows: [UInt64: (count: Int, seconds: Double)] = [:]
    var variants: [[Int32]: Int] = [:]
    var variantOrder: [[Int32]] = []
    var caseDurations: [Double] = []
    var startActivities: [Int32: Int] = [:]
    var endActivities: [Int32: Int] = [:]
    var mappedFollows: [UInt64: Int] = [:]
    var busySeconds: [Double]
    var startEvents = 0
    var firstTimestamp = Double.infinity
    var lastTimestamp = -Double.infinity

    /// Creates a measurer.
    /// - Parameters:
    ///   - blueprint: the design to compare with.
    ///   - mapping: activity name → step id, e.g. from ``StepMapper/readMapping(path:blueprint:)``.
    public init(blueprint: Blueprint, mapping: [String: String] = [:]) {
        self.blueprint = blueprint
        graph = BlueprintGraph(blueprint)
        mapper = StepMapper(blueprint: blueprint, explicit: mapping)
        let steps = blueprint.steps.count
        serviceSamples = Array(repeating: [], count: steps)
        waitSamples = Array(repeating: [], count: steps)
        occurrences = Array(repeating: 0, count: steps)
        casesWithStep = Array(repeating: 0, count: steps)
        busySeconds = Array(repeating: 0, count: steps)
        journeyCases = Array(repeating: 0, count: blueprint.journeys.count)
        journeyLeadTimes = Array(repeating: [], count: blueprint.journeys.count)
        journeyEnds = Self.ends(of: blueprint.journeys, in: graph)
        exclusiveChoices = Self.exclusiveChoices(in: blueprint, graph: graph)
    }

    /// One execution of an activity in a case: from its start (if logged) to its completion.
    struct Instance {
        var activity: Int32
        var start: Double?
        var end: Double?
        var order: Double { end ?? start ?? 0 }
    }

    mutating func resolve(_ activities: NameTable) {
        while stepOfActivity.count < activities.count {
            let name = activities[NameIndex(stepOfActivity.count)]
            activityNames.append(name)
            eventsPerActivity.append(0)
            if let (step, by) = mapper.step(for: name), let index = graph.index(of: step) {
                stepOfActivity.append(index)
                mappedBy.append(by)
            } else {
                stepOfActivity.append(-1)
                mappedBy.append("")
            }
        }
    }

    /// Pairs start and complete events of the same activity (first open start first). An abort
    /// (`ate_abort`) closes the activity's open instance, a case abort (`pi_abort`) every open
    /// instance of the case; they are then left out: not done, and a later complete belongs to a
    /// later start or to none.
    ///
    /// The starts still open are a short list, oldest first, searched from the front: no
    /// dictionary per case. A case with many starts open at once, or with an abort, is paired by
    /// ``instancesWithManyOpen(of:)`` instead, which gives the same pairs.
    static func instances(of trace: LogTrace) -> [Instance] {
        var instances: [Instance] = []
        instances.reserveCapacity(trace.events.count)
        var open: [(activity: Int32, index: Int)] = []
        for event in trace.events {
            switch event.lifecycle {
            case .start:
                guard open.count < 32 else { return instancesWithManyOpen(of: trace) }
                open.append((event.activity.raw, instances.count))
                instances.append(Instance(activity: event.activity.raw, start: event.timestamp, end: nil))
            case .complete:
                if let first = open.firstIndex(where: { $0.activity == event.activity.raw }) {
                    instances[open[first].index].end = event.timestamp
                    open.remove(at: first)
                } else {
                    instances.append(Instance(activity: event.activity.raw, start: nil, end: event.timestamp))
                }
            case .abort, .caseAbort:
                return instancesWithManyOpen(of: trace)
            case .other:
                continue
            }
        }
        return inCompletionOrder(instances)
    }

    /// Order by completion, as a complete-only log orders its events (stably; usually they are already).
    static func inCompletionOrder(_ instances: [Instance]) -> [Instance] {
        var ordered = true
        for index in instances.indices.dropFirst() where !(instances[index - 1].order <= instances[index].order) {
            ordered = false
            break
        }
        if ordered { return instances }
        return instances.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }

    /// ``instances(of:)`` with a queue of open starts per activity, for cases with many open at
    /// once or with aborts.
    static func instancesWithManyOpen(of trace: LogTrace) -> [Instance] {
        var instances: [Instance] = []
        instances.reserveCapacity(trace.events.count)
        var open: [Int32: [Int]] = [:]
        var aborted: Set<Int> = []
        for event in trace.events {
            switch event.lifecycle {
            case .start:
                open[event.activity.raw, default: []].append(instances.count)
                instances.append(Instance(activity: event.activity.raw, start: event.timestamp, end: nil))
            case .complete:
                if var waiting = open[event.activity.raw], !waiting.isEmpty {
                    let index = waiting.removeFirst()
                    open[event.activity.raw] = waiting
                    instances[index].end = event.timestamp
                } else {
                    instances.append(Instance(activity: event.activity.raw, start: nil, end: event.timestamp))
                }
            case .abort:
                if var waiting = open[event.activity.raw], !waiting.isEmpty {
                    aborted.insert(waiting.removeFirst())
                    open[event.activity.raw] = waiting
                }
            case .caseAbort:
                for waiting in open.values { aborted.formUnion(waiting) }
                open = [:]
            case .other:
                continue
            }
        }
        if !aborted.isEmpty {
            instances = instances.enumerated().filter { !aborted.contains($0.offset) }.map(\.element)
        }
        return inCompletionOrder(instances)
    }

    /// The case's duration as PM4Py measures it: from its earliest to its latest recorded event.
    /// A start that a reader derived from an event's start timestamp (XES `start_timestamp`, a CSV
    /// start column) is written right before that event, with its activity and line, and is no
    /// record of its own: it is left out here, as it is from the event count.
    static func recordedSpan(of events: [LogEvent]) -> Double {
        var low = Double.infinity, high = -Double.infinity
        for (index, event) in events.enumerated() {
            if event.lifecycle == .start, event.line > 0, index + 1 < events.count {
                let next = events[index + 1]
                if next.line == event.line, next.activity == event.activity, next.lifecycle != .start { continue }
            }
            low = min(low, event.timestamp)
            high = max(high, event.timestamp)
        }
        return high >= low ? high - low : 0
    }

    /// Adds one case.
    public mutating func add(_ trace: LogTrace, activities: NameTable) {
        resolve(activities)
        guard let first = trace.events.first, let last = trace.events.last else { return }
        firstTimestamp = min(firstTimestamp, first.timestamp)
        lastTimestamp = max(lastTimestamp, last.timestamp)
        caseDurations.append(Self.recordedSpan(of: trace.events))
        for event in trace.events {
            eventsPerActivity[event.activity.position] += 1
            if event.lifecycle == .start { startEvents += 1 }
        }
        let instances = Self.instances(of: trace)
        guard !instances.isEmpty else { return }
        addDiscovery(instances)
        addSteps(instances)
        addJourneys(instances)
    }

    private mutating func addDiscovery(_ instances: [Instance]) {
        let sequence = instances.map(\.activity)
        for index in 1..<max(1, sequence.count) {
            let key = UInt64(UInt32(sequence[index - 1])) << 32 | UInt64(UInt32(sequence[index]))
            let gap = instances[index].order - instances[index - 1].order
            Self.tally(&directlyFollows[key, default: (0, 0)], gap)
        }
        startActivities[sequence[0], default: 0] += 1
        endActivities[sequence[sequence.count - 1], default: 0] += 1
        if let count = variants[sequence] {
            variants[sequence] = count + 1
        } else {
            variants[sequence] = 1
            variantOrder.append(sequence)
        }
    }

    /// One more directly-follows pair with its gap (one dictionary access, not two).
    @inline(__always)
    static func tally(_ pair: inout (count: Int, seconds: Double), _ gap: Double) {
        pair.count += 1
        pair.seconds += gap
    }

    private mutating func addSteps(_ instances: [Instance]) {
        // A case none of whose activities maps to a step has nothing to add.
        guard instances.contains(where: { stepOfActivity[Int($0.activity)] >= 0 }) else { return }
        let ends = instances.compactMap(\.end).sorted()
        var seen = Set<Int32>()
        var previousStep: Int32 = -1
        for instance in instances {
            let step = stepOfActivity[Int(instance.activity)]
            guard step >= 0 else { continue }
            let s = Int(step)
            occurrences[s] += 1
            if seen.insert(step).inserted { casesWithStep[s] += 1 }
            if let start = instance.start {
                if let end = instance.end {
                    serviceSamples[s].append(end - start)
                    busySeconds[s] += end - start
                }
                if let previous = Self.latest(in: ends, atMost: start) { waitSamples[s].append(start - previous) }
            }
            if previousStep >= 0 {
                mappedFollows[UInt64(UInt32(previousStep)) << 32 | UInt64(UInt32(step)), default: 0] += 1
            }
            previousStep = step
        }
    }

    /// The largest value ≤ `limit` in an ascending array (binary search).
    static func latest(in sorted: [Double], atMost limit: Double) -> Double? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= limit { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : sorted[low - 1]
    }

    private mutating func addJourneys(_ instances: [Instance]) {
        for (j, journey) in blueprint.journeys.enumerated() {
            guard let start = graph.index(of: journey.start),
                  let first = instances.firstIndex(where: { stepOfActivity[Int($0.activity)] == start }) else { continue }
            journeyCases[j] += 1
            let ends = journeyEnds[j]
            let began = instances[first].start ?? instances[first].end ?? 0
            // The journey ends at the LAST end step the case completes after its start: an end
            // reached early and again after rework, or an end step that also occurs mid-case,
            // does not cut the lead time short; nor does the start step when it is also an end.
            let stepOf = stepOfActivity
            let isEnd = { (index: Int) in ends.contains(stepOf[Int(instances[index].activity)]) && instances[index].end != nil }
            let last = instances.indices.last { $0 > first && isEnd($0) } ?? (isEnd(first) ? first : nil)
            if let last, let finished = instances[last].end {
                journeyLeadTimes[j].append(finished - began)
            }
        }
    }

    /// Each journey's end steps: its `ends`, or the sinks of the steps it covers.
    static func ends(of journeys: [Journey], in graph: BlueprintGraph) -> [Set<Int32>] {
        journeys.map { journey in
            let declared = journey.ends.compactMap { graph.index(of: $0) }
            if !declared.isEmpty { return Set(declared) }
            return Set(graph.sinks(kinds: .ordering, within: graph.steps(of: journey)))
        }
    }
}
