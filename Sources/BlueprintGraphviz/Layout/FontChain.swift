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
        var work = 0
        return family(base: base, characters: characters, coverage: coverage, work: &work)
    }

    /// ``family(base:characters:coverage:)``, counting in `work` the code points looked up in a family's
    /// coverage: each family's count is computed once (at most families × CJK characters lookups).
    static func family(base: String, characters: Set<Character>, coverage: FontCoverage?, work: inout Int) -> String {
        guard let coverage, !base.contains(",") else { return base }
        var cjk = Set<UInt32>()
        var hasKana = false
        var hasHangul = false
        for character in characters {
            for scalar in character.unicodeScalars where CJKScript.isCJK(scalar) {
                cjk.insert(scalar.value)
                if CJKScript.isKana(scalar) { hasKana = true }
                if CJKScript.isHangul(scalar) { hasHangul = true }
            }
        }
        guard !cjk.isEmpty else { return base }
        let preferred = hasKana ? japanese : (hasHangul ? korean : chinese)
        // How many of the CJK code points each family covers, computed once per family.
        var counts: [String: Int] = [:]
        for family in coverage.families where counts[family.name] == nil {
            work += cjk.count
            counts[family.name] = cjk.reduce(0) { $0 + (family.covers($1) ? 1 : 0) }
        }
        let chosen: String? =
            preferred.first { counts[$0] == cjk.count }
            ?? coverage.families.filter { !$0.name.localizedLowercase.contains("mono") }
                .max { counts[$0.name, default: 0] < counts[$1.name, default: 0] }
                .flatMap { counts[$0.name, default: 0] > 0 ? $0.name : nil }
        guard let chosen, chosen.lowercased() != base.lowercased() else { return base }
        return base + "," + chosen
    }
}
