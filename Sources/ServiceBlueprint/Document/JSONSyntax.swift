/// JSON (RFC 8259) text to ``DocumentNode``s: a hand-written parser over the UTF-8 bytes.
///
/// One pass, no intermediate tokens, iterative (an explicit stack, bounded by
/// ``ReadingLimits/maximumDepth``), so hostile nesting is refused where it happens. The nodes go
/// onto a ``DocumentTape``; strings without escapes, numbers and words stay in the file's bytes
/// (only escaped strings are decoded, into the tape's text). Numbers keep their text: the reader decides
/// whether they fit (`1e400` and 20-digit integers are reported there, located). Error messages
/// use the same words as the YAML parser's (`did not find expected ',' or '}'`), with JSON's names.
struct JSONSyntax {
    let source: SourceText
    let limits: ReadingLimits

    /// A collection being built.
    struct Frame {
        var isObject: Bool
        var offset: Int
        /// Its entry on the tape.
        var node: Int
        /// Values (items, or values of entries) so far.
        var count = 0
    }

    /// The root node (`nil` when the text is only white space), or the first syntax error. A large
    /// file's array items are parsed ahead on the other cores and spliced in (``parseTape(_:parts:schedule:)``).
    func parse() -> Result<DocumentNode?, SyntaxFailure> {
        source.bytes.withUnsafeBufferPointer { buffer in
            let parts = Self.partCount(forBytes: buffer.count - source.start)
            return parseTape(buffer, parts: parts, schedule: .concurrent).result.map { tape in
                tape.map { $0.tape(source: source.bytes).node(at: 0) }
            }
        }
    }

    /// The parser of the whole text, or of a part's items (``items()``), over `buffer` (the file's
    /// bytes, or a prefix of them for a part, so offsets are the file's).
    struct Parser {
        let buffer: UnsafeBufferPointer<UInt8>
        var index: Int
        let source: SourceText
        let limits: ReadingLimits
        /// The nodes parsed.
        var tape = DocumentTapeBuilder()
        /// The deepest stack a collection was opened on: a part is spliced only where it stays in the limit.
        var deepest = 0
        /// How many parts were spliced into the document.
        var spliced = 0
        /// Where the tape's size is estimated, once (see ``reserveForTheRest()``); `Int.max`: never.
        var estimateAt = Int.max
        /// Where parsing started.
        var begin = 0

        /// A parser of `buffer` from `index`; the tape's size is estimated after the first 256 KiB of a text over 1 MiB.
        init(buffer: UnsafeBufferPointer<UInt8>, index: Int, source: SourceText, limits: ReadingLimits) {
            self.buffer = buffer
            self.index = index
            self.source = source
            self.limits = limits
            begin = index
            if buffer.count - index > 1 << 20 { estimateAt = index + 256 * 1024 }
        }

        /// Reserves the tape for the rest of the text at the density so far (and a quarter more):
        /// growing a tape of millions of entries by doubling copies it, and touches fresh memory,
        /// at each step. Only room: a wrong estimate costs a doubling more, or untouched memory.
        mutating func reserveForTheRest() {
            estimateAt = .max
            let parsed = max(index - begin, 1)
            let rest = buffer.count - index
            // At most one entry per four bytes (a blueprint has one per 9 to 15): a text dense at its
            // start and sparse after reserves at most five times its size, of memory never touched.
            let estimate = min(tape.count + tape.count * rest / parsed * 5 / 4, tape.count + rest / 4)
            tape.reserveEntries(estimate)
        }

        // MARK: Errors

        /// A syntax error: `problem` and `context` are catalog keys (`syntax.json.*`, or libyaml's
        /// words under `syntax.libyaml.*` where both parsers say the same).
        func failure(
            _ problem: String, _ arguments: [String: TextArgument] = [:], at offset: Int, context: String? = nil,
            from contextOffset: Int = 0
        ) -> SyntaxFailure {
            let problem = TextArgument.phrase(LocalizedText(problem, arguments))
            guard let context else { return SyntaxFailure(LocalizedText("syntax.json", ["problem": problem]), offset: offset) }
            let position = source.position(of: contextOffset)
            return SyntaxFailure(
                LocalizedText("syntax.json.context", [
                    "problem": problem, "context": .phrase(LocalizedText(context)),
                    "line": .integer(position.line), "column": .integer(position.column),
                ]),
                offset: offset)
        }

        static func inside(_ frame: Frame) -> String { frame.isObject ? "syntax.json.inObject" : "syntax.json.inArray" }

        func unexpected(in frame: Frame) -> SyntaxFailure {
            let expected = frame.isObject ? "syntax.libyaml.did not find expected ',' or '}'" : "syntax.libyaml.did not find expected ',' or ']'"
            return failure(expected, at: index, context: Self.inside(frame), from: frame.offset)
        }

        // MARK: Structure

        /// Parses the document onto ``tape``; `false` when the text is only white space. The items of
        /// `board`'s parts are spliced in where the parse reaches a part's start as an array item.
        mutating func document(board: JSONPartBoard? = nil) throws(SyntaxFailure) -> Bool {
            skipWhitespace()
            guard index < buffer.count else { return false }
            var stack: [Frame] = []
            var splicing = Splicing(board: board)
            _ = try values(&stack, splicing: &splicing, isPart: false)
            skipWhitespace()
            guard index == buffer.count else {
                throw failure("syntax.json.moreText", at: index)
            }
            return true
        }

        /// A part: from `index`, the items of an array it is guessed to be in, onto ``tape`` under an
        /// array at entry 0. Stops at the array's `]`, or where a comma and white space reach the end
        /// of ``buffer`` (the next part's start). Returns the item count and where the last item ends.
        mutating func items() throws(SyntaxFailure) -> (count: Int, end: Int) {
            var stack = [Frame(isObject: false, offset: index, node: tape.open(mapping: false, offset: index))]
            var splicing = Splicing(board: nil)
            let count = try values(&stack, splicing: &splicing, isPart: true)
            return (count, index)
        }

        /// Where the whole parse is in its parts: the next one's start (`Int.max`: none left).
        struct Splicing {
            let board: JSONPartBoard?
            var cursor = 0
            var next: Int

            init(board: JSONPartBoard?) {
                self.board = board
                next = board?.starts.first ?? .max
            }
        }

        /// Values until the stack is empty, or for a part (`isPart`), until its array stops (see
        /// ``items()``); returns a part's item count. Iterative: one loop, an explicit stack.
        private mutating func values(
            _ stack: inout [Frame], splicing: inout Splicing, isPart: Bool
        ) throws(SyntaxFailure) -> Int {
            parsing: while true {
                // A value starts here.
                skipWhitespace()
                if index >= splicing.next, splice(&stack, &splicing) {
                    // A part's items are on the tape, and the parse is after the last one.
                } else {
                    guard index < buffer.count else {
                        if let frame = stack.last {
                            throw failure("syntax.json.endOfDocument", at: index, context: Self.inside(frame), from: frame.offset)
                        }
                        throw failure("syntax.json.endOfDocument", at: index)
                    }
                    let start = index
                    switch buffer[index] {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        let isObject = buffer[index] == UInt8(ascii: "{")
                        if stack.count >= limits.maximumDepth {
                            throw SyntaxFailure(LocalizedText("syntax.tooDeep", ["levels": .integer(limits.maximumDepth)]), offset: start)
                        }
                        if stack.count > deepest { deepest = stack.count }
                        if index >= estimateAt { reserveForTheRest() }
                        index += 1
                        let frame = Frame(isObject: isObject, offset: start, node: tape.open(mapping: isObject, offset: start))
                        skipWhitespace()
                        if index < buffer.count, buffer[index] == UInt8(ascii: isObject ? "}" : "]") {
                            index += 1
                            tape.close(frame.node, count: 0)
                            break
                        }
                        if isObject { try key(in: frame) }
                        stack.append(frame)
                        continue parsing
                    case UInt8(ascii: "\""):
                        try string()
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        try number()
                    case UInt8(ascii: "t"):
                        try literal("true", at: start)
                    case UInt8(ascii: "f"):
                        try literal("false", at: start)
                    case UInt8(ascii: "n"):
                        try literal("null", at: start)
                    default:
                        if let frame = stack.last, !frame.isObject, buffer[index] == UInt8(ascii: "]") {
                            throw failure("syntax.json.trailingBracket", at: index)
                        }
                        throw failure("syntax.json.expectedValue", at: index)
                    }
                }

                // A value ended: count it in its collection, and close collections that end here.
                while var frame = stack.popLast() {
                    frame.count += 1
                    if isPart, stack.isEmpty {
                        // The part's own array: it ends at `]`, or the next part starts after this comma.
                        let end = index
                        skipWhitespace()
                        if index < buffer.count, buffer[index] == UInt8(ascii: ",") {
                            index += 1
                            skipWhitespace()
                            if index < buffer.count {
                                stack.append(frame)
                                continue parsing
                            }
                        } else if index >= buffer.count || buffer[index] != UInt8(ascii: "]") {
                            throw unexpected(in: frame)
                        }
                        index = end
                        tape.close(frame.node, count: frame.count)
                        return frame.count
                    }
                    skipWhitespace()
                    let close = UInt8(ascii: frame.isObject ? "}" : "]")
                    if index < buffer.count, buffer[index] == UInt8(ascii: ",") {
                        index += 1
                        if frame.isObject { try key(in: frame) }
                        stack.append(frame)
                        continue parsing
                    }
                    guard index < buffer.count, buffer[index] == close else {
                        throw unexpected(in: frame)
                    }
                    index += 1
                    tape.close(frame.node, count: frame.count)
                }
                return 0
            }
        }

        /// At a value's start at or past the next part's start: splices that part's items into the
        /// open array when the parse is at the part's start as an item of an array, and the part's
        /// nesting stays within the limit there; the parse then continues after its last item (the
        /// text after it, a comma, `]` or anything else, is parsed as always). `false` (the part is
        /// not used, and the text is parsed here) otherwise.
        private mutating func splice(_ stack: inout [Frame], _ splicing: inout Splicing) -> Bool {
            guard let board = splicing.board else { return false }
            let starts = board.starts
            defer { splicing.next = splicing.cursor < starts.count ? starts[splicing.cursor] : .max }
            // Parts whose start was passed inside something else (a string, a number) were wrong guesses.
            while splicing.cursor < starts.count, starts[splicing.cursor] < index {
                board.abandon(splicing.cursor)
                splicing.cursor += 1
            }
            guard splicing.cursor < starts.count, starts[splicing.cursor] == index else { return false }
            let number = splicing.cursor
            splicing.cursor += 1
            guard let frame = stack.last, !frame.isObject else {
                board.abandon(number)
                return false
            }
            // The part's collections are opened `stack.count - 1` levels deeper than in the part.
            guard let part = board.take(number), part.count > 0, stack.count - 1 + part.deepest < limits.maximumDepth
            else { return false }
            tape.appendChildren(of: 0, in: part.tape, to: frame.node)
            stack[stack.count - 1].count += part.count - 1
            index = part.end
            spliced += 1
            return true
        }

        /// `"name" :` in an object, onto the tape.
        mutating func key(in frame: Frame) throws(SyntaxFailure) {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
                    throw failure("syntax.json.trailingBrace", at: index)
                }
                throw failure(
                    "syntax.json.keyNotString", at: index, context: "syntax.json.inObject",
                    from: frame.offset)
            }
            try string()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else {
                throw unexpected(in: frame)
            }
            index += 1
        }

        mutating func skipWhitespace() {
            // Indentation: eight spaces at a time.
            while index + 8 <= buffer.count,
                UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: index, as: UInt64.self) == 0x2020_2020_2020_2020
            {
                index += 8
            }
            while index < buffer.count {
                switch buffer[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func literal(_ word: StaticString, at start: Int) throws(SyntaxFailure) {
            for offset in 0..<word.utf8CodeUnitCount {
                guard index < buffer.count, buffer[index] == word.utf8Start[offset] else {
                    throw failure("syntax.json.expectedValue", at: start)
                }
                index += 1
            }
            tape.scalar(offset: start, inFile: start..<index, isPlain: true)
        }

        // MARK: Scalars

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, kept as text, onto the tape.
        mutating func number() throws(SyntaxFailure) {
            let start = index
            func digits() -> Int {
                let first = index
                while index < buffer.count, buffer[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                return index - first
            }
            if buffer[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            let integerDigits = digits()
            var valid = integerDigits > 0 && !(integerDigits > 1 && buffer[integerStart] == UInt8(ascii: "0"))
            if valid, index < buffer.count, buffer[index] == UInt8(ascii: ".") {
                index += 1
                valid = digits() > 0
            }
            if valid, index < buffer.count, buffer[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                    index += 1
                }
                valid = digits() > 0
            }
            guard valid else {
                while index < buffer.count, Self.continuesNumber(buffer[index]) { index += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
                throw failure("syntax.json.invalidNumber", ["number": .quoted(DocumentReader.shortened(text))], at: start)
            }
            tape.scalar(offset: start, inFile: start..<index, isPlain: true)
        }

        static func continuesNumber(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default: false
            }
        }

        /// A string from its opening quote, onto the tape; the index ends after the closing quote.
        mutating func string() throws(SyntaxFailure) {
            let opening = index
            index += 1
            let start = index
            // Fast path: no escapes, the text stays in the file.
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    tape.scalar(offset: opening, inFile: start..<index, isPlain: false)
                    index += 1
                    return
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                index += 1
            }
            let textStart = tape.textCount
            tape.appendText(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
            while index < buffer.count {
                let byte = buffer[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    tape.scalarOfAppendedText(offset: opening, length: tape.textCount - textStart, isPlain: false)
                    return
                case UInt8(ascii: "\\"):
                    try escape(opening: opening)
                case 0x0A, 0x0D:
                    throw failure(
                        "syntax.json.lineBreak", at: index, context: "syntax.json.inString", from: opening)
                case ..<0x20:
                    throw failure(
                        "syntax.json.control", ["code": .verbatim(YAMLSyntax.hex(Int32(byte)))],
                        at: index, context: "syntax.json.inString", from: opening)
                default:
                    tape.appendText(byte)
                    index += 1
                }
            }
            throw failure(
                "syntax.json.endOfDocument", at: index, context: "syntax.json.inString", from: opening)
        }

        /// One escape sequence, from its backslash, appended to the tape's text as UTF-8.
        mutating func escape(opening: Int) throws(SyntaxFailure) {
            index += 1
            guard index < buffer.count else {
                throw failure(
                    "syntax.json.endOfDocument", at: index, context: "syntax.json.inString", from: opening)
            }
            let letter = buffer[index]
            index += 1
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): tape.appendText(letter)
            case UInt8(ascii: "b"): tape.appendText(0x08)
            case UInt8(ascii: "f"): tape.appendText(0x0C)
            case UInt8(ascii: "n"): tape.appendText(0x0A)
            case UInt8(ascii: "r"): tape.appendText(0x0D)
            case UInt8(ascii: "t"): tape.appendText(0x09)
            case UInt8(ascii: "u"):
                let digitsAt = index
                let invalid = failure(
                    "syntax.libyaml.found invalid Unicode character escape code", at: digitsAt,
                    context: "syntax.libyaml.while parsing a quoted scalar", from: opening)
                guard let unit = hex4() else { throw invalid }
                var value = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low one.
                    guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
                    else { throw invalid }
                    index += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { throw invalid }
                    value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw invalid
                }
                guard let scalar = Unicode.Scalar(value) else { throw invalid }
                tape.appendText(contentsOf: String(Character(scalar)).utf8)
            default:
                throw failure(
                    "syntax.libyaml.found unknown escape character", at: index - 1,
                    context: "syntax.libyaml.while parsing a quoted scalar", from: opening)
            }
        }

        /// Four hex digits as a UTF-16 code unit.
        mutating func hex4() -> UInt16? {
            guard index + 4 <= buffer.count else { return nil }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = buffer[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt16(digit)
                index += 1
            }
            return value
        }
    }
}
