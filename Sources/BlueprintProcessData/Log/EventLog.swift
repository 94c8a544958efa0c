import ServiceBlueprint

/// Where an event's lifecycle puts it: the start or the completion of an activity.
///
/// XES's standard lifecycle model has more transitions (schedule, assign, suspend, …); they
/// carry no service-time meaning here and are read as ``other``.
public enum LogLifecycle: UInt8, Sendable, Hashable, Codable {
    /// The activity started (`start`).
    case start
    /// The activity finished (`complete`, or no lifecycle given).
    case complete
    /// Another known transition, kept out of service and waiting times.
    case other
    /// The activity instance was given up (`ate_abort`): it closes the activity's open instance,
    /// which gets no service time and is not a completion.
    case abort
    /// The whole case was given up (`pi_abort`): it closes every open instance of the case, as
    /// ``abort`` closes one.
    case caseAbort

    /// The transitions of the XES standard lifecycle extension (lowercased).
    static let standard: Set<String> = [
        "schedule", "assign", "reassign", "start", "suspend", "resume", "pi_abort", "ate_abort",
        "complete", "autoskip", "manualskip", "withdraw", "unknown",
    ]

    /// Reads a lifecycle value; `nil` for a value that is neither standard nor a common synonym.
    init?(text: String) {
        // The two values nearly every log uses, without lowercasing.
        if text == "complete" { self = .complete; return }
        if text == "start" { self = .start; return }
        switch text.lowercased() {
        case "", "complete", "completed", "end", "finish", "finished", "done": self = .complete
        case "start", "started", "begin", "in progress", "in_progress": self = .start
        case "ate_abort": self = .abort
        case "pi_abort": self = .caseAbort
        case let other where LogLifecycle.standard.contains(other): self = .other
        default: return nil
        }
    }
}

/// The position of a name in a ``NameTable``: an activity or a resource of a log.
///
/// It takes four bytes, so that events stay small when a log holds millions of them.
public struct NameIndex: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The stored form, for the package's own compact tables.
    package let raw: Int32

    package init(raw: Int32) { self.raw = raw }

    /// The index of the name at `position` (from 0) in its table.
    public init(_ position: Int) { raw = Int32(clamping: position) }

    /// The position in ``NameTable/names``, from 0.
    public var position: Int { Int(raw) }

    /// Orders by position, that is by first appearance in the log.
    public static func < (lhs: NameIndex, rhs: NameIndex) -> Bool { lhs.raw < rhs.raw }

    /// The position as a number.
    public var description: String { String(raw) }
}

/// One event of a case: an activity at a time, with its lifecycle and resource.
public struct LogEvent: Sendable, Hashable {
    /// The activity (its index in ``EventLog/activities``).
    public var activity: NameIndex
    /// Seconds since 1970-01-01T00:00:00Z.
    public var timestamp: Double
    /// Start, complete or another transition.
    public var lifecycle: LogLifecycle
    /// The resource (its index in ``EventLog/resources``), or `nil` when the event names none.
    public var resource: NameIndex?
    /// The 1-based line in the log file where the event is, for messages; 0 when unknown.
    public var line: Int

    /// Creates an event.
    public init(activity: NameIndex, timestamp: Double, lifecycle: LogLifecycle = .complete, resource: NameIndex? = nil, line: Int = 0) {
        self.activity = activity
        self.timestamp = timestamp
        self.lifecycle = lifecycle
        self.resource = resource
        self.line = line
    }
}

/// One case (a trace): its id and its events in timestamp order.
public struct LogTrace: Sendable, Hashable {
    /// The case id.
    public var caseID: String
    /// The events, sorted by timestamp (ties keep file order).
    public var events: [LogEvent]

    /// Creates a trace; the events are sorted by timestamp, stably.
    public init(caseID: String, events: [LogEvent]) {
        self.caseID = caseID
        // Logs are nearly always in time order already: then there is nothing to sort.
        var ordered = true
        for index in events.indices.dropFirst() where !(events[index - 1].timestamp <= events[index].timestamp) {
            ordered = false
            break
        }
        self.events = ordered ? events : events.enumerated()
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
    }
}

/// Interned names: activity and resource names are stored once and referred to by index.
public struct NameTable: Sendable, Hashable {
    /// The names, in order of first appearance.
    public private(set) var names: [String] = []
    private var indexByName: [String: Int32] = [:]

    /// Creates an empty table.
    public init() {}

    /// The index of `name`, adding it when new.
    public mutating func intern(_ name: String) -> NameIndex {
        if let index = indexByName[name] { return NameIndex(raw: index) }
        let index = Int32(names.count)
        names.append(name)
        indexByName[name] = index
        return NameIndex(raw: index)
    }

    /// The index of `name`, if it was seen.
    public func index(of name: String) -> NameIndex? { indexByName[name].map(NameIndex.init(raw:)) }

    /// The name at `index`.
    public subscript(index: NameIndex) -> String { names[index.position] }

    /// How many names.
    public var count: Int { names.count }
}

/// A whole event log in memory (for small logs and tests; ``EventLogReader`` streams large ones).
public struct EventLog: Sendable, Hashable {
    /// Activity names.
    public var activities: NameTable
    /// Resource names.
    public var resources: NameTable
    /// The cases, in order of first appearance.
    public var traces: [LogTrace]

    /// Creates a log.
    public init(activities: NameTable = NameTable(), resources: NameTable = NameTable(), traces: [LogTrace] = []) {
        self.activities = activities
        self.resources = resources
        self.traces = traces
    }

    /// How many events in all traces.
    public var eventCount: Int { traces.reduce(0) { $0 + $1.events.count } }
}
