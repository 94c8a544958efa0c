import Foundation
import Testing

/// A report run that produces nothing valid keeps the existing report; folder errors in plain words.
@Suite("A report run that produces nothing valid keeps the existing report")
struct ReportReplacementTests {
    static let good = CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml")

    @Test("a report run with only invalid inputs, or a mistyped path, leaves the existing report unchanged", arguments: ["md", "html"])
    func reportNotReplaced(format: String) throws {
        let directory = try CLI.temporaryDirectory()
        let report = directory.appendingPathComponent("report.\(format)")
        #expect(try CLI.run(["report", Self.good.path, "-o", report.path]).status == 0)
        let before = try Data(contentsOf: report)

        let bad = directory.appendingPathComponent("bad.yaml")
        try "id: [unclosed\n".write(to: bad, atomically: true, encoding: .utf8)
        let invalid = try CLI.run(["report", bad.path, "-o", report.path])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("error: no report written (no valid blueprint); an existing report is left unchanged"), "\(invalid.stderr)")
        #expect(try Data(contentsOf: report) == before)

        let mistyped = try CLI.run(["report", Self.good.path, directory.appendingPathComponent("blueprnts").path, "-o", report.path])
        #expect(mistyped.status == 2)
        #expect(mistyped.stderr.contains("blueprnts:1:1: error: no such file or directory"))
        #expect(mistyped.stderr.contains("error: no report written (an input path does not exist)"))
        #expect(try Data(contentsOf: report) == before)

        // Near miss: one invalid file among valid ones still writes the report (exit 2 for the bad file).
        let mixed = try CLI.run(["report", Self.good.path, bad.path, "-o", report.path])
        #expect(mixed.status == 2)
        #expect(FileManager.default.fileExists(atPath: report.path))
    }

    @Test("a folder that cannot be created is reported in plain words, not NSCocoaErrorDomain")
    func folderCreationFailure() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let render = try CLI.run(["render", Self.good.path, "-o", file.appendingPathComponent("out").path])
        #expect(render.status == 1)
        #expect(render.stderr.contains("cannot create folder '\(file.path)/out': '\(file.path)' is a file, not a folder"), "\(render.stderr)")
        #expect(!render.stderr.contains("NSCocoaErrorDomain"))
        let report = try CLI.run(["report", Self.good.path, "-o", file.appendingPathComponent("r.md").path])
        #expect(!report.stderr.contains("NSCocoaErrorDomain"), "\(report.stderr)")
        #expect(report.status == 1)
    }
}
