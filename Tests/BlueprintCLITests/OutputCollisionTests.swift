import Foundation
import Testing

/// Outputs that would collide are refused before anything is written.
@Suite("Outputs that would collide are refused before anything is written")
struct OutputCollisionTests {
    static let good = CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml")

    @Test("two inputs rendering to one file are an error before anything is written")
    func collidingOutputs() throws {
        let root = try CLI.temporaryDirectory(), output = root.appendingPathComponent("out")
        for team in ["team-a", "team-b"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(team), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.good, to: root.appendingPathComponent("\(team)/flow.yaml"))
        }
        let result = try CLI.run(["render", "team-a", "team-b", "-o", "out", "--format", "dot"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("out/flow.yaml.dot: error: team-a/flow.yaml and team-b/flow.yaml would all be rendered to this file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))

        // Near miss: the common parent folder mirrors both into their own folders.
        let parent = try CLI.run(["render", ".", "-o", "out", "--format", "dot"], in: root)
        #expect(parent.status == 0, "\(parent.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("team-a/flow.dot").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("team-b/flow.dot").path))
    }

    @Test("names that differ only in case collide too (case-insensitive file systems)")
    func caseCollision() throws {
        let root = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: Self.good, to: root.appendingPathComponent("Flow.yaml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("b"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.good, to: root.appendingPathComponent("b/flow.yaml"))
        let result = try CLI.run(["render", "Flow.yaml", "b/flow.yaml", "-o", "out", "--format", "dot"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("would all be rendered to this file"))
    }
}
