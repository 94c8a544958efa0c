/// Bounds on what reading one blueprint file may cost, so a hostile or mistaken file is refused
/// quickly with a located error instead of exhausting time or memory.
///
/// The defaults fit every real blueprint with room to spare (a generated 100 000-step blueprint is
/// 41 MB of YAML or 64 MB of JSON); pass other limits to ``BlueprintDocument/read(from:limits:)``
/// or ``BlueprintDocument/parse(_:path:format:limits:)``, or use the command's `--max-file-size`.
///
/// | limit | default | when exceeded |
/// |---|---|---|
/// | ``maximumFileSize`` | 128 MiB | refused before the file is read |
/// | ``maximumAliasExpansion`` | 16 MiB | refused at the alias that crosses it |
/// | ``maximumDepth`` | 1 000 levels | refused at the bracket or item that opens one level too many |
public struct ReadingLimits: Sendable, Hashable {
    /// The largest file read, in bytes. Checked from the file's size before reading it.
    public var maximumFileSize: Int
    /// The most text YAML aliases may add, in bytes (each alias adds the scalar text below its
    /// anchor, plus one per node). Stops "billion laughs" and one big string repeated by alias.
    public var maximumAliasExpansion: Int
    /// The deepest nesting of lists and mappings. YAML's parser (libyaml) refuses more than 1 000
    /// levels whatever this says.
    public var maximumDepth: Int

    /// Creates limits; every argument defaults to the documented default.
    public init(
        maximumFileSize: Int = 128 << 20, maximumAliasExpansion: Int = 16 << 20, maximumDepth: Int = 1_000
    ) {
        self.maximumFileSize = maximumFileSize
        self.maximumAliasExpansion = maximumAliasExpansion
        self.maximumDepth = maximumDepth
    }

    /// The default limits.
    public static let `default` = ReadingLimits()

    /// `128 MiB`, `16 KiB`, `200 bytes`: a byte count for messages, in English.
    static func describe(bytes: Int) -> String { Language.english.format(size(bytes)) }

    /// A byte count for a message in any language: whole MiB and KiB as symbols, else bytes in words.
    static func size(_ bytes: Int) -> TextArgument {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return .verbatim("\(bytes >> 20) MiB") }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return .verbatim("\(bytes >> 10) KiB") }
        return .phrase(LocalizedText(bytes == 1 ? "reading.bytes.one" : "reading.bytes.other", ["count": .integer(bytes)]))
    }
}
