import Foundation
import Testing

/// The rough edges a newcomer's walk-through found (issue 12), each reproduced first.
@Suite("Newcomer's rough edges")
struct NewcomerEdgeTests {
    /// A copy of `retail-store-service.yaml` without the photocopy step (the documented waste), rewired.
    static func retailWithoutPhotocopy(in directory: URL) throws -> String {
        let original = try String(contentsOf: CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml"), encoding: .utf8)
        var kept: [Substring] = []
        var skipping = false
        for line in original.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  - id: photocopy-receipt") { skipping = true; continue }
            if skipping, line.hasPrefix("  - id:") || !line.hasPrefix("    ") { skipping = false }
            if !skipping { kept.append(line) }
        }
        let text = kept.joined(separator: "\n").replacingOccurrences(
            of: "  - {from: inspect-item-desk, to: photocopy-receipt}\n  - {from: photocopy-receipt, to: wait-for-manager}",
            with: "  - {from: inspect-item-desk, to: wait-for-manager}")
        let path = directory.appendingPathComponent("to-be.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("check DIR leaves out the JSON Schema that init tells you to save next to the blueprint")
    func schemaBesideBlueprints() throws {
        let directory = try CLI.temporaryDirectory()
        #expect(try CLI.run(["init", "desk"], in: directory).status == 0)
        let schema = try CLI.run(["schema"])
        try schema.stdout.write(to: directory.appendingPathComponent("blueprint.schema.json"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", directory.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 blueprint checked"))
        #expect(!result.stdout.contains("$id"))
    }

    @Test("diff pairs a finding whose figures changed instead of listing it as fixed and introduced")
    func diffPairsChangedFindings() throws {
        let directory = try CLI.temporaryDirectory()
        let old = CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml").path
        let new = try Self.retailWithoutPhotocopy(in: directory)
        let result = try CLI.run(["diff", old, new])
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = result.stdout.components(separatedBy: "Findings fixed").last?.components(separatedBy: "Findings introduced").first ?? ""
        #expect(fixed.contains("[redundant-unused-output]"))
        #expect(!fixed.contains("[inconsistent-time-standards]"), "only its numbers changed")
        #expect(result.stdout.contains("Findings introduced (0)"))
        #expect(result.stdout.contains("with changed figures"))
        // The warning totals are the ones `check` reports for each file.
        let checked = try CLI.run(["check", new, "--fail-on", "never"])
        let warnings = checked.stdout.split(separator: "\n").filter { $0.contains(": warning: ") }.count
        #expect(result.stdout.contains("warnings: 32 → \(warnings) "), "\(result.stdout)")  // 23 + 5 KPIs below target + 4 SERVQUAL pain points (issue 16)
    }

    @Test("Markdown diff spells out added and removed; JSON diff metrics are numbers")
    func diffFormats() throws {
        let directory = try CLI.temporaryDirectory()
        let old = CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml").path
        let new = try Self.retailWithoutPhotocopy(in: directory)
        let markdown = try CLI.run(["diff", old, new, "--format", "markdown"]).stdout
        #expect(!markdown.contains("- - "))
        #expect(!markdown.contains("- + "))
        #expect(markdown.contains("- removed: photocopy-receipt"))
        let json = try CLI.run(["diff", old, new, "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let metrics = (object?["metrics"] as? [[String: Any]]) ?? []
        let steps = metrics.first { $0["metric"] as? String == "steps" }
        #expect(steps?["old"] as? Double == 43)
        #expect(steps?["new"] as? Double == 42)
        #expect(steps?["change"] as? Double == -1)
        let lead = metrics.first { ($0["metric"] as? String)?.hasPrefix("lead time") == true }
        #expect(lead?["unit"] as? String == "seconds")
        #expect(lead?["change"] as? Double == -120)
        // The typographic figures stay available for display, apart from the numbers.
        #expect((steps?["display"] as? [String: Any])?["change"] as? String == "\u{2212}1")
    }

    @Test("a misspelt --move is an input error with a suggestion")
    func capacityMoveTypo() throws {
        let path = "blueprints/retail-store-service.yaml"
        let wrong = try CLI.run(["capacity", path, "--move", "nope=desk-associat", "--iterations", "100"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("unknown step 'nope'"))
        #expect(wrong.stderr.contains("unknown actor 'desk-associat'; did you mean 'desk-associate'?"))
        let right = try CLI.run(["capacity", path, "--move", "photocopy-receipt=desk-associate", "--iterations", "100"])
        #expect(right.status == 0, "\(right.stderr)")
    }

    @Test("init quotes a name with spaces in the suggested commands and makes missing folders")
    func initEdges() throws {
        let directory = try CLI.temporaryDirectory()
        let spaced = try CLI.run(["init", "My Service"], in: directory)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout.contains("blueprint check 'My Service.yaml'"))
        let nested = try CLI.run(["init", "services/returns"], in: directory)
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("services/returns.yaml").path))
        #expect(try CLI.run(["check", "services/returns.yaml"], in: directory).status == 0)
    }

    @Test("text output gives each finding's fix on the line below; render can lay out top to bottom")
    func fixInTextAndDirection() throws {
        let check = try CLI.run(["check", "blueprints/retail-store-service.yaml", "--fail-on", "never"])
        let lines = check.stdout.split(separator: "\n")
        let unused = try #require(lines.firstIndex { $0.contains("[redundant-unused-output]") })
        #expect(lines[unused + 1].hasPrefix("    fix: "))
        let directory = try CLI.temporaryDirectory()
        let render = try CLI.run(["render", "blueprints/clinic-visit.yaml", "--direction", "top-to-bottom", "--format", "dot", "-o", directory.path])
        #expect(render.status == 0, "\(render.stderr)")
    }

    @Test("SARIF names the project's real home")
    func sarifToolURI() throws {
        let sarif = try CLI.run(["check", "blueprints/clinic-visit.yaml", "--format", "sarif", "--fail-on", "never"])
        #expect(sarif.stdout.contains("\"informationUri\" : \"https://github.com/service-blueprint/ServiceBlueprint\""))
    }

    @Test("convert IN OUT works like cp, -o - writes to standard output, and dropped comments are warned about")
    func convertEdges() throws {
        let directory = try CLI.temporaryDirectory()
        let input = CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml").path
        let positional = try CLI.run(["convert", input, "clinic.json"], in: directory)
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("clinic.json").path))
        #expect(positional.stderr.contains("\(input):1:1: warning: its "))
        #expect(positional.stderr.contains("comment lines are not kept in clinic.json"))
        let standardOutput = try CLI.run(["convert", input, "-o", "-"], in: directory)
        #expect(standardOutput.status == 0, "\(standardOutput.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(standardOutput.stdout.utf8)) as? [String: Any]
        #expect(object?["id"] as? String == "clinic-visit")
        let back = try CLI.run(["convert", "clinic.json", "-o", "-"], in: directory)
        #expect(back.stdout.hasPrefix("id: clinic-visit"))
        #expect(!back.stderr.contains("warning"), "JSON has no comments to lose")
        let nowhere = try CLI.run(["convert", input], in: directory)
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("say where to write"))
    }

    @Test("report -o into a folder that does not exist yet makes it, for HTML and Markdown alike")
    func reportMakesItsFolder() throws {
        let directory = try CLI.temporaryDirectory()
        for name in ["site/report.html", "docs/report.md"] {
            let result = try CLI.run(["report", CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml").path, "-o", name], in: directory)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
        }
    }
}
