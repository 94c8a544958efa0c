import Foundation

extension CSVTokenizer {
    /// Streams a file through a tokenizer in fixed-size chunks, so memory holds one chunk and
    /// one record, never the file.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - separator: the field separator, or `nil` to detect it from the first line.
    ///   - limits: size bounds for untrusted input.
    ///   - chunkSize: bytes read per call (default 64 KiB).
    ///   - body: called once per record, in order.
    /// - Returns: the recoverable errors seen (at most ``CSVLimits/maxErrors``).
    /// - Throws: file errors, ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    @discardableResult
    public static func forEachRecord(inFileAtPath path: String, separator: CSVSeparator? = nil,
                                     limits: CSVLimits = CSVLimits(), chunkSize: Int = 1 << 16,
                                     _ body: (CSVRecord) throws -> Void) throws -> [CSVError] {
        try forEachRawRecord(inFileAtPath: path, separator: separator, limits: limits, chunkSize: chunkSize) {
            try body($0.record())
        }
    }

    /// Streams a file as ``forEachRecord(inFileAtPath:separator:limits:chunkSize:_:)`` does, handing
    /// each record on as bytes (``CSVRawRecord``), so that only the fields read become strings.
    @discardableResult
    package static func forEachRawRecord(inFileAtPath path: String, separator: CSVSeparator? = nil,
                                         limits: CSVLimits = CSVLimits(), chunkSize: Int = 1 << 16,
                                         _ body: RawBody) throws -> [CSVError] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var tokenizer = CSVTokenizer(separator: separator, limits: limits)
        while let data = try handle.read(upToCount: max(1, chunkSize)), !data.isEmpty {
            try data.withUnsafeBytes { try tokenizer.feedRaw(buffer: $0.bindMemory(to: UInt8.self), body) }
        }
        try tokenizer.finishRaw(body)
        return tokenizer.errors
    }
}
