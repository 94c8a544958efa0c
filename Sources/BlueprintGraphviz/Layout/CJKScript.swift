/// The one table of Chinese, Japanese and Korean code points, used by the font chain, the missing-glyph
/// warning and the width estimate alike, so they never disagree about what counts as CJK text.
enum CJKScript {
    /// Han ideographs (with radicals, strokes and the supplementary planes), Bopomofo, kana, hangul, CJK
    /// symbols and punctuation, enclosed and compatibility forms, vertical and small forms, and the
    /// half-width and full-width forms.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF,  // Hangul Jamo
            0x2E80...0x2FFF,  // CJK radicals, Kangxi radicals, ideographic description
            0x3000...0x9FFF,  // CJK punctuation, kana, Bopomofo, hangul compatibility jamo, Kanbun, strokes, Han
            0xA960...0xA97F,  // Hangul Jamo Extended-A
            0xAC00...0xD7FF,  // Hangul syllables, Jamo Extended-B
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE1F,  // vertical forms
            0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
            0xFF00...0xFFEF,  // half-width and full-width forms
            0x1B000...0x1B16F,  // kana supplement and extensions
            0x20000...0x3FFFF:  // Han extensions B and later, compatibility supplement
            return true
        default:
            return false
        }
    }

    /// Hiragana and katakana (with the half-width forms): text that wants a Japanese font.
    static func isKana(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF65...0xFF9F, 0x1B000...0x1B16F: return true
        default: return false
        }
    }

    /// Hangul syllables and jamo (with the half-width forms): text that wants a Korean font.
    static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xFFA0...0xFFDC: return true
        default: return false
        }
    }

    /// CJK characters drawn one em wide: all of ``isCJK(_:)`` except the half-width forms and the hangul
    /// vowel and final jamo, which join the syllable before them.
    static func isFullWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF, 0xFF61...0xFFDC, 0xFFE8...0xFFEE: return false
        default: return isCJK(scalar)
        }
    }
}
