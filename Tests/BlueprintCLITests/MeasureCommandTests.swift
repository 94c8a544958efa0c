import Foundation
import Testing

/// `blueprint measure` as a user runs it: text and JSON, exit codes, located log errors.
@Suite("blueprint measure")
struct MeasureCommandTests {
    static let blueprint = "Examples/measure/ticket-desk.yaml"
    static let log = "Examples/measure/tickets.csv"
    /// The example names its lifecycle column `Status`, which is not guessed.
    static let measure = ["measure", blueprint, "--log", log, "--lifecycle-column", "Status"]

    @Test("text output names the steps, conformance and findings; exit 0")
    func text() throws {
        let result = try CLI.run(Self.measure)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("log: 60 cases, 506 events, 6 activities, 253 start events"), "\(result.stdout)")
        #expect(result.stdout.contains("Steps (median / P90 / mean)"))
        #expect(result.stdout.contains("  triage: "))
        #expect(result.stdout.contains("Conformance: "))
        #expect(result.stdout.contains("[measured-"))
        #expect(result.stderr.isEmpty)
        // Near miss: without the lifecycle column every event is a completion, and the output says so.
        let guessed = try CLI.run(["measure", Self.blueprint, "--log", Self.log])
        #expect(guessed.status == 0)
        #expect(guessed.stdout.contains("no start events: service and waiting times cannot be separated"))
    }

    @Test("JSON output decodes, and -o writes the same bytes to a file")
    func json() throws {
        let result = try CLI.run(Self.measure + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let log = try #require(object["log"] as? [String: Any])
        #expect(log["cases"] as? Int == 60)
        #expect(log["events"] as? Int == 506)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.contains { $0["step"] as? String == "triage" && $0["serviceTime"] != nil })
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("m.json").path
        let written = try CLI.run(Self.measure + ["--format", "json", "-o", file])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == result.stdout)
    }

    @Test("a bad timestamp is located and exits 2; --lenient measures the rest")
    func badLog() throws {
        let directory = try CLI.temporaryDirectory()
        let bad = directory.appendingPathComponent("bad.csv").path
        try """
            Ticket ID;Activity;Timestamp
            T1;Open ticket;2024-03-04 09:00
            T1;Triage;yesterday
            T2;Open ticket;2024-03-04 10:00
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let strict = try CLI.run(["measure", Self.blueprint, "--log", bad])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("bad.csv:3:11: error: cannot read the timestamp 'yesterday'"), "\(strict.stderr)")
        #expect(strict.stdout.isEmpty)
        let lenient = try CLI.run(["measure", Self.blueprint, "--log", bad, "--lenient"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout.contains("log: 2 cases, 2 events"))
    }

    @Test("unusable input exits 2 with a located message: no such column, truncated XES, missing file, bad option")
    func unusableInput() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("cols.csv").path
        try "ticket,step,when\nT1,Triage,2024-03-04 09:00\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let column = try CLI.run(["measure", Self.blueprint, "--log", csv, "--activity-column", "stepp"])
        #expect(column.status == 2)
        #expect(column.stderr.contains("cols.csv:1:1: error: no column 'stepp' for the activity; did you mean 'step'?"), "\(column.stderr)")

        let xes = directory.appendingPathComponent("cut.xes").path
        try "<?xml version=\"1.0\"?>\n<log><trace><string key=\"concept:name\" value=\"1\"/>\n<event><string key=\"concept:name\"".write(toFile: xes, atomically: true, encoding: .utf8)
        let truncated = try CLI.run(["measure", Self.blueprint, "--log", xes])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("cut.xes:"), "\(truncated.stderr)")

        let missing = try CLI.run(["measure", Self.blueprint, "--log", directory.appendingPathComponent("none.csv").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.csv"))

        let option = try CLI.run(["measure", Self.blueprint, "--log", Self.log, "--separator", "pipe"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("--separator takes comma, semicolon or tab"))
    }
}

/// `measure --update` writes measured fields; `capacity --figures measured` uses them and says so.
@Suite("blueprint measure --update")
struct MeasureUpdateCommandTests {
    @Test func updateThenCapacity() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("desk.yaml").path
        let original = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(MeasureCommandTests.blueprint).path, encoding: .utf8)
        try original.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(MeasureCommandTests.measure.map { $0 == MeasureCommandTests.blueprint ? file : $0 } + ["--update"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("desk.yaml: measured figures written for 5 steps and 3 flows (estimates kept)"), "\(result.stderr)")
        // The file keeps its comments and layout: only measured entries are added.
        #expect(!result.stderr.contains("comment lines are not kept"), "\(result.stderr)")
        let updated = try String(contentsOfFile: file, encoding: .utf8)
        #expect(updated.hasPrefix("# A small IT service desk"), "\(updated)")
        #expect(updated.contains("  - {from: triage, to: fix-remotely, probability: 0.8, measured: {probability: "), "\(updated)")
        for line in original.split(separator: "\n") where !line.contains("probability") {
            #expect(updated.contains(line), "line lost: \(line)")
        }
        #expect(updated.contains("measured:"))
        #expect(updated.contains("likely: 5min"), "the triage estimate is kept")
        #expect(try CLI.run(["check", file, "--format", "json"]).status != 2, "the updated file is a valid blueprint")

        let measured = try CLI.run(["capacity", file, "--figures", "measured", "--iterations", "200"])
        #expect(measured.status == 0, "\(measured.stderr)")
        #expect(measured.stdout.contains("figures: measured for 5 of 6 steps and 3 flows"), "\(measured.stdout)")
        let estimated = try CLI.run(["capacity", file, "--iterations", "200"])
        #expect(estimated.stdout.contains("figures: estimated"))
        #expect(estimated.stdout != measured.stdout)
    }
}

/// `measure --report` and `--overlay`: the measured figures on the drawing and in a report.
@Suite("blueprint measure --report and --overlay")
struct MeasureReportCommandTests {
    @Test func htmlMarkdownAndOverlay() throws {
        let directory = try CLI.temporaryDirectory()
        let html = directory.appendingPathComponent("r.html").path
        let svg = directory.appendingPathComponent("o.svg").path
        let result = try CLI.run(MeasureCommandTests.measure + ["--report", html, "--overlay", svg])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("Steps (median / P90 / mean)"))
        let drawing = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(drawing.contains("measured 8min 22s"), "the measured median service time of triage is on its card")
        #expect(drawing.contains("Measured ÷ estimated service time"), "the legend says what the heat is")

        let markdown = directory.appendingPathComponent("r.md").path
        #expect(try CLI.run(MeasureCommandTests.measure + ["--report", markdown]).status == 0)
        let text = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(text.contains("![Measured figures on the blueprint](r.measured.svg)"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.measured.svg").path))
    }
}
