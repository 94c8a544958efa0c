import Foundation

/// The bytes of a document and the way to turn a byte offset into a line and column.
///
/// Parsed nodes carry only byte offsets. A line and column is worked out when a diagnostic or a
/// source-map lookup needs one: the table of line starts is built once, on first use, and each
/// lookup is a binary search plus a count of characters from the start of the line.
///
/// Line breaks follow the format: YAML counts `\n`, `\r\n`, `\r`, NEL, LS and PS (as libyaml
/// does); JSON only `\n`, `\r\n` and `\r`, so LS and PS inside strings do not shift lines, just as
/// editors show them. Columns count Unicode scalars. A byte-order mark is not counted.
final class SourceText: @unchecked Sendable {
    /// The file's bytes (valid UTF-8).
    let bytes: [UInt8]
    /// Which line breaks count.
    let format: DocumentFormat
    /// Where the text starts: 3 after a byte-order mark, else 0.
    let start: Int

    private let lock = NSLock()
    // Guarded by `lock`; built on first use.
    private var lineStarts: [UInt32]?

    init(bytes: [UInt8], format: DocumentFormat) {
        self.bytes = bytes
        self.format = format
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Byte offsets where lines start, built on first use.
    var lineStartTable: [UInt32] {
        lock.withLock {
            if let lineStarts { return lineStarts }
            let built = Self.lineStarts(of: bytes, from: start, format: format)
            lineStarts = built
            return built
        }
    }

    /// The 1-based line and column of the character at byte `offset`.
    func position(of offset: Int) -> TextPosition {
        let offset = min(max(offset, start), bytes.count)
        let starts = lineStartTable
        let low = LinePositions.lastIndex(in: starts, notAbove: UInt32(offset))
        var column = 1
        var index = Int(starts[low])
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return TextPosition(line: low + 1, column: column)
    }

    /// Byte offsets where lines start.
    static func lineStarts(of bytes: [UInt8], from start: Int, format: DocumentFormat) -> [UInt32] {
        var starts: [UInt32] = [UInt32(start)]
        // Most of a file is line content without breaks: skip it eight bytes at a time, and look
        // at each byte only in a word that has a '\n', a '\r' or (YAML, for NEL, LS, PS) a byte ≥ 0x80.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let wide = format == .yaml ? highs : 0
        /// The high bit of each byte of `word` equal to `byte`; exact up to the first such byte.
        func matching(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let spread = word ^ (ones &* UInt64(byte))
            return (spread &- ones) & ~spread & highs
        }
        bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var index = start
            let end = buffer.count
            while index < end {
                if index + 8 <= end {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let found = word & wide | matching(word, 0x0A) | matching(word, 0x0D)
                    if found == 0 {
                        index += 8
                        continue
                    }
                    #if _endian(little)
                    // The lowest flagged byte comes first in the file, and it is a real match.
                    index += found.trailingZeroBitCount / 8
                    #endif
                }
                let byte = buffer[index]
                index += 1
                switch byte {
                case 0x0A:
                    starts.append(UInt32(index))
                case 0x0D:
                    if index < end, buffer[index] == 0x0A { index += 1 }
                    starts.append(UInt32(index))
                case 0xC2 where format == .yaml && index < end && buffer[index] == 0x85:
                    index += 1
                    starts.append(UInt32(index))
                case 0xE2 where format == .yaml && index + 1 < end && buffer[index] == 0x80
                    && (buffer[index + 1] == 0xA8 || buffer[index + 1] == 0xA9):
                    index += 2
                    starts.append(UInt32(index))
                default:
                    break
                }
            }
        }
        return starts
    }
}

/// Lines and columns for byte offsets of a text that is no longer kept: what a ``SourceMap`` holds
/// after reading. It keeps the line starts and the bytes of the lines that have a non-ASCII
/// character (their columns count Unicode scalars); on an ASCII line the column is the byte
/// distance. A 100 000-step file is some 60 MiB of text, almost all of it ASCII lines.
final class LinePositions: Sendable {
    private let start: Int
    private let count: Int
    private let lineStarts: [UInt32]
    /// The lines (0-based, ascending) with a byte ≥ 0x80, and where each one's bytes begin in `wideBytes`.
    private let wideLines: [UInt32]
    private let wideStarts: [UInt32]
    private let wideBytes: [UInt8]

    init(_ source: SourceText) {
        start = source.start
        count = source.bytes.count
        let starts = source.lineStartTable
        lineStarts = starts
        var lines: [UInt32] = []
        var lineBytesStart: [UInt32] = []
        var kept: [UInt8] = []
        source.bytes.withUnsafeBytes { bytes in
            var line = 0
            // Keeps the line of a non-ASCII byte at `position` (positions come in ascending order).
            func keepLine(of position: Int) {
                while line + 1 < starts.count, Int(starts[line + 1]) <= position { line += 1 }
                guard lines.last != UInt32(line) else { return }
                let from = Int(starts[line])
                let to = line + 1 < starts.count ? Int(starts[line + 1]) : bytes.count
                lines.append(UInt32(line))
                lineBytesStart.append(UInt32(kept.count))
                kept.append(contentsOf: bytes[from..<to])
            }
            // Eight bytes at a time: most of a blueprint is ASCII.
            var index = 0
            while index + 8 <= bytes.count {
                if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    for position in index..<index + 8 where bytes[position] >= 0x80 { keepLine(of: position) }
                }
                index += 8
            }
            for position in index..<bytes.count where bytes[position] >= 0x80 { keepLine(of: position) }
        }
        wideLines = lines
        wideStarts = lineBytesStart
        wideBytes = kept
    }

    /// The 1-based line and column of the character at byte `offset`, as ``SourceText/position(of:)`` gives it.
    func position(of offset: Int) -> TextPosition {
        let offset = min(max(offset, start), count)
        let line = Self.lastIndex(in: lineStarts, notAbove: UInt32(offset))
        let lineStart = Int(lineStarts[line])
        let wide = Self.lastIndex(in: wideLines, notAbove: UInt32(line))
        guard !wideLines.isEmpty, wideLines[wide] == UInt32(line) else {
            return TextPosition(line: line + 1, column: offset - lineStart + 1)
        }
        var column = 1
        var index = Int(wideStarts[wide])
        let end = index + (offset - lineStart)
        while index < end {
            if wideBytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return TextPosition(line: line + 1, column: column)
    }

    /// The last index of ascending `values` whose value is at most `value` (0 when none is).
    static func lastIndex(in values: [UInt32], notAbove value: UInt32) -> Int {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if values[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return max(low, 0)
    }
}
