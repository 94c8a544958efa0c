import Foundation
import Testing

/// `--jobs`: several files at once give the same output, byte for byte, as one file at a time (issue 13).
@Suite("--jobs: parallel files, same output")
struct ParallelFilesTests {
    /// A folder of 12 blueprints with errors and findings: the three showcase files, six from the
    /// realism corpus in a subfolder whose configuration has a located error and turns a rule off,
    /// a JSON copy, a file that does not validate, and one that is not YAML at all.
    static func mixedFolder() throws -> URL {
        let root = try CLI.temporaryDirectory().appendingPathComponent("mixed")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["after-sales-repair.yaml", "clinic-visit.yaml", "retail-store-service.yaml"] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("blueprints/\(name)"), to: root.appendingPathComponent(name))
        }
        for name in [
            "bank-account-opening.yaml", "car-dealer-service.yaml", "ecommerce-return.yaml", "hotel-stay-sketch.yaml",
            "it-help-desk-incident.yaml", "outpatient-clinic-visit.yaml",
        ] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("corpus/realism/\(name)"), to: corpus.appendingPathComponent(name))
        }
        try "rules:\n  missing-time-standard:\n    enabled: false\n  parallelizable-chian:\n    enabled: false\n".write(
            to: corpus.appendingPathComponent(".blueprint.yml"), atomically: true, encoding: .utf8)
        try CheckCommandTests.brokenYAML.write(to: root.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try "id: [unclosed\n".write(to: root.appendingPathComponent("garbled.yaml"), atomically: true, encoding: .utf8)
        let converted = try CLI.run(["convert", "blueprints/clinic-visit.yaml", "-o", root.appendingPathComponent("clinic-copy.json").path])
        #expect(converted.status == 0, "\(converted.stderr)")
        return root
    }

    /// Every file under `folder` with its bytes, by relative path.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [])
        while let url = enumerator?.nextObject() as? URL {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Runs `arguments` in `folder` with `--jobs 1` and then `--jobs 4`, and reads what each run wrote
    /// to `outputFolder` (relative to `folder`); the first run's folder is removed before the second,
    /// so both write to the same paths and print the same names.
    static func bothWays(_ arguments: [String], in folder: URL, outputFolder: String? = nil) throws
        -> (one: CLI.Result, four: CLI.Result, oneFiles: [String: Data], fourFiles: [String: Data])
    {
        let written = outputFolder.map { folder.appendingPathComponent($0) }
        // `report` writes into an existing folder; `render` and `convert` create theirs.
        if let written { try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true) }
        let one = try CLI.run(arguments + ["--jobs", "1"], in: folder)
        let oneFiles = try written.map(contents(of:)) ?? [:]
        if let written { try FileManager.default.removeItem(at: written) }
        if let written { try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true) }
        let four = try CLI.run(arguments + ["--jobs", "4"], in: folder)
        let fourFiles = try written.map(contents(of:)) ?? [:]
        return (one, four, oneFiles, fourFiles)
    }

    @Test("check: text, JSON and SARIF output, and the exit status, are the same with 1 and 4 workers")
    func check() throws {
        let folder = try Self.mixedFolder()
        for format in ["text", "json", "sarif"] {
            let runs = try Self.bothWays(["check", "mixed", "--format", format, "--fail-on", "never"], in: folder.deletingLastPathComponent())
            #expect(runs.one.status == 2, "a broken file and a configuration error: exit 2")
            #expect(runs.one.stdout.contains("unknown lane 'backstge'"), "\(runs.one.stdout)")
            #expect(runs.one.stdout.contains("parallelizable-chian"), "the configuration's error is reported")
            #expect(runs.one.stdout.contains("clinic-copy.json"), "the JSON file is analysed")
            #expect(runs.four.status == runs.one.status)
            #expect(runs.four.stdout == runs.one.stdout, "\(format)")
            #expect(runs.four.stderr == runs.one.stderr)
        }
        let text = try CLI.run(["check", "mixed", "--fail-on", "never", "--jobs", "2"], in: folder.deletingLastPathComponent())
        #expect(text.stdout.contains("12 blueprints checked"), "\(text.stdout)")
    }

    @Test("render with the findings overlay: the same drawings and messages with 1 and 4 workers")
    func render() throws {
        let folder = try Self.mixedFolder()
        let runs = try Self.bothWays(
            ["render", "mixed", "-o", "out", "--overlay", "findings"], in: folder.deletingLastPathComponent(), outputFolder: "out")
        #expect(runs.one.status == 2, "\(runs.one.stderr)")
        #expect(runs.one.stderr.contains("rendered 10 of 12 blueprints to out"), "\(runs.one.stderr)")
        #expect(runs.one.stderr.contains("parallelizable-chian"), "the configuration's error is reported with the overlay")
        #expect(runs.oneFiles.count == 10)
        #expect(runs.four.status == runs.one.status)
        #expect(runs.four.stderr == runs.one.stderr)
        #expect(runs.fourFiles == runs.oneFiles, "the same SVG files, byte for byte")
    }

    @Test("report: the same HTML page and messages with 1 and 4 workers")
    func report() throws {
        let folder = try Self.mixedFolder()
        let runs = try Self.bothWays(["report", "mixed", "-o", "page/report.html"], in: folder.deletingLastPathComponent(), outputFolder: "page")
        #expect(runs.one.status == 2, "\(runs.one.stderr)")
        #expect(runs.one.stderr.contains("broken.yaml:8:11: error: unknown lane 'backstge'"), "\(runs.one.stderr)")
        #expect(runs.oneFiles.count == 1)
        #expect(runs.four.status == runs.one.status)
        #expect(runs.four.stderr == runs.one.stderr)
        #expect(runs.fourFiles == runs.oneFiles, "the same page, byte for byte")
        let markdown = try Self.bothWays(["report", "mixed", "-o", "notes/report.md"], in: folder.deletingLastPathComponent(), outputFolder: "notes")
        #expect(markdown.oneFiles.count == 11, "the page and 10 diagrams")
        #expect(markdown.fourFiles == markdown.oneFiles)
    }

    @Test("convert a folder: the same files and messages with 1 and 4 workers; --to is needed")
    func convert() throws {
        let folder = try Self.mixedFolder()
        let runs = try Self.bothWays(["convert", "mixed", "-o", "json", "--to", "json"], in: folder.deletingLastPathComponent(), outputFolder: "json")
        #expect(runs.one.status == 2, "\(runs.one.stderr)")
        #expect(runs.one.stderr.contains("converted 10 of 12 blueprints to json"), "\(runs.one.stderr)")
        #expect(runs.oneFiles.keys.sorted().contains("/corpus/bank-account-opening.json"), "\(runs.oneFiles.keys.sorted())")
        #expect(runs.four.status == runs.one.status)
        #expect(runs.four.stderr == runs.one.stderr)
        #expect(runs.fourFiles == runs.oneFiles)
        let back = try CLI.run(["check", "json", "--fail-on", "never"], in: folder.deletingLastPathComponent())
        #expect(back.stdout.contains("10 blueprints checked"), "the converted files read back: \(back.stdout)")
        let noFormat = try CLI.run(["convert", "mixed", "-o", "out"], in: folder.deletingLastPathComponent())
        #expect(noFormat.status == 2)
        #expect(noFormat.stderr.contains("--to yaml or --to json"), "\(noFormat.stderr)")
    }

    @Test("--jobs 0 is a usage error")
    func zeroJobs() throws {
        let result = try CLI.run(["check", "blueprints", "--jobs", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs must be at least 1"), "\(result.stderr)")
    }

    @Test("one-character output names (Foundation's deletingLastPathComponent traps on them) render, report and convert")
    func oneCharacterOutputs() throws {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml"), to: folder.appendingPathComponent("c.yaml"))
        let render = try CLI.run(["render", "c.yaml", "-o", "o", "--format", "dot"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("o/c.dot").path))
        let report = try CLI.run(["report", "c.yaml", "-o", "r"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r").path))
        let convert = try CLI.run(["convert", "c.yaml", "-o", "j", "--to", "json"], in: folder)
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("j/c.json").path))
    }
}
