import Foundation

/// Reading a document file's bytes, refusing files over the size limit before reading them.
enum FileBytes {
    /// The bytes of the file at `path`; at most `limit` bytes are ever read.
    static func read(_ path: String, limit: Int) throws(BlueprintError) -> [UInt8] {
        func failure(_ key: String, _ arguments: [String: TextArgument] = [:]) -> BlueprintError {
            BlueprintError(diagnostics: [
                Diagnostic(.error, LocalizedText(key, arguments), location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        // EACCES is the one a user can fix; other system errors keep the system's words.
        func failure(errno code: Int32) -> BlueprintError {
            code == EACCES
                ? failure("reading.permissionDenied") : failure("reading.failed", ["error": .verbatim(String(cString: strerror(code)))])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("reading.noSuchFile")
        }
        guard !isDirectory.boolValue else { throw failure("reading.directory") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno: errno) }
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
            if failed != 0 { throw failure(errno: failed) }
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
                .error, LocalizedText("reading.tooLarge", ["limit": ReadingLimits.size(limit)]),
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
