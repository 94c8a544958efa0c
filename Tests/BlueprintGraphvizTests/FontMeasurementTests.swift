import Testing

@testable import BlueprintGraphviz

/// Text is measured with the font that draws it: Graphviz's text layout plugin (pango and cairo).
@Suite("Text measured with the font")
struct FontMeasurementTests {
    static let faces = FontFaces("Helvetica")
    let metrics = TextMetrics(faces: Self.faces, measurement: .font, prepared: [])

    /// The whole string's width as cairo lays it out (pango, through Graphviz's plugin).
    static func cairoWidth(_ text: String, face: String, size: Double) throws -> Double {
        try GraphvizSession.shared.withLock { job throws(RenderError) in
            try job.measureWidths(of: [text], face: face, size: size)[0]
        }
    }

    @Test("Graphviz measures with its text layout plugin (pango), not its own width table")
    func throughPango() throws {
        let measuresText = try GraphvizSession.shared.withLock { job throws(RenderError) in job.measuresText }
        #expect(measuresText, "the cairo/pango text layout plugin is not loaded")
        #expect(metrics.isMeasured)
        // A CJK font draws an ideograph one em wide; Graphviz's table has no CJK widths at all.
        let ideograph = try Self.cairoWidth("客", face: "Helvetica", size: 20)
        #expect(abs(ideograph - 20) < 2, "\(ideograph)")
        #expect(try Self.cairoWidth("WWWW", face: "Helvetica", size: 20) > 2 * Self.cairoWidth("iiii", face: "Helvetica", size: 20))
    }

    @Test(
        "Mixed Chinese and Latin titles measure within 5 % of cairo's width for the whole string",
        arguments: [
            "客服热线 VIP 2h 上门", "Customer calls 客服热线（24 h）", "区域备件中心 regional spare-part centre",
            "技术支持远程诊断 remote diagnosis, 30 min", "上门工程师 🔧 field engineer", "VIP客户：2小时内上门",
        ])
    func mixedTitles(title: String) throws {
        for (bold, size) in [(false, 9.0), (true, 11.0), (false, 14.0)] {
            let face = bold ? Self.faces.bold : Self.faces.regular
            let cairo = try Self.cairoWidth(title, face: face, size: size)
            let ours = metrics.width(title, size: size, bold: bold)
            #expect(cairo > 0)
            #expect(abs(ours - cairo) / cairo < 0.05, "\(title) bold=\(bold) \(size)pt: \(ours) vs cairo \(cairo)")
        }
    }

    @Test("Wrapped lines fit the width cairo gives them")
    func wrappedLinesFit() throws {
        let title = "客户致电客服热线报修，一线客服记录故障并尝试远程排除 (first-line troubleshooting)"
        let lines = metrics.wrap(title, size: 11, bold: true, maxWidth: 146)
        #expect(lines.count > 1)
        for line in lines {
            #expect(try Self.cairoWidth(line, face: Self.faces.bold, size: 11) <= 146 * 1.02, "\(line)")
        }
    }

    @Test("Each character is measured once per face and size: one Graphviz call per batch, none when cached")
    func cached() throws {
        let cache = MeasuredWidths()
        let style = MeasuredWidths.Style(face: Self.faces.regular, size: 10)
        let first = try #require(cache.widths(Array("客服热线 VIP"), style: style))
        #expect(cache.batches == 1)
        #expect(cache.widths(Array("线服客 PIV"), style: style) == first)
        #expect(cache.batches == 1, "nothing new to measure")
        let more = try #require(cache.widths(Array("技术支持 VIP"), style: style))
        #expect(cache.batches == 2)
        #expect(more.count == first.count + 4)
        _ = cache.widths(Array("客服"), style: .init(face: Self.faces.bold, size: 10))
        #expect(cache.batches == 3, "another face is another batch")
        // Widths scale with the size and are in thousandths of a point: 客 is one em in a CJK font.
        #expect(abs((first["客"] ?? 0) - 10_000) < 500)
    }

    @Test("The estimate stays available and is the same everywhere")
    func estimate() {
        let estimated = TextMetrics(faces: Self.faces, measurement: .estimate, prepared: [])
        #expect(!estimated.isMeasured)
        // A drawing with more distinct characters than measuring affords is estimated too (hostile input).
        let many = Set((0..<TextMetrics.measuredCharacterLimit + 1).compactMap { Unicode.Scalar(0x4E00 + $0).map(Character.init) })
        #expect(!TextMetrics(faces: Self.faces, measurement: .font, prepared: many).isMeasured)
        let enough = Set(many.prefix(TextMetrics.measuredCharacterLimit))
        #expect(TextMetrics(faces: Self.faces, measurement: .font, prepared: enough).isMeasured)
        #expect(estimated.width("客服", size: 10) == TextMetrics(fontName: "Helvetica").width("客服", size: 10))
    }
}

/// East Asian line breaking: between characters where there are no spaces, never starting a line with a
/// closing punctuation mark nor ending one with an opening mark.
@Suite("Line breaking for every script")
struct LineBreakingTests {
    let metrics = TextMetrics(fontName: "Helvetica")
    static let noStart: Set<Character> = Set("，。、）」』！？；：》】")
    static let noEnd: Set<Character> = Set("（「『《【")

    /// Widths from 50 pt: narrower, a piece that may not be separated (`「VIP」`) is wider than the line and is
    /// cut between characters, the fallback for any word too long for a line.
    @Test("Chinese breaks between characters but never before ，。、）」』！？；：", arguments: [50.0, 55, 64, 75, 90, 120])
    func closingPunctuationNeverStartsALine(width: Double) {
        let text = "客服热线，技术支持。上门工程师、区域备件中心（华东）「VIP」『两小时』！响应？是；否：完"
        let lines = metrics.wrap(text, size: 10, maxWidth: width)
        #expect(lines.count > 1)
        #expect(lines.joined() == text)
        for line in lines.dropFirst() {
            #expect(!Self.noStart.contains(line.first ?? "x"), "line starts with \(line.first.map(String.init) ?? ""): \(lines)")
        }
        for line in lines.dropLast() {
            #expect(!Self.noEnd.contains(line.last ?? "x"), "line ends with \(line.last.map(String.init) ?? ""): \(lines)")
        }
    }

    @Test("Near miss: without punctuation, any two ideographs may be separated")
    func ideographsBreakAnywhere() {
        #expect(TextMetrics.breakIntoWords("客服热线") == ["客", "服", "热", "线"])
        #expect(TextMetrics.breakIntoWords("客服，热线") == ["客", "服，", "热", "线"])
        #expect(TextMetrics.breakIntoWords("（客服）热线") == ["（客", "服）", "热", "线"])
    }

    @Test("Mixed scripts: Latin words stay whole, full-width and emoji break like ideographs")
    func mixedScripts() {
        #expect(TextMetrics.breakIntoWords("VIP客户2h上门") == ["VIP", "客", "户", "2h", "上", "门"])
        #expect(TextMetrics.breakIntoWords("ＶＩＰ 🔧fix") == ["Ｖ", "Ｉ", "Ｐ", " ", "🔧", "fix"])
        #expect(TextMetrics.breakIntoWords("call (hotline), then") == ["call", " (hotline),", " then"])
    }

    @Test("Wrapping Chinese stays linear")
    func linear() {
        let text = String(repeating: "客服热线，（技术支持）。", count: 40_000)
        var work = TextMetrics.Work()
        let lines = metrics.wrap(text, size: 11, maxWidth: 120, maxLines: .max, work: &work)
        #expect(lines.joined() == text)
        #expect(work.measuredScalars <= 3 * text.unicodeScalars.count)
    }
}

/// Words wider than a line are cut between characters under the same punctuation rules.
@Suite("Line breaking: over-wide words")
struct OverWideWordBreakingTests {
    let metrics = TextMetrics(fontName: "Helvetica")

    @Test("A cut inside a word never starts a line with a closing mark nor ends one with an opening mark",
          arguments: Array(stride(from: 34.0, through: 70, by: 2)))
    func cutsKeepPunctuationRules(width: Double) {
        // 「VIP」（24h）『SLA』 has no break the punctuation rules allow between its Latin letters and marks,
        // so at these widths it is one word wider than a line. From 34 pt (three characters) a legal cut
        // always exists; narrower, two marks in a row cannot be kept off a line's start.
        for text in ["「VIP」（24h）『SLA』", "ABCDEFG」」HIJ", "（（ABCDEFGHIJ）", "VIPVIPVIP，SLA。"] {
            let lines = metrics.wrap(text, size: 10, maxWidth: width)
            #expect(lines.joined() == text)
            for line in lines.dropFirst() {
                #expect(!TextMetrics.cannotStartLine(line.first ?? "x"), "\(width): line starts with a closing mark: \(lines)")
            }
            for line in lines.dropLast() {
                #expect(!TextMetrics.cannotEndLine(line.last ?? "x"), "\(width): line ends with an opening mark: \(lines)")
            }
        }
    }

    @Test("Near miss: a run of closing marks alone is still cut, and the text stays whole")
    func marksOnlyStillEnd() {
        let text = String(repeating: "）", count: 30)
        let lines = metrics.wrap(text, size: 10, maxWidth: 40)
        #expect(lines.count > 1)
        #expect(lines.joined() == text)
    }
}
