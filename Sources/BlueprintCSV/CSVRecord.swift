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

/// One record as the tokenizer holds it: the fields' bytes one after another, and where each
/// field ends and starts. Readers that need a few columns of a large file read them from here
/// and make strings only for those; ``record()`` makes the whole ``CSVRecord``.
///
/// The buffers belong to the tokenizer and are valid only inside the closure the record is
/// handed to; never keep a record or its buffers.
package struct CSVRawRecord {
    /// 1-based record number, as ``CSVRecord/number``.
    package let number: Int
    /// Every field's bytes, concatenated (quotes removed, doubled quotes undone).
    package let data: UnsafeBufferPointer<UInt8>
    /// `ends[i]` is where field `i` ends in ``data``; field `i` starts where field `i - 1` ends.
    package let ends: UnsafeBufferPointer<Int>
    /// Where each field starts in the input.
    package let positions: UnsafeBufferPointer<CSVPosition>

    /// The number of fields.
    package var count: Int { ends.count }

    /// Where the record starts.
    package var position: CSVPosition { positions.first ?? CSVPosition(line: 1, column: 1) }

    /// The bytes of field `index`, or `nil` when the record is shorter.
    package func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: data[start..<ends[index]])
    }

    /// Field `index` as a string (invalid UTF-8 replaced by U+FFFD, as the tokenizer reported),
    /// or `nil` when the record is shorter.
    package func string(_ index: Int) -> String? {
        bytes(index).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The record with every field as a string.
    package func record() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(ends.count)
        for index in 0..<ends.count { fields.append(string(index) ?? "") }
        return CSVRecord(number: number, fields: fields, positions: Array(positions))
    }
}
