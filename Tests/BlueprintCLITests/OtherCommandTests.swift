import Foundation
import Testing

@Suite("blueprint report, diff, convert, init, schema, rules")
struct OtherCommandTests {
    @Test("HTML report embeds the diagrams and lists metrics and findings")
    func htmlReport() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report.html").path
        let result = try CLI.run(["report", "blueprints", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.components(separatedBy: "class=\"vw-viewport").count - 1 == 4)  // the four showcases' diagrams
        #expect(html.components(separatedBy: "class=\"vw-journey-map-svg\"").count - 1 == 4)  // and their journey maps
        #expect(html.contains("lead time"))
        #expect(html.contains("parallelizable-chain"))
        #expect(!html.contains("<?xml"), "inline SVG without its XML prolog")
    }

    @Test("render --format html writes one viewer page per blueprint, with its findings")
    func renderViewerPages() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["render", "blueprints", "-o", directory.path, "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(pages == ["after-sales-network-zh.html", "after-sales-repair.html", "clinic-visit.html", "retail-store-service.html"])
        let html = try String(contentsOf: directory.appendingPathComponent("clinic-visit.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "class=\"vw-viewport").count - 1 == 1)
        #expect(html.contains("id=\"vw-data\""))
        #expect(html.contains("\"rule\":"), "the page carries the findings")
        #expect(!html.contains("id=\"vw-blueprint\""), "one blueprint: no picker")
    }

    @Test("Markdown report links SVG diagrams written beside it")
    func markdownReport() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report.md").path
        let result = try CLI.run(["report", "blueprints/clinic-visit.yaml", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("![Outpatient clinic visit"))
        #expect(markdown.contains("(report.assets/clinic-visit.svg)"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.assets/clinic-visit.svg").path))
        #expect(markdown.contains("| lead time") || markdown.contains("lead time |"))
    }

    @Test("diff shows changed steps, metric deltas and fixed findings")
    func diff() throws {
        let directory = try CLI.temporaryDirectory()
        let old = CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml").path
        let text = try String(contentsOfFile: old, encoding: .utf8)
        let newPath = directory.appendingPathComponent("to-be.yaml").path
        // The to-be version drops the photocopy nobody needs.
        try text.replacingOccurrences(of: "Associate photocopies the receipt", with: "Associate scans the receipt")
            .write(toFile: newPath, atomically: true, encoding: .utf8)
        let result = try CLI.run(["diff", old, newPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("~ photocopy-receipt: title:"))
        #expect(result.stdout.contains("lead time"))
        #expect(result.stdout.contains("Findings fixed"))
        let json = try CLI.run(["diff", old, newPath, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["changedSteps"] as? [Any])?.count == 1)
    }

    @Test("convert YAML → JSON → YAML keeps the blueprint; check accepts the JSON")
    func convertRoundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        let json = directory.appendingPathComponent("clinic.json").path
        let yaml = directory.appendingPathComponent("clinic.yaml").path
        #expect(try CLI.run(["convert", "blueprints/clinic-visit.yaml", "-o", json]).status == 0)
        #expect(try CLI.run(["convert", json, "-o", yaml]).status == 0)
        #expect(try CLI.run(["check", json, "--fail-on", "never"]).status == 0)
        let again = directory.appendingPathComponent("again.json").path
        #expect(try CLI.run(["convert", yaml, "-o", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == Data(contentsOf: URL(fileURLWithPath: again)))
        let bad = try CLI.run(["convert", "blueprints/clinic-visit.yaml", "-o", directory.appendingPathComponent("x.txt").path])
        #expect(bad.status == 2)
    }

    @Test("init scaffolds a blueprint that checks clean and renders; refuses to overwrite")
    func initScaffold() throws {
        let directory = try CLI.temporaryDirectory()
        let created = try CLI.run(["init", "Pet Grooming"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let path = directory.appendingPathComponent("Pet Grooming.yaml").path
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("id: pet-grooming"))
        let check = try CLI.run(["check", path, "--fail-on", "warning"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try CLI.run(["render", path, "-o", directory.appendingPathComponent("out").path]).status == 0)
        #expect(try CLI.run(["init", "Pet Grooming"], in: directory).status == 2)
    }

    @Test("schema prints the JSON Schema; rules lists every rule")
    func schemaAndRules() throws {
        let schema = try CLI.run(["schema"])
        #expect(schema.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] != nil)
        let rules = try CLI.run(["rules", "--verbose"])
        #expect(rules.status == 0)
        for id in ["parallelizable-chain", "redundant-information-request", "missing-time-standard", "structure-dead-end"] {
            #expect(rules.stdout.contains(id))
        }
        #expect(rules.stdout.contains("fix:"))
    }

    @Test("--help explains the commands and exit codes; --version prints the version")
    func help() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        for word in ["check", "render", "report", "diff", "convert", "init", "schema", "rules", "Exit codes"] {
            #expect(help.stdout.contains(word))
        }
        #expect(try CLI.run(["--version"]).stdout.contains("0.1.0"))
    }
}

@Suite("blueprint capacity")
struct CapacityCommandTests {
    @Test("shows the bottleneck, the one-more-server what-if and seeded lead-time percentiles")
    func capacity() throws {
        let first = try CLI.run(["capacity", "blueprints/retail-store-service.yaml", "--iterations", "2000"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Duty manager (duty-manager)"))
        #expect(first.stdout.contains("93.3 %"))
        #expect(first.stdout.contains("add 1 server to duty-manager"))
        #expect(first.stdout.contains("exchange: P50"))
        let second = try CLI.run(["capacity", "blueprints/retail-store-service.yaml", "--iterations", "2000"])
        #expect(first.stdout == second.stdout, "same seed, same numbers")
        let moved = try CLI.run(["capacity", "blueprints/retail-store-service.yaml", "--iterations", "10", "--move", "reinspect-item=desk-associate"])
        #expect(moved.stdout.contains("reinspect-item"))
        #expect(try CLI.run(["capacity", "blueprints", "--move", "oops"]).status == 2)
    }
}
