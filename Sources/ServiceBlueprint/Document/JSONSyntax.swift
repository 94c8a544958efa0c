/// JSON (RFC 8259) text to ``DocumentNode``s: a hand-written parser over the UTF-8 bytes.
///
/// One pass, no intermediate tokens, iterative (an explicit stack, bounded by
/// ``ReadingLimits/maximumDepth``), so hostile nesting is refused where it happens. Strings
/// without escapes are made straight from the bytes. Numbers keep their text: the reader decides
/// whether they fit (`1e400` and 20-digit integers are reported there, located). Error messages
/// use the same words as the YAML parser's (`did not find expected ',' or '}'`), with JSON's names.
struct JSONSyntax {
    let source: SourceText
    let limits: ReadingLimits

    /// A collection being built.
    private struct Frame {
        var isObject: Bool
        var offset: Int
        var items: [DocumentNode] = []
        var entries: [DocumentNode.Mapping.Entry] = []
        var key: DocumentNode?
    }

    /// The root node (`nil` when the text is only white space), or the first syntax error.
    func parse() -> Result<DocumentNode?, SyntaxFailure> {
        source.bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(buffer: buffer, index: source.start, source: source, limits: limits)
            do throws(SyntaxFailure) {
                return .success(try parser.document())
            } catch {
                return .failure(error)
            }
        }
    }

    private struct Parser {
        let buffer: UnsafeBufferPointer<UInt8>
        var index: Int
        let source: SourceText
        let limits: ReadingLimits
        /// Reused for strings with escapes.
        var scratch: [UInt8] = []

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

        mutating func document() throws(SyntaxFailure) -> DocumentNode? {
            skipWhitespace()
            guard index < buffer.count else { return nil }
            var stack: [Frame] = []
            var value: DocumentNode

            parsing: while true {
                // A value starts here.
                skipWhitespace()
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
                    index += 1
                    var frame = Frame(isObject: isObject, offset: start)
                    skipWhitespace()
                    if index < buffer.count, buffer[index] == UInt8(ascii: isObject ? "}" : "]") {
                        index += 1
                        value = isObject
                            ? .mapping(.init(entries: [], offset: UInt32(start)))
                            : .sequence(.init(items: [], offset: UInt32(start)))
                        break
                    }
                    if isObject { frame.key = try key(in: frame) }
                    stack.append(frame)
                    continue parsing
                case UInt8(ascii: "\""):
                    value = .scalar(.init(string: try string(), offset: UInt32(start), isPlain: false))
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    value = .scalar(.init(string: try number(), offset: UInt32(start), isPlain: true))
                case UInt8(ascii: "t"):
                    value = try literal("true", at: start)
                case UInt8(ascii: "f"):
                    value = try literal("false", at: start)
                case UInt8(ascii: "n"):
                    value = try literal("null", at: start)
                default:
                    if let frame = stack.last, !frame.isObject, buffer[index] == UInt8(ascii: "]") {
                        throw failure("syntax.json.trailingBracket", at: index)
                    }
                    throw failure("syntax.json.expectedValue", at: index)
                }

                // A value ended: add it to its collection, and close collections that end here.
                while var frame = stack.popLast() {
                    if frame.isObject, let key = frame.key {
                        frame.entries.append((key, value))
                    } else {
                        frame.items.append(value)
                    }
                    skipWhitespace()
                    let close = UInt8(ascii: frame.isObject ? "}" : "]")
                    if index < buffer.count, buffer[index] == UInt8(ascii: ",") {
                        index += 1
                        if frame.isObject { frame.key = try key(in: frame) }
                        stack.append(frame)
                        continue parsing
                    }
                    guard index < buffer.count, buffer[index] == close else {
                        throw unexpected(in: frame)
                    }
                    index += 1
                    value = frame.isObject
                        ? .mapping(.init(entries: frame.entries, offset: UInt32(frame.offset)))
                        : .sequence(.init(items: frame.items, offset: UInt32(frame.offset)))
                }
                skipWhitespace()
                guard index == buffer.count else {
                    throw failure("syntax.json.moreText", at: index)
                }
                return value
            }
        }

        /// `"name" :` in an object.
        mutating func key(in frame: Frame) throws(SyntaxFailure) -> DocumentNode {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
                    throw failure("syntax.json.trailingBrace", at: index)
                }
                throw failure(
                    "syntax.json.keyNotString", at: index, context: "syntax.json.inObject",
                    from: frame.offset)
            }
            let start = index
            let name = try string()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else {
                throw unexpected(in: frame)
            }
            index += 1
            return .scalar(.init(string: name, offset: UInt32(start), isPlain: false))
        }

        mutating func skipWhitespace() {
            while index < buffer.count {
                switch buffer[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func literal(_ word: String, at start: Int) throws(SyntaxFailure) -> DocumentNode {
            for byte in word.utf8 {
                guard index < buffer.count, buffer[index] == byte else {
                    throw failure("syntax.json.expectedValue", at: start)
                }
                index += 1
            }
            return .scalar(.init(string: word, offset: UInt32(start), isPlain: true))
        }

        // MARK: Scalars

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, kept as text.
        mutating func number() throws(SyntaxFailure) -> String {
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
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
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

        /// A string from its opening quote; the index ends after the closing quote.
        mutating func string() throws(SyntaxFailure) -> String {
            let opening = index
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                index += 1
            }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
            while index < buffer.count {
                let byte = buffer[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scratch, as: UTF8.self)
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
                    scratch.append(byte)
                    index += 1
                }
            }
            throw failure(
                "syntax.json.endOfDocument", at: index, context: "syntax.json.inString", from: opening)
        }

        /// One escape sequence, from its backslash, appended to `scratch` as UTF-8.
        mutating func escape(opening: Int) throws(SyntaxFailure) {
            index += 1
            guard index < buffer.count else {
                throw failure(
                    "syntax.json.endOfDocument", at: index, context: "syntax.json.inString", from: opening)
            }
            let letter = buffer[index]
            index += 1
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
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
                scratch.append(contentsOf: String(Character(scalar)).utf8)
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
