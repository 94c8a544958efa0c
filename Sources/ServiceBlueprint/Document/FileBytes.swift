import Foundation

/// Reading a document file's bytes, refusing files over the size limit before reading them.
enum FileBytes {
    /// The bytes of the file at `path`; at most `limit` bytes are ever read.
    static func read(_ path: String, limit: Int) throws(BlueprintError) -> [UInt8] {
        func failure(_ message: String) -> BlueprintError {
            BlueprintError(diagnostics: [
                Diagnostic(.error, message, location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("cannot read the file: no such file")
        }
        guard !isDirectory.boolValue else { throw failure("cannot read the file: it is a directory") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot read the file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        if size > limit { throw tooLarge(path: path, size: size, limit: limit) }

        // One allocation of the announced size (plus one byte to notice growth); files that grow
        // or announce no size (pipes) are read on in chunks, never past the limit.
        var bytes = [UInt8]()
        var capacity = min(size, limit) + 1
        while true {
            var failed: Int32 = 0
            let before = bytes.count
            bytes.reserveCapacity(before + capacity)
            var chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < capacity {
                    let got = Foundation.read(descriptor, buffer.baseAddress.map { $0 + count }, capacity - count)
                    if got < 0, errno == EINTR { continue }
                    if got < 0 { failed = errno }
                    if got <= 0 { break }
                    count += got
                }
            }
            if failed != 0 { throw failure("cannot read the file: \(String(cString: strerror(failed)))") }
            let endOfFile = chunk.count < capacity
            if before == 0 { swap(&bytes, &chunk) } else { bytes.append(contentsOf: chunk) }
            if bytes.count > limit { throw tooLarge(path: path, size: bytes.count, limit: limit) }
            if endOfFile { return bytes }
            capacity = min(1 << 20, limit + 1 - bytes.count)
        }
    }

    /// The error for a file over ``ReadingLimits/maximumFileSize``.
    static func tooLarge(path: String, size: Int, limit: Int) -> BlueprintError {
        BlueprintError(diagnostics: [
            Diagnostic(
                .error,
                "the file is too large (more than \(ReadingLimits.describe(bytes: limit)), the limit on file size); "
                    + "it was not read",
                location: SourceLocation(path: path, line: 1, column: 1))
        ])
    }
}

extension DocumentFormat {
    /// Guesses the format of bytes whose file name does not tell: JSON when they start with `{`.
    static func guess(from bytes: [UInt8]) -> DocumentFormat {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{") ? .json : .yaml
    }
}

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
