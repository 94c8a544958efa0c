/// Lines and columns in text, counted the way the YAML parser counts them: lines split at
/// `\n`, `\r\n`, `\r`, NEL, LS and PS; columns in Unicode scalars; both 1-based.
struct TextPosition: Sendable, Hashable {
    /// 1-based line.
    var line: Int
    /// 1-based column, in Unicode scalars.
    var column: Int

    /// The position of the scalar at `offset` (in Unicode scalars) in `scalars`.
    static func of(scalarOffset offset: Int, in scalars: [Unicode.Scalar]) -> TextPosition {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, scalars.count)
        while index < end {
            let scalar = scalars[index]
            if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                // \r\n is one break: count it at the \n.
                column += 1
            } else if isBreak(scalar) {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return TextPosition(line: line, column: column)
    }

    /// The offset (in Unicode scalars) of a 1-based line and column, if the text has that line.
    static func offset(of position: TextPosition, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1
        var index = 0
        while line < position.line {
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                index += 1
            } else if isBreak(scalar) {
                line += 1
            }
            index += 1
        }
        let offset = index + position.column - 1
        return offset < scalars.count ? offset : nil
    }

    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

/// Decoding of file bytes as UTF-8, reporting where the first bad byte is.
enum UTF8Text {
    /// Where decoding failed.
    struct BadByte: Error, Hashable {
        /// Byte offset of the first invalid byte.
        var offset: Int
        /// 1-based line of the bad byte.
        var line: Int
        /// 1-based column of the bad byte, in Unicode scalars.
        var column: Int
    }

    /// The text, or the position of the first byte that is not valid UTF-8.
    static func decode(_ bytes: [UInt8]) -> Result<String, BadByte> {
        // Fast path: most files are valid, and the standard decoder is quicker than ours.
        if let text = String(validating: bytes, as: Unicode.UTF8.self) { return .success(text) }
        var scalars: [Unicode.Scalar] = []
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .emptyInput:
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars)
                return .success(String(text))
            case .error:
                let position = TextPosition.of(scalarOffset: scalars.count, in: scalars)
                return .failure(BadByte(offset: offset, line: position.line, column: position.column))
            }
        }
    }
}
