/// The alphabet of blueprint, stage, actor, channel, information, persona, journey and step ids.
///
/// Ids end up in file names (report assets), URLs, anchors and diagram node names, so they are
/// restricted at validation time to a safe alphabet:
/// - letters and digits of any script (`售后`, `Ünïcødé`), combining marks, `-`, `_` and `.`;
/// - not starting with `.`, and no `..` anywhere;
/// - at most ``maximumLength`` characters.
///
/// Everything else (`/`, `\`, spaces, quotes, `<`, `&`, control characters, NUL) is an error with a
/// suggestion built by ``suggestion(for:)``.
public enum BlueprintIdentifier {
    /// The longest id accepted, in characters (Unicode scalars).
    public static let maximumLength = 128

    /// Why `id` is not in the safe alphabet, or `nil` when it is. Empty ids are reported elsewhere.
    public static func problem(with id: String) -> String? {
        guard !id.isEmpty else { return nil }
        // Every id of a file passes here: the common, valid case costs one scan and builds no text.
        var length = 0
        var allAllowed = true
        for scalar in id.unicodeScalars {
            length += 1
            if allAllowed, !isAllowed(scalar) { allAllowed = false }
        }
        let complaint: String
        if length > maximumLength {
            complaint = "is longer than \(maximumLength) characters"
        } else if !allAllowed {
            complaint = "may only contain letters, digits, '-', '_' and '.'"
        } else if id.hasPrefix(".") || id.contains("..") {
            complaint = "may not start with '.' or contain '..'"
        } else {
            return nil
        }
        let suggestion = suggestion(for: id)
        let hint = suggestion.isEmpty || suggestion == id ? "" : "; did you mean '\(suggestion)'?"
        return "id '\(shown(id))' \(complaint)" + hint
    }

    /// A valid id close to `id`: each run of other characters becomes one `-`, runs of dots one dot,
    /// leading dots and dashes are dropped, and the result is cut to ``maximumLength``.
    public static func suggestion(for id: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            let replacement: Unicode.Scalar = isAllowed(scalar) ? scalar : "-"
            if replacement == "-" || replacement == ".", scalars.last == replacement { continue }
            if scalars.isEmpty, replacement == "-" || replacement == "." { continue }
            scalars.append(replacement)
            if scalars.count == maximumLength { break }
        }
        while let last = scalars.last, last == "-" || last == "." { scalars.removeLast() }
        return String(scalars)
    }

    /// Letters, combining marks and decimal digits of any script, and `-`, `_`, `.`.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" || scalar == "_" || scalar == "." { return true }
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// The id for a message: control characters shown as `\u{…}` so the terminal is not disturbed,
    /// long ids shortened.
    static func shown(_ id: String) -> String {
        var result = ""
        for (count, scalar) in id.unicodeScalars.enumerated() {
            if count == 60 {
                result += "…"
                break
            }
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
