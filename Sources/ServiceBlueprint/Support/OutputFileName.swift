/// Builds file names from untrusted text (blueprint ids, input file names) that can never leave
/// the output folder or lose their extension.
///
/// The rules, applied to the stem (the part before the extension):
/// - path separators `/` and `\`, the characters Windows forbids (`: * ? " < > |`), control
///   characters (NUL included), format characters (bidirectional overrides), line and paragraph
///   separators, private-use and unassigned code points each become `-`; other whitespace
///   becomes a space;
/// - runs of dots become one dot, and leading or trailing dots, dashes and spaces are dropped, so
///   `..` and hidden names cannot occur;
/// - Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in any case
///   and with any suffix after a dot) get a trailing `_`;
/// - the stem is cut at a character boundary to ``maximumStemBytes`` UTF-8 bytes, so stem plus
///   extension fit the 255-byte limit of common file systems;
/// - an empty result becomes `untitled`.
///
/// The extension keeps only ASCII letters and digits. The result is one path component that is
/// never empty, `.` or `..`, and always ends in `.` + the extension.
///
/// ```swift
/// OutputFileName.make("../etc/passwd\u{0}", extension: "svg")  // "etc-passwd.svg"
/// ```
package enum OutputFileName {
    /// The longest stem, in UTF-8 bytes.
    package static let maximumStemBytes = 200

    /// The Windows device names, which open a device instead of a file whatever their extension.
    static let reservedNames = Set(["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"] + (0...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// A safe file name made of `stem` and `fileExtension` (given without the dot).
    package static func make(_ stem: String, extension fileExtension: String) -> String {
        let cleanExtension = String(String.UnicodeScalarView(fileExtension.unicodeScalars.filter {
            $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }))
        let name = safeStem(stem)
        return cleanExtension.isEmpty ? name : name + "." + cleanExtension
    }

    /// The stem rules above, without an extension.
    package static func safeStem(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            let mapped = replacement(for: scalar)
            if mapped == ".", scalars.last == "." { continue }
            scalars.append(mapped)
        }
        let trimmed: Set<Unicode.Scalar> = [".", "-", " "]
        while let first = scalars.first, trimmed.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, trimmed.contains(last) { scalars.removeLast() }
        var stem = String(scalars)
        if stem.isEmpty { stem = "untitled" }
        let device = stem.prefix(while: { $0 != "." })
        if reservedNames.contains(String(device.uppercased().reversed().drop(while: { $0 == " " }).reversed())) {
            stem = device + "_" + stem.dropFirst(device.count)
        }
        return truncated(stem, toBytes: maximumStemBytes)
    }

    /// What `scalar` becomes in a stem.
    private static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": return "-"
        case " ": return " "
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return "-"
        case .spaceSeparator:
            return " "
        default:
            return scalar.properties.isNoncharacterCodePoint ? "-" : scalar
        }
    }

    /// `text` cut to at most `limit` UTF-8 bytes at a character boundary, without trailing dots,
    /// dashes or spaces.
    private static func truncated(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            if bytes + size > limit { break }
            result.append(character)
            bytes += size
        }
        while let last = result.last, last == "." || last == "-" || last == " " { result.removeLast() }
        return result.isEmpty ? "untitled" : result
    }

    /// Makes `names` unique, case-insensitively (macOS and Windows file systems fold case): the
    /// second and later uses of a name get `-2`, `-3`… before the extension. Deterministic: the
    /// first occurrence keeps its name.
    package static func unique(_ names: [String]) -> [String] {
        var taken = Set(names.map { $0.lowercased() })
        var seen = Set<String>()
        return names.map { name in
            guard seen.insert(name.lowercased()).inserted else {
                let dot = name.lastIndex(of: ".") ?? name.endIndex
                var number = 2
                while true {
                    let candidate = String(name[..<dot]) + "-\(number)" + String(name[dot...])
                    if taken.insert(candidate.lowercased()).inserted {
                        seen.insert(candidate.lowercased())
                        return candidate
                    }
                    number += 1
                }
            }
            return name
        }
    }
}
