import Foundation
import Testing

/// `render` on a folder with `--jobs 2` lays out in worker processes (`__layout-worker`, issue 13): the drawings
/// and messages are the bytes of a `--jobs 1` run, also when a worker dies mid-run.
@Suite("render: Graphviz layout in worker processes")
struct LayoutWorkerCommandTests {
    /// A folder of 16 blueprints (the realism corpus and the Chinese showcase, whose PNG text is measured with
    /// the font), enough for `render` to start workers.
    static func folder() throws -> URL {
        let root = try CLI.temporaryDirectory()
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let realism = CLI.packageRoot.appendingPathComponent("corpus/realism")
        for name in try FileManager.default.contentsOfDirectory(atPath: realism.path).sorted() where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: realism.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        for name in ["after-sales-network-zh.yaml", "clinic-visit.yaml"] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("blueprints/\(name)"), to: input.appendingPathComponent(name))
        }
        return root
    }

    /// Runs `blueprint ARGS` in `directory` with `environment` added to this process's and an empty standard
    /// input, and returns its exit status, standard output and standard error.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let folder = try CLI.temporaryDirectory()
        let (output, errors) = (folder.appendingPathComponent("stdout"), folder.appendingPathComponent("stderr"))
        for file in [output, errors] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let (outputHandle, errorHandle) = (try FileHandle(forWritingTo: output), try FileHandle(forWritingTo: errors))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8), try String(contentsOf: errors, encoding: .utf8))
    }

    @Test("--jobs 2 writes the bytes of --jobs 1, in SVG, PNG and PDF, also when each worker is killed on its 3rd drawing",
          arguments: ["svg", "png", "pdf"])
    func sameDrawings(format: String) throws {
        let root = try Self.folder()
        let one = try Self.run(["render", "in", "-o", "one", "--format", format, "--jobs", "1"], in: root)
        #expect(one.status == 0, "\(one.stderr)")
        let oneFiles = try ParallelFilesTests.contents(of: root.appendingPathComponent("one"))
        #expect(oneFiles.count == 16)
        let two = try Self.run(["render", "in", "-o", "two", "--format", format, "--jobs", "2"], in: root)
        #expect(two.status == one.status)
        #expect(two.stderr == one.stderr.replacingOccurrences(of: " to one", with: " to two"))
        #expect(try ParallelFilesTests.contents(of: root.appendingPathComponent("two")) == oneFiles, "the same files, byte for byte")
        let killed = try Self.run(
            ["render", "in", "-o", "killed", "--format", format, "--jobs", "2"], in: root,
            environment: ["BLUEPRINT_TEST_LAYOUT_WORKER_KILLED_AT": "3"])
        #expect(killed.status == one.status)
        #expect(killed.stderr == one.stderr.replacingOccurrences(of: " to one", with: " to killed"), "nothing extra is reported")
        #expect(try ParallelFilesTests.contents(of: root.appendingPathComponent("killed")) == oneFiles)
    }

    @Test("The worker command is hidden from help and ends cleanly when its input ends")
    func hiddenCommand() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("layout-worker"), "\(help.stdout)")
        let worker = try Self.run(["__layout-worker"], in: CLI.packageRoot)  // standard input: /dev/null
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stdout.isEmpty)
    }
}
