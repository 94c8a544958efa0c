/// One node of a parsed YAML or JSON document: what the syntax layer hands to ``DocumentReader``.
///
/// Positions are byte offsets into the file (4 bytes each); ``SourceText`` turns one into a line
/// and column only when a diagnostic or the source map needs it. Mappings keep every entry in file
/// order, duplicates included, so the reader reports each duplicate key where it occurs.
enum DocumentNode: Sendable {
    /// A scalar's text and how it was written.
    struct Scalar: Sendable {
        /// The text after escapes and folding.
        var string: String
        /// Byte offset of the scalar's first character (its opening quote, if quoted).
        var offset: UInt32
        /// `true` for plain (unquoted, untagged) scalars: only they can read as numbers, booleans or null.
        var isPlain: Bool
    }

    /// A sequence's items.
    struct Sequence: RandomAccessCollection, Sendable {
        /// The items in file order.
        var items: [DocumentNode]
        /// Byte offset of the sequence (its `[` or first `-`).
        var offset: UInt32

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> DocumentNode { items[position] }
    }

    /// A mapping's entries, in file order, duplicate keys included.
    struct Mapping: RandomAccessCollection, Sendable {
        /// One key and its value.
        typealias Entry = (key: DocumentNode, value: DocumentNode)
        /// The entries in file order.
        var entries: [Entry]
        /// Byte offset of the mapping (its `{` or first key).
        var offset: UInt32

        var startIndex: Int { entries.startIndex }
        var endIndex: Int { entries.endIndex }
        subscript(position: Int) -> Entry { entries[position] }
    }

    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// Byte offset of the node in the file.
    var offset: UInt32 {
        switch self {
        case .scalar(let scalar): scalar.offset
        case .sequence(let sequence): sequence.offset
        case .mapping(let mapping): mapping.offset
        }
    }

    /// The text of a scalar; `nil` for collections.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}

extension DocumentReader {
    /// The reader's name for a document node (the syntax layer's, not Yams').
    typealias Node = DocumentNode
}
