import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Issue 10, defect 11: in-process RSS grew by about 12 KiB per render of a 30-step blueprint (78 KiB at
/// 200 steps), so a long-running tool that imports the renderer grew without bound. valgrind traced it to
/// Graphviz 2.42 itself (the `items` array of every HTML-like label line, and the nop2 layout's node list);
/// `GraphvizSession` now frees both.
///
/// The renders run in a child process (an exit test), so that other tests running in parallel in the test
/// process cannot move its resident set size.
@Suite("Render memory")
struct RenderMemoryTests {
    /// Renders after the warm-up.
    static let renders = 1_000
    /// The bound on RSS growth over ``renders`` renders of the 30-step blueprint, in KiB (2 KiB per render on
    /// average). Measured on Graphviz 2.42.2, debug build: 0.3 MiB with the fix, 11.3 MiB without it.
    static let boundKiB = 2_048

    /// The 30-step blueprint: every card has HTML-like text lines, some flows carry labels.
    static func blueprint() -> Blueprint { GeneratedBlueprint.make(steps: 30, stages: 4, seed: 11) }

    /// Resident set size of this process in KiB, from `/proc/self/statm` (Linux).
    static func residentKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return -1 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    @Test(.timeLimit(.minutes(5)))
    func residentMemoryStaysFlatOverAThousandRenders() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let blueprint = RenderMemoryTests.blueprint()
            let renderer = GraphvizRenderer.shared
            // Warm-up: plugins, fonts and caches load during the first renders.
            for _ in 0..<10 { _ = try renderer.render(blueprint, format: .svg) }
            let before = RenderMemoryTests.residentKiB()
            for _ in 0..<RenderMemoryTests.renders { _ = try renderer.render(blueprint, format: .svg) }
            let growth = RenderMemoryTests.residentKiB() - before
            FileHandle.standardError.write(Data("RSS growth over \(RenderMemoryTests.renders) renders: \(growth) KiB\n".utf8))
            if before < 0 || growth > RenderMemoryTests.boundKiB { exit(1) }
        }
        let report = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(report.contains("RSS growth over"), "the child did not report: \(report)")
        print(report.trimmingCharacters(in: .whitespacesAndNewlines) + " (bound \(Self.boundKiB) KiB)")
    }
}
