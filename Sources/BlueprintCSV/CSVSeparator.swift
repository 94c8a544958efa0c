/// The byte that separates fields in a CSV record.
///
/// RFC 4180 uses the comma; spreadsheet exports in locales with a decimal comma use the
/// semicolon, and "TSV" exports use the tab. ``detect(header:)`` picks one from a header line.
public enum CSVSeparator: UInt8, Sendable, Hashable, CaseIterable {
    /// `,` (RFC 4180).
    case comma = 0x2C
    /// `;` (European spreadsheet exports).
    case semicolon = 0x3B
    /// Horizontal tab (tab-separated values).
    case tab = 0x09

    /// The separator as a one-character string, for messages and writers.
    public var character: Character {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        case .tab: "\t"
        }
    }

    /// Picks the separator that occurs most often outside quotes in a header line.
    ///
    /// Ties and a line without any candidate give ``comma``. Only the bytes up to the first
    /// line break outside quotes are looked at.
    /// - Parameter header: the first bytes of the file (a BOM is skipped).
    public static func detect(header: some Sequence<UInt8>) -> CSVSeparator {
        var counts: [CSVSeparator: Int] = [:]
        var inQuotes = false
        for byte in header {
            if byte == CSVByte.quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == CSVByte.lf || byte == CSVByte.cr { break }
            if let separator = CSVSeparator(rawValue: byte) { counts[separator, default: 0] += 1 }
        }
        // Fixed order makes ties deterministic: comma, then semicolon, then tab.
        var best = CSVSeparator.comma
        for candidate in CSVSeparator.allCases where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }
}

/// Byte constants shared by the tokenizer and the detector.
enum CSVByte {
    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
}
