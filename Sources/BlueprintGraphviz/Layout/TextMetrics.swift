/// Estimates how wide text is drawn, so cards and headers can be sized before Graphviz sees them.
///
/// Widths come from Helvetica's metrics (Liberation Sans, Arial and Nimbus Sans share them) and are padded
/// by ``safety`` because the font actually used depends on the machine (the GUIDE's "fonts change
/// coordinates"): Graphviz's cairo renderer on Debian resolves Helvetica to DejaVu Sans, which runs about
/// 15 % wider. CJK ideographs count one em, emoji more than one em. Overestimating only costs space;
/// underestimating would let text spill over a card's border.
struct TextMetrics: Sendable {
    /// Extra width factor for font substitution.
    let safety: Double

    /// Metrics for the given font family: wider families get a larger safety factor.
    init(fontName: String) {
        let name = fontName.lowercased()
        if name.contains("dejavu") || name.contains("verdana") || name.contains("bitstream") {
            safety = 1.25
        } else {
            safety = 1.2
        }
    }

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
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 1_000  // CJK ideographs, kana, hangul, full-width forms
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

    /// The width of `text` in thousandths of an em.
    static func milliWidth<S: StringProtocol>(_ text: S, bold: Bool, work: inout Work) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += milliAdvance(scalar, bold: bold) }
        work.measuredScalars += text.unicodeScalars.count
        return total
    }

    /// The width of one character in thousandths of an em.
    static func milliWidth(_ character: Character, bold: Bool, work: inout Work) -> Int {
        var total = 0
        for scalar in character.unicodeScalars {
            total += milliAdvance(scalar, bold: bold)
            work.measuredScalars += 1
        }
        return total
    }

    /// Points for a width in thousandths of an em.
    func points(milli: Int, size: Double) -> Double { Double(milli) / 1000 * size * safety }

    /// The estimated width of `text` in points at `size`.
    func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var work = Work()
        return points(milli: Self.milliWidth(text, bold: bold, work: &work), size: size)
    }

    /// Wraps `text` into lines no wider than `maxWidth`, breaking at spaces and between CJK characters; a
    /// word longer than a line is broken after a hyphen or slash, else between characters. At most `maxLines`
    /// lines; the last one ends with "…" when text was cut.
    func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double, maxLines: Int = .max) -> [String] {
        var work = Work()
        return wrap(text, size: size, bold: bold, maxWidth: maxWidth, maxLines: maxLines, work: &work)
    }

    /// ``wrap(_:size:bold:maxWidth:maxLines:)``, counting the work. Linear in the text's length: every
    /// scalar is measured a bounded number of times (a line's width is kept as a running sum), and it stops
    /// as soon as it knows the text is cut.
    func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double, maxLines: Int, work: inout Work)
        -> [String]
    {
        let words = Self.breakIntoWords(DOTText.singleLine(text))
        guard !words.isEmpty else { return [] }
        let fits = { (milli: Int) in self.points(milli: milli, size: size) <= maxWidth }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in words {
            // One line beyond the limit is enough to know the text was cut and what the ellipsis follows.
            if maxLines > 0, lines.count > maxLines { break }
            let wordWidth = Self.milliWidth(word, bold: bold, work: &work)
            if current.isEmpty {
                let trimmed = word.trimmingLeadingSpace
                current = trimmed
                currentWidth = wordWidth - (word.unicodeScalars.count - trimmed.unicodeScalars.count) * Self.spaceWidth
                if fits(currentWidth) { continue }
            } else if fits(currentWidth + wordWidth) {
                current += word
                currentWidth += wordWidth
                continue
            } else {
                lines.append(current.trimmingTrailingSpace)
                current = word.trimmingLeadingSpace
                currentWidth = wordWidth - (word.unicodeScalars.count - current.unicodeScalars.count) * Self.spaceWidth
                if fits(currentWidth) { continue }
            }
            // A single word wider than a line: cut it after its last hyphen or slash that fits, else between
            // characters, in one pass that keeps the width of the piece so far.
            (current, currentWidth) = split(current, bold: bold, fits: fits, into: &lines, maxLines: maxLines, work: &work)
        }
        if !current.isEmpty { lines.append(current.trimmingTrailingSpace) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncate(kept[maxLines - 1] + " " + lines[maxLines], size: size, bold: bold, maxWidth: maxWidth)
        return kept
    }

    /// Cuts `word` into lines that fit, appending all but the last piece to `lines`; returns the last piece
    /// and its width. A piece is cut after its last hyphen or slash when it has one before its end.
    private func split(
        _ word: String, bold: Bool, fits: (Int) -> Bool, into lines: inout [String], maxLines: Int, work: inout Work
    ) -> (String, Int) {
        var head = ""
        var headWidth = 0
        var headCount = 0
        var lastBreak = 0  // characters in `head` up to and including its last hyphen or slash
        var widthAtBreak = 0
        for character in word {
            let characterWidth = Self.milliWidth(character, bold: bold, work: &work)
            while !fits(headWidth + characterWidth), headCount > 0 {
                if lastBreak > 0, lastBreak < headCount {
                    // Everything after the break moves on; it holds no hyphen or slash.
                    let rest = head.dropFirst(lastBreak)
                    lines.append(String(head.prefix(lastBreak)))
                    work.measuredScalars += head.unicodeScalars.count
                    head = String(rest)
                    headWidth -= widthAtBreak
                    headCount -= lastBreak
                } else {
                    lines.append(head)
                    head = ""
                    headWidth = 0
                    headCount = 0
                }
                lastBreak = 0
                widthAtBreak = 0
                if maxLines > 0, lines.count > maxLines { return ("", 0) }
            }
            head.append(character)
            headWidth += characterWidth
            headCount += 1
            if character == "-" || character == "/" {
                lastBreak = headCount
                widthAtBreak = headWidth
            }
        }
        return (head, headWidth)
    }

    private static let spaceWidth = 278  // the same in regular and bold

    /// `text` shortened with "…" to fit `maxWidth` (unchanged when it fits). Linear in the text's length.
    func truncate(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
        let line = DOTText.singleLine(text)
        var work = Work()
        if points(milli: Self.milliWidth(line, bold: bold, work: &work), size: size) <= maxWidth { return line }
        var kept = ""
        var keptWidth = 0
        let ellipsisWidth = Self.milliAdvance("…", bold: bold)
        for character in line {
            let characterWidth = Self.milliWidth(character, bold: bold, work: &work)
            if points(milli: keptWidth + characterWidth + ellipsisWidth, size: size) > maxWidth { break }
            kept.append(character)
            keptWidth += characterWidth
        }
        return kept.trimmingTrailingSpace + "…"
    }

    /// Splits text into pieces that may not be separated: words with their leading space and CJK characters
    /// on their own. Hyphenated words stay whole (`SOP-WS-07`) unless they are wider than a line.
    private static func breakIntoWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            let isWide = character.unicodeScalars.first.map { advance($0, bold: false) >= 1.0 } ?? false
            if character == " " {
                if !current.isEmpty { words.append(current) }
                current = " "
            } else if isWide {
                if !current.isEmpty { words.append(current) }
                words.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
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
