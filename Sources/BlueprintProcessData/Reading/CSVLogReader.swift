import BlueprintCSV
import Foundation
import ServiceBlueprint

/// Reads a CSV event log: one event (or one start/complete pair) per row.
struct CSVLogReader {
    let path: String
    let options: EventLogReadOptions
    /// The log's bytes when it is read from memory (fuzzing, tests); `nil` reads `path`.
    var bytes: [UInt8]? = nil

    /// Streams the records of the file, or of ``bytes``, as bytes: only the columns read become strings.
    func tokenize(_ body: CSVTokenizer.RawBody) throws -> [CSVError] {
        guard let bytes else {
            return try CSVTokenizer.forEachRawRecord(inFileAtPath: path, separator: options.separator, body)
        }
        var tokenizer = CSVTokenizer(separator: options.separator)
        try tokenizer.feedRaw(bytes, body)
        try tokenizer.finishRaw(body)
        return tokenizer.errors
    }

    /// Column names recognised without an option, normalised (lowercase, no spaces, `_`, `-`, `.`).
    static let guesses: [(role: String, names: [String])] = [
        ("case", ["case:concept:name", "caseid", "case", "caseconcept:name", "ticketid", "ticket", "orderid", "incidentid", "casenumber", "processinstance", "traceid"]),
        ("activity", ["concept:name", "activity", "activityname", "event", "eventname", "task", "taskname", "action", "step"]),
        ("timestamp", ["time:timestamp", "timestamp", "completetimestamp", "endtimestamp", "endtime", "completetime", "time", "datetime", "date", "eventtime"]),
        ("start", ["starttimestamp", "starttime", "start:timestamp", "time:start"]),
        ("lifecycle", ["lifecycle:transition", "lifecycle", "transition", "eventtype", "lifecycletransition"]),
        ("resource", ["org:resource", "resource", "user", "agent", "assignee", "performer", "employee", "orgresource", "owner"]),
    ]

    static func normalise(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) })
    }

    struct Columns {
        var caseID = -1, activity = -1, timestamp = -1, start = -1, lifecycle = -1, resource = -1
    }

    /// What a column holds (`case`, `activity`, `timestamp`, `startTimestamp`…), in any language.
    static func role(_ name: String) -> TextArgument { .phrase(LocalizedText("log.role.\(name)")) }

    /// Resolves the columns from the header, reporting unknown or missing ones with suggestions.
    func resolve(header: CSVRecord, collector: inout DiagnosticCollector) throws -> Columns {
        let names = header.fields
        let normalised = names.map(Self.normalise)
        var columns = Columns()
        var problems: [LocalizedText] = []
        func find(_ given: String?, role: String, required: Bool) -> Int {
            if let given {
                if let index = names.firstIndex(of: given) ?? normalised.firstIndex(of: Self.normalise(given)) { return index }
                problems.append(LocalizedText("log.noColumn", [
                    "column": .quoted(given), "role": Self.role(role), "suggestion": Suggestion.didYouMeanArgument(given, in: names),
                    "columns": .verbatim(names.joined(separator: ", ")),
                ]))
                return -1
            }
            let candidates = Self.guesses.first { $0.role == role }?.names ?? []
            for candidate in candidates { if let index = normalised.firstIndex(of: candidate) { return index } }
            if required {
                problems.append(LocalizedText("log.whichColumn", [
                    "role": Self.role(role), "option": .verbatim("--\(role)-column"), "columns": .verbatim(names.joined(separator: ", ")),
                ]))
            }
            return -1
        }
        let chosen = options.columns
        columns.caseID = find(chosen.caseID, role: "case", required: true)
        columns.activity = find(chosen.activity, role: "activity", required: true)
        columns.timestamp = find(chosen.timestamp, role: "timestamp", required: true)
        columns.start = find(chosen.startTimestamp, role: "start", required: false)
        columns.lifecycle = find(chosen.lifecycle, role: "lifecycle", required: false)
        columns.resource = find(chosen.resource, role: "resource", required: false)
        if columns.start == columns.timestamp { columns.start = -1 }
        if !problems.isEmpty {
            var all = collector.diagnostics
            for problem in problems {
                all.append(Diagnostic(.error, problem, location: SourceLocation(path: path, line: header.position.line, column: 1)))
            }
            throw BlueprintError(diagnostics: all)
        }
        return columns
    }

    /// A 64-bit FNV-1a hash of a case id. Two ids with one hash only keep the earlier case open
    /// until the later one's last row, so a collision costs memory, never correctness.
    static func caseKey(_ caseID: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in caseID { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Pass 1: the record number of each case's last row, so pass 2 can hand a case on as soon
    /// as its last row is read. Holds one hash and one number per case, not the events.
    func lastRows() throws -> [UInt64: Int] {
        var lastRow: [UInt64: Int] = [:]
        var caseColumn: Int?
        var scratch = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
        do {
            _ = try tokenize { record in
                guard let column = caseColumn else {
                    caseColumn = try resolve(header: record.record(), collector: &scratch).caseID
                    return
                }
                guard let caseID = record.bytes(column), !caseID.isEmpty else { return }
                lastRow[Self.caseKey(caseID), default: 0] = record.number
            }
        } catch {
            // Pass 2 meets the same error (a CSV error, a missing column, an unreadable file) and
            // reports it where it is, located and in the reader's words.
        }
        return lastRow
    }

    /// The events of a case whose last row is still ahead.
    struct OpenCase {
        var caseID: String
        var order: Int
        var events: [LogEvent] = []
    }

    /// The open cases: one hash lookup per row finds the case's slot; slots of closed cases are reused.
    struct OpenCases {
        private var slotByCase: [String: Int] = [:]
        private(set) var slots: [OpenCase] = []
        private var free: [Int] = []

        /// The slot of `caseID`, opened with `order` when the case is new.
        mutating func slot(of caseID: String, order: () -> Int) -> Int {
            if let slot = slotByCase[caseID] { return slot }
            let opened = OpenCase(caseID: caseID, order: order())
            let slot: Int
            if let reused = free.popLast() {
                slots[reused] = opened
                slot = reused
            } else {
                slot = slots.count
                slots.append(opened)
            }
            slotByCase[caseID] = slot
            return slot
        }

        mutating func append(_ event: LogEvent, to slot: Int) { slots[slot].events.append(event) }

        /// Removes the case and returns it, or `nil` when it is not open.
        mutating func close(_ caseID: String) -> OpenCase? {
            guard let slot = slotByCase.removeValue(forKey: caseID) else { return nil }
            let closed = slots[slot]
            slots[slot] = OpenCase(caseID: "", order: 0)
            free.append(slot)
            return closed
        }

        /// The ids of the cases still open, in the order they were opened.
        var remaining: [String] {
            slotByCase.values.map { slots[$0] }.sorted { $0.order < $1.order }.map(\.caseID)
        }
    }

    /// Pass 2 reads the events and hands on each case at its last row, so memory holds the open
    /// cases only: one case at a time for a log grouped by case, the cases in progress at once
    /// for a log in time order.
    func read(_ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
        let lastRow = try lastRows()
        var collector = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
        var assembler = TraceAssembler(limits: options.limits)
        var columns: Columns?
        var open = OpenCases()
        var caseCount = 0
        let parser = options.timestamps
        let limits = options.limits

        func time(_ record: CSVRawRecord, _ column: Int, _ what: String) -> Double?? {
            guard let bytes = record.bytes(column), !bytes.isEmpty else { return .some(nil) }
            if let value = parser.parse(bytes: bytes) { return value }
            let text = String(decoding: bytes, as: UTF8.self)
            let position = record.positions[column]
            collector.add(.error, "timestamp", ["what": Self.role(what), "text": .quoted(String(text.prefix(60)))],
                          line: position.line, column: position.column)
            return nil
        }

        func close(_ caseID: String) throws {
            guard let finished = open.close(caseID) else { return }
            TraceAssembler.checkOrder(finished.events, caseID: caseID, into: &collector)
            try body(LogTrace(caseID: caseID, events: finished.events), assembler.activities)
        }

        /// Reads one row into its open case, or reports why it is skipped.
        func add(_ record: CSVRawRecord, caseID: String, _ resolved: Columns) throws {
            let line = record.position.line
            guard let activityName = record.string(resolved.activity), !activityName.isEmpty else {
                collector.add(.error, "noActivity", ["column": .integer(resolved.activity + 1)], line: line, column: 1)
                return
            }
            guard case .some(let completeTime) = time(record, resolved.timestamp, "timestamp") else { return }
            guard case .some(let startTime) = resolved.start >= 0 ? time(record, resolved.start, "startTimestamp") : .some(nil) else { return }
            guard completeTime != nil || startTime != nil else {
                collector.add(.error, "noTimestamp", [:], line: line, column: 1)
                return
            }
            var lifecycle = LogLifecycle.complete
            if resolved.lifecycle >= 0, let text = record.string(resolved.lifecycle) {
                guard let known = LogLifecycle(text: text) else {
                    let position = record.positions[resolved.lifecycle]
                    collector.add(.error, "lifecycle", ["text": .quoted(String(text.prefix(40)))],
                                  line: position.line, column: position.column)
                    return
                }
                lifecycle = known
            }
            guard let activity = assembler.activity(activityName) else {
                throw collector.fatal("maxActivities", ["limit": .integer(limits.maxActivities)], line: line, column: 1)
            }
            let resource = assembler.resource(resolved.resource >= 0 ? record.string(resolved.resource) : nil)
            let added = (startTime != nil && completeTime != nil) ? 2 : 1
            let slot = open.slot(of: caseID) {
                defer { caseCount += 1 }
                return caseCount
            }
            guard open.slots[slot].events.count + added <= limits.maxEventsPerCase else {
                throw collector.fatal("maxEventsPerCase", ["case": .quoted(caseID), "limit": .integer(limits.maxEventsPerCase)], line: line, column: 1)
            }
            guard assembler.eventCount + added <= limits.maxEvents else {
                throw collector.fatal("maxEvents", ["limit": .integer(limits.maxEvents)], line: line, column: 1)
            }
            let row = line
            if let startTime {
                open.append(LogEvent(activity: activity, timestamp: startTime, lifecycle: .start, resource: resource, line: row), to: slot)
            }
            if let completeTime {
                open.append(LogEvent(activity: activity, timestamp: completeTime, lifecycle: startTime == nil || lifecycle == .abort || lifecycle == .caseAbort ? lifecycle : .complete, resource: resource, line: row), to: slot)
            }
            assembler.eventCount += 1  // one row, one event (as PM4Py counts), with or without a start column
        }

        let csvErrors: [CSVError]
        do {
            csvErrors = try tokenize { record in
                guard let resolved = columns else {
                    columns = try resolve(header: record.record(), collector: &collector)
                    return
                }
                guard let caseBytes = record.bytes(resolved.caseID), !caseBytes.isEmpty else {
                    collector.add(.error, "noCase", ["column": .integer(resolved.caseID + 1)], line: record.position.line, column: 1)
                    return
                }
                let caseID = String(decoding: caseBytes, as: UTF8.self)
                try add(record, caseID: caseID, resolved)
                // A skipped last row still ends its case.
                if lastRow[Self.caseKey(caseBytes)] == record.number { try close(caseID) }
            }
        } catch let error as CSVError {
            throw collector.fatal(error.message, line: error.position.line, column: error.position.column)
        } catch let error as BlueprintError {
            throw error
        } catch {
            throw collector.fatal("cannotRead", ["error": .verbatim(error.localizedDescription)], line: 1, column: 1)
        }
        for error in csvErrors {
            collector.add(.warning, error.message, line: error.position.line, column: error.position.column)
        }
        if columns == nil { collector.add(.error, "empty", [:], line: 1, column: 1) }
        // Only a file changed between the passes leaves cases open; hand them on in file order.
        for caseID in open.remaining { try close(caseID) }
        // Cases close at their last row, so order warnings arrive late: report in file order.
        collector.sortByLocation()
        return EventLogSummary(activities: assembler.activities, resources: assembler.resources, caseCount: caseCount,
                               eventCount: assembler.eventCount, diagnostics: collector.diagnostics, problemCount: collector.count)
    }
}
