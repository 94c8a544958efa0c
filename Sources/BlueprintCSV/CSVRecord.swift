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
