#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one column of plain CSV input much faster than ``CSVTokenizer``: lines are found with
/// `memchr`, and only the column asked for is looked at.
///
/// Plain input has no quote, no CR, no byte-order mark and no line longer than the limits allow:
/// then every non-empty line is exactly one record and the tokenizer would number and split
/// them the same way (blank lines are skipped and not numbered). The scanner checks that as it
/// goes; ``feed(_:_:)`` and ``finish(_:)`` return `false` as soon as the input is not plain, and
/// the caller reads it with the tokenizer instead (the records already handed on were right).
///
/// The first line picks the separator as the tokenizer does; the first record (the header) is
/// handed to `column` as a ``CSVRecord``, which returns the column to read.
package struct CSVColumnScanner {
    private var separator: CSVSeparator?
    private let limits: CSVLimits
    private let chooseColumn: (CSVRecord) throws -> Int
    private var column: Int?
    /// The start of a line that continues in the next chunk.
    private var carry: [UInt8] = []
    private var started = false
    private var recordCount = 0

    /// Creates a scanner; `column` picks the column from the header (a throw stops the scan).
    package init(separator: CSVSeparator?, limits: CSVLimits = CSVLimits(), column: @escaping (CSVRecord) throws -> Int) {
        self.separator = separator
        self.limits = limits
        chooseColumn = column
    }

    /// The longest line that cannot reach any limit of the tokenizer (field, record, field count).
    private var longestLine: Int { min(limits.maxFieldBytes, limits.maxRecordBytes, limits.maxFieldsPerRecord - 1) }

    /// Scans the next chunk, calling `body` with the record number and the column's bytes of each
    /// record that has the column. Returns `false` when the input is not plain.
    package mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return true }
        if !started {
            started = true
            if chunk[0] == 0xEF { return false } // a byte-order mark, maybe
        }
        if memchr(base, Int32(CSVByte.quote), chunk.count) != nil || memchr(base, Int32(CSVByte.cr), chunk.count) != nil {
            return false
        }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, Int32(CSVByte.lf), chunk.count - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
                return carry.count <= longestLine
            }
            let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if carry.isEmpty {
                guard try line(UnsafeBufferPointer(rebasing: chunk[start..<end]), body) else { return false }
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<end]))
                let whole = carry
                carry.removeAll(keepingCapacity: true)
                guard try whole.withUnsafeBufferPointer({ try line($0, body) }) else { return false }
            }
            start = end + 1
        }
        return true
    }

    /// Ends the input: the last line, if it has no line break. Returns `false` when it is not plain.
    package mutating func finish(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        let last = carry
        carry = []
        return try last.withUnsafeBufferPointer { try line($0, body) }
    }

    /// One line without its line break.
    private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard bytes.count <= longestLine else { return false }
        guard let separator else {
            // The tokenizer picks the separator from the first line, even a blank one.
            separator = CSVSeparator.detect(header: bytes)
            return try line(bytes, body)
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true } // a blank line: no record
        recordCount += 1
        guard let column else {
            let header = try CSVTokenizer.records(in: bytes, separator: separator, limits: limits)
            guard header.records.count == 1 else { return false }
            column = try chooseColumn(header.records[0])
            return true
        }
        // Field `column` lies between the column-th separator and the next one (or the line's end).
        var start = 0
        for _ in 0..<column {
            guard let found = memchr(base + start, Int32(separator.rawValue), bytes.count - start) else { return true }
            start = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        var end = bytes.count
        if let found = memchr(base + start, Int32(separator.rawValue), bytes.count - start) {
            end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        }
        try body(recordCount, UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return true
    }
}
