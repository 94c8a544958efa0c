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

@Suite("Text measurement: bad input stays local")
struct MeasurementFailureTests {
    static let style = MeasuredWidths.Style(face: "Helvetica", size: 10)

    @Test("A NUL or other control character is not measured, and measuring goes on for everything else")
    func controlCharacters() throws {
        let cache = MeasuredWidths()
        let table = try #require(cache.widths(["a", "\0", "客", "\u{7}"], style: Self.style))
        #expect(table["\0"] == MeasuredWidths.unmeasurable)
        #expect(table["\u{7}"] == MeasuredWidths.unmeasurable)
        #expect((table["a"] ?? -1) > 0)
        #expect((table["客"] ?? -1) > 0)
        // Later texts are still measured: nothing was switched off for the process.
        let later = try #require(cache.widths(["b"], style: Self.style))
        #expect((later["b"] ?? -1) > 0)
    }

    @Test("A character Graphviz leaves out is remembered, not measured again on every text")
    func unmeasurableIsCached() throws {
        let cache = MeasuredWidths()
        _ = try #require(cache.widths(["x", "\0"], style: Self.style))
        let batches = cache.batches
        _ = try #require(cache.widths(["\0"], style: Self.style))
        _ = try #require(cache.widths(["x", "\0"], style: Self.style))
        #expect(cache.batches == batches)
    }

    @Test("A title with a NUL is drawn the same whether or not it came first: output never depends on earlier files")
    func orderIndependent() {
        let faces = FontFaces("Helvetica")
        let title = "一线客服 triage"
        let before = TextMetrics(faces: faces, measurement: .font, prepared: Set(title)).wrap(title, size: 11, maxWidth: 60)
        let hostile = TextMetrics(faces: faces, measurement: .font, prepared: Set("坏\0标题"))
        #expect(hostile.isMeasured)
        _ = hostile.wrap("坏\0标题", size: 11, maxWidth: 60)
        let after = TextMetrics(faces: faces, measurement: .font, prepared: Set(title))
        #expect(after.isMeasured)
        #expect(after.wrap(title, size: 11, maxWidth: 60) == before)
        // The control character costs the estimate, never a negative or zero-width surprise.
        #expect(hostile.width("\u{7}", size: 10) > 0)
    }
}

@Suite("Text measurement: italic")
struct ItalicMeasurementTests {
    @Test("Italic text is measured in the italic face, cached apart from the regular one")
    func italicFace() throws {
        let faces = FontFaces("Helvetica")
        let metrics = TextMetrics(faces: faces, measurement: .font, prepared: [])
        try #require(metrics.isMeasured)
        let text = "fifty fluffy waffles, mostly wide"
        let cairoItalic = try FontMeasurementTests.cairoWidth(text, face: faces.italic, size: 12)
        let cairoRegular = try FontMeasurementTests.cairoWidth(text, face: faces.regular, size: 12)
        // Here Helvetica-Oblique resolves to a font about 2 % wider than Helvetica: the regular widths miss.
        try #require(abs(cairoItalic - cairoRegular) / cairoRegular > 0.015, "\(cairoItalic) vs \(cairoRegular)")
        let italic = metrics.width(text, size: 12, italic: true)
        let regular = metrics.width(text, size: 12)
        #expect(abs(italic - cairoItalic) / cairoItalic < 0.01, "\(italic) vs cairo \(cairoItalic)")
        #expect(abs(regular - cairoRegular) / cairoRegular < 0.01, "\(regular) vs cairo \(cairoRegular)")
    }
}

@Suite("Line breaking: the rarer marks")
struct LineBreakingMarksTests {
    @Test("Half-width closing marks, unit signs and wave dashes never start a piece", arguments: Array("｡｣､･ｰ％‰℃°～〜﹐﹑﹒"))
    func noStart(mark: Character) {
        let words = TextMetrics.breakIntoWords("温度二十\(mark)以上")
        #expect(words.allSatisfy { $0.first != mark }, "\(words)")
        #expect(words.contains { $0.hasSuffix("十\(mark)") }, "\(words)")
    }

    @Test("Currency signs never end a piece", arguments: Array("＄￥£"))
    func noEnd(sign: Character) {
        let words = TextMetrics.breakIntoWords("价格\(sign)五十")
        #expect(words.allSatisfy { $0.last != sign }, "\(words)")
    }

    @Test("A two-em dash stays whole; a closing mark after a space stays with the word before it")
    func dashAndSpace() {
        #expect(TextMetrics.breakIntoWords("上门——备件").contains("——"))
        #expect(!TextMetrics.breakIntoWords("上门——备件").contains("—"))
        let words = TextMetrics.breakIntoWords("客户说 ）好")
        #expect(words.allSatisfy { $0.trimmingCharacters(in: .whitespaces).first != "）" }, "\(words)")
        // Near misses: an ideograph after a space, or a single dash, still breaks as usual.
        #expect(TextMetrics.breakIntoWords("客户 好").count == 4)
        #expect(TextMetrics.breakIntoWords("上—门").count == 3)
    }
}
