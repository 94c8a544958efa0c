import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Fonts for PNG and PDF: which characters the installed fonts can draw (fontconfig's coverage), the font
/// chain for CJK text, and the warning for characters that would be empty boxes.
@Suite("Fonts: coverage, chain and missing glyphs")
struct FontCoverageTests {
    static let showcase = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("blueprints/after-sales-network-zh.yaml")

    static let sample = FontCoverage(fcList: """
        DejaVu Sans|20-7e a0-17f 2000-206f
        WenQuanYi Micro Hei|20-7e 3000-303f 4e00-9fa5 ff00-ffef
        WenQuanYi Micro Hei|3040-30ff ac00-d7a3
        Noto Sans CJK JP|20-7e 3000-30ff 4e00-9fff
        """)

    @Test("fc-list's charset ranges are read, merged per family and searched")
    func parsesCoverage() {
        #expect(Self.sample.families.map(\.name) == ["DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK JP"])
        #expect(Self.sample.covers("客"))
        #expect(Self.sample.covers("が"))  // second line of the same family
        #expect(Self.sample.covers("한"))
        #expect(!Self.sample.covers("\u{E000}"))  // near miss: private use, no font
        #expect(!Self.sample.covers("🔧"))
        #expect(Self.sample.covers("\u{200D}"))  // joiners need no glyph
        #expect(Self.sample.uncovered(Set(["客", "🔧", "a", "\u{E000}"])) == ["\u{E000}", "🔧"])
    }

    @Test("The chain adds the installed CJK font for the text's language, and nothing for Latin text")
    func chain() {
        #expect(FontChain.family(base: "Helvetica", characters: Set("Repair"), coverage: Self.sample) == "Helvetica")
        #expect(FontChain.family(base: "Helvetica", characters: Set("客服热线"), coverage: Self.sample) == "Helvetica,WenQuanYi Micro Hei")
        #expect(FontChain.family(base: "Helvetica", characters: Set("カスタマー窓口"), coverage: Self.sample) == "Helvetica,Noto Sans CJK JP")
        #expect(FontChain.family(base: "Helvetica", characters: Set("고객센터"), coverage: Self.sample) == "Helvetica,WenQuanYi Micro Hei")
        #expect(FontChain.family(base: "Helvetica", characters: Set("客服"), coverage: nil) == "Helvetica")
        #expect(FontChain.family(base: "A,B", characters: Set("客服"), coverage: Self.sample) == "A,B")
    }

    @Test("The warning names the characters and the package to install; none without missing glyphs")
    func warning() throws {
        let note = try #require(RenderNote.missingGlyphs(["客", "🔧"]))
        #expect(note.code == .missingGlyphs)
        #expect(note.message.contains("'客' (U+5BA2)"))
        #expect(note.message.contains("'🔧' (U+1F527)"))
        #expect(note.message.contains("fonts-noto-cjk"))
        #expect(note.message.contains("fonts-noto-color-emoji"))
        #expect(RenderNote.missingGlyphs([]) == nil)
    }

    /// Acceptance (issue 19): a Chinese blueprint renders to PNG with every glyph from a real font. Checked
    /// with fontconfig's coverage query for every character drawn, and the PNG is drawn with the CJK font
    /// named in its font chain. The near miss, a character no font has, is reported.
    @Test("The Chinese showcase renders to PNG with no glyph falling back to the missing-glyph box")
    func chineseShowcasePNG() throws {
        let coverage = try #require(FontCoverage.installed, "fc-list is not available")
        let blueprint = try BlueprintDocument.read(from: Self.showcase.path).blueprint
        #expect(coverage.uncovered(blueprint.drawnCharacters).isEmpty, "\(coverage.uncovered(blueprint.drawnCharacters))")
        #expect(GraphvizRenderer.shared.fontNotes(for: blueprint, format: .png).isEmpty)

        let drawing = try GraphvizRenderer.checkedDrawing(blueprint, format: .png, options: .init(), overlay: nil)
        let chained = drawing.fontName
        #expect(chained.hasPrefix("Helvetica,"), "no CJK font chosen: \(chained)")
        let cjkFamily = String(chained.dropFirst("Helvetica,".count))
        #expect(blueprint.drawnCharacters.allSatisfy { character in
            character.unicodeScalars.allSatisfy { !CJKScript.isCJK($0) || coverage.families.first { $0.name == cjkFamily }?.covers($0.value) == true }
        })
        let png = try GraphvizRenderer.shared.render(blueprint, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // SVG and DOT keep the plain family: the viewer picks its fonts.
        #expect(DOTWriter().dot(for: blueprint).contains("fontname=\"Helvetica\""))

        var flawed = blueprint
        flawed.steps[0].title += " \u{E000}"
        let notes = GraphvizRenderer.shared.fontNotes(for: flawed, format: .png)
        #expect(notes.map(\.code) == [.missingGlyphs])
        #expect(notes.first?.message.contains("U+E000") == true)
        #expect(GraphvizRenderer.shared.fontNotes(for: flawed, format: .svg).isEmpty)
    }

    /// The width in pixels of a PNG showing `text` at 40 pt in `font`, read from the PNG header.
    static func pngWidth(_ text: String, font: String) throws -> Int {
        let dot = "digraph{graph[pad=0]; node[shape=plaintext, margin=0, width=0, height=0, fontname=\"\(font)\", "
            + "fontsize=40]; a[label=\"\(text)\"]}"
        let png = [UInt8](try GraphvizRenderer.shared.render(dot: dot, format: .png))
        return png[16...19].reduce(0) { $0 << 8 | Int($1) }
    }

    /// The pixel side of the acceptance: in a PNG, pango draws a character no font has as a box with its
    /// hexadecimal code, narrower than an ideograph (about 0.85 em against 1 em). Every CJK character of the
    /// Chinese showcase, drawn alone, must come out as wide as an ideograph, not as a box; a private-use
    /// character (no font has it) is the box to compare with.
    @Test("In PNG every CJK character of the showcase is drawn one em wide, not as a missing-glyph box")
    func cjkGlyphsInPNG() throws {
        let blueprint = try BlueprintDocument.read(from: Self.showcase.path).blueprint
        let font = try GraphvizRenderer.checkedDrawing(blueprint, format: .png, options: .init(), overlay: nil).fontName
        let box = try Self.pngWidth("\u{E000}", font: font)
        let ideograph = try Self.pngWidth("一", font: font)
        #expect(Double(ideograph) > Double(box) * 1.08, "box \(box) px, ideograph \(ideograph) px")
        let ideographs = blueprint.drawnCharacters.filter { $0.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(ideographs.count > 100)
        for character in ideographs.sorted() {
            let width = try Self.pngWidth(String(character), font: font)
            #expect(abs(width - ideograph) <= 2, "'\(character)' is \(width) px wide (ideograph \(ideograph), box \(box))")
        }
    }
}

/// Review fixes of the font code (issue 19): a bounded `fc-list`, scalar caps, one coverage count per family,
/// a bounded width cache, one CJK table, and a missing-glyph check that knows the drawing's language.
@Suite("Fonts: bounds and review fixes")
struct FontReviewFixTests {
    @Test("Output over the cap gives no answer at all, not a partial one; near miss: under the cap is read whole")
    func overLongOutputIsNil() {
        let over = FontCoverage.boundedOutput(
            of: "/bin/sh", arguments: ["-c", "head -c 300000 /dev/zero | tr '\\0' x"], limit: 100_000, timeout: 20)
        #expect(over == nil)
        let under = FontCoverage.boundedOutput(
            of: "/bin/sh", arguments: ["-c", "head -c 50000 /dev/zero | tr '\\0' x"], limit: 100_000, timeout: 20)
        #expect(under?.count == 50_000)
    }

    @Test("A child that keeps writing, or ignores SIGTERM, never hangs the reader")
    func childrenAreStopped() {
        let start = Date()
        #expect(FontCoverage.boundedOutput(of: "/bin/sh", arguments: ["-c", "yes"], limit: 1_000_000, timeout: 20) == nil)
        #expect(FontCoverage.boundedOutput(of: "/bin/sh", arguments: ["-c", "trap '' TERM; echo a; exec sleep 30"], timeout: 0.5) == nil)
        // A failing command and a truncated one (exit status) give nothing either.
        #expect(FontCoverage.boundedOutput(of: "/bin/sh", arguments: ["-c", "echo partial; exit 3"]) == nil)
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test("The measuring cap counts Unicode scalars: a few characters with many combining marks are estimated")
    func capCountsScalars() {
        let faces = FontFaces("Helvetica")
        // 1 000 distinct characters, each an ideograph with three combining marks: 4 000 scalars.
        let marked = Set((0..<1_000).map { Character("\(Character(Unicode.Scalar(0x4E00 + $0)!))\u{0301}\u{0302}\u{0303}") })
        #expect(marked.count == 1_000)
        #expect(!TextMetrics.isAffordable(marked))
        #expect(!TextMetrics(faces: faces, measurement: .font, prepared: marked).isMeasured)
        // Near miss: the same number of plain ideographs is measured.
        let plain = Set((0..<1_000).map { Character(Unicode.Scalar(0x4E00 + $0)!) })
        #expect(TextMetrics.isAffordable(plain))
    }

    @Test("Each family's CJK coverage is counted once, not once per comparison")
    func coverageCountedOncePerFamily() {
        let families = (0..<40).map { "Font \($0)|20-7e 4e00-4eff" }.joined(separator: "\n")
        let coverage = FontCoverage(fcList: families)
        let text = Set("一丁丂七丄丅丆万丈三上下")
        var work = 0
        let chain = FontChain.family(base: "Helvetica", characters: text, coverage: coverage, work: &work)
        #expect(chain == "Helvetica,Font 39" || chain.hasPrefix("Helvetica,Font "))
        #expect(work <= 40 * text.count, "\(work) coverage lookups")
    }

    @Test("The width cache stays under its bound; near miss: under the bound nothing is dropped")
    func widthCacheIsBounded() throws {
        let cache = MeasuredWidths(limit: 60)
        let style = MeasuredWidths.Style(face: "Helvetica", size: 10)
        let text = Array("客服热线技术支持上门工程师区域备件中心")
        let first = try #require(cache.widths(text, style: style))
        #expect(first.count == text.count)
        #expect(cache.count == text.count)
        for size in [11.0, 12, 13, 14, 15] {
            let table = try #require(cache.widths(text, style: .init(face: "Helvetica", size: size)))
            #expect(table.count == text.count, "a batch is answered in full")
            #expect(cache.count <= 60)
        }
        let huge = Set((0..<100).map { Character(Unicode.Scalar(0x4E00 + $0)!) })
        #expect(try #require(cache.widths(Array(huge), style: style)).count >= 100)
        #expect(cache.count <= 60)
    }

    @Test("One CJK table: Bopomofo, CJK punctuation, full-width forms, kana and hangul count everywhere")
    func oneCJKTable() throws {
        for scalar: Unicode.Scalar in ["ㄅ", "ㆠ", "。", "，", "Ａ", "あ", "カ", "한", "ㄱ", "𠀀", "﹏"] {
            #expect(CJKScript.isCJK(scalar), "\(scalar)")
        }
        for scalar: Unicode.Scalar in ["a", "é", "€", "🔧", "—"] { #expect(!CJKScript.isCJK(scalar), "\(scalar)") }
        // Bopomofo takes the CJK font and names the CJK font package.
        let coverage = FontCoverage(fcList: "DejaVu Sans|20-7e\nWenQuanYi Micro Hei|20-7e 3100-312f 4e00-9fa5")
        #expect(FontChain.family(base: "Helvetica", characters: Set("ㄅㄆㄇ"), coverage: coverage) == "Helvetica,WenQuanYi Micro Hei")
        let note = try #require(RenderNote.missingGlyphs(["ㄅ"]))
        #expect(note.message.contains("fonts-noto-cjk"))
        #expect(!note.message.contains("fonts-noto-core"))
        #expect(TextMetrics.advance("ㄅ", bold: false) == 1.0)
        #expect(TextMetrics.advance("ｶ", bold: false) < 1.0, "half-width katakana is half width")
    }

    @Test("The missing-glyph check sees the drawing's language and its cleaned, shortened texts")
    func fontNotesKnowTheDrawing() {
        let latinOnly = FontCoverage(fcList: "DejaVu Sans|20-7e a0-17f 2000-27ff")
        var blueprint = Blueprint(
            id: "b", title: "Repair", stages: [Stage(id: "t", title: "Talk")],
            steps: [Step(id: "s", title: "Call\u{1}", lane: .customer, stage: "t")])
        var english = RenderOptions()
        english.language = .english
        var chinese = english
        chinese.language = .simplifiedChinese
        #expect(GraphvizRenderer.fontNotes(for: blueprint, options: english, coverage: latinOnly).isEmpty)
        let notes = GraphvizRenderer.fontNotes(for: blueprint, options: chinese, coverage: latinOnly)
        #expect(notes.map(\.code) == [.missingGlyphs], "the lanes are drawn in Chinese")
        // A character beyond the drawing's text limit is never drawn.
        blueprint.steps[0].title = String(repeating: "x", count: 40) + "\u{E000}"
        var short = english
        short.maximumTextLength = 20
        #expect(GraphvizRenderer.fontNotes(for: blueprint, options: short, coverage: latinOnly).isEmpty)
        #expect(!GraphvizRenderer.fontNotes(for: blueprint, options: english, coverage: latinOnly).isEmpty)
    }
}
