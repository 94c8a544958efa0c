/// A sentence a user reads, kept as a catalog key and named arguments until it is shown, so the
/// same finding or message can be written in any ``Language``.
///
/// The catalog holds whole sentences with `%{name}` placeholders; arguments are values (numbers,
/// durations, step names, lists, nested phrases), formatted by the language that renders them.
/// Nothing is built by gluing translated fragments together.
public struct LocalizedText: Sendable, Hashable {
    /// The catalog key, e.g. `finding.missing-time-standard`.
    public var key: String
    /// The values of the placeholders, by name.
    public var arguments: [String: TextArgument]

    /// Creates a text from its key and arguments.
    public init(_ key: String, _ arguments: [String: TextArgument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// Whole sentences shown one after the other (with a space in English, none in Chinese), for a message
    /// whose sentences are each optional.
    public static func sentences(_ texts: [LocalizedText]) -> LocalizedText {
        LocalizedText("text.sentences", ["sentences": .series(texts.map { .phrase($0) }, separator: LocalizedText("text.sentenceSeparator"))])
    }

    /// The text in `language`; English when the language's catalog lacks the key (a third-party
    /// rule's key, for instance), and the key itself when no catalog has it.
    public func rendered(in language: Language) -> String {
        Catalog.shared.render(self, in: language)
    }
}

/// A value that fills a placeholder of a ``LocalizedText``.
public indirect enum TextArgument: Sendable, Hashable {
    /// Text written by the user or an identifier, shown as it is.
    case verbatim(String)
    /// Text written by the user in the language's quotation marks (`'x'` in English, `“x”` in Chinese).
    case quoted(String)
    /// A count.
    case integer(Int)
    /// A duration in the language's units (`2h 15min`, `2小时15分钟`).
    case duration(BlueprintDuration)
    /// A time in seconds, rounded to the largest convenient unit as capacity figures are (`45s`, `12min`,
    /// `2.5h`; `45秒`, `12分钟`, `2.5小时`); infinity reads `unbounded` (`无上限`).
    case approximateDuration(seconds: Double)
    /// A share written as a percentage (`93.3 %`).
    case percent(Double)
    /// A step as findings name it: `'Title' (id)` in English, `“Title”（id）` in Chinese.
    case step(title: String, id: String)
    /// Items joined the language's way: `a, b and c`, `a、b和c`.
    case list([TextArgument])
    /// Items joined by commas only: `a, b, c`, `a、b、c`.
    case enumeration([TextArgument])
    /// Items joined by a separator from the catalog (e.g. `; and `).
    case series([TextArgument], separator: LocalizedText)
    /// Another text from the catalog, e.g. a lane name.
    case phrase(LocalizedText)
    /// Another sentence from the catalog, ending with the language's full stop (added when missing).
    case sentence(LocalizedText)
}

extension TextArgument: ExpressibleByStringLiteral {
    /// A literal argument is verbatim text (an id or a format).
    public init(stringLiteral value: String) { self = .verbatim(value) }
}

extension TextArgument: ExpressibleByIntegerLiteral {
    /// A literal count.
    public init(integerLiteral value: Int) { self = .integer(value) }
}
