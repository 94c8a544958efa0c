import Foundation

/// Measures how wide text is drawn, so cards and headers can be sized before Graphviz lays them out.
///
/// With ``TextMeasurement/font`` (the default for PNG and PDF, which cairo draws on this machine; SVG and DOT are
/// always estimated, since a browser draws them with its reader's fonts) widths come from the font that will
/// draw the text:
/// Graphviz's text layout plugin (pango and cairo, with fontconfig's fallback fonts for Chinese, Japanese,
/// Korean and emoji) measures every character once per face and size (``MeasuredWidths``), so no padding is
/// needed. Without that plugin, and with ``TextMeasurement/estimate``, widths come from Helvetica's metrics
/// (Liberation Sans, Arial and Nimbus Sans share them) padded by ``safety``, because the font actually used
/// depends on the machine: Graphviz's cairo renderer on Debian resolves Helvetica to DejaVu Sans, which runs
/// about 15 % wider. CJK ideographs count one em, emoji more than one em. Overestimating only costs space;
/// underestimating would let text spill over a card's border.
///
/// Golden DOT files use the estimate: it is the same on every machine, while measured widths follow the
/// fonts installed (a CI machine without the CJK font measures Chinese differently), so a golden file drawn
/// with measured widths would pass only where it was written.
struct TextMetrics: Sendable {
    /// Extra width factor for font substitution (estimates only).
    let safety: Double
    /// The faces text is measured in, and the measured widths; `nil` when estimating.
    private let font: FontSource?

    /// Estimated metrics for the given font family: wider families get a larger safety factor.
    init(fontName: String) {
        let name = fontName.lowercased()
        if name.contains("dejavu") || name.contains("verdana") || name.contains("bitstream") {
            safety = 1.25
        } else {
            safety = 1.2
        }
        font = nil
    }

    /// Metrics for `faces`: measured with the font when `measurement` is ``TextMeasurement/font`` and this
    /// machine's Graphviz can (else estimated). `prepared` are the characters the drawing will measure; each
    /// face and size measures them in one batch the first time it is used.
    init(faces: FontFaces, measurement: TextMeasurement, prepared: Set<Character>) {
        self.init(fontName: faces.regular)
        guard measurement == .font, Self.isAffordable(prepared) else { return }
        let source = FontSource(faces: faces, prepared: prepared)
        // One probe decides whether this machine can measure at all. A character Graphviz cannot measure is
        // still estimated on its own (``MeasuredWidths/unmeasurable``), so a drawing may mix the two.
        guard MeasuredWidths.shared.widths(["x"], style: .init(face: faces.regular, size: 10)) != nil else { return }
        self = TextMetrics(safety: 1, font: source)
    }

    /// Above this many Unicode scalars in its distinct characters a drawing is estimated instead: measuring
    /// costs about 40 µs per scalar and face and size (a drawing uses about a dozen), so a hostile file listing
    /// every ideograph, or a few characters each carrying thousands of combining marks, would take minutes.
    /// Real blueprints use a few hundred (the Chinese showcase: about 300).
    static let measuredCharacterLimit = 3_000

    /// Whether measuring `characters` stays within ``measuredCharacterLimit``: scalars are counted, not
    /// characters, since one character may hold any number of them. Stops counting at the limit.
    static func isAffordable(_ characters: Set<Character>) -> Bool {
        var scalars = 0
        for character in characters {
            scalars += character.unicodeScalars.count
            if scalars > measuredCharacterLimit { return false }
        }
        return true
    }

    private init(safety: Double, font: FontSource?) {
        self.safety = safety
        self.font = font
    }

    /// Whether widths come from the font (``TextMeasurement/font`` with a text layout plugin present).
    var isMeasured: Bool { font != nil }

    // Helvetica advance widths in 1/1000 em for ASCII 32…126, regular and bold.
    private static let regular: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
    private static let bold: [UInt16] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// The width of one scalar in em.
    static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> Double {
        Double(milliAdvance(scalar, bold: bold)) / 1000
    }

    /// The width of one scalar in thousandths of an em. Whole numbers so that sums are exact and a line's
    /// width can be kept up to date as characters are added, instead of re-measuring the line.
    static func milliAdvance(_ scalar: Unicode.Scalar, bold: Bool) -> Int {
        let value = scalar.value
        if value >= 32 && value <= 126 {
            return Int((bold ? Self.bold : Self.regular)[Int(value - 32)])
        }
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x20D0...0x20FF, 0xE0100...0xE01EF:
            return 0  // combining marks, zero-width characters, variation selectors
        case _ where CJKScript.isFullWidth(scalar), 0xA000...0xA4CF:
            return 1_000  // CJK ideographs, Bopomofo, kana, hangul, full-width forms; Yi
        case 0x1F000...0x1FAFF, 0x2600...0x27BF, 0x2B00...0x2BFF:
            return 1_250  // emoji and pictographs
        case 0x2014, 0x2026:
            return 1_000  // em dash, ellipsis
        case 0x00A0:
            return 300  // no-break space
        case 0x00B7, 0x2022, 0x2219:
            return 350
        default:
            return bold ? 640 : 600
        }
    }

    /// Counts the scalars measured, so tests can check that wrapping is linear without timing it.
    struct Work {
        var measuredScalars = 0
    }

    /// Character widths at one size and weight, in whole units (so sums are exact and a line's width can be
    /// kept up to date as characters are added, instead of re-measuring the line): thousandths of an em when
    /// estimating, thousandths of a point when measured.
    struct Scale {
        fileprivate let bold: Bool
        fileprivate let size: Double
        fileprivate let table: [Character: Int]?
        /// Points per unit.
        fileprivate let factor: Double

        /// The width of one character in units.
        func units(_ character: Character, work: inout Work) -> Int {
            work.measuredScalars += character.unicodeScalars.count
            if let table {
                if let width = table[character], width >= 0 { return width }
                // Not measurable (Graphviz could not measure it): the estimate, in thousandths of a point.
                let milliEm = character.unicodeScalars.reduce(0) { $0 + TextMetrics.milliAdvance($1, bold: bold) }
                return Int((Double(milliEm) * size).rounded())
            }
            return character.unicodeScalars.reduce(0) { $0 + TextMetrics.milliAdvance($1, bold: bold) }
        }

        /// The width of `text` in units.
        func units<S: StringProtocol>(_ text: S, work: inout Work) -> Int {
            var total = 0
            for character in text { total += units(character, work: &work) }
            return total
        }

        /// Points for a width in units.
        func points(_ units: Int) -> Double { Double(units) * factor }
    }

    /// The scale for `size` and face, with every character of `text` measured (one batch for those not
    /// yet known). Italic text is measured in the italic face (the estimate has one table for both).
    func scale(size: Double, bold: Bool, italic: Bool = false, covering text: some StringProtocol) -> Scale {
        if let font, let table = font.table(size: size, bold: bold, italic: italic, covering: text) {
            return Scale(bold: bold, size: size, table: table, factor: 0.001)
        }
        return Scale(bold: bold, size: size, table: nil, factor: size * safety / 1000)
    }

    /// The width of `text` in points at `size`.
    func width(_ text: String, size: Double, bold: Bool = false, italic: Bool = false) -> Double {
        var work = Work()
        let scale = scale(size: size, bold: bold, italic: italic, covering: text)
        return scale.points(scale.units(text, work: &work))
    }

    /// Wraps `text` into lines no wider than `maxWidth`, breaking at spaces and between CJK characters (never
    /// before a closing or after an opening punctuation mark, see ``breakIntoWords(_:)``); a word longer than
    /// a line is broken after a hyphen or slash, else between characters. At most `maxLines` lines; the last
    /// one ends with "…" when text was cut.
    func wrap(
        _ text: String, size: Double, bold: Bool = false, italic: Bool = false, maxWidth: Double, maxLines: Int = .max
    ) -> [String] {
        var work = Work()
        return wrap(text, size: size, bold: bold, italic: italic, maxWidth: maxWidth, maxLines: maxLines, work: &work)
    }

    /// ``wrap(_:size:bold:maxWidth:maxLines:)``, counting the work. Linear in the text's length: every
    /// character is measured a bounded number of times (a line's width is kept as a running sum), and it stops
    /// as soon as it knows the text is cut.
    func wrap(
        _ text: String, size: Double, bold: Bool = false, italic: Bool = false, maxWidth: Double, maxLines: Int,
        work: inout Work
    ) -> [String] {
        let line = DOTText.singleLine(text)
        let words = Self.breakIntoWords(line)
        guard !words.isEmpty else { return [] }
        let scale = scale(size: size, bold: bold, italic: italic, covering: line)
        let fits = { (units: Int) in scale.points(units) <= maxWidth }
        let spaceWidth = scale.units(" ", work: &work)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in words {
            // One line beyond the limit is enough to know the text was cut and what the ellipsis follows.
            if maxLines > 0, lines.count > maxLines { break }
            let wordWidth = scale.units(word, work: &work)
            if current.isEmpty {
                let trimmed = word.trimmingLeadingSpace
                current = trimmed
                currentWidth = wordWidth - (word.count - trimmed.count) * spaceWidth
                if fits(currentWidth) { continue }
            } else if fits(currentWidth + wordWidth) {
                current += word
                currentWidth += wordWidth
                continue
            } else {
                lines.append(current.trimmingTrailingSpace)
                current = word.trimmingLeadingSpace
                currentWidth = wordWidth - (word.count - current.count) * spaceWidth
                if fits(currentWidth) { continue }
            }
            // A single word wider than a line: cut it after its last hyphen or slash that fits, else between
            // characters, in one pass that keeps the width of the piece so far.
            (current, currentWidth) = split(current, scale: scale, fits: fits, into: &lines, maxLines: maxLines, work: &work)
        }
        if !current.isEmpty { lines.append(current.trimmingTrailingSpace) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncate(
            kept[maxLines - 1] + " " + lines[maxLines], size: size, bold: bold, italic: italic, maxWidth: maxWidth)
        return kept
    }

    /// Cuts `word` into lines that fit, appending all but the last piece to `lines`; returns the last piece
    /// and its width. A piece is cut after its last hyphen or slash when it has one before its end, else
    /// between characters, where the punctuation rules of ``breakIntoWords(_:)`` still hold: a closing mark
    /// moves to the next line with the character before it, and an opening mark moves on with the character
    /// after it (a run of marks with no allowed break at all is cut where it overflows).
    private func split(
        _ word: String, scale: Scale, fits: (Int) -> Bool, into lines: inout [String], maxLines: Int, work: inout Work
    ) -> (String, Int) {
        var head: [Character] = []
        var headWidth = 0
        var lastBreak = 0  // characters in `head` up to and including its last hyphen or slash
        var widthAtBreak = 0
        for character in word {
            let characterWidth = scale.units(character, work: &work)
            while !fits(headWidth + characterWidth), !head.isEmpty {
                var cut = head.count
                if lastBreak > 0, lastBreak < head.count {
                    cut = lastBreak  // everything after the break moves on; it holds no hyphen or slash
                } else {
                    // Back off while the next line would start with a closing mark or this one end with an opening
                    // one; a run of marks with no allowed break at all is cut where it overflows.
                    while cut > 0,
                        Self.cannotStartLine(cut == head.count ? character : head[cut]) || Self.cannotEndLine(head[cut - 1])
                    {
                        cut -= 1
                    }
                    if cut == 0 { cut = head.count }
                }
                let carried = head[cut...]
                let carriedWidth = cut == lastBreak ? headWidth - widthAtBreak : scale.units(String(carried), work: &work)
                lines.append(String(head[..<cut]))
                work.measuredScalars += cut
                head = Array(carried)
                headWidth = carriedWidth
                lastBreak = 0
                widthAtBreak = 0
                if maxLines > 0, lines.count > maxLines { return ("", 0) }
            }
            head.append(character)
            headWidth += characterWidth
            if character == "-" || character == "/" {
                lastBreak = head.count
                widthAtBreak = headWidth
            }
        }
        return (String(head), headWidth)
    }

    /// `text` shortened with "…" to fit `maxWidth` (unchanged when it fits). Linear in the text's length.
    func truncate(_ text: String, size: Double, bold: Bool = false, italic: Bool = false, maxWidth: Double) -> String {
        let line = DOTText.singleLine(text)
        var work = Work()
        let scale = scale(size: size, bold: bold, italic: italic, covering: line + "…")
        if scale.points(scale.units(line, work: &work)) <= maxWidth { return line }
        var kept = ""
        var keptWidth = 0
        let ellipsisWidth = scale.units("…", work: &work)
        for character in line {
            let characterWidth = scale.units(character, work: &work)
            if scale.points(keptWidth + characterWidth + ellipsisWidth) > maxWidth { break }
            kept.append(character)
            keptWidth += characterWidth
        }
        return kept.trimmingTrailingSpace + "…"
    }
}

extension String {
    fileprivate var trimmingLeadingSpace: String { String(drop(while: { $0 == " " })) }
    fileprivate var trimmingTrailingSpace: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// The faces a drawing measures text in, and its measured widths per face and size, filled from the
/// process-wide ``MeasuredWidths`` as sizes are used.
private final class FontSource: @unchecked Sendable {
    let faces: FontFaces
    /// Printable ASCII, the symbols the DOT writer adds, and every character of the blueprint's texts.
    let prepared: Set<Character>
    // Guarded by `lock`.
    private let lock = NSLock()
    private var tables: [MeasuredWidths.Style: [Character: Int]] = [:]

    init(faces: FontFaces, prepared: Set<Character>) {
        self.faces = faces
        var all = prepared
        for value in UInt8(32)...UInt8(126) { all.insert(Character(Unicode.Scalar(value))) }
        for symbol in "…·◷≤±■⚠–—→\u{00A0}" { all.insert(symbol) }
        self.prepared = all
    }

    /// The widths at `size`, covering every character of `text`; `nil` when Graphviz cannot measure.
    func table(size: Double, bold: Bool, italic: Bool, covering text: some StringProtocol) -> [Character: Int]? {
        // Keyed by the face that draws the text (bold wins over italic, as in the drawing).
        let style = MeasuredWidths.Style(face: faces.face(bold: bold, italic: italic), size: size)
        let cached = lock.withLock { tables[style] }
        if let cached, text.allSatisfy({ cached[$0] != nil }) { return cached }
        // First use of this face and size: the prepared characters and the text in one batch.
        let wanted = cached == nil ? Array(prepared) + Array(text) : Array(text)
        guard let table = MeasuredWidths.shared.widths(wanted, style: style) else { return nil }
        lock.withLock { tables[style] = table }
        return table
    }
}
