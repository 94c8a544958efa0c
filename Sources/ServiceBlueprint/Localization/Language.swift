/// A language the library can write its fixed text in: findings, rule descriptions, drawings,
/// reports and CLI messages.
///
/// A value type over a BCP 47 identifier, so more languages need only a catalog and a case in
/// ``supported``. What the user writes (titles, ids, notes) is never translated, nor are rule
/// ids, file keys, JSON/SARIF field names and exit codes.
public struct Language: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The BCP 47 identifier, e.g. `en` or `zh-Hans`; also the catalog's file name.
    public let identifier: String

    private init(_ identifier: String) { self.identifier = identifier }

    /// English, the default and the language of every existing golden file.
    public static let english = Language("en")
    /// Simplified Chinese.
    public static let simplifiedChinese = Language("zh-Hans")

    /// Every language with a complete catalog, in the order help texts list them.
    public static let supported: [Language] = [.english, .simplifiedChinese]

    /// The language named exactly by `identifier` (`en`, `zh-Hans`), ignoring case; `nil` when none is supported.
    public init?(identifier: String) {
        guard let match = Self.supported.first(where: { $0.identifier.lowercased() == identifier.lowercased() }) else {
            return nil
        }
        self = match
    }

    /// The language of a POSIX locale name as found in `LANG` or `LC_ALL` (`zh_CN.UTF-8`,
    /// `zh_Hans`, `en_GB`, `C`); `nil` when it names none of ``supported``.
    ///
    /// Traditional-Chinese locales (`zh_TW`, `zh_HK`, `zh-Hant`) are not taken as Simplified Chinese.
    public init?(locale: String) {
        let name = locale.split(separator: ".").first.map(String.init) ?? locale
        let base = (name.split(separator: "@").first.map(String.init) ?? name).replacing("_", with: "-").lowercased()
        let parts = base.split(separator: "-").map(String.init)
        switch parts.first {
        case "en": self = .english
        case "zh":
            let rest = Set(parts.dropFirst())
            guard rest.isDisjoint(with: ["hant", "tw", "hk", "mo"]) else { return nil }
            self = .simplifiedChinese
        default: return nil
        }
    }

    /// The identifier, e.g. `zh-Hans`.
    public var description: String { identifier }

    /// Creates a language from its identifier in a file or JSON.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let language = Language(identifier: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unsupported language '\(raw)'"))
        }
        self = language
    }

    /// Writes the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }
}
