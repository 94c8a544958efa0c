import Foundation
import Testing

/// Hostile inputs to the CLI: ids that try to leave the output folder, and file names that would.
@Suite("Hostile input")
struct HostileInputTests {
    /// A minimal valid blueprint with `id` and `title` (YAML double-quoted, so escapes work).
    static func blueprint(id: String, title: String = "T") -> String {
        """
        id: "\(id)"
        title: "\(title)"
        stages: [{id: s, title: S}]
        steps:
          - {id: a, title: A, lane: customer, stage: s}
          - {id: b, title: B, lane: frontstage, stage: s}
        flows: [{from: a, to: b}]

        """
    }

    @Test("an id with ../ or NUL is refused by check and never becomes a file outside the assets folder")
    func traversalID() throws {
        let directory = try CLI.temporaryDirectory()
        let reportFolder = directory.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: reportFolder, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config.yml")
        try "keep: me\n".write(to: config, atomically: true, encoding: .utf8)
        let input = directory.appendingPathComponent("evil.yaml")
        try Self.blueprint(id: "../../config.yml\\u0000").write(to: input, atomically: true, encoding: .utf8)

        let check = try CLI.run(["check", input.path])
        #expect(check.status == 2)
        #expect(check.stdout.contains("evil.yaml:1:5: error: blueprint id '../../config.yml\\u{0}' may only contain letters, digits, '-', '_' and '.'; did you mean 'config.yml'?"), "\(check.stdout)")

        let report = try CLI.run(["report", input.path, "-o", reportFolder.appendingPathComponent("r.md").path])
        #expect(report.status == 2)
        #expect(try String(contentsOf: config, encoding: .utf8) == "keep: me\n")
        let everything = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
        #expect(everything == ["config.yml", "evil.yaml", "site"], "\(everything)")
    }

    @Test("render output names come from the sanitiser: a control character in a file name is replaced")
    func renderNames() throws {
        let input = try CLI.temporaryDirectory(), output = try CLI.temporaryDirectory()
        try Self.blueprint(id: "ok").write(to: input.appendingPathComponent("we\u{1}ird:name.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["render", input.path, "-o", output.path, "--format", "dot"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["we-ird-name.dot"])
    }
}
