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
    /// average). Measured on Graphviz 2.42.2, debug build: −24 KiB with the fix, 7 904 KiB without it.
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
        // The child always exits 0 after measuring and says the growth on stderr; the bound is checked here, so
        // the number shows in a failure too.
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            do {
                let blueprint = RenderMemoryTests.blueprint()
                let renderer = GraphvizRenderer.shared
                // Warm-up: plugins, fonts and caches load during the first renders.
                for _ in 0..<10 { _ = try renderer.render(blueprint, format: .svg) }
                let before = RenderMemoryTests.residentKiB()
                for _ in 0..<RenderMemoryTests.renders { _ = try renderer.render(blueprint, format: .svg) }
                let after = RenderMemoryTests.residentKiB()
                say("growth=\(after - before) before=\(before) after=\(after)")
            } catch {
                say("render failed: \(error)")
                exit(2)
            }
        }
        let report = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        let fields = Dictionary(
            report.split(whereSeparator: \.isWhitespace).compactMap { field -> (String, Int)? in
                let parts = field.split(separator: "=")
                guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                return (String(parts[0]), value)
            }, uniquingKeysWith: { $1 })
        let growth = try #require(fields["growth"], "the child did not report: \(report)")
        #expect((fields["before"] ?? -1) > 0, "RSS could not be read: \(report)")
        #expect(growth <= Self.boundKiB, "RSS grew \(growth) KiB over \(Self.renders) renders (bound \(Self.boundKiB) KiB)")
        print("RSS growth over \(Self.renders) renders: \(growth) KiB (bound \(Self.boundKiB) KiB)")
    }
}
