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
        let value = scalar.value
        if value >= 32 && value <= 126 {
            return Double((bold ? Self.bold : Self.regular)[Int(value - 32)]) / 1000
        }
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x20D0...0x20FF, 0xE0100...0xE01EF:
            return 0  // combining marks, zero-width characters, variation selectors
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 1.0  // CJK ideographs, kana, hangul, full-width forms
        case 0x1F000...0x1FAFF, 0x2600...0x27BF, 0x2B00...0x2BFF:
            return 1.25  // emoji and pictographs
        case 0x2014, 0x2026:
            return 1.0  // em dash, ellipsis
        case 0x00A0:
            return 0.3  // no-break space
        case 0x00B7, 0x2022, 0x2219:
            return 0.35
        default:
            return bold ? 0.64 : 0.6
        }
    }

    /// The estimated width of `text` in points at `size`.
    func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += Self.advance(scalar, bold: bold) }
        return ems * size * safety
    }

    /// Wraps `text` into lines no wider than `maxWidth`, breaking at spaces and between CJK characters; a
    /// word longer than a line is broken after a hyphen or slash, else between characters. At most `maxLines`
    /// lines; the last one ends with "…" when text was cut.
    func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double, maxLines: Int = .max) -> [String] {
        let words = Self.breakIntoWords(DOTText.singleLine(text))
        guard !words.isEmpty else { return [] }
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word.trimmingLeadingSpace : current + word
            if width(candidate, size: size, bold: bold) <= maxWidth {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current.trimmingTrailingSpace) }
            current = word.trimmingLeadingSpace
            // A single word wider than a line: cut it after its last hyphen or slash that fits, else
            // between characters.
            while width(current, size: size, bold: bold) > maxWidth, current.count > 1 {
                var head = ""
                var lastBreak = 0
                for character in current {
                    if width(head + String(character), size: size, bold: bold) > maxWidth, !head.isEmpty { break }
                    head.append(character)
                    if character == "-" || character == "/" { lastBreak = head.count }
                }
                if lastBreak > 0, lastBreak < head.count { head = String(head.prefix(lastBreak)) }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current.trimmingTrailingSpace) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncate(kept[maxLines - 1] + " " + lines[maxLines], size: size, bold: bold, maxWidth: maxWidth)
        return kept
    }

    /// `text` shortened with "…" to fit `maxWidth` (unchanged when it fits).
    func truncate(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
        let line = DOTText.singleLine(text)
        if width(line, size: size, bold: bold) <= maxWidth { return line }
        var kept = ""
        let ellipsisWidth = width("…", size: size, bold: bold)
        for character in line {
            if width(kept + String(character), size: size, bold: bold) + ellipsisWidth > maxWidth { break }
            kept.append(character)
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
