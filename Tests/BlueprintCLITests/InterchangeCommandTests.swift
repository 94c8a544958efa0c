import Foundation
import Testing

/// `import`, `export` and reading `.bpmn`/`.csv` directly, as a user runs them.
@Suite("blueprint import, export, and BPMN/CSV inputs")
struct InterchangeCommandTests {
    static let showcase = "blueprints/clinic-visit.yaml"

    @Test("export --format bpmn, then import, gives a blueprint that checks like the original")
    func bpmnRoundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        let bpmn = directory.appendingPathComponent("clinic.bpmn").path
        let exported = try CLI.run(["export", Self.showcase, "--format", "bpmn", "-o", bpmn])
        #expect(exported.status == 0, "\(exported.stderr)")
        let xml = try String(contentsOfFile: bpmn, encoding: .utf8)
        #expect(xml.contains("<bpmndi:BPMNDiagram"))

        let yaml = directory.appendingPathComponent("clinic.yaml").path
        let imported = try CLI.run(["import", bpmn, "-o", yaml, "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")

        // The same findings from the original, the exported BPMN read directly, and the import.
        let original = try CLI.run(["check", Self.showcase, "--format", "json"])
        let direct = try CLI.run(["check", bpmn, "--format", "json"])
        let roundTrip = try CLI.run(["check", yaml, "--format", "json"])
        #expect(!Self.ruleCounts(original.stdout).isEmpty)
        #expect(original.status == direct.status && original.status == roundTrip.status)
        #expect(Self.ruleCounts(original.stdout) == Self.ruleCounts(direct.stdout))
        #expect(Self.ruleCounts(original.stdout) == Self.ruleCounts(roundTrip.stdout))
    }

    @Test("export --format csv and mermaid write their files; render reads the CSV directly")
    func csvAndMermaid() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("clinic.csv").path
        #expect(try CLI.run(["export", Self.showcase, "--format", "csv", "-o", csv]).status == 0)
        let header = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("id,"))
        let mermaid = directory.appendingPathComponent("clinic.mmd").path
        #expect(try CLI.run(["export", Self.showcase, "--format", "mermaid", "-o", mermaid]).status == 0)
        #expect(try String(contentsOfFile: mermaid, encoding: .utf8).hasPrefix("flowchart LR"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("clinic.journey.mmd").path))

        let out = directory.appendingPathComponent("out").path
        let rendered = try CLI.run(["render", csv, "-o", out])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/clinic.svg"))
    }

    @Test("a hostile BPMN file is refused with a located error and writes nothing")
    func hostileBPMN() throws {
        let directory = try CLI.temporaryDirectory()
        let bpmn = directory.appendingPathComponent("evil.bpmn").path
        try """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">&x;</process></definitions>
            """.write(toFile: bpmn, atomically: true, encoding: .utf8)
        let yaml = directory.appendingPathComponent("evil.yaml").path
        let result = try CLI.run(["import", bpmn, "-o", yaml])
        #expect(result.status != 0)
        #expect(result.stderr.contains("evil.bpmn:"))
        #expect(!FileManager.default.fileExists(atPath: yaml))
    }

    /// `rule id → count` from `check --format json` output.
    static func ruleCounts(_ json: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var rest = Substring(json)
        while let range = rest.range(of: "\"ruleID\"") {
            rest = rest[range.upperBound...]
            guard let open = rest.firstIndex(of: "\""), let close = rest[rest.index(after: open)...].firstIndex(of: "\"") else { break }
            counts[String(rest[rest.index(after: open)..<close]), default: 0] += 1
            rest = rest[close...]
        }
        return counts
    }
}
