/// DOT text, safe by construction: string literals written in this package's source are DOT syntax, and a
/// value gets in only as a ``DOTString`` (a quoted DOT string) or a ``DOTHTMLLabel`` (`<…>`), whose only
/// initialisers escape. There is no interpolation of a plain `String`, so user text cannot reach DOT syntax
/// by forgetting an escaper: the compiler refuses it.
///
/// ```swift
/// var out: DOTSource = "digraph {\n"
/// out += "  a [tooltip=\(DOTString(escString: title)), label=<\(label)>];\n"   // label: DOTHTMLLabel
/// ```
struct DOTSource: ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The DOT text.
    private(set) var text: String

    init(stringLiteral literal: StaticString) { text = literal.description }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    /// Builds DOT from literal pieces (syntax) and escaped values.
    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + interpolationCount * 16) }
        mutating func appendLiteral(_ literal: StaticString) { text += literal.description }
        /// A quoted string, with its quotes.
        mutating func appendInterpolation(_ string: DOTString) { text += string.quoted }
        /// An HTML-like label with its enclosing `<` `>`.
        mutating func appendInterpolation(_ label: DOTHTMLLabel) { text += "<" + label.markup + ">" }
    }

    /// Reserves room for `capacity` UTF-8 bytes.
    mutating func reserveCapacity(_ capacity: Int) { text.reserveCapacity(capacity) }

    static func += (lhs: inout DOTSource, rhs: DOTSource) { lhs.text += rhs.text }

    var description: String { text }
}

/// A quoted DOT string (an attribute value or an id), with its quotes. Each initialiser escapes for one
/// context Graphviz treats differently (see ``DOTText``); there is no way to wrap unescaped text.
struct DOTString: Hashable, Sendable {
    /// The string with its quotes, as it goes into DOT.
    let quoted: String

    /// A value Graphviz uses verbatim: a generated token (id, class, style, position, font name). Quotes,
    /// backslashes, line breaks and control characters are dropped, so the quoting cannot be broken.
    init(token: String) { quoted = DOTText.literal(token) }

    /// A colour: `#RRGGBB[AA]` or a plain colour name, anything else black.
    init(color: String) { quoted = DOTText.literal(DOTText.color(color)) }

    /// A number with at most two decimals.
    init(number: Double) { quoted = DOTText.literal(DOTText.number(number)) }

    /// User text for an escString attribute (tooltips): `&`, quotes, backslashes and line breaks escaped
    /// for Graphviz's two unescaping passes and its copy into SVG.
    init(escString text: String) { quoted = DOTText.escString(text) }

    /// xdot drawing operations for `_background`, whose texts went through ``DOTText/xdotText(_:)``.
    init(xdotOperations operations: String) { quoted = DOTText.quotedXDot(operations) }

    /// A link with a safe scheme (`http`, `https`, `mailto`) or a relative reference, percent-encoded;
    /// `nil` for anything else (`javascript:`, `data:`…).
    init?(url raw: String) {
        guard let safe = DOTText.url(raw) else { return nil }
        quoted = DOTText.literal(safe)
    }
}

/// The markup of a DOT HTML-like label (without the enclosing `<` `>`), safe by construction: string
/// literals in this package's source are markup; an interpolated `String` is text (entities for `& < > "`,
/// backslashes doubled, line breaks as spaces); colours and numbers have their own interpolations.
struct DOTHTMLLabel: ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    private(set) var markup: String

    init(stringLiteral literal: StaticString) { markup = literal.description }

    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    /// Markup showing `text`.
    init(text: String) { markup = DOTText.html(text) }

    /// Builds markup from literal pieces (trusted) and escaped values.
    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }
        mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }
        /// Text, escaped.
        mutating func appendInterpolation(_ text: String) { markup += DOTText.html(text) }
        /// Markup, as is.
        mutating func appendInterpolation(_ label: DOTHTMLLabel) { markup += label.markup }
        /// A colour attribute value (see ``DOTText/color(_:)``).
        mutating func appendInterpolation(color: String) { markup += DOTText.color(color) }
        /// A number attribute value with at most two decimals.
        mutating func appendInterpolation(number: Double) { markup += DOTText.number(number) }
        /// An integer attribute value.
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }

    /// The pieces one after the other.
    static func joined(_ parts: [DOTHTMLLabel], separator: DOTHTMLLabel = "") -> DOTHTMLLabel {
        var result: DOTHTMLLabel = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { result += separator }
            result += part
        }
        return result
    }

    static func += (lhs: inout DOTHTMLLabel, rhs: DOTHTMLLabel) { lhs.markup += rhs.markup }
    static func + (lhs: DOTHTMLLabel, rhs: DOTHTMLLabel) -> DOTHTMLLabel {
        var result = lhs
        result += rhs
        return result
    }

    var description: String { markup }
}
