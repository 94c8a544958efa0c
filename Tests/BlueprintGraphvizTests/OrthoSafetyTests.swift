import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Graphviz 2.42's `splines=ortho` aborted the process (`maze.c: chkSgraph` assertion) on some
/// blueprints whose card sides were collinear. These tests check the general-position boxes and
/// route generated blueprints with the real router in a child process, so a regression fails the
/// test instead of killing the test runner.
@Suite("Ortho routing never aborts")
struct OrthoSafetyTests {
    @Test("No two node boxes share a side coordinate")
    func sidesAreDistinct() {
        // Same centres and mixed sizes: the arrangement that made the router abort.
        let count = 400
        var xs: Set<Double> = [], ys: Set<Double> = []
        for index in 0..<count {
            let width = [164.0016, 166.0, 167.004][index % 3]
            let height = [73.0008, 103.0032, 86.004][index % 3]
            let box = Drawing.routingBox(center: Point(x: 265 + Double(index % 4) * 218, y: 765.7 - Double(index % 5) * 141),
                                         width: width, height: height, index: index, count: count)
            #expect(box.width == box.width.rounded() && box.height == box.height.rounded())
            for x in [box.center.x - box.width / 2, box.center.x + box.width / 2] { #expect(xs.insert(x).inserted) }
            for y in [box.center.y - box.height / 2, box.center.y + box.height / 2] { #expect(ys.insert(y).inserted) }
        }
    }

    @Test("Offsets stay below half a point and distinct for large blueprints")
    func offsetsBounded() {
        for count in [1, 50, 4_000, 5_000, 100_000] {
            let step = Drawing.tieBreakStep(count: count)
            #expect(step > 0)
            #expect(Double(count) * step < Drawing.maximumTieBreak + 1e-9)
            #expect(DOTText.fine(step) != "0")
        }
        #expect(DOTText.fine(907.0001) == "907.0001")
        #expect(DOTText.fine(-3) == "-3")
        #expect(DOTText.fine(0.000_001) == "0.000001")
    }

    @Test("Generated blueprints route with ortho in a child process", arguments: [20, 50])
    func generatedBlueprintsRoute(steps: Int) throws {
        guard let neato = Self.executable("neato") else { return }
        for seed in UInt64(1)...30 {
            let blueprint = GeneratedBlueprint.make(steps: steps, stages: 5, seed: seed &* 7_919)
            let dot = DOTWriter().dot(for: blueprint)
            let status = try Self.run(neato, ["-n2", "-Tsvg"], input: dot)
            #expect(status == 0, "neato -n2 -Tsvg exited with \(status) for seed \(seed) (\(steps) steps)")
        }
    }

    /// Two `blueprint-bench corpus --count 300 --steps 50` blueprints whose DOT aborted `neato -n2`
    /// before the fix, kept in `Golden/` and read via `#filePath`.
    @Test("Previously aborting blueprints route with ortho in a child process",
          arguments: ["ortho-abort-001.yaml", "ortho-abort-011.yaml"])
    func previouslyAbortingBlueprints(file: String) throws {
        guard let neato = Self.executable("neato") else { return }
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let document = try BlueprintDocument.read(from: folder.appendingPathComponent(file).path)
        let status = try Self.run(neato, ["-n2", "-Tsvg"], input: DOTWriter().dot(for: document.blueprint))
        #expect(status == 0, "neato -n2 -Tsvg exited with \(status) for \(file)")
    }

    static func executable(_ name: String) -> URL? {
        for folder in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs a tool with `input` on stdin, discarding its output; the exit status, or -signal when killed.
    static func run(_ tool: URL, _ arguments: [String], input: String) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }
}
