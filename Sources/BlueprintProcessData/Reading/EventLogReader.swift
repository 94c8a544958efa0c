import BlueprintCSV
import Foundation
import ServiceBlueprint

/// Bounds for reading untrusted logs.
public struct EventLogLimits: Sendable, Hashable {
    /// Most events in the whole log. Default 100 million.
    public var maxEvents: Int
    /// Most events in one case. Default 1 million.
    public var maxEventsPerCase: Int
    /// Most distinct activities. Default 100 000.
    public var maxActivities: Int
    /// Most problems reported; later ones are counted. Default 100.
    public var maxDiagnostics: Int

    /// Creates limits.
    public init(maxEvents: Int = 100_000_000, maxEventsPerCase: Int = 1_000_000,
                maxActivities: Int = 100_000, maxDiagnostics: Int = 100) {
        self.maxEvents = maxEvents
        self.maxEventsPerCase = maxEventsPerCase
        self.maxActivities = maxActivities
        self.maxDiagnostics = maxDiagnostics
    }
}

/// Which CSV columns hold what; `nil` means "guess from the header".
public struct CSVLogColumns: Sendable, Hashable {
    /// The case id column.
    public var caseID: String?
    /// The activity column.
    public var activity: String?
    /// The (completion) timestamp column.
    public var timestamp: String?
    /// A start timestamp column (each row is then one start/complete pair).
    public var startTimestamp: String?
    /// The lifecycle (start/complete) column.
    public var lifecycle: String?
    /// The resource column.
    public var resource: String?

    /// Creates a column choice.
    public init(caseID: String? = nil, activity: String? = nil, timestamp: String? = nil,
                startTimestamp: String? = nil, lifecycle: String? = nil, resource: String? = nil) {
        self.caseID = caseID
        self.activity = activity
        self.timestamp = timestamp
        self.startTimestamp = startTimestamp
        self.lifecycle = lifecycle
        self.resource = resource
    }
}

/// How to read a log.
public struct EventLogReadOptions: Sendable {
    /// The file format; `nil` picks it from the extension (`.xes` → XES, else CSV).
    public var format: EventLogFormat?
    /// CSV columns.
    public var columns: CSVLogColumns
    /// CSV separator; `nil` detects it from the header.
    public var separator: CSVSeparator?
    /// How timestamps are read.
    public var timestamps: TimestampParser
    /// Bounds for untrusted input.
    public var limits: EventLogLimits

    /// Creates options.
    public init(format: EventLogFormat? = nil, columns: CSVLogColumns = CSVLogColumns(), separator: CSVSeparator? = nil,
                timestamps: TimestampParser = TimestampParser(), limits: EventLogLimits = EventLogLimits()) {
        self.format = format
        self.columns = columns
        self.separator = separator
        self.timestamps = timestamps
        self.limits = limits
    }
}

/// The event-log file formats read.
public enum EventLogFormat: String, Sendable, Hashable, CaseIterable {
    /// IEEE 1849 XES (XML).
    case xes
    /// Comma, semicolon or tab separated values with a header row.
    case csv

    /// The format for a file name: `.xes` is XES, anything else CSV.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".xes") ? .xes : .csv
    }
}

/// What reading a log produced besides the traces.
public struct EventLogSummary: Sendable {
    /// Activity names (indices used by ``LogEvent/activity``).
    public var activities: NameTable
    /// Resource names.
    public var resources: NameTable
    /// Cases read.
    public var caseCount: Int
    /// Events read (events with errors are skipped and not counted).
    public var eventCount: Int
    /// Problems found, located `path:line:column`; errors mean events were skipped.
    public var diagnostics: [Diagnostic]
    /// Problems found including those beyond ``EventLogLimits/maxDiagnostics``.
    public var problemCount: Int

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads XES and CSV event logs as a stream of traces.
///
/// XES traces are handed on as each `</trace>` closes, so memory holds one trace. CSV rows of a
/// case may be anywhere in the file, so a first pass notes each case's last row and the second
/// hands a case on there: memory grows with the cases open at once, not with the file.
public enum EventLogReader {
    /// Reads the log at `path`, calling `body` once per case.
    /// - Parameter body: receives each trace and the activity names seen so far.
    /// - Throws: ``BlueprintError`` with located diagnostics when the file cannot be read at all
    ///   (missing file, no usable columns, malformed XML, a limit exceeded).
    public static func read(path: String, options: EventLogReadOptions = EventLogReadOptions(),
                            _ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
        try checkReadable(path)
        switch options.format ?? EventLogFormat(path: path) {
        case .xes: return try XESReader(path: path, options: options).read(body)
        case .csv: return try CSVLogReader(path: path, options: options).read(body)
        }
    }

    /// A missing file, a folder or a compressed log (public logs often ship as `.xes.gz`) is
    /// reported as such, located at the file, before either reader starts.
    static func checkReadable(_ path: String) throws {
        var isFolder: ObjCBool = false
        let key: String?
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { key = "log.noSuchFile" }
        else if isFolder.boolValue { key = "log.isFolder" }
        else if path.lowercased().hasSuffix(".gz") || path.lowercased().hasSuffix(".zip") { key = "log.compressed" }
        else { key = nil }
        guard let key else { return }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        throw fileError(key, ["file": .verbatim(name)], path: path)
    }

    /// A log that cannot be read at all: one error, at the start of the file.
    static func fileError(_ key: String, _ arguments: [String: TextArgument] = [:], path: String) -> BlueprintError {
        BlueprintError(diagnostics: [Diagnostic(.error, LocalizedText(key, arguments), location: SourceLocation(path: path, line: 1, column: 1))])
    }

    /// Reads a log held in memory; `path` only names it in messages.
    /// - Throws: ``BlueprintError`` as ``read(path:options:_:)`` does.
    public static func read(bytes: [UInt8], format: EventLogFormat, path: String = "<input>",
                            options: EventLogReadOptions = EventLogReadOptions(),
                            _ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
        switch format {
        case .xes: try XESReader(path: path, options: options, bytes: bytes).read(body)
        case .csv: try CSVLogReader(path: path, options: options, bytes: bytes).read(body)
        }
    }

    /// Reads the whole log into memory (for small logs and tests).
    public static func load(path: String, options: EventLogReadOptions = EventLogReadOptions()) throws -> (log: EventLog, summary: EventLogSummary) {
        var traces: [LogTrace] = []
        let summary = try read(path: path, options: options) { trace, _ in traces.append(trace) }
        return (EventLog(activities: summary.activities, resources: summary.resources, traces: traces), summary)
    }
}

/// Collects diagnostics up to a bound.
struct DiagnosticCollector {
    let path: String
    let limit: Int
    var diagnostics: [Diagnostic] = []
    var count = 0

    mutating func add(_ severity: Severity, _ message: String, line: Int, column: Int) {
        count += 1
        guard diagnostics.count < limit else { return }
        diagnostics.append(Diagnostic(severity, message, location: SourceLocation(path: path, line: line, column: column)))
    }

    /// Orders the diagnostics by line and column, stably.
    mutating func sortByLocation() {
        diagnostics = diagnostics.sortedByLocation()
    }

    /// ``add(_:_:line:column:)`` with the catalog text `log.<key>`.
    mutating func add(_ severity: Severity, _ key: String, _ arguments: [String: TextArgument], line: Int, column: Int) {
        count += 1
        guard diagnostics.count < limit else { return }
        diagnostics.append(
            Diagnostic(severity, LocalizedText("log.\(key)", arguments), location: SourceLocation(path: path, line: line, column: column)))
    }

    /// ``fatal(_:line:column:)`` with the catalog text `log.<key>`.
    func fatal(_ key: String, _ arguments: [String: TextArgument], line: Int, column: Int) -> BlueprintError {
        var all = diagnostics
        all.append(Diagnostic(.error, LocalizedText("log.\(key)", arguments), location: SourceLocation(path: path, line: line, column: column)))
        return BlueprintError(diagnostics: all)
    }

    func fatal(_ message: String, line: Int, column: Int) -> BlueprintError {
        var all = diagnostics
        all.append(Diagnostic(.error, message, location: SourceLocation(path: path, line: line, column: column)))
        return BlueprintError(diagnostics: all)
    }
}

/// Builds traces and checks the per-case rules shared by both readers.
struct TraceAssembler {
    var activities = NameTable()
    var resources = NameTable()
    var eventCount = 0
    let limits: EventLogLimits

    /// Interns an activity, or `nil` when the activity limit is reached.
    mutating func activity(_ name: String) -> NameIndex? {
        if activities.index(of: name) == nil, activities.count >= limits.maxActivities { return nil }
        return activities.intern(name)
    }

    mutating func resource(_ name: String?) -> NameIndex? {
        guard let name, !name.isEmpty else { return nil }
        return resources.intern(name)
    }

    /// Warns about events earlier than their predecessor in file order (they are sorted).
    static func checkOrder(_ events: [LogEvent], caseID: String, into collector: inout DiagnosticCollector) {
        var latest = -Double.infinity
        for event in events {
            if event.timestamp < latest {
                collector.add(.warning, "earlier", ["case": .quoted(caseID)], line: event.line, column: 1)
                return
            }
            latest = event.timestamp
        }
    }
}
