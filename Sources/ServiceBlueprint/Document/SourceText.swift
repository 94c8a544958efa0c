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

    /// The 1-based line and column of the character at byte `offset`.
    func position(of offset: Int) -> TextPosition {
        let offset = min(max(offset, start), bytes.count)
        let starts = lock.withLock {
            if let lineStarts { return lineStarts }
            let built = Self.lineStarts(of: bytes, from: start, format: format)
            lineStarts = built
            return built
        }
        // The last line start at or before `offset`.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
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
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            let end = buffer.count
            while index < end {
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
