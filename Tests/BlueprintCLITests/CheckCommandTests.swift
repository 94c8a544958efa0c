import Foundation
import Testing

@Suite("blueprint check")
struct CheckCommandTests {
    static let brokenYAML = """
        id: broken
        title: Broken
        stages:
          - id: one
        steps:
          - id: a
            title: A
            lane: backstge
            stage: one
          - id: b
            title: B
            lane: customer
            stage: two
        flows:
          - {from: a, to: c}

        """

    @Test("valid showcase blueprints: exit 0 with compiler-style findings")
    func showcaseIsValid() throws {
        let result = try CLI.run(["check", "blueprints", "--fail-on", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("blueprints/after-sales-repair.yaml:"))
        #expect(result.stdout.contains("[parallelizable-chain]"))
        #expect(result.stdout.contains("4 blueprints checked"))
    }

    @Test("findings at or above --fail-on give exit 1")
    func failOnWarning() throws {
        let result = try CLI.run(["check", "blueprints/retail-store-service.yaml", "--fail-on", "warning"])
        #expect(result.status == 1)
        let lenient = try CLI.run(["check", "blueprints/retail-store-service.yaml", "--fail-on", "error"])
        #expect(lenient.status == 0)
    }

    @Test("a broken file among good ones: every error located, the good files still analyzed, exit 2")
    func brokenAmongGood() throws {
        let directory = try CLI.temporaryDirectory()
        for name in ["after-sales-repair.yaml", "clinic-visit.yaml"] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("blueprints/\(name)"),
                to: directory.appendingPathComponent(name))
        }
        try Self.brokenYAML.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", directory.path, "--fail-on", "never"])
        #expect(result.status == 2)
        let brokenPath = directory.appendingPathComponent("broken.yaml").path
        #expect(result.stdout.contains("\(brokenPath):8:11: error: unknown lane 'backstge'; did you mean 'backstage'?"), "\(result.stdout)")
        #expect(result.stdout.contains("\(brokenPath):13:12: error:"), "unknown stage is located")
        #expect(result.stdout.contains("\(brokenPath):15:19: error: unknown step 'c'"), "unknown flow target is located")
        #expect(result.stdout.contains("clinic-visit.yaml:"), "the good files are still analyzed")
    }

    @Test("a missing file is reported and gives exit 2")
    func missingFile() throws {
        let result = try CLI.run(["check", "no-such-blueprint.yaml"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("no-such-blueprint.yaml:1:1: error: no such file or directory"))
    }

    @Test("wrong usage gives exit 2 with a usage message")
    func usageError() throws {
        let result = try CLI.run(["check", "blueprints", "--format", "xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--format"))
    }

    @Test("JSON output is machine-readable and byte-identical across runs")
    func jsonOutput() throws {
        let first = try CLI.run(["check", "blueprints", "--format", "json", "--fail-on", "never"])
        let second = try CLI.run(["check", "blueprints", "--format", "json", "--fail-on", "never"])
        #expect(first.stdout == second.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        let problems = object?["problems"] as? [[String: Any]] ?? []
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0["ruleID"] is String && $0["path"] is String && $0["severity"] is String })
    }

    @Test("GitHub annotations")
    func githubOutput() throws {
        let result = try CLI.run(["check", "blueprints/clinic-visit.yaml", "--format", "github", "--fail-on", "never"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice file=") || $0.hasPrefix("::error file=") })
        #expect(result.stdout.contains(",line="))
    }

    @Test("SARIF output validates against the SARIF 2.1.0 schema (Python jsonschema)")
    func sarifValidates() throws {
        let directory = try CLI.temporaryDirectory()
        try Self.brokenYAML.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/after-sales-repair.yaml"),
            to: directory.appendingPathComponent("good.yaml"))
        let result = try CLI.run(["check", directory.path, "--format", "sarif", "--fail-on", "never"])
        #expect(result.status == 2, "the broken file makes the run invalid")
        let sarif = directory.appendingPathComponent("out.sarif")
        try result.stdout.write(to: sarif, atomically: true, encoding: .utf8)
        let schema = CLI.packageRoot.appendingPathComponent("Tests/BlueprintCLITests/Schemas/sarif-2.1.0-subset.schema.json")
        let validation = try Python.run("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator.check_schema(schema)
            jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
            results = log["runs"][0]["results"]
            rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
            assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results), "ruleIndex must point at ruleId"
            print(len(results))
            """, arguments: [schema.path, sarif.path])
        #expect(validation.status == 0, "\(validation.stderr)")
        #expect((Int(validation.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 5)
        #expect(result.stdout.contains("\"ruleId\" : \"invalid-blueprint\""))
    }

    @Test(".blueprint.yml next to the blueprints applies to them, from any working directory")
    func configurationNextToBlueprints() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("team/blueprints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml"), to: folder.appendingPathComponent("clinic.yaml"))
        let before = try CLI.run(["check", folder.path, "--fail-on", "never"])
        #expect(before.stdout.contains("[missing-time-standard]"))
        try "rules:\n  missing-time-standard:\n    enabled: false\n".write(
            to: folder.deletingLastPathComponent().appendingPathComponent(".blueprint.yml"), atomically: true, encoding: .utf8)
        let after = try CLI.run(["check", folder.path, "--fail-on", "never"])
        #expect(after.status == 0)
        #expect(!after.stdout.contains("[missing-time-standard]"), "the configuration in the parent folder applies")
        #expect(after.stdout.contains("[parallelizable-chain]"), "other rules still run")
    }

    @Test("a configuration file disables rules; a typo in it is a located error")
    func configuration() throws {
        let directory = try CLI.temporaryDirectory()
        let config = directory.appendingPathComponent("quiet.yml")
        try "rules:\n  parallelizable-chain:\n    enabled: false\n".write(to: config, atomically: true, encoding: .utf8)
        let quiet = try CLI.run(["check", "blueprints", "--config", config.path, "--fail-on", "never"])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("[parallelizable-chain]"))
        let typo = directory.appendingPathComponent("typo.yml")
        try "rules:\n  parallelizable-chian:\n    enabled: false\n".write(to: typo, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "blueprints", "--config", typo.path, "--fail-on", "never"])
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("\(typo.path):2:3: error:"), "\(bad.stdout)")
        #expect(bad.stdout.contains("did you mean 'parallelizable-chain'?"))
    }

    @Test("duplicate keys in a long mapping (the reader's dictionary path) are located like in a short one")
    func duplicateKeysInLongMapping() throws {
        let extra = (1...16).map { "    note\($0): x\n" }.joined()
        let text = Self.brokenYAML
            .replacingOccurrences(of: "    lane: backstge\n", with: "    lane: backstage\n" + extra + "    title: Again\n")
        let file = try CLI.temporaryDirectory().appendingPathComponent("long.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("long.yaml:25:5: error: duplicate key 'title' (first at line 7, column 5)"), "\(result.stdout)")
        #expect(result.stdout.contains("long.yaml:9:5: error: unknown key 'note1' in step"), "\(result.stdout)")
    }
}

/// Runs a Python snippet; the schema tests need Python's jsonschema (installed by scripts/setup.sh).
enum Python {
    static func run(_ code: String, arguments: [String]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
