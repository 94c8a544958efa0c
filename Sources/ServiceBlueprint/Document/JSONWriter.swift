/// Prints a ``DocumentValue`` as pretty JSON: two-space indentation, keys in the tree's order,
/// `"key": value` with one space, a final newline. Deterministic by construction.
enum JSONWriter {
    /// The JSON text for `value`.
    static func text(for value: DocumentValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output + "\n"
    }

    private static func write(_ value: DocumentValue, indent: Int, into output: inout String) {
        switch value {
        case .mapping(let entries):
            guard !entries.isEmpty else {
                output += "{}"
                return
            }
            let inner = String(repeating: " ", count: indent + 2)
            output += "{\n"
            for (offset, entry) in entries.enumerated() {
                output += inner + string(entry.key) + ": "
                write(entry.value, indent: indent + 2, into: &output)
                output += offset == entries.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        case .list(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            let inner = String(repeating: " ", count: indent + 2)
            output += "[\n"
            for (offset, item) in items.enumerated() {
                output += inner
                write(item, indent: indent + 2, into: &output)
                output += offset == items.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .string(let text): output += string(text)
        case .integer(let number): output += String(number)
        case .number(let number):
            // JSON has no NaN or infinity; a string makes the reader report the value instead of losing it.
            output += NumberText.format(number) ?? string(number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// A JSON string. Control characters, and characters the YAML reader refuses raw
    /// (DEL, C1 controls, U+FEFF, U+FFFE/FFFF), are escaped as `\uXXXX`.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if YAMLWriter.isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + YAMLWriter.hex(scalar.value, digits: 4).lowercased()
                } else {
                    // Outside the BMP: a surrogate pair, as JSON requires.
                    let value = scalar.value - 0x10000
                    result += "\\u" + YAMLWriter.hex(0xD800 + (value >> 10), digits: 4).lowercased()
                    result += "\\u" + YAMLWriter.hex(0xDC00 + (value & 0x3FF), digits: 4).lowercased()
                }
            }
        }
        return result + "\""
    }
}
