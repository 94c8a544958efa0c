import Foundation
import Testing

/// `blueprint check` on sketches: grouped findings, `--fail-on note`, presets from `.blueprint.yml`.
@Suite("check on sketches")
struct SketchCheckTests {
    /// Two connected steps and seven in no flow, without stages.
    static let sketch = """
        id: sketch
        steps:
          - {id: a, title: A, lane: customer}
          - {id: b, title: B, lane: frontstage, actor: clerk}
        \((1...7).map { "  - {id: x\($0), title: Loose \($0), lane: backstage, actor: clerk}" }.joined(separator: "\n"))
        actors: [{id: clerk}]
        flows:
          - {from: a, to: b}

        """

    static func folder(with blueprint: String = sketch, config: String? = nil) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try blueprint.write(to: directory.appendingPathComponent("sketch.yaml"), atomically: true, encoding: .utf8)
        if let config {
            try config.write(to: directory.appendingPathComponent(".blueprint.yml"), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("seven steps in no flow are one line of text and one SARIF result with seven related locations")
    func groupedFindings() throws {
        let directory = try Self.folder(config: "extends: sketch\n")
        let text = try CLI.run(["check", directory.path, "--fail-on", "never"])
        let lines = text.stdout.split(separator: "\n").filter { $0.contains("[structure-no-flow]") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("The same holds for 6 more steps: 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'.") == true)
        let sarif = try CLI.run(["check", directory.path, "--format", "sarif", "--fail-on", "never"])
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let runs = log?["runs"] as? [[String: Any]]
        let results = (runs?.first?["results"] as? [[String: Any]]) ?? []
        let noFlow = results.filter { $0["ruleId"] as? String == "structure-no-flow" }
        #expect(noFlow.count == 1)
        let related = (noFlow.first?["relatedLocations"] as? [[String: Any]]) ?? []
        #expect(related.count == 7)
        let lineNumbers = related.compactMap {
            (($0["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
        }
        #expect(lineNumbers == Array(5...11))
    }

    @Test("--fail-on note fails on a note; a near miss passes")
    func failOnNote() throws {
        // Only notes: the sketch's one note-level rule, everything else off.
        let onlyNotes = """
            rules:
              structure-no-flow: note
              structure-unreachable-step: off
              structure-dead-end: off
              structure-unsupported-backstage: off
              structure-unsupported-customer-action: off
              structure-touchpoint-without-evidence: off
            extends: sketch

            """
        let directory = try Self.folder(config: onlyNotes)
        let failing = try CLI.run(["check", directory.path, "--fail-on", "note"])
        #expect(failing.status == 1, "\(failing.stdout)")
        #expect(failing.stdout.contains("note:"))
        #expect(try CLI.run(["check", directory.path, "--fail-on", "warning"]).status == 0)
        let clean = try Self.folder(
            with: Self.sketch.replacingOccurrences(of: "  - {from: a, to: b}\n", with: "  - {from: a, to: b}\n" + (1...7).map { "  - {from: b, to: x\($0)}\n" }.joined()),
            config: onlyNotes)
        #expect(try CLI.run(["check", clean.path, "--fail-on", "note"]).status == 0)
    }

    @Test("a threshold out of range is a located configuration error")
    func thresholdOutOfRange() throws {
        let directory = try Self.folder(config: "rules:\n  capacity-high-utilization:\n    threshold: 1e308\n")
        let result = try CLI.run(["check", directory.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains(".blueprint.yml:3:16: error: 'threshold' of 'capacity-high-utilization' must be between 0 and 1, found 1e308"))
    }
}
