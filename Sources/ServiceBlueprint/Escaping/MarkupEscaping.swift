/// Escaping by construction for the text formats the tools write.
///
/// Each output language has one small value type whose only ways in are escaping initialisers and
/// literals written in the source code; interpolating a plain `String` escapes it, interpolating a
/// value of the same type inserts it as is. So a writer that builds `HTML` or `Markdown` cannot paste
/// untrusted text raw by forgetting to call an escaper.
///
/// ```swift
/// let title = "<script>alert(1)</script>"
/// let row: HTML = "<td>\(title)</td>"   // <td>&lt;script&gt;alert(1)&lt;/script&gt;</td>
/// ```
///
/// Characters no XML document may hold (C0 controls other than tab, line feed and carriage return,
/// U+FFFE, U+FFFF) become U+FFFD, so the output always parses. Swift strings cannot hold lone
/// surrogates; decoding replaces them with U+FFFD before they get here.
package enum MarkupEscaping {
    /// JSON text for a `<script type="application/json">` element: `<`, `>` and `&` can only occur
    /// inside JSON strings, where `\u003C` means the same, so no text can close the element or open
    /// a comment; U+2028 and U+2029 are escaped too, for older script parsers.
    package static func scriptJSON(_ json: String) -> String {
        // Byte by byte: a report embeds every blueprint's JSON, and appending scalar by scalar to a
        // `String` was most of writing it. The input is valid UTF-8, so the output is too.
        let source = Array(json.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(source.count + source.count / 64)
        var index = 0
        while index < source.count {
            let byte = source[index]
            index += 1
            switch byte {
            case UInt8(ascii: "<"): result.append(contentsOf: "\\u003C".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "\\u003E".utf8)
            case UInt8(ascii: "&"): result.append(contentsOf: "\\u0026".utf8)
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            case 0xE2 where index + 1 < source.count && source[index] == 0x80 && source[index + 1] & 0xFE == 0xA8:
                result.append(contentsOf: (source[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` with `& < > " '` as character references and characters XML forbids as U+FFFD: safe
    /// as HTML or XML character data and inside double- or single-quoted attribute values.
    package static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if isXMLCharacter(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result.unicodeScalars.append("\u{FFFD}")
                }
            }
        }
        return result
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// Inline Markdown text that renders as `text`: ASCII punctuation backslash-escaped (CommonMark
    /// allows it for every ASCII punctuation character, so no emphasis, link, heading, list, table
    /// cell or HTML can start), `&`, `<`, `>` as character references (no raw `<` reaches the
    /// output), line breaks as spaces (one paragraph or table cell), forbidden characters as U+FFFD.
    package static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n":
                if !previousWasCR { result += " " }
            case "\r", "\t": result += " "
            case _ where scalar.isASCII && scalar.properties.isPatternSyntax:
                result += "\\"
                result.unicodeScalars.append(scalar)
            default:
                if isXMLCharacter(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result.unicodeScalars.append("\u{FFFD}")
                }
            }
        }
        return result
    }

    /// A link destination that stays one token: everything but unreserved characters and `/`
    /// percent-encoded as UTF-8 (so spaces, parentheses, `<`, `"` and non-ASCII cannot end it).
    package static func urlPath(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                result += "%"
                result.unicodeScalars.append(digits[Int(byte >> 4)])
                result.unicodeScalars.append(digits[Int(byte & 0x0F)])
            }
        }
        return result
    }
}

/// HTML (or XML) markup, safe by construction: literals in the source are markup, interpolated
/// `String`s are escaped with ``MarkupEscaping/xml(_:)``, interpolated `HTML` is inserted as is.
package struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    package private(set) var markup: String

    /// Markup showing `text`.
    package init(text: String) { markup = MarkupEscaping.xml(text) }

    /// Markup written in the source code.
    package init(stringLiteral literal: StaticString) { markup = literal.description }

    package init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    /// Builds markup from literal pieces (trusted) and interpolated values (escaped unless `HTML`).
    package struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        package init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }
        package mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }
        package mutating func appendInterpolation(_ text: String) { markup += MarkupEscaping.xml(text) }
        package mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        package mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }

    /// Markup that was produced by a trusted generator (an SVG rendered by Graphviz from escaped DOT).
    package init(trustedMarkup: String) { markup = trustedMarkup }

    /// The pieces one after the other.
    package static func joined(_ parts: [HTML], separator: HTML = "") -> HTML {
        HTML(trustedMarkup: parts.map(\.markup).joined(separator: separator.markup))
    }

    package static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trustedMarkup: lhs.markup + rhs.markup) }
    package static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    package var description: String { markup }
}

/// Markdown, safe by construction: literals in the source are Markdown, interpolated `String`s are
/// escaped with ``MarkupEscaping/markdown(_:)``, interpolated `Markdown` is inserted as is, `HTML`
/// (for anchors) as its escaped markup, and ``Link`` as a percent-encoded destination.
package struct Markdown: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The Markdown source.
    package private(set) var source: String

    /// Markdown showing `text` as plain inline text.
    package init(text: String) { source = MarkupEscaping.markdown(text) }

    /// Markdown written in the source code.
    package init(stringLiteral literal: StaticString) { source = literal.description }

    package init(stringInterpolation: StringInterpolation) { source = stringInterpolation.source }

    /// A link destination (a relative path), percent-encoded when interpolated.
    package struct Link: Sendable, Hashable {
        /// The unencoded path.
        package var path: String
        /// A destination for `path`.
        package init(_ path: String) { self.path = path }
    }

    /// Inline code showing `text` exactly: a backtick fence longer than any run inside, line breaks
    /// as spaces.
    package static func code(_ text: String) -> Markdown {
        let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            if scalar == "\n" || scalar == "\r" { return " " }
            return MarkupEscaping.isXMLCharacter(scalar) ? scalar : "\u{FFFD}"
        }))
        var longest = 0, run = 0
        for scalar in flat.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return Markdown(trustedSource: fence + " " + flat + " " + fence)
    }

    /// Builds Markdown from literal pieces (trusted) and interpolated values (escaped).
    package struct StringInterpolation: StringInterpolationProtocol {
        var source = ""
        package init(literalCapacity: Int, interpolationCount: Int) { source.reserveCapacity(literalCapacity * 2) }
        package mutating func appendLiteral(_ literal: StaticString) { source += literal.description }
        package mutating func appendInterpolation(_ text: String) { source += MarkupEscaping.markdown(text) }
        package mutating func appendInterpolation(_ markdown: Markdown) { source += markdown.source }
        package mutating func appendInterpolation(_ html: HTML) { source += html.markup }
        package mutating func appendInterpolation(_ link: Link) { source += MarkupEscaping.urlPath(link.path) }
        package mutating func appendInterpolation(_ number: Int) { source += String(number) }
    }

    private init(trustedSource: String) { source = trustedSource }

    /// The pieces one after the other.
    /// The catalog text `key` in `language` as trusted Markdown (the catalogs are ours), with each `%{name}`
    /// replaced by the Markdown given for it (escaped or built by the caller).
    package static func catalog(_ key: String, in language: Language, _ arguments: [String: Markdown] = [:]) -> Markdown {
        let template = Catalog.shared.template(key, in: language) ?? key
        return Markdown(trustedSource: Catalog.fill(template) { arguments[$0]?.source })
    }

    package static func joined(_ parts: [Markdown], separator: Markdown = "") -> Markdown {
        Markdown(trustedSource: parts.map(\.source).joined(separator: separator.source))
    }

    package static func + (lhs: Markdown, rhs: Markdown) -> Markdown { Markdown(trustedSource: lhs.source + rhs.source) }
    package static func += (lhs: inout Markdown, rhs: Markdown) { lhs.source += rhs.source }

    package var description: String { source }
}
