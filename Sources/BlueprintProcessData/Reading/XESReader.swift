import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ServiceBlueprint

/// Reads IEEE 1849 XES with Foundation's streaming `XMLParser`, tolerantly: unknown elements
/// and extensions are skipped; only `concept:name`, `time:timestamp`, `lifecycle:transition`
/// and `org:resource` directly inside a `<trace>` or `<event>` are used.
///
/// External entities are never resolved and any DTD entity declaration stops the read
/// (XES needs none; "billion laughs" files use them).
struct XESReader {
    let path: String
    let options: EventLogReadOptions
    /// The log's bytes when it is read from memory (fuzzing, tests); `nil` streams `path`.
    var bytes: [UInt8]? = nil

    func makeParser() throws -> XMLParser {
        if let bytes { return XMLParser(data: Data(bytes)) }
        guard let stream = InputStream(fileAtPath: path), FileManager.default.isReadableFile(atPath: path) else {
            throw EventLogReader.fileError("log.noSuchFile", path: path)
        }
        return XMLParser(stream: stream)
    }

    /// Refuses a document type declaration in the prolog: XES needs none, and it is where
    /// entity-expansion ("billion laughs") and external-entity attacks are declared. Foundation's
    /// parser on Linux expands internal entities and does not report their declarations.
    func checkProlog() throws {
        var prefix: [UInt8]
        if let bytes {
            prefix = Array(bytes.prefix(Self.prologBytes))
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw EventLogReader.fileError("log.noSuchFile", path: path)
            }
            defer { try? handle.close() }
            prefix = [UInt8]((try? handle.read(upToCount: Self.prologBytes)) ?? Data())
        }
        let doctype = Array("<!DOCTYPE".utf8)
        var line = 1, column = 1, index = 0
        while index < prefix.count {
            if prefix[index] == UInt8(ascii: "<"), index + 1 < prefix.count,
               prefix[index + 1] != UInt8(ascii: "?"), prefix[index + 1] != UInt8(ascii: "!") {
                return // the root element: the prolog is over
            }
            if prefix[index...].starts(with: doctype) {
                throw BlueprintError(diagnostics: [Diagnostic(
                    .error, LocalizedText("log.xes.doctype"),
                    location: SourceLocation(path: path, line: line, column: column))])
            }
            if prefix[index] == 0x0A { line += 1; column = 1 } else if prefix[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
    }

    static let prologBytes = 1 << 16

    /// Refuses bytes that are not UTF-8 before parsing: Foundation's XMLParser on Linux traps on
    /// invalid UTF-8 inside a tag (found by the XESLog fuzzer). One streaming pass in 1 MiB chunks,
    /// so memory stays flat; a sequence cut by a chunk border is carried into the next chunk. The
    /// same pass refuses a processing instruction without data (`<?name?>`), on which the parser
    /// crashes too.
    func checkUTF8() throws {
        let handle: FileHandle?
        if bytes == nil {
            handle = FileHandle(forReadingAtPath: path)
            if handle == nil { return }  // makeParser reports the unreadable file.
        } else {
            handle = nil
        }
        defer { try? handle?.close() }
        var carried: [UInt8] = []
        var instructions = EmptyProcessingInstructionScanner()  // `<?name?>` crashes XMLParser
        var consumed = 0  // bytes before `carried`
        var line = 1
        var offsetInMemory = 0
        while true {
            var chunk: [UInt8]
            if let bytes {
                guard offsetInMemory < bytes.count else { break }
                let end = min(bytes.count, offsetInMemory + (1 << 20))
                chunk = Array(bytes[offsetInMemory..<end])
                offsetInMemory = end
            } else {
                let data = (try? handle?.read(upToCount: 1 << 20)) ?? nil
                guard let data, !data.isEmpty else { break }
                chunk = [UInt8](data)
            }
            chunk = carried + chunk
            // Hold back an incomplete sequence at the end of the chunk.
            var cut = chunk.count
            var back = chunk.count - 1
            while back >= 0, back >= chunk.count - 3, chunk[back] & 0xC0 == 0x80 { back -= 1 }
            if back >= 0 {
                let lead = chunk[back]
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                if chunk.count - back < length { cut = back }
            }
            let complete = chunk[..<cut]
            if String(validating: complete, as: UTF8.self) == nil {
                throw Self.notUTF8(path: path, complete: complete, consumed: consumed, line: line)
            }
            instructions.scan(complete)
            if let found = instructions.found {
                throw BlueprintError(diagnostics: [
                    Diagnostic(.error, LocalizedText("xml.emptyProcessingInstruction"),
                               location: SourceLocation(path: path, line: found.line, column: found.column))
                ])
            }
            line += complete.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            consumed += cut
            carried = Array(chunk[cut...])
        }
        if !carried.isEmpty {
            throw Self.notUTF8(path: path, complete: carried[...], consumed: consumed, line: line)
        }
    }

    static func notUTF8(path: String, complete: ArraySlice<UInt8>, consumed: Int, line: Int) -> BlueprintError {
        // The first bad byte: the longest valid prefix ends there.
        var valid = complete.startIndex
        var line = line
        var low = complete.startIndex
        var high = complete.endIndex
        while low < high {
            let middle = (low + high + 1) / 2
            if String(validating: complete[complete.startIndex..<middle], as: UTF8.self) != nil { low = middle } else { high = middle - 1 }
        }
        valid = low
        line += complete[complete.startIndex..<valid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let offset = consumed + (valid - complete.startIndex)
        return BlueprintError(diagnostics: [
            Diagnostic(.error, LocalizedText("log.notUTF8", ["offset": .integer(offset)]),
                       location: SourceLocation(path: path, line: line, column: 1))
        ])
    }

    func read(_ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
        try checkProlog()
        try checkUTF8()
        let parser = try makeParser()
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        // The handler holds `body` only during this synchronous parse and is gone before it returns.
        let result: Result<EventLogSummary, any Error> = withoutActuallyEscaping(body) { body in
            let handler = XESHandler(path: path, options: options, parser: parser, body: body)
            parser.delegate = handler
            let ok = parser.parse()
            parser.delegate = nil
            return Result { try handler.summary(parsed: ok) }
        }
        return try result.get()
    }

    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        return "code \(nsError.code)"
    }
}

/// The SAX callbacks. Not `Sendable`: it lives for one synchronous parse.
private final class XESHandler: NSObject, XMLParserDelegate {
    let path: String
    let options: EventLogReadOptions
    let parser: XMLParser
    let body: (LogTrace, NameTable) throws -> Void
    var collector: DiagnosticCollector
    var assembler: TraceAssembler
    var thrown: (any Error)?
    var fatal: BlueprintError?
    var sawLog = false
    var caseCount = 0
    var traceOrdinal = 0

    /// Element names from the root to the current element (bounded depth).
    var stack: [String] = []
    var lastLine = 1
    static let maxDepth = 64

    // The trace being read.
    var inTrace = false
    var traceLine = 0
    var caseID: String?
    var events: [LogEvent] = []
    /// Positions in `events` of starts read from `start_timestamp`: out of file order by nature.
    var derivedStarts: Set<Int> = []
    var traceBroken = false

    // The event being read.
    var inEvent = false
    var eventLine = 0
    var eventColumn = 0
    var activity: String?
    var timestamp: Double?
    /// `start_timestamp` (pm4py's interval logs): the event is then a start/complete pair.
    var startTimestamp: Double?
    /// Where the event's `start_timestamp` is, for a warning about it.
    var startPlace = (line: 0, column: 0)
    var lifecycle = LogLifecycle.complete
    var resource: String?
    var eventBroken = false

    init(path: String, options: EventLogReadOptions, parser: XMLParser, body: @escaping (LogTrace, NameTable) throws -> Void) {
        self.path = path
        self.options = options
        self.parser = parser
        self.body = body
        collector = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
        assembler = TraceAssembler(limits: options.limits)
    }

    func summary(parsed ok: Bool) throws -> EventLogSummary {
        if let thrown { throw thrown }
        if let fatal { throw fatal }
        if !ok {
            // The parser's own reason stays in its words.
            let (key, arguments): (String, [String: TextArgument]) =
                parser.parserError.map { ("xes.malformed.reason", ["reason": .verbatim(XESReader.describe($0))]) } ?? ("xes.malformed", [:])
            throw collector.fatal(key, arguments, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
        }
        if !sawLog { throw collector.fatal("xes.noLog", [:], line: 1, column: 1) }
        if let open = stack.last {
            // Foundation's parser on Linux accepts a file that stops mid-element; a cut-off log is an error.
            throw collector.fatal("xes.truncated", ["element": .verbatim("<\(open)>")], line: lastLine, column: 1)
        }
        return EventLogSummary(activities: assembler.activities, resources: assembler.resources, caseCount: caseCount,
                               eventCount: assembler.eventCount, diagnostics: collector.diagnostics, problemCount: collector.count)
    }

    var here: (line: Int, column: Int) { (max(1, parser.lineNumber), max(1, parser.columnNumber)) }

    func stop(_ key: String, _ arguments: [String: TextArgument] = [:]) {
        guard fatal == nil else { return }
        fatal = collector.fatal(key, arguments, line: here.line, column: here.column)
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard fatal == nil, thrown == nil else { return }
        lastLine = here.line
        let parent = stack.last
        stack.append(elementName)
        guard stack.count <= Self.maxDepth else { return stop("xes.tooDeep", ["limit": .integer(Self.maxDepth)]) }
        switch elementName {
        case "log" where parent == nil:
            sawLog = true
        case "trace" where parent == "log":
            inTrace = true
            traceOrdinal += 1
            traceLine = here.line
            caseID = nil
            events = []
            derivedStarts = []
            traceBroken = false
        case "event" where parent == "trace" || (parent == "log" && !inTrace):
            inEvent = true
            (eventLine, eventColumn) = here
            activity = nil
            timestamp = nil
            startTimestamp = nil
            lifecycle = .complete
            resource = nil
            eventBroken = false
        default:
            if parent == "event" && inEvent { eventAttribute(elementName, attributes) }
            else if parent == "trace" && inTrace { traceAttribute(elementName, attributes) }
        }
    }

    func traceAttribute(_ type: String, _ attributes: [String: String]) {
        if attributes["key"] == "concept:name" { caseID = attributes["value"] }
    }

    func eventAttribute(_ type: String, _ attributes: [String: String]) {
        guard let key = attributes["key"] else { return }
        let value = attributes["value"] ?? ""
        switch key {
        case "concept:name":
            activity = value
        case "time:timestamp", "start_timestamp":
            if let time = options.timestamps.parse(value) {
                if key == "start_timestamp" { startTimestamp = time; startPlace = here } else { timestamp = time }
            } else {
                collector.add(.error, "xes.timestamp", ["text": .quoted(String(value.prefix(60)))],
                              line: here.line, column: here.column)
                eventBroken = true
            }
        case "lifecycle:transition":
            if let known = LogLifecycle(text: value) {
                lifecycle = known
            } else {
                collector.add(.error, "lifecycle", ["text": .quoted(String(value.prefix(40)))],
                              line: here.line, column: here.column)
                eventBroken = true
            }
        case "org:resource":
            resource = value
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard fatal == nil, thrown == nil else { return }
        stack.removeLast()
        let parent = stack.last
        if elementName == "event", inEvent, parent == "trace" || parent == "log" {
            inEvent = false
            endEvent()
        } else if elementName == "trace", inTrace, parent == "log" {
            inTrace = false
            endTrace()
        }
    }

    func endEvent() {
        guard inTrace else {
            collector.add(.warning, "xes.outsideTrace", [:], line: eventLine, column: eventColumn)
            return
        }
        if activity == nil || activity?.isEmpty == true {
            collector.add(.error, "xes.noActivity", [:], line: eventLine, column: eventColumn)
            eventBroken = true
        }
        if timestamp == nil && !eventBroken {
            collector.add(.error, "xes.noTimestamp", [:], line: eventLine, column: eventColumn)
            eventBroken = true
        }
        guard !eventBroken, let activity, let timestamp else { return }
        guard let index = assembler.activity(activity) else {
            return stop("maxActivities", ["limit": .integer(options.limits.maxActivities)])
        }
        // A start after its own completion would make a second, phantom instance: left out, said where.
        var start = startTimestamp
        if let given = start, given > timestamp {
            collector.add(.warning, "xes.startAfterComplete", ["activity": .quoted(activity)], line: startPlace.line, column: startPlace.column)
            start = nil
        }
        // The start an event's start_timestamp gives (a completion's, or an abort's: the abort then
        // closes it, as a CSV row with a start column does).
        let derived = lifecycle == .complete || lifecycle == .abort || lifecycle == .caseAbort ? start : nil
        let added = derived == nil ? 1 : 2
        guard events.count + added <= options.limits.maxEventsPerCase else {
            return stop("xes.maxEventsPerTrace", ["limit": .integer(options.limits.maxEventsPerCase)])
        }
        guard assembler.eventCount + 1 <= options.limits.maxEvents else {
            return stop("maxEvents", ["limit": .integer(options.limits.maxEvents)])
        }
        let who = assembler.resource(resource)
        if let derived {
            derivedStarts.insert(events.count)
            events.append(LogEvent(activity: index, timestamp: derived, lifecycle: .start, resource: who, line: eventLine))
        }
        events.append(LogEvent(activity: index, timestamp: timestamp, lifecycle: lifecycle, resource: who, line: eventLine))
        // One event as the file records it (and PM4Py counts it), with or without a start_timestamp.
        assembler.eventCount += 1
    }

    func endTrace() {
        guard let caseID, !caseID.isEmpty else {
            collector.add(.error, "xes.noCase", ["trace": .integer(traceOrdinal), "count": .integer(events.count)],
                          line: traceLine, column: 1)
            assembler.eventCount -= events.count - derivedStarts.count
            return
        }
        TraceAssembler.checkOrder(derivedStarts.isEmpty ? events : events.enumerated().filter { !derivedStarts.contains($0.offset) }.map(\.element),
                                  caseID: caseID, into: &collector)
        caseCount += 1
        do {
            try body(LogTrace(caseID: caseID, events: events), assembler.activities)
        } catch {
            thrown = error
            parser.abortParsing()
        }
        events = []
    }

    // Entities: XES needs none, and declaring them is how expansion attacks start.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop("xes.entity", ["name": .quoted(name)])
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop("xes.entity", ["name": .quoted(name)])
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        stop("xes.externalEntity", ["name": .quoted(name)])
        return nil
    }
}
