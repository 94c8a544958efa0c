/// Writes RFC 4180 records: the inverse of ``CSVTokenizer``.
public enum CSVWriter {
    /// One field, quoted only when it has to be (separator, quote, CR or LF inside, or
    /// leading/trailing spaces), with quotes doubled.
    public static func field(_ value: String, separator: CSVSeparator = .comma) -> String {
        let needsQuotes = value.utf8.contains { byte in
            byte == separator.rawValue || byte == CSVByte.quote || byte == CSVByte.cr || byte == CSVByte.lf
        } || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    /// One record with a CRLF line ending, as RFC 4180 prescribes.
    public static func record(_ fields: [String], separator: CSVSeparator = .comma) -> String {
        fields.map { field($0, separator: separator) }.joined(separator: String(separator.character)) + "\r\n"
    }
}

private extension String {
    func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for character in self {
            if character == "\"" { out.append("\"\"") } else { out.append(character) }
        }
        return out
    }
}
