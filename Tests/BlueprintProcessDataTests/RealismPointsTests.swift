import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

/// The realism tester's smaller points: each test fails on the code before its fix.
@Suite("Measure and discover: the realism tester's smaller points")
struct RealismPointsTests {
    // MARK: XES start_timestamp

    static func xes(_ events: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1.0">
          <trace>
            <string key="concept:name" value="c1"/>
        \(events)
          </trace>
        </log>
        """
    }

    @Test("an XES event with start_timestamp (pm4py interval logs) is a start and a complete")
    func xesStartTimestamp() throws {
        // B starts before A completes: the file is in order, and no "earlier event" warning follows.
        let text = Self.xes("""
                <event>
                  <string key="concept:name" value="A"/>
                  <date key="time:timestamp" value="2024-03-01T09:10:00Z"/>
                  <date key="start_timestamp" value="2024-03-01T09:00:00Z"/>
                </event>
                <event>
                  <string key="concept:name" value="B"/>
                  <date key="start_timestamp" value="2024-03-01T09:05:00Z"/>
                  <date key="time:timestamp" value="2024-03-01T09:30:00Z"/>
                </event>
                <event>
                  <string key="concept:name" value="C"/>
                  <date key="time:timestamp" value="2024-03-01T09:40:00Z"/>
                </event>
            """)
        let loaded = try EventLogReader.load(path: Desk.temporary(text, extension: "xes"))
        let trace = try #require(loaded.log.traces.first)
        #expect(trace.events.map(\.lifecycle) == [.start, .start, .complete, .complete, .complete])
        #expect(trace.events.map(\.timestamp) == [1_709_283_600, 1_709_283_900, 1_709_284_200, 1_709_285_400, 1_709_286_000])
        #expect(loaded.summary.eventCount == 3, "three events as the file records them (and PM4Py counts them)")
        #expect(loaded.summary.diagnostics.isEmpty, "\(loaded.summary.diagnostics)")
        let instances = Measurer.instances(of: trace)
        #expect(instances.map { $0.start.map { ($0 - 1_709_283_600) / 60 } } == [0, 5, nil], "near miss: C has no start_timestamp, so no start")
        #expect(instances.map { (($0.end ?? 0) - 1_709_283_600) / 60 } == [10, 30, 40])
    }

    // MARK: Aborted activity instances

    @Test("a case's duration runs from its first to its last recorded event: a start from a start timestamp is no record (PM4Py)")
    func caseDurationAsPM4Py() throws {
        let csv = """
            case,activity,start_timestamp,timestamp
            1,A,2024-01-01 09:00,2024-01-01 09:10
            1,B,2024-01-01 09:10,2024-01-01 10:10

            """
        let loaded = try EventLogReader.load(path: Desk.temporary(csv, extension: "csv"))
        let trace = try #require(loaded.log.traces.first)
        #expect(Measurer.recordedSpan(of: trace.events) == 3_600, "09:10 to 10:10, as PM4Py's time:timestamp gives")
        // Near miss: a start event of its own (a lifecycle row) is a record and counts.
        let own = [LogEvent(activity: NameIndex(0), timestamp: 0, lifecycle: .start, line: 2),
                   LogEvent(activity: NameIndex(0), timestamp: 600, lifecycle: .complete, line: 3)]
        #expect(Measurer.recordedSpan(of: own) == 600)
    }

    @Test("ate_abort and pi_abort are their own lifecycle; suspend stays another transition")
    func abortLifecycle() {
        #expect(LogLifecycle(text: "ate_abort") == .abort)
        #expect(LogLifecycle(text: "PI_ABORT") == .caseAbort)
        #expect(LogLifecycle(text: "suspend") == .other)
    }

    @Test("an aborted instance is closed, not paired with a later complete")
    func abortClosesTheOpenInstance() {
        func trace(_ events: [(LogLifecycle, Double)]) -> LogTrace {
            LogTrace(caseID: "1", events: events.map { LogEvent(activity: NameIndex(0), timestamp: $0.1, lifecycle: $0.0) })
        }
        // Started at 0, aborted at 5, completed at 60 without a new start; then started 100, completed 130.
        let aborted = Measurer.instances(of: trace([(.start, 0), (.abort, 5), (.complete, 60), (.start, 100), (.complete, 130)]))
        #expect(aborted.count == 2)
        #expect(aborted[0].start == nil && aborted[0].end == 60, "the late complete stands alone: no service time")
        #expect(aborted[1].start == 100 && aborted[1].end == 130)
        // Near miss: without the abort, the start pairs with the complete.
        let whole = Measurer.instances(of: trace([(.start, 0), (.complete, 60)]))
        #expect(whole.count == 1 && whole[0].start == 0 && whole[0].end == 60)
    }

    @Test("pi_abort closes every open instance of the case; ate_abort only its activity's")
    func caseAbortClosesEverything() {
        func trace(_ events: [(Int, LogLifecycle, Double)]) -> LogTrace {
            LogTrace(caseID: "1", events: events.map { LogEvent(activity: NameIndex($0.0), timestamp: $0.2, lifecycle: $0.1) })
        }
        // A and B started, the case aborted (the event names C), then late completes of A and B.
        let ended = Measurer.instances(of: trace([(0, .start, 0), (1, .start, 1), (2, .caseAbort, 5), (0, .complete, 60), (1, .complete, 61)]))
        #expect(ended.allSatisfy { $0.start == nil }, "no service time for A or B: the case was given up at 5")
        // Near miss: an activity abort of A leaves B open, and B's complete pairs with its start.
        let one = Measurer.instances(of: trace([(0, .start, 0), (1, .start, 1), (0, .abort, 5), (1, .complete, 61)]))
        #expect(one.count == 1 && one[0].activity == 1 && one[0].start == 1 && one[0].end == 61)
    }

    @Test("an abort with a start is the same in CSV (start column) and XES (start_timestamp): closed, no service time")
    func abortSameInCSVAndXES() throws {
        let csv = """
            case,activity,start_timestamp,timestamp,lifecycle
            1,A,2024-01-01 09:00,2024-01-01 09:10,complete
            1,B,2024-01-01 09:10,2024-01-01 10:10,ate_abort
            1,C,2024-01-01 10:10,2024-01-01 10:20,complete

            """
        let xes = Self.xes("""
                <event><string key="concept:name" value="A"/><date key="start_timestamp" value="2024-01-01T09:00:00Z"/><date key="time:timestamp" value="2024-01-01T09:10:00Z"/></event>
                <event><string key="concept:name" value="B"/><string key="lifecycle:transition" value="ate_abort"/><date key="start_timestamp" value="2024-01-01T09:10:00Z"/><date key="time:timestamp" value="2024-01-01T10:10:00Z"/></event>
                <event><string key="concept:name" value="C"/><date key="start_timestamp" value="2024-01-01T10:10:00Z"/><date key="time:timestamp" value="2024-01-01T10:20:00Z"/></event>
            """)
        var seen: [[String]] = []
        for (text, ext) in [(csv, "csv"), (xes, "xes")] {
            let loaded = try EventLogReader.load(path: Desk.temporary(text, extension: ext))
            let trace = try #require(loaded.log.traces.first)
            #expect(loaded.summary.eventCount == 3, "\(ext): one event per row or <event>, as PM4Py counts")
            #expect(trace.events.filter { $0.activity.position == 1 }.map(\.lifecycle) == [.start, .abort], "\(ext)")
            let instances = Measurer.instances(of: trace)
            #expect(instances.map(\.activity) == [0, 2], "\(ext): the aborted B is no service")
            seen.append(instances.map { "\($0.activity):\(($0.start ?? -1) - 1_704_099_600):\(($0.end ?? -1) - 1_704_099_600)" })
        }
        #expect(seen.count == 2 && seen[0] == seen[1], "\(seen)")
    }

    @Test("an XES start_timestamp after the event's time:timestamp: located warning, no phantom start")
    func xesStartAfterComplete() throws {
        let text = Self.xes("""
                <event><string key="concept:name" value="A"/><date key="time:timestamp" value="2024-01-01T09:10:00Z"/></event>
                <event><string key="concept:name" value="C"/>
                  <date key="start_timestamp" value="2024-01-01T10:20:00Z"/>
                  <date key="time:timestamp" value="2024-01-01T10:15:00Z"/></event>
                <event><string key="concept:name" value="D"/><date key="start_timestamp" value="2024-01-01T10:15:00Z"/><date key="time:timestamp" value="2024-01-01T10:15:00Z"/></event>
            """)
        let path = try Desk.temporary(text, extension: "xes")
        let loaded = try EventLogReader.load(path: path)
        let trace = try #require(loaded.log.traces.first)
        #expect(trace.events.map(\.lifecycle) == [.complete, .complete, .start, .complete], "near miss: D's start equals its completion and stays")
        #expect(Measurer.instances(of: trace).map(\.activity) == [0, 1, 2], "no phantom C")
        let warning = try #require(loaded.summary.diagnostics.first)
        #expect(loaded.summary.diagnostics.count == 1)
        #expect(warning.severity == .warning && warning.location?.line == 7, "\(warning)")
        #expect(warning.message.contains("start_timestamp is later"))
        #expect(warning.text?.rendered(in: .simplifiedChinese).contains("晚于") == true)
    }

    // MARK: measure --update keeps the file

    static let commented = """
        # The desk, as the team drew it.
        id: desk
        stages: [{id: s, title: S}]   # one stage
        steps:
          - id: a
            title: A   # first
            lane: customer
            stage: s
            duration: 5min

          # B is where the work is.
          - id: b
            title: B
            lane: frontstage
            stage: s
            tags:
            - form
        flows:
          - {from: a, to: b, probability: 0.9}   # usually
          - from: a
            to: a-skip
            probability: 0.1
          - {from: b, to: a-skip}
        # trailing note
        """ + "\n"

    static let skipStep = """
          - id: a-skip
            title: Skip
            lane: frontstage
            stage: s

        """

    /// Cases of the desk: `a`, then `b` (with start events, so it gets times) or `a-skip`.
    static func traces(bWaits waits: [Int], skips: Int, into names: inout NameTable) -> [LogTrace] {
        let (a, b, skip) = (names.intern("a"), names.intern("b"), names.intern("a-skip"))
        var traces = waits.enumerated().map { n, wait in
            LogTrace(caseID: "b\(n)", events: [
                LogEvent(activity: a, timestamp: 0), LogEvent(activity: b, timestamp: Double(wait * 60), lifecycle: .start),
                LogEvent(activity: b, timestamp: Double(wait * 60 + 300)),
            ])
        }
        traces += (0..<skips).map { LogTrace(caseID: "s\($0)", events: [LogEvent(activity: a, timestamp: 0), LogEvent(activity: skip, timestamp: 60)]) }
        return traces
    }

    /// The document read from `text`, and its blueprint with the figures of a small log.
    static func updated(_ text: String, bWaits: [Int] = [5, 10], skips: Int = 1) throws -> (BlueprintDocument, Blueprint) {
        let document = try BlueprintDocument.parse(text, path: "desk.yaml", format: .yaml)
        var names = NameTable()
        var measurer = Measurer(blueprint: document.blueprint)
        for trace in traces(bWaits: bWaits, skips: skips, into: &names) { measurer.add(trace, activities: names) }
        return (document, measurer.result().applied(to: document.blueprint, log: "desk.csv"))
    }

    static var withSkip: String { commented.replacingOccurrences(of: "flows:\n", with: skipStep + "flows:\n") }

    /// Every line of `original` is in `patched`, unchanged or with a measured entry inside its braces.
    static func keepsEveryLine(_ original: String, _ patched: String) {
        let lines = patched.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.contains("measured") {
            let head = line.replacingOccurrences(of: "}   # usually", with: "")
            #expect(lines.contains(line) || lines.contains { $0.hasPrefix(head) && $0.hasSuffix("}}   # usually") }, "line lost: \(line)")
        }
    }

    @Test("--update writes measured fields in place: comments, blank lines and the other lines stay")
    func updateKeepsComments() throws {
        let (document, updated) = try Self.updated(Self.withSkip)
        #expect(updated.flows.contains { $0.measured != nil } && updated.steps.contains { $0.measured?.service != nil })
        let patched = try #require(LogMeasurement.updatedText(Self.withSkip, document: document, updated: updated))
        #expect(try BlueprintDocument.parse(patched, path: "desk.yaml", format: .yaml).blueprint == updated)
        Self.keepsEveryLine(Self.withSkip, patched)
        #expect(patched.contains("  - {from: a, to: b, probability: 0.9, measured: {probability: 0.667, samples: 3}}   # usually"), "\(patched)")
        #expect(patched.contains("    probability: 0.1\n    measured: {probability: 0.333, samples: 3}\n"), "\(patched)")
        #expect(patched.contains("    duration: 5min\n    measured: {cases: 3, log: desk.csv}\n\n  # B is"), "after a's last key, before the blank line")
        #expect(patched.contains("    - form\n    measured:\n      service: {"), "b's block, after its list")

        // A second log replaces the figures where they stand, adding no second key.
        let (again, second) = try Self.updated(patched, bWaits: [5, 10, 20], skips: 3)
        let replaced = try #require(LogMeasurement.updatedText(patched, document: again, updated: second))
        #expect(try BlueprintDocument.parse(replaced, path: "desk.yaml", format: .yaml).blueprint == second)
        #expect(replaced != patched)
        #expect(replaced.components(separatedBy: "measured:").count == patched.components(separatedBy: "measured:").count)
        Self.keepsEveryLine(Self.withSkip, replaced)
    }

    @Test("near miss: a layout it cannot patch (a flow item over two lines) gives nil, for a full rewrite")
    func unpatchableLayoutFallsBack() throws {
        let text = Self.withSkip.replacingOccurrences(of: "  - {from: a, to: b, probability: 0.9}   # usually",
                                                      with: "  - {from: a, to: b,\n     probability: 0.9}")
        let (document, updated) = try Self.updated(text)
        #expect(LogMeasurement.updatedText(text, document: document, updated: updated) == nil)
    }

    static let twoOnALine = """
        id: d
        stages: [{id: s, title: S}]
        steps:
          - {id: a, title: Á, lane: customer, stage: s}
          - id: b
            title: B
            lane: frontstage
            stage: s
          - {id: c, title: C, lane: customer, stage: s}
          - {id: d, title: D, lane: customer, stage: s}
        flows: [
          {from: a, to: b, label: é}, {from: b, to: c, probability: 0.8},
          {from: b, to: d, probability: 0.2}]

        """

    static func measuredFlows(_ text: String, _ indices: [Int]) throws -> (BlueprintDocument, Blueprint) {
        let document = try BlueprintDocument.parse(text, path: "d.yaml", format: .yaml)
        var updated = document.blueprint
        for index in indices { updated.flows[index].measured = MeasuredFlow(probability: 0.75, samples: 4) }
        return (document, updated)
    }

    @Test("--update finds a flow after a non-ASCII character on its line (columns are Unicode scalars, not bytes)")
    func updateAfterNonASCII() throws {
        let (document, updated) = try Self.measuredFlows(Self.twoOnALine, [1])
        let patched = try #require(LogMeasurement.updatedText(Self.twoOnALine, document: document, updated: updated))
        #expect(patched.contains("  {from: a, to: b, label: é}, {from: b, to: c, probability: 0.8, measured: {probability: 0.75, samples: 4}},\n"), "\(patched)")
        #expect(try BlueprintDocument.parse(patched, path: "d.yaml", format: .yaml).blueprint == updated)
    }

    @Test("near miss: two changed flows on one line: a rewrite, and the reason names the line")
    func updateTwoOnOneLineSaysWhy() throws {
        let (document, updated) = try Self.measuredFlows(Self.twoOnALine, [0, 1])
        let patch = LogMeasurement.patch(Self.twoOnALine, document: document, updated: updated)
        #expect(patch == .rewrite(LocalizedText("measured.update.sameLine", ["line": .integer(12)])), "\(patch)")
        if case .rewrite(let reason) = patch { #expect(reason.rendered(in: .simplifiedChinese).contains("12")) }
    }

    @Test("--update keeps a byte-order mark and CR-only line breaks (the reader's line breaks)")
    func updateKeepsBOMAndCR() throws {
        let text = "\u{FEFF}" + Self.twoOnALine.replacingOccurrences(of: "\n", with: "\r")
        let document = try BlueprintDocument.parse(text, path: "d.yaml", format: .yaml)
        var updated = document.blueprint
        updated.steps[1].measured = MeasuredStep(cases: 3, log: "x.csv")
        let patched = try #require(LogMeasurement.updatedText(text, document: document, updated: updated))
        #expect(patched.hasPrefix("\u{FEFF}id: d\r"))
        #expect(!patched.contains("\n"), "the file's breaks are CR only")
        #expect(patched.contains("    stage: s\r    measured: {cases: 3, log: x.csv}\r  - {id: c"), "\(patched.debugDescription)")
        #expect(try BlueprintDocument.parse(patched, path: "d.yaml", format: .yaml).blueprint == updated)
    }

    // MARK: discover's actor titles

    @Test("an actor's title is the role as the mapping writes it, its id the slug")
    func actorTitles() throws {
        var names = NameTable(), resources = NameTable()
        let ann = resources.intern("ann")
        let events = ["Check", "Fix"].enumerated().map { LogEvent(activity: names.intern($0.element), timestamp: Double($0.offset), resource: ann) }
        var discoverer = Discoverer(options: .init(roles: ["ann": .init(role: "Team A", lane: .backstage)]))
        discoverer.add(LogTrace(caseID: "1", events: events), activities: names)
        let actor = try #require(discoverer.draft(resourceNames: resources).blueprint.actors.first)
        #expect(actor.id == "team-a" && actor.title == "Team A")
    }
}
