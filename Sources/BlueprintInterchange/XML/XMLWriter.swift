/// Writes indented XML; every attribute value and text goes through one escaping function, so
/// markup can only come from the writer itself.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    /// `&`, `<`, `>`, `"` and `'` as entities; control characters that XML 1.0 forbids dropped.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(Self.escape($0))\"" } }.joined()
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    /// Opens `<name attr="…">`.
    mutating func open(_ name: String, _ pairs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(pairs))>\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = open.popLast() else { return }
        text += "\(indent)</\(name)>\n"
    }

    /// `<name attr="…"/>`.
    mutating func empty(_ name: String, _ pairs: [(String, String?)] = []) {
        text += "\(indent)<\(name)\(attributes(pairs))/>\n"
    }

    /// `<name attr="…">text</name>` (the text escaped; newlines kept as character references).
    mutating func leaf(_ name: String, _ pairs: [(String, String?)] = [], text content: String) {
        text += "\(indent)<\(name)\(attributes(pairs))>\(Self.escape(content))</\(name)>\n"
    }
}
