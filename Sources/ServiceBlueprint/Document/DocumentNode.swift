/// One node of a parsed YAML or JSON document: what the syntax layer hands to ``DocumentReader``.
///
/// A node is a handle into a ``DocumentTape`` (the whole document in one flat array), so making,
/// copying and dropping nodes allocates nothing, and freeing a document of any depth frees two
/// arrays. Positions are byte offsets into the file; ``SourceText`` turns one into a line and
/// column only when a diagnostic or the source map needs it. Mappings keep every entry in file
/// order, duplicates included, so the reader reports each duplicate key where it occurs.
enum DocumentNode: Sendable {
    /// A scalar's text and how it was written.
    struct Scalar: Sendable {
        let tape: DocumentTape
        let index: Int

        /// The text after escapes and folding (decoded on each call: keep it if it is needed twice).
        var string: String { tape.string(at: index) }
        /// Byte offset of the scalar's first character (its opening quote, if quoted).
        var offset: UInt32 { tape.entries[index].offset }
        /// `true` for plain (unquoted, untagged) scalars: only they can read as numbers, booleans or null.
        var isPlain: Bool { tape.entries[index].kind == .plain }

        /// `body` with the text's UTF-8 bytes, without making a `String`.
        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            tape.withBytes(at: index, body)
        }
    }

    /// A sequence's items, in file order.
    struct Sequence: Swift.Sequence, Sendable {
        let tape: DocumentTape
        let index: Int

        /// Byte offset of the sequence (its `[` or first `-`).
        var offset: UInt32 { tape.entries[index].offset }
        /// The number of items.
        var count: Int { Int(tape.entries[index].length) }
        var underestimatedCount: Int { count }

        func makeIterator() -> DocumentTape.Children { DocumentTape.Children(tape: tape, position: index + 1, end: tape.end(of: index)) }
    }

    /// A mapping's entries, in file order, duplicate keys included.
    struct Mapping: Swift.Sequence, Sendable {
        /// One key and its value.
        typealias Entry = (key: DocumentNode, value: DocumentNode)

        let tape: DocumentTape
        let index: Int

        /// Byte offset of the mapping (its `{` or first key).
        var offset: UInt32 { tape.entries[index].offset }
        /// The number of entries.
        var count: Int { Int(tape.entries[index].length) }
        var underestimatedCount: Int { count }
        /// The entries (the mapping itself: it is their sequence).
        var entries: Mapping { self }

        struct Iterator: IteratorProtocol {
            var children: DocumentTape.Children

            mutating func next() -> Entry? {
                guard let key = children.next(), let value = children.next() else { return nil }
                return (key, value)
            }
        }

        func makeIterator() -> Iterator {
            Iterator(children: DocumentTape.Children(tape: tape, position: index + 1, end: tape.end(of: index)))
        }
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

/// A parsed document as one array of entries in document order, each collection before its
/// children, with the end of its subtree, so children are walked by skipping subtrees. Scalars'
/// text stays in the file's bytes where it is written verbatim (most JSON strings, numbers and
/// words); the rest (escaped JSON strings, every YAML scalar) is kept in ``text``. A YAML alias is
/// an entry that points at its anchor's node, so it costs one entry however large that node is.
final class DocumentTape: Sendable {
    /// What an entry is.
    enum Kind: UInt8 {
        /// A plain (unquoted, untagged) scalar, and any other scalar.
        case plain, quoted
        case sequence, mapping
        /// An alias; ``Entry/start`` is the index of the node it stands for.
        case alias
    }

    /// One node: 18 bytes.
    struct Entry {
        /// Byte offset of the node in the file.
        var offset: UInt32
        /// The index after the node's subtree.
        var end: UInt32
        /// Scalar: where its text starts (in ``text`` when ``inText``, else in the file); alias: the target.
        var start: UInt32
        /// Scalar: the text's length in bytes; sequence: the number of items; mapping: of entries.
        var length: UInt32
        var kind: Kind
        /// A scalar whose text is in ``text``.
        var inText: Bool
    }

    let entries: [Entry]
    /// Scalar text that is not verbatim in the file.
    let text: [UInt8]
    /// The file's bytes.
    let source: [UInt8]

    init(entries: [Entry], text: [UInt8], source: [UInt8]) {
        self.entries = entries
        self.text = text
        self.source = source
    }

    /// The node at `index`, an alias resolved to its target.
    func node(at index: Int) -> DocumentNode {
        let index = resolved(index)
        switch entries[index].kind {
        case .plain, .quoted, .alias: return .scalar(.init(tape: self, index: index))
        case .sequence: return .sequence(.init(tape: self, index: index))
        case .mapping: return .mapping(.init(tape: self, index: index))
        }
    }

    func end(of index: Int) -> Int { Int(entries[index].end) }

    /// The index of the node at `index`, an alias resolved to its target.
    func resolved(_ index: Int) -> Int {
        entries[index].kind == .alias ? Int(entries[index].start) : index
    }

    /// Whether the (resolved) entry at `index` is a scalar, as ``node(at:)`` reads it.
    func isScalar(_ index: Int) -> Bool {
        switch entries[index].kind {
        case .plain, .quoted, .alias: true
        case .sequence, .mapping: false
        }
    }

    /// Byte offset of the (resolved) entry at `index` in the file.
    func offset(of index: Int) -> UInt32 { entries[index].offset }

    /// `body` with the bytes of the scalar at `index`.
    func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let entry = entries[index]
        let range = Int(entry.start)..<Int(entry.start) + Int(entry.length)
        return (entry.inText ? text : source).withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The text of the scalar at `index`.
    func string(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The children of a collection, in order (a mapping's alternate keys and values).
    struct Children: IteratorProtocol {
        let tape: DocumentTape
        var position: Int
        let end: Int

        mutating func next() -> DocumentNode? {
            guard position < end else { return nil }
            let node = tape.node(at: position)
            position = tape.end(of: position)
            return node
        }
    }
}

/// Builds a ``DocumentTape``: the syntax layers append scalars as they meet them, open a
/// collection at its start and close it at its end.
struct DocumentTapeBuilder {
    private(set) var entries: [DocumentTape.Entry] = []
    private(set) var text: [UInt8] = []

    /// The index the next entry gets.
    var count: Int { entries.count }

    /// Appends a scalar whose text is the file's bytes `range`.
    mutating func scalar(offset: Int, inFile range: Range<Int>, isPlain: Bool) {
        entries.append(.init(
            offset: UInt32(offset), end: UInt32(entries.count + 1), start: UInt32(range.lowerBound),
            length: UInt32(range.count), kind: isPlain ? .plain : .quoted, inText: false))
    }

    /// Appends a scalar whose text is `bytes` (copied).
    mutating func scalar(offset: Int, text bytes: UnsafeBufferPointer<UInt8>, isPlain: Bool) {
        entries.append(.init(
            offset: UInt32(offset), end: UInt32(entries.count + 1), start: UInt32(text.count),
            length: UInt32(bytes.count), kind: isPlain ? .plain : .quoted, inText: true))
        text.append(contentsOf: bytes)
    }

    /// Appends a scalar whose text is the last `length` bytes appended to ``text`` (see ``appendText(_:)``).
    mutating func scalarOfAppendedText(offset: Int, length: Int, isPlain: Bool) {
        entries.append(.init(
            offset: UInt32(offset), end: UInt32(entries.count + 1), start: UInt32(text.count - length),
            length: UInt32(length), kind: isPlain ? .plain : .quoted, inText: true))
    }

    /// Adds bytes to ``text`` for a scalar still being decoded.
    mutating func appendText(_ byte: UInt8) { text.append(byte) }
    mutating func appendText<Bytes: Swift.Sequence<UInt8>>(contentsOf bytes: Bytes) { text.append(contentsOf: bytes) }
    /// The number of bytes in ``text``.
    var textCount: Int { text.count }

    /// Appends an alias of the node at `target`.
    mutating func alias(of target: Int, offset: Int) {
        entries.append(.init(
            offset: UInt32(offset), end: UInt32(entries.count + 1), start: UInt32(target), length: 0, kind: .alias,
            inText: false))
    }

    /// Opens a collection; returns its index, for ``close(_:count:)``.
    mutating func open(mapping: Bool, offset: Int) -> Int {
        entries.append(.init(
            offset: UInt32(offset), end: 0, start: 0, length: 0, kind: mapping ? .mapping : .sequence, inText: false))
        return entries.count - 1
    }

    /// Closes the collection at `index`, which has `count` items or entries.
    mutating func close(_ index: Int, count: Int) {
        entries[index].end = UInt32(entries.count)
        entries[index].length = UInt32(count)
    }

    /// The finished tape, reading scalars that are verbatim in the file from `source`.
    func tape(source: [UInt8]) -> DocumentTape {
        DocumentTape(entries: entries, text: text, source: source)
    }

    /// Makes room for `count` entries in all: a parser that estimates the tape's size early lets it
    /// grow without a copy at each doubling.
    mutating func reserveEntries(_ count: Int) {
        if count > entries.capacity { entries.reserveCapacity(count) }
    }

    /// Appends the children of `part`'s collection at `root` as further children of the open
    /// collection at `parent` (whose subtree must end with the tape), as if they had been parsed
    /// here: indices, alias targets and text positions shifted, counts and ends updated.
    ///
    /// A large part is spliced into a growing tape: the entries are copied as one block and then
    /// shifted in place, and room is made geometrically, so splicing several parts one after another
    /// stays linear (an exact reservation would copy the whole tape at the next append).
    mutating func appendChildren(of root: Int, in part: DocumentTapeBuilder, to parent: Int) {
        let first = entries.count
        let shift = UInt32(first - (root + 1))
        let textShift = UInt32(text.count)
        let children = part.entries[(root + 1)..<Int(part.entries[root].end)]
        if first + children.count > entries.capacity {
            entries.reserveCapacity(max(first + children.count, 2 * entries.capacity))
        }
        entries.append(contentsOf: children)
        entries.withUnsafeMutableBufferPointer { buffer in
            // Every index and text position fits in 32 bits (the file does), as before the shift.
            for index in first..<buffer.count {
                buffer[index].end &+= shift
                buffer[index].start &+= (buffer[index].inText ? textShift : 0) &+ (buffer[index].kind == .alias ? shift : 0)
            }
        }
        if text.count + part.text.count > text.capacity {
            text.reserveCapacity(max(text.count + part.text.count, 2 * text.capacity))
        }
        text.append(contentsOf: part.text)
        entries[parent].length += part.entries[root].length
        entries[parent].end = UInt32(entries.count)
    }

    /// The entry at `index`.
    func entry(_ index: Int) -> DocumentTape.Entry { entries[index] }
}
