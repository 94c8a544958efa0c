/// The text formats a blueprint document can be written in. Both share one schema
/// (``BlueprintSchema``): the same keys, values and nesting.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// YAML, the format meant for people: block style, comments allowed.
    case yaml
    /// JSON, the format meant for tools.
    case json

    /// The format a file name's extension names: `.yaml`/`.yml` or `.json` (any case); `nil` otherwise.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        default: return nil
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Guesses the format of text whose file name does not tell: JSON when it starts with `{`.
    static func guess(from text: String) -> DocumentFormat {
        text.first { !$0.isWhitespace && $0 != "\u{FEFF}" } == "{" ? .json : .yaml
    }
}
