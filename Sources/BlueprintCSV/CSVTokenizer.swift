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
    /// `0`, then where each completed field of the current record ends in ``recordData``.
    private var fieldBounds: [Int] = [0]
    /// Room for a plain line's field bounds (``plainRecord(_:from:_:_:)``), grown when a line has more fields.
    private var plainBounds = [Int](repeating: 0, count: 64)
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
        try chunk.withUnsafeBufferPointer { try feedRaw(buffer: $0, body) }
    }

    /// Tokenizes the next chunk given as a buffer (read straight from a file), as ``feedRaw(_:_:)``.
    package mutating func feedRaw(buffer chunk: UnsafeBufferPointer<UInt8>, _ body: RawBody) throws {
        precondition(!finished, "feed(_:_:) after finish(_:)")
        var index = 0
        // Byte by byte only until the BOM is past and the separator known (the first line).
        while index < chunk.count, !bomDone || separator == nil {
            try take(chunk[index], body)
            index += 1
        }
        guard index < chunk.count, let separator else { return }
        try run(UnsafeBufferPointer(rebasing: chunk[index...]), separator.rawValue, body)
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
            if fieldBounds.count > 1 { try endField(); try endRecord(body) }
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

    /// Tokenizes a buffer. A whole plain line (no quote, within the limits, valid UTF-8) is handed
    /// on straight from the buffer (``plainRecord(_:from:_:_:)``); otherwise, inside a field, a run
    /// of ordinary bytes (no separator, quote or line break) is taken at once, and every other
    /// byte goes through ``consume(_:_:_:)`` one by one.
    private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, _ separator: UInt8, _ body: RawBody) throws {
        var index = 0
        let end = buffer.count
        while index < end {
            if state == .fieldStart, fieldBounds.count == 1, !swallowLF, column == 1,
               let next = try plainRecord(buffer, from: index, separator, body) {
                index = next
                continue
            }
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

    /// Hands on the record that starts at `start` without copying it, when it is one plain line:
    /// no quote, not blank, within the limits and valid UTF-8, its line break inside `buffer`.
    /// Returns where the next record starts, or `nil` (nothing changed) for any other record,
    /// which the byte-by-byte path then reads, reporting what it finds.
    private mutating func plainRecord(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, _ separator: UInt8,
                                      _ body: RawBody) throws -> Int? {
        let end = buffer.count
        var scan: (index: Int, fields: Int, lineBreak: UInt8, high: UInt8)
        // Field i starts at bounds[i] and ends one byte (the separator) before bounds[i + 1].
        repeat {
            let room = plainBounds.count
            scan = plainBounds.withUnsafeMutableBufferPointer { bounds in
                var index = start
                var fields = 1
                var high: UInt64 = 0
                bounds[0] = 0
                while true {
                    // The next separator, quote or line break: 8 bytes at a time, then byte by byte.
                    let special = Self.nextSpecial(buffer, from: index, separator, high: &high)
                    guard special < end else { return (special, -1, 0, 0) }
                    let byte = buffer[special]
                    if byte == separator {
                        guard fields < room - 1 else { return (special, 0, 0, 0) }
                        bounds[fields] = special + 1 - start
                        fields += 1
                        index = special + 1
                    } else if byte == CSVByte.quote {
                        return (special, -1, 0, 0)
                    } else {
                        return (special, fields, byte, high & 0x8080_8080_8080_8080 == 0 ? 0 : 0x80)
                    }
                }
            }
            if scan.fields == 0 {
                // More fields than room: grow and scan the line again (rare: wide files, once).
                guard room <= limits.maxFieldsPerRecord else { return nil }
                plainBounds = [Int](repeating: 0, count: room * 2)
            }
        } while scan.fields == 0
        let length = scan.index - start
        guard scan.lineBreak != 0, length > 0, length <= min(limits.maxFieldBytes, limits.maxRecordBytes),
              scan.fields <= limits.maxFieldsPerRecord else { return nil }
        let line = UnsafeBufferPointer(rebasing: buffer[start..<scan.index])
        // Separators are ASCII, so the line is valid UTF-8 exactly when every field is.
        if scan.high >= 0x80, !Self.isValidUTF8(line) { return nil }
        plainBounds[scan.fields] = length + 1
        recordCount += 1
        let number = recordCount
        let row = self.line
        try plainBounds.withUnsafeBufferPointer { bounds in
            try body(CSVRawRecord(number: number, data: line, bounds: UnsafeBufferPointer(rebasing: bounds[0...scan.fields]), line: row))
        }
        self.line += 1
        column = 1
        var next = scan.index + 1
        if scan.lineBreak == CSVByte.cr {
            // CR LF: the LF ends nothing more; a CR at the end of the buffer waits for the next.
            if next < end {
                if buffer[next] == CSVByte.lf { next += 1 }
                previousWasCR = false
            } else {
                previousWasCR = true
                swallowLF = true
            }
        } else {
            previousWasCR = false
        }
        return next
    }

    /// Where the next separator, quote, LF or CR is at or after `index` (`buffer.count` when none),
    /// ORing the bytes passed over into `high` (its bits 0x80 tell whether any byte was ≥ 0x80;
    /// bytes just past the stop may be ORed in too, which only costs a UTF-8 check).
    /// Eight bytes are tested at once: a byte equal to `b` is a zero byte of `word ^ b·0x0101…`,
    /// and the lowest zero byte is found exactly by the carry trick.
    @inline(__always)
    static func nextSpecial(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, _ separator: UInt8, high: inout UInt64) -> Int {
        let end = buffer.count
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let separators = ones &* UInt64(separator), quotes = ones &* UInt64(CSVByte.quote)
            let lfs = ones &* UInt64(CSVByte.lf), crs = ones &* UInt64(CSVByte.cr)
            @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & 0x8080_8080_8080_8080 }
            while index + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                high |= word
                let hits = zeroBytes(word ^ separators) | zeroBytes(word ^ quotes) | zeroBytes(word ^ lfs) | zeroBytes(word ^ crs)
                if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end {
            let byte = buffer[index]
            if byte == separator || byte == CSVByte.quote || byte == CSVByte.lf || byte == CSVByte.cr { return index }
            high |= UInt64(byte)
            index += 1
        }
        return end
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
        let fieldBytes = recordData.count - fieldDataStart
        if fieldBytes + run.count > limits.maxFieldBytes || recordData.count + run.count > limits.maxRecordBytes {
            // Report the limit that one byte at a time would cross first (the field's on a tie),
            // so that the error does not depend on where the chunks end.
            let toField = limits.maxFieldBytes - fieldBytes + 1, toRecord = limits.maxRecordBytes - recordData.count + 1
            recordData.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<min(toField, toRecord)]))
            try checkSizes()
        }
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
        if fieldBounds.count > limits.maxFieldsPerRecord {
            throw CSVError(kind: .tooManyFields, position: positions.first ?? fieldStart,
                           message: "record has more than \(limits.maxFieldsPerRecord) fields")
        }
        // ASCII is valid UTF-8; only a field with high bytes is checked. Strings made later
        // decode with repair, so an invalid field reads with U+FFFD, as reported here.
        if fieldHasHighBytes, !Self.isValidUTF8(recordData[fieldDataStart...]) {
            report(.invalidUTF8, at: fieldStart, "field is not valid UTF-8; invalid bytes were replaced by U+FFFD")
        }
        fieldBounds.append(recordData.count)
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
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        String(decoding: buffer, as: UTF8.self).utf8.elementsEqual(buffer)
    }

    private mutating func endRecord(_ body: RawBody) throws {
        defer {
            recordData.removeAll(keepingCapacity: true)
            fieldBounds.removeAll(keepingCapacity: true)
            fieldBounds.append(0)
            positions.removeAll(keepingCapacity: true)
            fieldDataStart = 0
            state = .fieldStart
        }
        let blank = fieldBounds.count == 2 && fieldBounds[1] == 0 && !lastFieldWasQuoted
        if blank && skipsBlankLines { return }
        recordCount += 1
        let number = recordCount
        try recordData.withUnsafeBufferPointer { data in
            try fieldBounds.withUnsafeBufferPointer { bounds in
                try positions.withUnsafeBufferPointer { located in
                    try body(CSVRawRecord(number: number, data: data, bounds: bounds, positions: located))
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
