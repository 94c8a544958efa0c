/// A line and column in text, both 1-based; columns count Unicode scalars. ``SourceText`` works
/// them out from byte offsets.
struct TextPosition: Sendable, Hashable {
    /// 1-based line.
    var line: Int
    /// 1-based column, in Unicode scalars.
    var column: Int

    /// YAML's line breaks (`\n`, `\r`, NEL, LS, PS).
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
