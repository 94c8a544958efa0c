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

    /// Why `id` is not in the safe alphabet, in English, or `nil` when it is. Empty ids are reported elsewhere.
    public static func problem(with id: String) -> String? {
        // Without a kind the sentence starts at `id`, as this English form always did.
        problemText(with: id, kind: nil).map { String($0.rendered(in: .english).trimmingPrefix(" ")) }
    }

    /// Why `id` is not in the safe alphabet, as a catalog text naming the id's `kind` (a ``TextArgument``
    /// such as the noun `step`; `nil` for a bare `id '…'`), or `nil` when it is in the alphabet.
    /// `kind` is only evaluated when there is a problem (naming it reads the catalog).
    package static func problemText(with id: String, kind: @autoclosure () -> TextArgument?) -> LocalizedText? {
        guard !id.isEmpty else { return nil }
        // Every id of a file passes here: a valid ASCII id (nearly all) costs one byte scan.
        if isValidASCII(id) { return nil }
        var length = 0
        var allAllowed = true
        for scalar in id.unicodeScalars {
            length += 1
            if allAllowed, !isAllowed(scalar) { allAllowed = false }
        }
        let key: String
        if length > maximumLength {
            key = "diagnostic.id.tooLong"
        } else if !allAllowed {
            key = "diagnostic.id.alphabet"
        } else if id.hasPrefix(".") || id.contains("..") {
            key = "diagnostic.id.dots"
        } else {
            return nil
        }
        let suggestion = suggestion(for: id)
        let hint: TextArgument = suggestion.isEmpty || suggestion == id
            ? .verbatim("") : .phrase(LocalizedText("diagnostic.didYouMean", ["name": .quoted(suggestion)]))
        return LocalizedText(
            key, ["kind": kind() ?? .verbatim(""), "id": .quoted(shown(id)), "maximum": .integer(maximumLength), "suggestion": hint])
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

    /// `true` when `id` is ASCII and valid: allowed bytes only, at most ``maximumLength`` of them, no
    /// leading `.` and no `..`. `false` says nothing: other ids take the scalar-by-scalar checks.
    static func isValidASCII(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { bytes in
            guard bytes.count <= maximumLength else { return false }
            var previous: UInt8 = UInt8(ascii: ".")  // a leading dot reads as a second dot
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    break
                case UInt8(ascii: "."):
                    if previous == byte { return false }
                default:
                    return false
                }
                previous = byte
            }
            return true
        }
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
