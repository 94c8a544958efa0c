/// A place in the input: 1-based line and column.
///
/// Columns count Unicode scalars (UTF-8 lead bytes), not bytes, so they match what an editor
/// shows for UTF-8 text. A BOM is not counted.
public struct CSVPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based physical line (CRLF, LF and a lone CR each end a line).
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Orders by line, then column.
    public static func < (lhs: CSVPosition, rhs: CSVPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One record (row) of a CSV file: its fields as strings and where each field starts.
public struct CSVRecord: Sendable, Hashable {
    /// 1-based record number; the header, if any, is record 1.
    public var number: Int
    /// The field values, quotes removed and doubled quotes undone.
    public var fields: [String]
    /// Where each field starts (`positions[i]` belongs to `fields[i]`).
    public var positions: [CSVPosition]

    /// Creates a record.
    public init(number: Int, fields: [String], positions: [CSVPosition]) {
        self.number = number
        self.fields = fields
        self.positions = positions
    }

    /// Where the record starts.
    public var position: CSVPosition { positions.first ?? CSVPosition(line: 1, column: 1) }

    /// The field at `index`, or `nil` when the record is shorter.
    public subscript(safe index: Int) -> String? {
        fields.indices.contains(index) ? fields[index] : nil
    }
}

/// One record as the tokenizer holds it: the fields' bytes, and where each field starts and
/// ends. Readers that need a few columns of a large file read them from here and make strings
/// only for those; ``record()`` makes the whole ``CSVRecord``.
///
/// A plain line (no quotes) is handed on straight from the tokenizer's input, separators
/// included, and its fields' positions are counted only when asked for (``position(of:)``).
/// The buffers belong to the tokenizer and are valid only inside the closure the record is
/// handed to; never keep a record or its buffers.
package struct CSVRawRecord {
    /// 1-based record number, as ``CSVRecord/number``.
    package let number: Int
    /// The bytes the fields are in (quotes removed, doubled quotes undone).
    package let data: UnsafeBufferPointer<UInt8>
    /// Field `i` is `data[bounds[i] ..< bounds[i + 1] - gap]`: one more bound than fields.
    private let bounds: UnsafeBufferPointer<Int>
    /// 1 when a separator stands between fields in ``data`` (a plain line), else 0.
    private let gap: Int
    /// Where each field starts in the input; empty for a plain line, whose positions are counted.
    private let positions: UnsafeBufferPointer<CSVPosition>
    /// The line of a plain line (``data`` is then that line from its first byte).
    private let line: Int

    /// A record whose fields the tokenizer copied one after another, with their positions.
    init(number: Int, data: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>, positions: UnsafeBufferPointer<CSVPosition>) {
        self.number = number
        self.data = data
        self.bounds = bounds
        gap = 0
        self.positions = positions
        line = positions.first?.line ?? 1
    }

    /// A plain line, handed on from the input as it is (separators included).
    init(number: Int, data: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>, line: Int) {
        self.number = number
        self.data = data
        self.bounds = bounds
        gap = 1
        positions = UnsafeBufferPointer(start: nil, count: 0)
        self.line = line
    }

    /// The number of fields.
    package var count: Int { bounds.count - 1 }

    /// Where the record starts.
    package var position: CSVPosition { positions.first ?? CSVPosition(line: line, column: 1) }

    /// Where field `index` starts in the input (`index` < ``count``).
    package func position(of index: Int) -> CSVPosition {
        if !positions.isEmpty { return positions[index] }
        // A plain line: one column per Unicode scalar before the field, separators included.
        var column = 1
        for byte in UnsafeBufferPointer(rebasing: data[0..<bounds[index]]) where byte & 0xC0 != 0x80 { column += 1 }
        return CSVPosition(line: line, column: column)
    }

    /// The bytes of field `index`, or `nil` when the record is shorter.
    @inline(__always)
    package func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard index >= 0, index < bounds.count - 1 else { return nil }
        return UnsafeBufferPointer(rebasing: data[bounds[index]..<(bounds[index + 1] - gap)])
    }

    /// Field `index` as a string (invalid UTF-8 replaced by U+FFFD, as the tokenizer reported),
    /// or `nil` when the record is shorter.
    package func string(_ index: Int) -> String? {
        bytes(index).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The record with every field as a string.
    package func record() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(count)
        var located: [CSVPosition] = []
        located.reserveCapacity(count)
        for index in 0..<count {
            fields.append(string(index) ?? "")
            located.append(position(of: index))
        }
        return CSVRecord(number: number, fields: fields, positions: located)
    }
}
