import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Measurement that cannot go wrong for the reader: text drawn elsewhere is not sized for this machine's
/// fonts, and bad input never changes how later drawings are measured.
@Suite("Text measurement: safe for every output and every input")
struct MeasurementSafetyTests {
    static let showcase = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("blueprints/after-sales-network-zh.yaml")

    @Test("SVG and DOT are sized with the estimate: the viewer draws them with fonts this machine may not have")
    func svgAndDOTEstimate() throws {
        let blueprint = try BlueprintDocument.read(from: Self.showcase.path).blueprint
        var estimate = RenderOptions()
        estimate.textMeasurement = .estimate
        let writer = DOTWriter(options: RenderOptions())  // `.font`, the default
        #expect(!writer.drawing(for: blueprint).metrics.isMeasured)
        #expect(writer.dot(for: blueprint) == DOTWriter(options: estimate).dot(for: blueprint))
        // Near miss: PNG and PDF are drawn here by cairo, so they are measured with the font that draws them.
        #expect(writer.drawing(for: blueprint, drawsWithCairo: true).metrics.isMeasured)
        #expect(!DOTWriter(options: estimate).drawing(for: blueprint, drawsWithCairo: true).metrics.isMeasured)
    }
}
