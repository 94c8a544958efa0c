import Foundation
import Testing

/// Symbolic links are followed with a loop guard; a path with no blueprint is an error.
@Suite("Symbolic links are followed with a loop guard")
struct SymlinkInputTests {
    static let good = CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml")

    @Test("a symlinked folder on the command line is followed: its broken blueprints fail the check")
    func symlinkedFolder() throws {
        let root = try CLI.temporaryDirectory()
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try "id: [unclosed\n".write(to: real.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "real")
        let result = try CLI.run(["check", "link"], in: root)
        #expect(result.status == 2)
        #expect(result.stdout.contains("link/broken.yaml:"), "\(result.stdout)")
        #expect(!result.stdout.contains("0 blueprints checked"))
    }

    @Test("symlinked files and folders inside a tree are followed once; a link loop ends")
    func symlinksInsideTree() throws {
        let root = try CLI.temporaryDirectory()
        let tree = root.appendingPathComponent("tree"), elsewhere = root.appendingPathComponent("elsewhere")
        for folder in [tree, elsewhere] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(at: Self.good, to: elsewhere.appendingPathComponent("linked-file.yaml"))
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "id: [unclosed\n".write(to: elsewhere.appendingPathComponent("sub/broken.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("file.yaml").path, withDestinationPath: "../elsewhere/linked-file.yaml")
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("folder").path, withDestinationPath: "../elsewhere/sub")
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("loop").path, withDestinationPath: ".")
        let result = try CLI.run(["check", "tree", "--format", "json"], in: root)
        #expect(result.status == 2)
        #expect(result.stdout.contains("tree/folder/broken.yaml"), "\(result.stdout)")
        let text = try CLI.run(["check", "tree", "--fail-on", "never"], in: root)
        #expect(text.stdout.contains("2 blueprints checked"), "\(text.stdout)")
    }

    @Test("a dangling link is an error, not silence")
    func danglingLink() throws {
        let root = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tree"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("tree/gone.yaml").path, withDestinationPath: "nowhere.yaml")
        let result = try CLI.run(["check", "tree"], in: root)
        #expect(result.status == 2)
        #expect(result.stdout.contains("tree/gone.yaml:1:1: error: symbolic link to a missing file"), "\(result.stdout)")
    }

    @Test("a path that yields no blueprint is an error (exit 2), for check and render")
    func zeroBlueprints() throws {
        let empty = try CLI.temporaryDirectory()
        try "notes".write(to: empty.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", empty.path])
        #expect(check.status == 2)
        #expect(check.stdout.contains("error: no blueprint files (.yaml, .yml, .json) found in this folder"), "\(check.stdout)")
        let render = try CLI.run(["render", empty.path, "-o", empty.appendingPathComponent("out").path])
        #expect(render.status == 2)
        // Near miss: a folder with one blueprint is fine.
        try FileManager.default.copyItem(at: Self.good, to: empty.appendingPathComponent("one.yaml"))
        #expect(try CLI.run(["check", empty.path, "--fail-on", "never"]).status == 0)
    }
}
