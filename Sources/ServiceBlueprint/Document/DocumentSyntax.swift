import Foundation
import Yams

/// The syntax layer of reading: text to a Yams node tree with marks, or a located syntax error.
///
/// Yams (libyaml) reads JSON too, since JSON is a subset of YAML's flow style, with two gaps this
/// type closes: JSON's surrogate-pair escapes (`\ud83d\ude00`) are turned into YAML's 8-digit form
/// first, and duplicate keys, which Yams rejects as a whole, are given unique stand-in names so the
/// rest of the document can still be read and each duplicate reported where it occurs.
struct DocumentSyntax {
    /// The root node; `nil` for an empty document or after a syntax error.
    var root: Node?
    /// The syntax error, if the text could not be parsed.
    var error: Diagnostic?
    /// Keys that were renamed to tell duplicates apart, by the key's position: the original name.
    var renamedKeys: [TextPosition: String] = [:]

    /// The most duplicate keys that are worked around (each costs a re-parse) before the parser's
    /// own error is reported: 200 for small files, fewer for large ones, so the work stays bounded.
    static func duplicateKeyLimit(forLength length: Int) -> Int {
        max(5, min(200, 20_000_000 / max(1, length)))
    }

    /// Parses `text` as `format`, reporting errors against `path`.
    init(text: String, format: DocumentFormat, path: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }  // libyaml would count it as a column
        if format == .json { scalars = Self.joiningSurrogatePairs(scalars) }

        let limit = Self.duplicateKeyLimit(forLength: scalars.count)
        for round in 0...limit {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let yaml = String(view)
            do {
                root = try Yams.compose(yaml: yaml)
                return
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let position = TextPosition(line: context.mark.line, column: context.mark.column)
                if round < limit, renamedKeys[position] == nil, let name = duplicates.first,
                    let renamed = Self.renamingKey(at: position, in: scalars, round: round)
                {
                    renamedKeys[position] = name
                    scalars = renamed
                    continue
                }
                let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                error = Self.diagnostic("duplicate key \(names)", line: position.line, column: position.column, path: path)
                return
            } catch let yamlError as YamlError {
                error = Self.diagnostic(for: yamlError, format: format, scalars: scalars, yaml: yaml, path: path)
                return
            } catch {
                self.error = Self.diagnostic("cannot parse the document: \(error)", line: 1, column: 1, path: path)
                return
            }
        }
    }

    /// Gives the key at `position` a unique name of the same length (a private-use character
    /// replaces its first character), so marks of everything after it stay right.
    static func renamingKey(at position: TextPosition, in scalars: [Unicode.Scalar], round: Int) -> [Unicode.Scalar]? {
        guard var offset = TextPosition.offset(of: position, in: scalars) else { return nil }
        let opening = scalars[offset]
        if opening == "\"" || opening == "'" {
            offset += 1
            guard offset < scalars.count, scalars[offset] != opening, !TextPosition.isBreak(scalars[offset]) else {
                return nil
            }
        }
        guard let standIn = Unicode.Scalar(0xE000 + UInt32(round)) else { return nil }
        var renamed = scalars
        renamed[offset] = standIn
        return renamed
    }

    /// Rewrites JSON's `\uD83D\uDE00` surrogate-pair escapes as YAML's `\U0001F600`, which libyaml
    /// understands. A backslash starts an escape only after an even number of backslashes.
    static func joiningSurrogatePairs(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        func hexValue(_ slice: ArraySlice<Unicode.Scalar>) -> UInt32? {
            guard slice.count == 4 else { return nil }
            return UInt32(String(String.UnicodeScalarView(slice)), radix: 16)
        }
        guard scalars.count >= 12 else { return scalars }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var index = 0
        var backslashes = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", backslashes % 2 == 0, index + 11 < scalars.count, scalars[index + 1] == "u",
                scalars[index + 6] == "\\", scalars[index + 7] == "u",
                let high = hexValue(scalars[(index + 2)..<(index + 6)]), (0xD800...0xDBFF).contains(high),
                let low = hexValue(scalars[(index + 8)..<(index + 12)]), (0xDC00...0xDFFF).contains(low)
            {
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                let hex = String(value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: 8 - hex.count) + hex
                result.append(contentsOf: ("\\U" + padded).unicodeScalars)
                index += 12
                backslashes = 0
                continue
            }
            backslashes = scalar == "\\" ? backslashes + 1 : 0
            result.append(scalar)
            index += 1
        }
        return result
    }

    static func diagnostic(_ message: String, line: Int, column: Int, path: String) -> Diagnostic {
        Diagnostic(.error, message, location: SourceLocation(path: path, line: max(1, line), column: max(1, column)))
    }

    /// A diagnostic for a Yams error, at the position libyaml reports.
    static func diagnostic(
        for error: YamlError, format: DocumentFormat, scalars: [Unicode.Scalar], yaml: String, path: String
    ) -> Diagnostic {
        let kind = format == .json ? "JSON" : "YAML"
        func words(_ text: String) -> String {
            guard format == .json else { return text }
            return text.replacingOccurrences(of: "a flow mapping", with: "an object")
                .replacingOccurrences(of: "a flow sequence", with: "an array")
                .replacingOccurrences(of: "flow mapping", with: "object")
                .replacingOccurrences(of: "flow sequence", with: "array")
        }
        func described(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return "\(kind) syntax error: \(words(problem))" }
            return "\(kind) syntax error: \(words(problem)) (\(words(context.text)) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(_, problem, mark, _) where problem.contains("nesting level"),
            let .parser(_, problem, mark, _) where problem.contains("nesting level"):
            return diagnostic(
                "the document is nested too deeply (more than 1000 levels)", line: mark.line, column: mark.column,
                path: path)
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            return diagnostic(described(problem, context), line: mark.line, column: mark.column, path: path)
        case let .composer(context, problem, mark, _):
            if problem.contains("another document") {
                return diagnostic(
                    "a blueprint file holds one document; found a second one", line: mark.line, column: mark.column,
                    path: path)
            }
            return diagnostic("\(kind) error: \(problem)", line: mark.line, column: mark.column, path: path)
                .with(context: context)
        case let .reader(problem, offset, value, _):
            var position = TextPosition(line: 1, column: 1)
            if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                let scalarOffset = yaml.unicodeScalars.distance(from: yaml.unicodeScalars.startIndex, to: index)
                position = TextPosition.of(scalarOffset: scalarOffset, in: scalars)
            }
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return diagnostic(
                "invalid character\(character): \(problem)", line: position.line, column: position.column, path: path)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return diagnostic(
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))", line: context.mark.line,
                column: context.mark.column, path: path)
        default:
            return diagnostic("cannot parse the document: \(error)", line: 1, column: 1, path: path)
        }
    }
}

extension Diagnostic {
    fileprivate func with(context: YamlError.Context?) -> Diagnostic {
        guard let context, !context.text.isEmpty else { return self }
        var copy = self
        copy.message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        return copy
    }
}
