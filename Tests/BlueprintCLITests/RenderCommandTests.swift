import Foundation
import Testing

@Suite("blueprint render")
struct RenderCommandTests {
    @Test("renders every blueprint, mirroring the folders, in each format", arguments: ["svg", "png", "pdf", "dot"])
    func rendersEachFormat(format: String) throws {
        let output = try CLI.temporaryDirectory()
        let input = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: input.appendingPathComponent("stores"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml"),
            to: input.appendingPathComponent("stores/retail.yaml"))
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml"),
            to: input.appendingPathComponent("clinic.yaml"))
        let result = try CLI.run(["render", input.path, "-o", output.path, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["stores/retail.\(format)", "clinic.\(format)"] {
            let data = try Data(contentsOf: output.appendingPathComponent(name))
            let magic: [String: [UInt8]] = ["svg": Array("<?xml".utf8), "png": [0x89, 0x50, 0x4E, 0x47], "pdf": Array("%PDF".utf8), "dot": Array("// Service blueprint".utf8)]
            #expect(Array(data.prefix(magic[format]!.count)) == magic[format]!, "\(name) starts like a \(format) file")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { !$0.hasSuffix(".\(format)") && $0 != "stores" }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
    }

    @Test("same input gives byte-identical SVG")
    func deterministic() throws {
        let first = try CLI.temporaryDirectory(), second = try CLI.temporaryDirectory()
        #expect(try CLI.run(["render", "blueprints", "-o", first.path, "--overlay", "findings"]).status == 0)
        #expect(try CLI.run(["render", "blueprints", "-o", second.path, "--overlay", "findings"]).status == 0)
        for name in ["after-sales-repair.svg", "clinic-visit.svg", "retail-store-service.svg"] {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)))
        }
    }

    @Test("keeps going past a bad file, renders the good ones, exits 2")
    func badFileAmongGood() throws {
        let input = try CLI.temporaryDirectory(), output = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml"), to: input.appendingPathComponent("a-good.yaml"))
        try "id: [unclosed\n".write(to: input.appendingPathComponent("b-bad.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml"), to: input.appendingPathComponent("c-good.yaml"))
        let result = try CLI.run(["render", input.path, "-o", output.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("b-bad.yaml:"))
        #expect(result.stderr.contains("error:"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("a-good.svg").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("c-good.svg").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("b-bad.svg").path))
    }

    @Test("an unwritable output directory is reported with exit 1")
    func unwritableOutput() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("not-a-directory")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["render", "blueprints/clinic-visit.yaml", "-o", file.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: cannot render to"))
    }

    @Test("an interrupted render leaves every previous output intact or completely replaced")
    func interruptedRender() throws {
        let input = try CLI.temporaryDirectory(), output = try CLI.temporaryDirectory()
        let source = CLI.packageRoot.appendingPathComponent("blueprints/after-sales-repair.yaml")
        let old = Data("previous rendering".utf8)
        for index in 0..<12 {
            try FileManager.default.copyItem(at: source, to: input.appendingPathComponent("copy-\(index).yaml"))
            try old.write(to: output.appendingPathComponent("copy-\(index).png"))
        }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["render", input.path, "-o", output.path, "--format", "png"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        for index in 0..<12 {
            let data = try Data(contentsOf: output.appendingPathComponent("copy-\(index).png"))
            let complete = data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.suffix(8) == Data([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
            #expect(data == old || complete, "copy-\(index).png is neither the previous file nor a complete PNG")
        }
    }

    @Test("a missing input is reported with exit 2")
    func missingInput() throws {
        let output = try CLI.temporaryDirectory()
        let result = try CLI.run(["render", "nope.yaml", "-o", output.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.yaml:1:1: error: no such file or directory"))
    }
}
