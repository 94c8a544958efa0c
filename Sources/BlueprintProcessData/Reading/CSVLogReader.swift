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
            return try CSVTokenizer.forEachRawRecord(inFileAtPath: path, separator: options.separator, chunkSize: Self.chunkSize, body)
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

    /// Pass 1: the record number of each case's last row, so pass 2 can hand a case on as soon
    /// as its last row is read. Holds each case id once and two numbers per case, not the events.
    func caseRows() throws -> CaseRows {
        if let cases = plainCaseRows() { return cases }
        var cases = CaseRows()
        var caseColumn: Int?
        var scratch = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
        do {
            _ = try tokenize { record in
                guard let column = caseColumn else {
                    caseColumn = try resolve(header: record.record(), collector: &scratch).caseID
                    return
                }
                guard let caseID = record.bytes(column), !caseID.isEmpty else { return }
                cases.note(caseID, row: record.number)
            }
        } catch {
            // Pass 2 meets the same error (a CSV error, a missing column, an unreadable file) and
            // reports it where it is, located and in the reader's words.
        }
        return cases
    }

    /// Pass 1 for plain input (no quotes, no CR: most exports): only the case column is read
    /// (``CSVColumnScanner``). `nil` when the input is not plain or cannot be read; the tokenizer
    /// then reads it, and pass 2 reports what is wrong.
    func plainCaseRows() -> CaseRows? {
        var cases = CaseRows()
        var scratch = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
        var scanner = CSVColumnScanner(separator: options.separator) { header in
            try resolve(header: header, collector: &scratch).caseID
        }
        func note(_ row: Int, _ caseID: UnsafeBufferPointer<UInt8>) {
            if !caseID.isEmpty { cases.note(caseID, row: row) }
        }
        do {
            if let bytes {
                guard try bytes.withUnsafeBufferPointer({ try scanner.feed($0, note) }) else { return nil }
            } else {
                guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
                defer { try? handle.close() }
                while let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty {
                    guard try data.withUnsafeBytes({ try scanner.feed($0.bindMemory(to: UInt8.self), note) }) else { return nil }
                }
            }
            guard try scanner.finish(note) else { return nil }
        } catch {
            return nil
        }
        return cases
    }

    /// Bytes read from the file at a time.
    static let chunkSize = 1 << 20

    /// Pass 2 reads the events and hands on each case at its last row, so memory holds the open
    /// cases only: one case at a time for a log grouped by case, the cases in progress at once
    /// for a log in time order. Case ids, activities and resources are looked up by their bytes.
    func read(_ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
        var rows = Rows(path: path, options: options, cases: try caseRows())
        var columns: Columns?
        let csvErrors: [CSVError]
        do {
            csvErrors = try tokenize { record in
                guard let resolved = columns else {
                    columns = try resolve(header: record.record(), collector: &rows.collector)
                    return
                }
                try rows.take(record, resolved, body)
            }
        } catch let error as CSVError {
            throw rows.collector.fatal(error.message, line: error.position.line, column: error.position.column)
        } catch let error as BlueprintError {
            throw error
        } catch {
            throw rows.collector.fatal("cannotRead", ["error": .verbatim(error.localizedDescription)], line: 1, column: 1)
        }
        return try rows.finish(csvErrors: csvErrors, readHeader: columns != nil, body)
    }
}
