/// A problem in CSV input, located at the byte where it was seen.
///
/// Recoverable problems are collected in ``CSVTokenizer/errors`` while tokenizing goes on;
/// limit violations are thrown and stop the tokenizer.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// A `"` inside an unquoted field (kept as a literal quote).
        case quoteInUnquotedField
        /// Text after a closing quote before the separator (kept, appended to the field).
        case textAfterClosingQuote
        /// The input ended inside a quoted field (the field is kept as read).
        case unterminatedQuote
        /// A field is not valid UTF-8 (invalid bytes replaced by U+FFFD).
        case invalidUTF8
        /// A field exceeds ``CSVLimits/maxFieldBytes``.
        case fieldTooLarge
        /// A record exceeds ``CSVLimits/maxRecordBytes``.
        case recordTooLarge
        /// A record has more than ``CSVLimits/maxFieldsPerRecord`` fields.
        case tooManyFields
    }

    /// What went wrong.
    public var kind: Kind
    /// Where it was seen.
    public var position: CSVPosition
    /// A sentence for the user.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, position: CSVPosition, message: String) {
        self.kind = kind
        self.position = position
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }
}
