/// Checking file bytes as UTF-8 (see ``firstInvalidByte(in:)``).
enum UTF8Text {}

extension UTF8Text {
    /// The offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates
    /// and values past U+10FFFF are invalid), or `nil` when all of `bytes` is valid.
    static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return nil }
            var index = 0
            while index < count {
                // Eight ASCII bytes at a time.
                if index + 8 <= count,
                    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var value: UInt32
                switch lead {
                case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
                case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
                case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
                default: return index
                }
                guard index + length <= count else { return index }
                for next in 1..<length {
                    let byte = buffer[index + next]
                    guard byte & 0xC0 == 0x80 else { return index }
                    value = value << 6 | UInt32(byte & 0x3F)
                }
                switch length {
                case 3 where value < 0x800 || (0xD800...0xDFFF).contains(value): return index
                case 4 where value < 0x10000 || value > 0x10FFFF: return index
                default: break
                }
                index += length
            }
            return nil
        }
    }
}
