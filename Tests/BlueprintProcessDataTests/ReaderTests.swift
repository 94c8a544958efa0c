import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

@Suite("Event log readers")
struct ReaderTests {
    private func read(_ text: String, ext: String, options: EventLogReadOptions = EventLogReadOptions()) throws -> (EventLog, EventLogSummary) {
        let loaded = try EventLogReader.load(path: Desk.temporary(text, extension: ext), options: options)
        return (loaded.log, loaded.summary)
    }

    private func messages(_ error: any Error) -> String { (error as? BlueprintError)?.description ?? "\(error)" }

    @Test func csvGuessesXESColumnNamesAndTimeZones() throws {
        let text = """
            case:concept:name,concept:name,time:timestamp,org:resource
            1,A,2024-03-01T09:00:00+01:00,ann
            1,B,2024-03-01 09:30,bob
            2,A,01.03.2024 10:00:00,ann
            """
        let (log, summary) = try read(text, ext: "csv")
        #expect(summary.diagnostics.isEmpty)
        #expect(log.traces.map(\.caseID) == ["1", "2"])
        #expect(log.traces[0].events.map(\.timestamp) == [1_709_280_000, 1_709_285_400])
        #expect(log.traces[1].events[0].timestamp == 1_709_287_200)
        #expect(log.resources.names == ["ann", "bob"])
    }

    @Test func csvColumnsByOptionWithSuggestion() throws {
        let text = "ticket;step;when;started\nT1;A;2024-03-01 09:00;2024-03-01 08:50\n"
        var options = EventLogReadOptions()
        options.columns = CSVLogColumns(caseID: "ticket", activity: "step", timestamp: "when", startTimestamp: "started")
        let (log, _) = try read(text, ext: "csv", options: options)
        #expect(log.traces[0].events.map(\.lifecycle) == [.start, .complete])
        options.columns.activity = "stepp"
        #expect { try read(text, ext: "csv", options: options) } throws: { error in
            messages(error).contains(":1:1: error: no column 'stepp' for the activity; did you mean 'step'?")
        }
        #expect { try read("foo,bar\n1,2\n", ext: "csv") } throws: { error in
            messages(error).contains("cannot tell which column holds the case")
        }
    }

    @Test func csvBadRowsAreLocatedAndAllReported() throws {
        let text = """
            case,activity,timestamp,lifecycle
            1,A,2024-03-01 09:00,start
            ,A,2024-03-01 09:00,complete
            1,A,yesterday,complete
            1,A,2024-03-01 09:10,halfway
            1,A,2024-02-30 09:10,complete
            1,B,2024-03-01 08:00,complete
            """
        let (log, summary) = try read(text, ext: "csv")
        let lines = summary.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.severity)" }
        #expect(lines == ["3:1 error", "4:5 error", "5:22 error", "6:5 error", "7:1 warning"])
        #expect(summary.diagnostics[1].message.contains("cannot read the timestamp 'yesterday'"))
        #expect(summary.diagnostics[2].message.contains("unknown lifecycle 'halfway'"))
        #expect(summary.diagnostics[4].message.contains("earlier than the case's previous event"))
        #expect(log.eventCount == 2)
        #expect(summary.hasErrors)
    }

    /// Rows of a case anywhere in the file: each case is handed on at its last row (even a row
    /// that is skipped), with its events merged and sorted; a BOM, lowercase headers and
    /// semicolons are read as an export writes them.
    @Test func csvHandsOnEachCaseAtItsLastRow() throws {
        let text = "\u{FEFF}case id;activity;timestamp\n"
            + "a;X;2024-03-01 09:05\nb;X;2024-03-01 09:00\na;Y;2024-03-01 09:00\nc;X;2024-03-01 09:00\nb;Y;never\n"
        var order: [String] = []
        var events: [String: [String]] = [:]
        let summary = try EventLogReader.read(bytes: Array(text.utf8), format: .csv) { trace, names in
            order.append(trace.caseID)
            events[trace.caseID] = trace.events.map { names[$0.activity] }
        }
        #expect(order == ["a", "c", "b"])
        #expect(events == ["a": ["Y", "X"], "b": ["X"], "c": ["X"]])
        #expect(summary.caseCount == 3 && summary.eventCount == 4)
        let located = summary.diagnostics.map { "\($0.location?.line ?? 0) \($0.severity)" }
        #expect(located == ["4 warning", "6 error"], "out of order at row 4 (case a), bad timestamp at row 6")
    }

    @Test func xesMissingCaseIDBadTimestampAndUnknownLifecycle() throws {
        let text = """
            <log>
            <trace><event><string key="concept:name" value="A"/><date key="time:timestamp" value="2024-03-01T09:00:00Z"/></event></trace>
            <trace><string key="concept:name" value="t2"/>
            <event><string key="concept:name" value="A"/><date key="time:timestamp" value="not a date"/></event>
            <event><string key="concept:name" value="A"/><string key="lifecycle:transition" value="paused"/><date key="time:timestamp" value="2024-03-01T09:00:00Z"/></event>
            <event><string key="concept:name" value="B"/><date key="time:timestamp" value="2024-03-01T09:05:00.5+02:00"/></event>
            </trace>
            </log>
            """
        let (log, summary) = try read(text, ext: "xes")
        #expect(summary.diagnostics.count == 3)
        #expect(summary.diagnostics.map { $0.location?.line ?? 0 } == [2, 4, 5])
        #expect(summary.diagnostics[0].message.contains("trace 1 has no concept:name"))
        #expect(log.traces.count == 1)
        #expect(log.traces[0].events.map(\.timestamp) == [1_709_276_700.5])
    }

    @Test func truncatedXESIsALocatedError() throws {
        let text = "<log>\n<trace><string key=\"concept:name\" value=\"t\"/>\n<event><string key=\"concept:name\" va"
        #expect { try read(text, ext: "xes") } throws: { error in
            let description = messages(error)
            return description.contains(".xes:3:1: error: the file ends inside <") && description.contains("the log is truncated")
        }
    }

    @Test func entityDeclarationsAreRefused() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <log><trace><string key="concept:name" value="&c;"/></trace></log>
            """
        #expect { try read(text, ext: "xes") } throws: { error in
            messages(error).contains(":2:1: error: a document type declaration")
        }
        #expect { try read("<notlog/>", ext: "xes") } throws: { error in messages(error).contains("no <log> element") }
    }

    /// Foundation's XMLParser traps on invalid UTF-8 inside a tag (the XESLog fuzzer found it):
    /// such a log is refused, located, before the parser sees it — from memory and from a file.
    @Test func invalidUTF8IsRefusedBeforeParsing() throws {
        var bytes = Array("<?xml version=\"1.0\"?>\n<log>\n<trace><event".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(" a=\"b\"/></trace></log>\n".utf8)
        #expect { try EventLogReader.read(bytes: bytes, format: .xes, path: "bad.xes") { _, _ in } } throws: { error in
            messages(error).contains("bad.xes:3:1: error: the log is not valid UTF-8 text (bad byte at offset 41)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).xes")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect { try EventLogReader.load(path: file.path) } throws: { error in
            messages(error).contains("not valid UTF-8")
        }
        // A valid multi-byte name is read (near miss).
        let text = "<log><trace><string key=\"concept:name\" value=\"修理\"/></trace></log>"
        #expect(throws: Never.self) { _ = try EventLogReader.read(bytes: Array(text.utf8), format: .xes) { _, _ in } }
    }

    /// Foundation's XMLParser crashes (SIGSEGV) on a processing instruction without data, `<?pi?>`
    /// (the BPMNReader fuzzer found it): such a log is refused, located, from memory and from a file.
    @Test func processingInstructionWithoutDataIsRefused() throws {
        let text = "<?xml version=\"1.0\"?>\n<log>\n  <?pi?><trace/></log>\n"
        #expect { try EventLogReader.read(bytes: Array(text.utf8), format: .xes, path: "pi.xes") { _, _ in } } throws: { error in
            messages(error).contains("pi.xes:3:3: error: a processing instruction without data")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pi-\(UUID().uuidString).xes")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect { try EventLogReader.load(path: file.path) } throws: { error in
            messages(error).contains("processing instruction without data")
        }
        // Near misses are read: instructions with data, in text, a comment or CDATA.
        for quiet in ["<?pi data?>", "<?pi ?>", "<!-- <?pi data?> -->", "<![CDATA[<?pi x?>]]>"] {
            let log = "<?xml version=\"1.0\"?><log>\(quiet)<trace><string key=\"concept:name\" value=\"c\"/></trace></log>"
            #expect(throws: Never.self) { _ = try EventLogReader.read(bytes: Array(log.utf8), format: .xes) { _, _ in } }
        }
        // Refused wherever it is (in a comment, CDATA or another instruction's data): in a malformed
        // file libxml2 can recover into reading it as an instruction, and then it crashes.
        for loud in ["<!-- <?pi?> -->", "<![CDATA[<?pi?>]]>", "<?xml v=\"1\" <?pi?>", "<t i<?xml x=\"y\">\n<?x?>"] {
            let log = "<?xml version=\"1.0\"?><log>\(loud)<trace><string key=\"concept:name\" value=\"c\"/></trace></log>"
            #expect { try EventLogReader.read(bytes: Array(log.utf8), format: .xes, path: "pi.xes") { _, _ in } } throws: { error in
                messages(error).contains("error: a processing instruction without data")
            }
        }
    }

    @Test func limitsStopHugeLogs() throws {
        var options = EventLogReadOptions()
        options.limits.maxEvents = 2
        #expect { try read("case,activity,timestamp\n1,A,2024-03-01 09:00\n1,B,2024-03-01 09:01\n1,C,2024-03-01 09:02\n", ext: "csv", options: options) } throws: { error in
            messages(error).contains(":4:1: error: the log has more than 2 events")
        }
    }

    @Test func timestampFormats() {
        let utc = TimestampParser()
        #expect(utc.parse("2024-03-01T09:00:00Z") == 1_709_283_600)
        #expect(utc.parse("2024-03-01T10:00:00+0100") == 1_709_283_600)
        #expect(utc.parse("2024-03-01T04:00:00-05:00") == 1_709_283_600)
        #expect(utc.parse("2024/03/01 09:00") == 1_709_283_600)
        #expect(utc.parse("01/03/2024 09:00") == 1_709_283_600)
        #expect(TimestampParser(slashOrder: .monthFirst).parse("03/01/2024 09:00") == 1_709_283_600)
        #expect(utc.parse("1709283600") == 1_709_283_600)
        #expect(utc.parse("1709283600000") == 1_709_283_600)
        #expect(utc.parse("2024-03-01") == 1_709_251_200)
        #expect(utc.parse("2024-03-01T09:00:00.250Z") == 1_709_283_600.25)
        let berlin = TimestampParser(defaultZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(berlin.parse("2024-03-01 10:00") == 1_709_283_600, "CET is UTC+1")
        #expect(berlin.parse("2024-07-01 11:00") == 1_719_824_400, "CEST is UTC+2")
        #expect(TimestampParser(slashOrder: .monthFirst).parse("3/1/2024 9:00 AM") == 1_709_283_600)
        #expect(utc.parse("2024-03-01 9:00:00 pm") == 1_709_326_800)
        #expect(utc.parse("2024-03-01 12:00 AM") == 1_709_251_200, "12 AM is midnight")
        #expect(utc.parse("2024-03-01 12:00 PM") == 1_709_294_400, "12 PM is noon")
        #expect(utc.parse("2024-03-01 09:00:00 GMT") == 1_709_283_600)
        for bad in ["2024-03-01 13:00 PM", "2024-03-01 00:30 AM", "2024-03-01 09:00 AX", "2024-03-01 09:00 GMT+1", "", "yesterday", "2024-13-01", "2024-02-30", "2024-03-01T25:00", "2024-03-01T09:00+99:00", "12345", "2024-03-01 09:00 junk"] {
            #expect(utc.parse(bad) == nil, "\(bad)")
        }
    }
}
