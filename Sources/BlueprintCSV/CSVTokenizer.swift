/// A streaming RFC 4180 tokenizer over bytes.
///
/// Feed the input in chunks of any size with ``feed(_:_:)`` and call ``finish(_:)`` at the
/// end; each completed record is handed to the closure as soon as its line ends, so memory
/// holds one record, never the file. It understands:
/// - quoted fields with embedded separators, line breaks and doubled quotes (`""`);
/// - CRLF, LF and lone CR line endings, also split across chunks;
/// - UTF-8 with or without a byte-order mark;
/// - comma, semicolon or tab, given or detected from the first line (``CSVSeparator/detect(header:)``).
///
/// Malformed input is tokenized leniently (the way spreadsheets read it) and every problem is
/// recorded in ``errors`` with its line and column. Inputs beyond ``CSVLimits`` throw.
///
/// ```swift
/// var tokenizer = CSVTokenizer()
/// try tokenizer.feed(Array("id,name\n1,\"a, b\"\n".utf8)) { record in print(record.fields) }
/// try tokenizer.finish { record in print(record.fields) }
/// ```
public struct CSVTokenizer: Sendable {
    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote
    }

    /// The separator in use: the one given, or the detected one once the first line is read.
    public private(set) var separator: CSVSeparator?
    /// The bounds applied.
    public let limits: CSVLimits
    /// Whether records that are one empty, unquoted field (blank lines) are dropped.
    public let skipsBlankLines: Bool
    /// Recoverable problems seen so far, at most ``CSVLimits/maxErrors``.
    public private(set) var errors: [CSVError] = []
    /// How many recoverable problems were seen, including those not stored.
    public private(set) var errorCount = 0
    /// Records emitted so far (blank lines skipped are not counted).
    public private(set) var recordCount = 0

    private var state = State.fieldStart
    private var line = 1
    private var column = 1
    private var previousWasCR = false
    private var swallowLF = false
    private var bomDone = false
    private var bomPrefix: [UInt8] = []
    /// The current record's field bytes, one field after another; strings are made only when a
    /// consumer asks (``CSVRawRecord``), so a reader that needs two columns pays for two.
    private var recordData: [UInt8] = []
    /// Where each completed field of the current record ends in ``recordData``.
    private var fieldEnds: [Int] = []
    /// Where the field being read begins in ``recordData``.
    private var fieldDataStart = 0
    /// Whether the field being read has a byte ≥ 0x80 (only such fields need UTF-8 validation).
    private var fieldHasHighBytes = false
    private var fieldQuoted = false
    private var fieldStart = CSVPosition(line: 1, column: 1)
    private var positions: [CSVPosition] = []
    /// Bytes held back until the separator is detected (only the first line).
    private var pending: [UInt8] = []
    private var pendingInQuotes = false
    private var finished = false

    /// Creates a tokenizer.
    /// - Parameters:
    ///   - separator: the field separator, or `nil` to detect it from the first line.
    ///   - limits: size bounds for untrusted input.
    ///   - skipsBlankLines: drop empty lines instead of emitting one-empty-field records.
    public init(separator: CSVSeparator? = nil, limits: CSVLimits = CSVLimits(), skipsBlankLines: Bool = true) {
        self.separator = separator
        self.limits = limits
        self.skipsBlankLines = skipsBlankLines
    }

    /// Tokenizes the next chunk, calling `body` for every record completed by it.
    ///
    /// A record that continues past the chunk is kept until a later chunk or ``finish(_:)``
    /// completes it. Errors thrown by `body` propagate and leave the tokenizer mid-record.
    /// - Throws: ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    public mutating func feed(_ chunk: [UInt8], _ body: (CSVRecord) throws -> Void) throws {
        try feedRaw(chunk) { try body($0.record()) }
    }

    /// Tokenizes the next chunk, calling `body` with each completed record as bytes
    /// (``CSVRawRecord``): no string is made for a field nobody reads.
    /// - Throws: ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    package mutating func feedRaw(_ chunk: [UInt8], _ body: RawBody) throws {
        precondition(!finished, "feed(_:_:) after finish(_:)")
        if bomDone, let separator {
            // The hot path: no BOM or detection bookkeeping per byte.
            try chunk.withUnsafeBufferPointer { try run($0, separator.rawValue, body) }
            return
        }
        for byte in chunk { try take(byte, body) }
    }

    /// What receives raw records.
    package typealias RawBody = (CSVRawRecord) throws -> Void

    /// Tokenizes the next chunk given as any byte sequence (copied into an array first).
    /// - Throws: ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ chunk: Bytes, _ body: (CSVRecord) throws -> Void) throws {
        try feed(Array(chunk), body)
    }

    /// Ends the input: completes the last record (with or without a final line break).
    /// - Throws: ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    public mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
        try finishRaw { try body($0.record()) }
    }

    /// Ends the input, handing the last record on as bytes.
    /// - Throws: ``CSVError`` when a limit is exceeded, or whatever `body` throws.
    package mutating func finishRaw(_ body: RawBody) throws {
        guard !finished else { return }
        if !bomDone {
            bomDone = true
            let held = bomPrefix
            bomPrefix = []
            for byte in held { try afterBOM(byte, body) }
        }
        if separator == nil { try flushDetection(body) }
        finished = true
        switch state {
        case .fieldStart:
            if !fieldEnds.isEmpty { try endField(); try endRecord(body) }
        case .quoted:
            report(.unterminatedQuote, at: fieldStart, "quoted field is not closed before the end of the input")
            try endField(); try endRecord(body)
        case .unquoted, .quoteInQuoted, .afterClosingQuote:
            try endField(); try endRecord(body)
        }
    }

    /// Tokenizes a whole buffer at once and returns its records (for small inputs and tests).
    /// - Throws: ``CSVError`` when a limit is exceeded.
    public static func records(in bytes: some Sequence<UInt8>, separator: CSVSeparator? = nil,
                               limits: CSVLimits = CSVLimits()) throws -> (records: [CSVRecord], errors: [CSVError]) {
        var tokenizer = CSVTokenizer(separator: separator, limits: limits)
        var records: [CSVRecord] = []
        try tokenizer.feed(Array(bytes)) { records.append($0) }
        try tokenizer.finish { records.append($0) }
        return (records, tokenizer.errors)
    }

    // MARK: - Byte-order mark and separator detection

    private mutating func take(_ byte: UInt8, _ body: RawBody) throws {
        guard bomDone else {
            // A UTF-8 byte-order mark at the very start is not data; a partial match is replayed.
            bomPrefix.append(byte)
            if bomPrefix.elementsEqual(CSVByte.bom.prefix(bomPrefix.count)) {
                if bomPrefix.count == CSVByte.bom.count { bomDone = true; bomPrefix = [] }
                return
            }
            bomDone = true
            let held = bomPrefix
            bomPrefix = []
            for heldByte in held { try afterBOM(heldByte, body) }
            return
        }
        try afterBOM(byte, body)
    }

    private mutating func afterBOM(_ byte: UInt8, _ body: RawBody) throws {
        if let separator { return try consume(byte, separator.rawValue, body) }
        // Hold the first line until it ends, then pick the separator from it.
        pending.append(byte)
        if byte == CSVByte.quote { pendingInQuotes.toggle() }
        let lineEnded = !pendingInQuotes && (byte == CSVByte.lf || byte == CSVByte.cr)
        if lineEnded || pending.count > limits.maxRecordBytes { try flushDetection(body) }
    }

    private mutating func flushDetection(_ body: RawBody) throws {
        let detected = CSVSeparator.detect(header: pending)
        separator = detected
        let held = pending
        pending = []
        for byte in held { try consume(byte, detected.rawValue, body) }
    }

    // MARK: - The state machine

    /// Tokenizes a buffer. Inside a field, a run of ordinary bytes (no separator, quote or line
    /// break) is taken at once; every other byte goes through ``consume(_:_:_:)`` one by one.
    private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, _ separator: UInt8, _ body: RawBody) throws {
        var index = 0
        let end = buffer.count
        while index < end {
            let inField = state == .unquoted || state == .quoted || state == .afterClosingQuote
            if inField, !swallowLF {
                var stop = index
                var scalars = 0
                var high: UInt8 = 0
                while stop < end {
                    let byte = buffer[stop]
                    if byte == separator || byte == CSVByte.quote || byte == CSVByte.lf || byte == CSVByte.cr { break }
                    high |= byte
                    if byte & 0xC0 != 0x80 { scalars += 1 }
                    stop += 1
                }
                if stop > index {
                    try appendRun(UnsafeBufferPointer(rebasing: buffer[index..<stop]), highBits: high)
                    column += scalars
                    previousWasCR = false
                    index = stop
                    continue
                }
            }
            try consume(buffer[index], separator, body)
            index += 1
        }
    }

    @inline(__always)
    private mutating func consume(_ byte: UInt8, _ separator: UInt8, _ body: RawBody) throws {
        let here = CSVPosition(line: line, column: column)
        advancePosition(over: byte)
        if swallowLF {
            swallowLF = false
            if byte == CSVByte.lf { return }
        }
        switch state {
        case .fieldStart:
            fieldStart = here
            if byte == CSVByte.quote {
                fieldQuoted = true
                state = .quoted
            } else if byte == separator {
                try endField()
            } else if byte == CSVByte.cr || byte == CSVByte.lf {
                swallowLF = byte == CSVByte.cr
                try endField(); try endRecord(body)
            } else {
                try append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == separator {
                try endField(); state = .fieldStart
            } else if byte == CSVByte.cr || byte == CSVByte.lf {
                swallowLF = byte == CSVByte.cr
                try endField(); try endRecord(body); state = .fieldStart
            } else {
                if byte == CSVByte.quote {
                    report(.quoteInUnquotedField, at: here, "'\"' inside an unquoted field; quote the whole field and double the quote")
                }
                try append(byte)
            }
        case .quoted:
            if byte == CSVByte.quote { state = .quoteInQuoted } else { try append(byte) }
        case .quoteInQuoted:
            if byte == CSVByte.quote {
                try append(byte); state = .quoted
            } else if byte == separator {
                try endField(); state = .fieldStart
            } else if byte == CSVByte.cr || byte == CSVByte.lf {
                swallowLF = byte == CSVByte.cr
                try endField(); try endRecord(body); state = .fieldStart
            } else {
                report(.textAfterClosingQuote, at: here, "text after the closing quote; expected '\(Character(UnicodeScalar(separator)))' or a line break")
                try append(byte); state = .afterClosingQuote
            }
        case .afterClosingQuote:
            if byte == separator {
                try endField(); state = .fieldStart
            } else if byte == CSVByte.cr || byte == CSVByte.lf {
                swallowLF = byte == CSVByte.cr
                try endField(); try endRecord(body); state = .fieldStart
            } else {
                try append(byte)
            }
        }
    }

    @inline(__always)
    private mutating func advancePosition(over byte: UInt8) {
        if byte == CSVByte.lf {
            if !previousWasCR { line += 1 }
            column = 1
        } else if byte == CSVByte.cr {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        previousWasCR = byte == CSVByte.cr
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) throws {
        recordData.append(byte)
        fieldHasHighBytes = fieldHasHighBytes || byte >= 0x80
        try checkSizes()
    }

    /// Appends a run of ordinary bytes to the field.
    @inline(__always)
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>, highBits: UInt8) throws {
        recordData.append(contentsOf: run)
        fieldHasHighBytes = fieldHasHighBytes || highBits >= 0x80
        try checkSizes()
    }

    @inline(__always)
    private func checkSizes() throws {
        if recordData.count - fieldDataStart > limits.maxFieldBytes {
            throw CSVError(kind: .fieldTooLarge, position: fieldStart,
                           message: "field is longer than \(limits.maxFieldBytes) bytes")
        }
        if recordData.count > limits.maxRecordBytes {
            throw CSVError(kind: .recordTooLarge, position: positions.first ?? fieldStart,
                           message: "record is longer than \(limits.maxRecordBytes) bytes")
        }
    }

    private mutating func endField() throws {
        if fieldEnds.count >= limits.maxFieldsPerRecord {
            throw CSVError(kind: .tooManyFields, position: positions.first ?? fieldStart,
                           message: "record has more than \(limits.maxFieldsPerRecord) fields")
        }
        // ASCII is valid UTF-8; only a field with high bytes is checked. Strings made later
        // decode with repair, so an invalid field reads with U+FFFD, as reported here.
        if fieldHasHighBytes, !Self.isValidUTF8(recordData[fieldDataStart...]) {
            report(.invalidUTF8, at: fieldStart, "field is not valid UTF-8; invalid bytes were replaced by U+FFFD")
        }
        fieldEnds.append(recordData.count)
        positions.append(fieldStart)
        fieldDataStart = recordData.count
        fieldHasHighBytes = false
        lastFieldWasQuoted = fieldQuoted
        fieldQuoted = false
        // The next field starts right after the separator.
        fieldStart = CSVPosition(line: line, column: column)
    }

    /// Whether `bytes` are well-formed UTF-8: decoding with repair changes nothing.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: buffer, as: UTF8.self).utf8.elementsEqual(buffer)
        }
    }

    private mutating func endRecord(_ body: RawBody) throws {
        defer {
            recordData.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            fieldDataStart = 0
            state = .fieldStart
        }
        let blank = fieldEnds.count == 1 && fieldEnds[0] == 0 && !lastFieldWasQuoted
        if blank && skipsBlankLines { return }
        recordCount += 1
        let number = recordCount
        try recordData.withUnsafeBufferPointer { data in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try positions.withUnsafeBufferPointer { starts in
                    try body(CSVRawRecord(number: number, data: data, ends: ends, positions: starts))
                }
            }
        }
    }

    private var lastFieldWasQuoted = false

    private mutating func report(_ kind: CSVError.Kind, at position: CSVPosition, _ message: String) {
        errorCount += 1
        if errors.count < limits.maxErrors {
            errors.append(CSVError(kind: kind, position: position, message: message))
        }
    }
}
