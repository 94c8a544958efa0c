/// Prints a ``DocumentValue`` as readable block-style YAML.
///
/// Mappings and lists are written in block style, except that a mapping whose values are all
/// one-line scalars, or a list of one-line scalars, is written on one line in flow style
/// (`{min: 5min, likely: 8min, max: 20min}`, `[a, b]`) when it fits in ``lineWidth`` columns.
/// Strings are left unquoted only when every YAML 1.1 and 1.2 reader takes them as the same
/// string; others are double-quoted with escapes, and multi-line text uses literal blocks (`|`).
///
/// One string cannot make the trip: a value that *begins* with U+FEFF (a byte order mark) loses
/// that character when read back, because the UTF-8 decoding under Yams drops it.
struct YAMLWriter {
    /// The column limit for flow-style lines.
    static let lineWidth = 100
    static let indentStep = 2

    private var output = ""
    /// `true` right after a list item's "- ", where the item's first line continues.
    private var afterDash = false

    /// The YAML text for `value`, ending with a newline.
    static func text(for value: DocumentValue) -> String {
        var writer = YAMLWriter()
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            writer.writeEntries(entries, indent: 0)
        case .list(let items) where !items.isEmpty:
            writer.writeItems(items, indent: 0)
        default:
            writer.output = writer.inline(value) ?? scalar(value, inFlow: false) + "\n"
            if !writer.output.hasSuffix("\n") { writer.output += "\n" }
        }
        return writer.output
    }

    // MARK: Block structure

    private mutating func writeEntries(_ entries: [DocumentValue.Entry], indent: Int) {
        for entry in entries {
            // The first entry of a list item shares the line with its "- ".
            if !afterDash { output += String(repeating: " ", count: indent) }
            afterDash = false
            let key = Self.string(entry.key, inFlow: false)
            writeValue(entry.value, after: key + ":", indent: indent)
        }
    }

    private mutating func writeItems(_ items: [DocumentValue], indent: Int) {
        for item in items {
            if !afterDash { output += String(repeating: " ", count: indent) }
            output += "- "
            afterDash = true
            switch item {
            case .mapping(let entries) where !entries.isEmpty:
                if let line = inline(item), indent + 2 + line.count <= Self.lineWidth {
                    output += line + "\n"
                    afterDash = false
                } else {
                    writeEntries(entries, indent: indent + Self.indentStep)
                }
            case .list(let nested) where !nested.isEmpty:
                afterDash = false
                if let line = inline(item), indent + 2 + line.count <= Self.lineWidth {
                    output += line + "\n"
                } else {
                    output.removeLast(2)
                    output += "-\n"
                    writeItems(nested, indent: indent + Self.indentStep)
                }
            default:
                afterDash = false
                writeScalar(item, indent: indent + Self.indentStep)
            }
        }
    }

    /// Writes `prefix` (`key:`) and the value: on the same line when it is a scalar or fits in flow style.
    private mutating func writeValue(_ value: DocumentValue, after prefix: String, indent: Int) {
        output += prefix
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            if let line = inline(value), indent + prefix.count + 1 + line.count <= Self.lineWidth {
                output += " " + line + "\n"
            } else {
                output += "\n"
                writeEntries(entries, indent: indent + Self.indentStep)
            }
        case .list(let items) where !items.isEmpty:
            if let line = inline(value), indent + prefix.count + 1 + line.count <= Self.lineWidth {
                output += " " + line + "\n"
            } else {
                output += "\n"
                writeItems(items, indent: indent + Self.indentStep)
            }
        default:
            output += " "
            writeScalar(value, indent: indent + Self.indentStep)
        }
    }

    /// A scalar after `key: ` or `- `; multi-line strings become literal blocks indented to `indent`.
    private mutating func writeScalar(_ value: DocumentValue, indent: Int) {
        if case .string(let text) = value, let block = Self.literalBlock(text, indent: indent) {
            output += block
        } else {
            output += Self.scalar(value, inFlow: false) + "\n"
        }
    }

    /// The one-line flow form of a mapping or list whose members are all one-line scalars, or of
    /// an empty mapping or list; `nil` when the value needs block style.
    private func inline(_ value: DocumentValue) -> String? {
        switch value {
        case .mapping(let entries):
            var parts: [String] = []
            for entry in entries {
                guard entry.value.isScalar, !Self.isMultiLine(entry.value) else { return nil }
                parts.append(Self.string(entry.key, inFlow: true) + ": " + Self.scalar(entry.value, inFlow: true))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .list(let items):
            var parts: [String] = []
            for item in items {
                guard item.isScalar, !Self.isMultiLine(item) else { return nil }
                parts.append(Self.scalar(item, inFlow: true))
            }
            return "[" + parts.joined(separator: ", ") + "]"
        default:
            return nil
        }
    }

    private static func isMultiLine(_ value: DocumentValue) -> Bool {
        if case .string(let text) = value { return text.unicodeScalars.contains { TextPosition.isBreak($0) } }
        return false
    }

    // MARK: Scalars

    static func scalar(_ value: DocumentValue, inFlow: Bool) -> String {
        switch value {
        case .string(let text): return string(text, inFlow: inFlow)
        case .integer(let number): return String(number)
        case .number(let number):
            if let text = NumberText.format(number) { return text }
            if number.isNaN { return ".nan" }
            return number > 0 ? ".inf" : "-.inf"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .list: return "[]"
        case .mapping: return "{}"
        }
    }

    /// A string, plain when that is safe, else double-quoted.
    static func string(_ text: String, inFlow: Bool) -> String {
        isPlainSafe(text, inFlow: inFlow) ? text : doubleQuoted(text)
    }

    /// `true` when `text` can be written without quotes and reads back as the same string in
    /// block (and, with `inFlow`, flow) context under both YAML 1.1 and 1.2.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        // One pass over the scalars: this runs for every string written, so no Foundation searches.
        var previous: Unicode.Scalar?
        var count = 0
        for scalar in text.unicodeScalars {
            if previous == nil, "-?:,[]{}#&*!|>'\"%@`= ".unicodeScalars.contains(scalar) { return false }
            if !isPrintable(scalar) { return false }  // also rejects tabs and line breaks
            if inFlow, ",[]{}:?#".unicodeScalars.contains(scalar) { return false }  // YAML 1.1 ends plain scalars at ':' and '?' in flow
            if scalar == " ", previous == ":" { return false }  // "key: value"
            if scalar == "#", previous == " " { return false }  // " # comment"
            previous = scalar
            count += 1
        }
        guard let last = previous, last != " ", last != ":" else { return false }
        if count <= 5, PlainScalar.kind(of: text) != .string { return false }
        return !looksLikeNonString(text)
    }

    /// Plain scalars that YAML 1.2 or 1.1 readers (PyYAML, older libraries) take for numbers,
    /// booleans, null or timestamps: `1e5`, `.inf`, `yes`, `off`, `~`, `1_000`, `1:30`, `0b101`,
    /// `2026-03-01`.
    static func looksLikeNonString(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(8))
        guard let first = scalars.first else { return true }
        if scalars.count <= 5 {
            switch text.lowercased() {
            case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", ".inf", "+.inf", "-.inf", ".nan":
                return true
            default: break
            }
        }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        // Only strings that start like a number can be one.
        var start = 0
        if first == "+" || first == "-" { start = 1 }
        guard start < scalars.count, isDigit(scalars[start]) || scalars[start] == "." else { return false }
        var digitsOnly = true
        for scalar in text.unicodeScalars.dropFirst(start) where !(isDigit(scalar) || "_:.eE+-".unicodeScalars.contains(scalar)) {
            digitsOnly = false
            break
        }
        if digitsOnly { return true }
        if scalars.count > start + 2, scalars[start] == "0", "xXbBoO".unicodeScalars.contains(scalars[start + 1]),
            text.unicodeScalars.dropFirst(start + 2).allSatisfy({ $0.properties.isASCIIHexDigit || $0 == "_" })
        {
            return true
        }
        // Timestamps: 2026-03-01, 2026-3-1T10:00:00Z.
        if scalars.count >= 6, scalars[0..<4].allSatisfy(isDigit), scalars[4] == "-", isDigit(scalars[5]) { return true }
        if PlainScalar.kind(of: text) != .string { return true }
        return false
    }

    /// The characters YAML allows unescaped (libyaml's "printable"), line feed aside.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2028, 0x2029: return false  // line and paragraph separators break lines in YAML
        case 0x20...0x7E, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        default: return false
        }
    }

    /// A double-quoted string with YAML escapes for everything that is not printable.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0B}": result += "\\v"
            case "\u{0C}": result += "\\f"
            case "\u{1B}": result += "\\e"
            case "\u{85}": result += "\\N"
            case "\u{2028}": result += "\\L"
            case "\u{2029}": result += "\\P"
            default:
                if isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    result += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// A literal block (`|`, `|-` or `|+` by the number of trailing line feeds) for multi-line
    /// text that survives it unchanged; `nil` when the text needs double quotes instead (tabs,
    /// carriage returns, other breaks, trailing spaces, a leading space on the first line).
    static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n") else { return nil }
        for scalar in text.unicodeScalars where scalar != "\n" {
            if !isPrintable(scalar) { return nil }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var trailingBreaks = 0
        while lines.count > 1, lines.last == "" {
            lines.removeLast()
            trailingBreaks += 1
        }
        guard let firstContent = lines.first(where: { !$0.isEmpty }), !firstContent.hasPrefix(" ") else { return nil }
        if lines.contains(where: { $0.hasSuffix(" ") }) { return nil }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let padding = String(repeating: " ", count: indent)
        var block = "|\(chomping)\n"
        for line in lines {
            block += line.isEmpty ? "\n" : padding + line + "\n"
        }
        if trailingBreaks > 1 { block += String(repeating: "\n", count: trailingBreaks - 1) }
        return block
    }
}
