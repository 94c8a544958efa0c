/// The font family list PNG and PDF are drawn with: the chosen family for Latin text, then an installed
/// font for the blueprint's Chinese, Japanese or Korean text.
///
/// Pango falls back through fontconfig by itself, but fontconfig's choice among several CJK fonts ignores
/// the language, so Chinese text could be drawn with Japanese glyph forms (or the reverse). Naming the font
/// fixes that and makes the choice visible in the DOT text (`fontname="Helvetica,WenQuanYi Micro Hei"`).
/// SVG and DOT output keep the plain family: a browser picks its own fonts for the viewer's language.
enum FontChain {
    /// Preferred families for simplified Chinese, then any CJK family.
    static let chinese = [
        "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
        "Droid Sans Fallback", "AR PL UMing CN", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR",
    ]
    /// Preferred families for text with kana.
    static let japanese = ["Noto Sans CJK JP", "Source Han Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic"] + chinese
    /// Preferred families for text with hangul.
    static let korean = ["Noto Sans CJK KR", "Source Han Sans KR", "NanumGothic", "UnDotum"] + chinese

    /// `base`, followed by the installed family that draws the CJK characters of `characters` (the first of
    /// the preference list for their language that covers them all, else the installed family covering the
    /// most); `base` alone when there is no CJK text, no such font, or coverage is unknown, or when `base`
    /// is already a list.
    static func family(base: String, characters: Set<Character>, coverage: FontCoverage?) -> String {
        guard let coverage, !base.contains(",") else { return base }
        var cjk: [UInt32] = []
        var hasKana = false
        var hasHangul = false
        for character in characters {
            for scalar in character.unicodeScalars where isCJK(scalar.value) {
                cjk.append(scalar.value)
                if (0x3040...0x30FF).contains(scalar.value) || (0x31F0...0x31FF).contains(scalar.value) { hasKana = true }
                if (0xAC00...0xD7AF).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value) { hasHangul = true }
            }
        }
        guard !cjk.isEmpty else { return base }
        let preferred = hasKana ? japanese : (hasHangul ? korean : chinese)
        let installed = Dictionary(coverage.families.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func coverCount(_ family: FontCoverage.Family) -> Int { cjk.reduce(0) { $0 + (family.covers($1) ? 1 : 0) } }
        let chosen: String? =
            preferred.first { name in installed[name].map { coverCount($0) == cjk.count } ?? false }
            ?? coverage.families.filter { !$0.name.localizedLowercase.contains("mono") }
                .max { coverCount($0) < coverCount($1) }
                .flatMap { coverCount($0) > 0 ? $0.name : nil }
        guard let chosen, chosen.lowercased() != base.lowercased() else { return base }
        return base + "," + chosen
    }

    /// Ideographs, kana, hangul, CJK punctuation and full-width forms.
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x30FF, 0x3130...0x318F, 0x31F0...0x9FFF, 0xAC00...0xD7AF,
            0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
