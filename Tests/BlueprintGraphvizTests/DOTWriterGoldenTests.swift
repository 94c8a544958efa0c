import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Golden tests: the DOT text of small blueprints, compared byte for byte with files in `Golden/`.
/// Run with `UPDATE_GOLDEN=1` to rewrite the files after an intended change (then review the diff).
@Suite("DOT writer golden files")
struct DOTWriterGoldenTests {
    /// Golden files measure text with the built-in estimate: measured widths follow the fonts installed, and
    /// a golden file must read the same on a fresh CI machine as where it was written.
    static var golden: RenderOptions {
        var options = RenderOptions()
        options.textMeasurement = .estimate
        return options
    }

    static var topToBottom: RenderOptions {
        var options = golden
        options.direction = .topToBottom
        return options
    }

    @Test("Minimal blueprint") func minimal() throws {
        try expectGolden("minimal", DOTWriter(options: Self.golden).dot(for: Fixtures.minimal))
    }

    @Test("Every flow kind, badges and standards") func returns() throws {
        try expectGolden("returns", DOTWriter(options: Self.golden).dot(for: Fixtures.returns))
    }

    @Test("Overlay, top to bottom") func returnsOverlayTopToBottom() throws {
        try expectGolden(
            "returns-overlay-top-down", DOTWriter(options: Self.topToBottom).dot(for: Fixtures.returns, overlay: Fixtures.returnsOverlay))
    }

    @Test("Same input, same text") func deterministic() {
        let first = DOTWriter().dot(for: Fixtures.repair, overlay: Fixtures.repairOverlay)
        let second = DOTWriter().dot(for: Fixtures.repair, overlay: Fixtures.repairOverlay)
        #expect(first == second)
    }

    @Test("Overlay hidden by the option") func overlayOption() {
        var options = RenderOptions()
        options.showOverlay = false
        let hidden = DOTWriter(options: options).dot(for: Fixtures.returns, overlay: Fixtures.returnsOverlay)
        #expect(hidden == DOTWriter().dot(for: Fixtures.returns))
    }

    private func expectGolden(_ name: String, _ actual: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try GoldenFile.expect(name, actual, sourceLocation: sourceLocation)
    }
}
