import Foundation

/// Escaping of user text for the places it can appear in generated DOT.
///
/// Graphviz treats text differently per attribute, so there is one function per context:
/// - ``literal(_:)`` for values Graphviz takes verbatim (ids, classes, colours, positions, font names);
///   only generated tokens go there, and anything that could break the quoting is dropped;
/// - ``html(_:)`` for text inside HTML-like labels (`<…>`): entities for `& < > "`, backslashes doubled
///   because Graphviz substitutes `\N`, `\G`… in label text after parsing;
/// - ``escString(_:)`` for tooltips: Graphviz unescapes tooltips twice, so a backslash is written four times;
/// - ``xdotText(_:)`` for text drawn with `_background` operations;
/// - ``url(_:)`` for links.
///
/// The DOT writer does not call these directly: it builds ``DOTSource`` from ``DOTString`` and
/// ``DOTHTMLLabel`` values, whose initialisers call them, so no text reaches DOT unescaped.
///
/// Every function first applies ``clean(_:)``: control characters (NUL would cut the C string short) and
/// non-characters never reach Graphviz.
enum DOTText {
    /// Removes characters Graphviz or XML cannot carry: C0 controls except newline (tabs become spaces,
    /// CR and CRLF become newlines), DEL, C1 controls, U+FFFE and U+FFFF.
    static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if !previousWasCR { result.append("\n") }
            case 0x0D:
                result.append("\n")
            case 0x09:
                result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `true` when ``clean(_:)`` would change `text`; a fast scan of the UTF-8 bytes, since almost all text
    /// is clean.
    private static func needsCleaning(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return true }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }  // C1 controls
            if beforePrevious == 0xEF && previous == 0xBF && (byte == 0xBE || byte == 0xBF) { return true }  // U+FFFE/F
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Rewrites the ASCII bytes of `text` that `replacement` maps, copying all other bytes (so multi-byte
    /// UTF-8 sequences pass through untouched), between optional delimiters.
    private static func rewritingASCII(
        _ text: String, prefix: StaticString = "", suffix: StaticString = "", _ replacement: (UInt8) -> StaticString?
    ) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        func append(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        append(prefix)
        for byte in text.utf8 {
            if byte < 0x80, let replaced = replacement(byte) {
                append(replaced)
            } else {
                bytes.append(byte)
            }
        }
        append(suffix)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Collapses newlines and runs of spaces into single spaces and trims the ends: for one-line text.
    static func singleLine(_ text: String) -> String {
        clean(text).split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
    }

    /// A quoted DOT string for a value Graphviz uses verbatim. Only generated tokens belong here; quotes,
    /// backslashes and line breaks are dropped so the quoting can never be broken.
    static func literal(_ value: String) -> String {
        rewritingASCII(clean(value), prefix: "\"", suffix: "\"") { byte in
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") ? "" : nil
        }
    }

    /// Text for an HTML-like label, entity-escaped; line breaks become spaces (callers split lines first).
    static func html(_ text: String) -> String {
        rewritingASCII(clean(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "\n"): " "
            default: nil
            }
        }
    }

    /// A quoted DOT string for a tooltip (an escString): line breaks kept as `\n`, `&` written `&amp;`
    /// because Graphviz copies tooltips into SVG keeping anything that looks like a character reference
    /// (so `&amp;` would show as `&`, and `&#xD800;` would make the SVG ill-formed).
    static func escString(_ text: String) -> String {
        rewritingASCII(clean(text), prefix: "\"", suffix: "\"") { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "\""): "\\\""
            // Graphviz unescapes tooltips twice (`\\` → `\`, then `\N` → node name…): four backslashes
            // survive both passes as one.
            case UInt8(ascii: "\\"): "\\\\\\\\"
            case UInt8(ascii: "\n"): "\\n"
            default: nil
            }
        }
    }

    /// Text for an xdot `T` operation inside `_background`: one line. A backslash becomes U+2216 (∖)
    /// because DOT cannot quote an odd run of backslashes before a quote; quotes are escaped later when
    /// the whole `_background` value is quoted.
    static func xdotText(_ text: String) -> String {
        singleLine(text).replacingOccurrences(of: "\\", with: "\u{2216}")
    }

    /// Quotes a whole `_background` value: xdot text never holds backslashes (see ``xdotText(_:)``), so
    /// escaping quotes is enough.
    static func quotedXDot(_ operations: String) -> String {
        "\"" + operations.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The schemes a link may use; anything else (`javascript:`, `data:`…) is dropped.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// A link safe to put in the `URL` attribute: absolute `http`, `https` or `mailto` URLs and relative
    /// references; control characters removed, unsafe characters (spaces, quotes, `<`, `>`, backslashes,
    /// non-ASCII) percent-encoded and `&`
    /// written as `&amp;` (Graphviz copies URLs into SVG without escaping `&`). `nil` for anything else.
    static func url(_ raw: String) -> String? {
        // Like browsers: trim the ends, drop tabs and line breaks anywhere (so "java\tscript:" is seen as
        // "javascript:"); interior spaces are kept and percent-encoded below.
        let withoutBreaks = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0 != "\n" && $0 != "\t" && $0 != "\r" }))
        let compact = clean(withoutBreaks).trimmingCharacters(in: .whitespaces)
        guard !compact.isEmpty else { return nil }
        if let colon = compact.firstIndex(of: ":") {
            let scheme = compact[..<colon]
            let looksLikeScheme =
                scheme.first?.isLetter == true
                && scheme.unicodeScalars.allSatisfy {
                    ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "+-.".unicodeScalars.contains($0)
                }
            if looksLikeScheme, !allowedSchemes.contains(scheme.lowercased()) { return nil }
        }
        let bytes = Array(compact.utf8)
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"):
                result += "&amp;"
            case UInt8(ascii: "%"):
                let isEscape =
                    index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
                result += isEscape ? "%" : "%25"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~:/?#@!$()*+,;=".utf8.contains(byte):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + hexByte(byte)
            }
            index += 1
        }
        return result
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// A token made only of `[A-Za-z0-9-]`, derived injectively from `raw`: every other UTF-8 byte
    /// (including `_`) is written `_XX` in hex. Used for DOT node names and SVG ids and classes.
    static func token(_ raw: String) -> String {
        var result = ""
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "_" + hexByte(byte)
            }
        }
        return result
    }

    /// A colour Graphviz understands: `#RGB`-style hex of 6 or 8 digits, or a plain colour name. Anything
    /// else becomes black, so a theme can never inject DOT or xdot syntax.
    static func color(_ raw: String) -> String {
        var bytes = Substring(raw).utf8[...]
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        while bytes.last == UInt8(ascii: " ") { bytes = bytes.dropLast() }
        guard let first = bytes.first else { return "#000000" }
        if first == UInt8(ascii: "#") {
            let digits = bytes.dropFirst()
            guard digits.count == 6 || digits.count == 8, digits.allSatisfy(isHexDigit) else { return "#000000" }
        } else {
            let isName = bytes.count <= 32 && bytes.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
            guard isName else { return "#000000" }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number for DOT: at most two decimals, no trailing zeros, no exponent, `-0` written `0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A number for DOT with up to six decimals (trailing zeros dropped): node positions carry
    /// sub-point tie-breaking offsets that two decimals would erase.
    static func fine(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let millionths = Int((value * 1_000_000).rounded())
        if millionths == 0 { return "0" }
        let sign = millionths < 0 ? "-" : ""
        let magnitude = abs(millionths)
        var fraction = String(magnitude % 1_000_000)
        if fraction == "0" { return "\(sign)\(magnitude / 1_000_000)" }
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / 1_000_000).\(fraction)"
    }

    /// A length in inches for `width`/`height`, from points, with four decimals.
    static func inches(_ points: Double) -> String {
        guard points.isFinite, points > 0 else { return "0.01" }
        let tenThousandths = Int((points / 72 * 10_000).rounded(.up))
        let whole = tenThousandths / 10_000
        let fraction = String(tenThousandths % 10_000)
        return "\(whole).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
