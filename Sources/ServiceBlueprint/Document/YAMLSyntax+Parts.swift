import Dispatch
import Foundation

/// Parsing a large YAML file on several cores.
///
/// libyaml reads one event at a time on one thread, and on a large blueprint that is about a third
/// of `blueprint check`. A blueprint is a mapping of a few top-level keys, most of its bytes in one
/// or two long lists (`steps`, `flows`) written in block style. Such a file can be cut at the start
/// of a line into parts that each parse alone: at a top-level key (`flows:` at column 0), or at an
/// item of a top-level list (`  - id: …`). The parts' tapes are then joined as if parsed in one go.
///
/// A cut is only taken where nothing can span it, and checked afterwards:
/// - the document is a mapping whose keys are at column 0 (its first line that is not a comment is
///   a key there);
/// - the file has no anchors or aliases (whose scope and expansion limit are the whole file), no
///   directives or document markers, and no top-level line that is not a plain key or a list item;
/// - every part must parse: a part that fails means the cut split something (a quoted scalar, a flow
///   collection), and the file is parsed whole, which also reports any error exactly as before;
/// - a part cut at a list item must continue the list that ends the part before it, at the same column.
extension YAMLSyntax {
    /// Files smaller than this are parsed whole: a part must be worth a thread.
    static let partMinimumBytes = 256 * 1024

    /// How many parts a file of `count` bytes is cut into at most (`nil`: as many as cores, up to 8).
    static func partCount(forBytes count: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        min(max(1, cores), 8, count / partMinimumBytes)
    }

    /// Where a part starts and how it continues the document before it.
    struct Cut: Equatable {
        /// Byte offset (in the text) of the first byte of the part's first line.
        var offset: Int
        /// `nil`: the part starts with a top-level key; otherwise it starts with an item of the list
        /// that ends the previous part, whose dash is at this column (in bytes).
        var listColumn: Int?
    }

    /// The parts' tape, joined, or `nil` when the file is parsed whole.
    func parseInParts(_ text: UnsafeBufferPointer<UInt8>, base: Int, parts: Int? = nil) -> DocumentTapeBuilder? {
        let parts = parts ?? Self.partCount(forBytes: text.count)
        guard parts > 1, let cuts = Self.cuts(in: text, parts: parts), !cuts.isEmpty else { return nil }
        let starts = [Cut(offset: 0, listColumn: nil)] + cuts
        let shared = SharedText(bytes: text)
        let parsed = ParallelMap.map(starts.count, workers: min(parts, starts.count)) { index in
            let text = shared.bytes
            let start = starts[index].offset
            let end = index + 1 < starts.count ? starts[index + 1].offset : text.count
            let part = UnsafeBufferPointer(rebasing: text[start..<end])
            return try? parse(part, base: base + start, depth: starts[index].listColumn == nil ? 0 : 1).get()
        }
        return Self.join(parsed, starts: starts, text: text, base: base)
    }

    /// Joins the parts' tapes in order; `nil` if a part failed or does not continue the one before.
    static func join(
        _ parts: [(tape: DocumentTapeBuilder, root: Int)?], starts: [Cut], text: UnsafeBufferPointer<UInt8>, base: Int
    ) -> DocumentTapeBuilder? {
        guard let first = parts.first, let first, first.root == 0, first.tape.entry(0).kind == .mapping else { return nil }
        var joined = first.tape
        for (part, start) in zip(parts.dropFirst(), starts.dropFirst()) {
            guard let part, part.root == 0 else { return nil }
            let root = part.tape.entry(0)
            if let column = start.listColumn {
                // The list that ends the document so far, at the same column, continues with this part's items.
                guard root.kind == .sequence, let list = lastValue(of: 0, in: joined),
                    joined.entry(list).kind == .sequence, Int(joined.entry(list).end) == joined.count,
                    self.column(of: Int(joined.entry(list).offset) - base, in: text) == column
                else { return nil }
                joined.appendChildren(of: 0, in: part.tape, to: list)
                joined.close(0, count: Int(joined.entry(0).length))
            } else {
                guard root.kind == .mapping else { return nil }
                joined.appendChildren(of: 0, in: part.tape, to: 0)
            }
        }
        return joined
    }

    /// The last value of the mapping at `index`.
    private static func lastValue(of index: Int, in tape: DocumentTapeBuilder) -> Int? {
        var position = index + 1
        let end = Int(tape.entry(index).end)
        var last: Int?
        while position < end {
            last = position
            position = Int(tape.entry(position).end)
        }
        return tape.entry(index).length > 0 ? last : nil
    }

    /// The column (in bytes from the line's start) of `offset`.
    private static func column(of offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var start = min(offset, text.count)
        while start > 0, text[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return offset - start
    }

    /// Up to `parts - 1` cuts near even shares of the text, each followed by a cut at every later
    /// top-level key of its part (a part cut in a list ends where the list does). `nil` when the file
    /// has anything a cut could split or change the meaning of.
    static func cuts(in text: UnsafeBufferPointer<UInt8>, parts: Int) -> [Cut]? {
        let newline = UInt8(ascii: "\n")
        var targets = (1..<max(parts, 1)).map { $0 * text.count / parts }[...]
        var cuts: [Cut] = []
        var inList = false
        // The column of the list that is the latest top-level key's value, known from its first line:
        // only that list's items are cut at (a nested list's items are not).
        var listColumn: Int?
        var awaitingValue = false
        var seenContent = false
        var lineStart = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") {
                // An anchor or alias (`&a`, `*a`): its name follows at once. `a & b` is text.
                if index + 1 < text.count, !Self.isBlank(text[index + 1]) { return nil }
            }
            if byte == newline {
                lineStart = index + 1
            }
            if index == lineStart, index < text.count {
                guard let kind = lineKind(at: index, in: text) else { return nil }
                // The document must be a mapping at column 0, its first line a key: an indented root
                // (`    lane: x`) ends at the first line at column 0, which a cut there would hide.
                if !seenContent {
                    switch kind {
                    case .blank: break
                    case .key: seenContent = true
                    case .item, .other: return nil
                    }
                }
                switch kind {
                case .key:
                    awaitingValue = true
                    listColumn = nil
                case .item(let column):
                    if awaitingValue { listColumn = column }
                    awaitingValue = false
                case .other:
                    awaitingValue = false
                case .blank:
                    break
                }
                if case .key = kind, inList {
                    cuts.append(Cut(offset: index, listColumn: nil))
                    inList = false
                } else if let target = targets.first, index >= target, index > 0 {
                    switch kind {
                    case .key:
                        cuts.append(Cut(offset: index, listColumn: nil))
                        targets.removeFirst()
                    case .item(let column) where column == listColumn:
                        cuts.append(Cut(offset: index, listColumn: column))
                        targets.removeFirst()
                        inList = true
                    case .item, .other, .blank:
                        break
                    }
                }
            }
            index += 1
        }
        return cuts
    }

    private enum LineKind {
        /// A top-level key (`flows:`).
        case key
        /// A list item (`  - …`) at this column, shallow enough to be a top-level list's.
        case item(column: Int)
        /// Anything else that cannot start a part: indented text.
        case other
        /// A comment or a blank line.
        case blank
    }

    /// What the line starting at `index` can be a cut at; `nil` when it makes the file unsafe to cut.
    private static func lineKind(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> LineKind? {
        let first = text[index]
        switch first {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return .key
        case UInt8(ascii: " "):
            var column = index
            while column < text.count, text[column] == UInt8(ascii: " ") { column += 1 }
            if column == text.count || text[column] == UInt8(ascii: "\n") || text[column] == UInt8(ascii: "\r")
                || text[column] == UInt8(ascii: "#") { return .blank }
            guard column - index <= 4, column + 1 < text.count, text[column] == UInt8(ascii: "-"),
                text[column + 1] == UInt8(ascii: " ")
            else { return .other }
            return .item(column: column - index)
        case UInt8(ascii: "-"):
            // `- item` of a list written at column 0; `---` (a document) and `-1:` are not cut near.
            guard index + 1 < text.count, text[index + 1] == UInt8(ascii: " ") else { return nil }
            return .item(column: 0)
        case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return .blank
        default:
            // Directives, document markers, quoted or complex keys, flow collections, tabs, digits:
            // rare in blueprints, and parsed whole.
            return nil
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}

/// The file's bytes, read (never written) by the threads parsing its parts, all of which end before
/// ``YAMLSyntax/parseInParts(_:base:parts:)`` returns, while the buffer is alive.
private struct SharedText: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}

extension BlueprintDocument {
    /// For the fuzz target: `false` when parsing the YAML `text` cut into `parts` gives a document
    /// other than parsing it whole. A text that is not cut, or whose parts fail, agrees (it is then
    /// parsed whole).
    @_spi(Fuzzing) public static func yamlPartsAgreeWithWhole(_ text: String, parts: Int) -> Bool {
        let bytes = Array(text.utf8)
        let syntax = YAMLSyntax(source: SourceText(bytes: bytes, format: .yaml), limits: .default)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let joined = syntax.parseInParts(buffer, base: 0, parts: parts) else { return true }
            guard case .success(let whole?) = syntax.parse(buffer, base: 0), whole.root == 0,
                whole.tape.count == joined.count, whole.tape.textCount == joined.textCount
            else { return false }
            let wholeTape = whole.tape.tape(source: bytes), joinedTape = joined.tape(source: bytes)
            for index in 0..<joined.count {
                let a = wholeTape.entries[index], b = joinedTape.entries[index]
                guard a.offset == b.offset, a.end == b.end, a.length == b.length, a.kind == b.kind, a.inText == b.inText,
                    a.kind == .alias ? a.start == b.start : true
                else { return false }
                if a.kind == .plain || a.kind == .quoted, wholeTape.string(at: index) != joinedTape.string(at: index) {
                    return false
                }
            }
            return true
        }
    }
}
