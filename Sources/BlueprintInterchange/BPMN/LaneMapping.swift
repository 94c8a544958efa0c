import Foundation
import ServiceBlueprint

/// Overrides of the blueprint lane a BPMN element lands in: by element id, by BPMN lane (or
/// pool) name, or by task type. The most specific wins: id, then lane name, then type.
///
/// The file form is a small YAML subset, three optional sections of `key: lane` entries:
///
/// ```yaml
/// ids:
///   Task_0x1: frontstage
/// lanes:
///   "Call centre": frontstage
/// types:
///   serviceTask: backstage
/// ```
public struct LaneMapping: Sendable, Hashable {
    /// Lanes by BPMN element id.
    public var byID: [String: Lane]
    /// Lanes by BPMN lane or pool name (exact, case-insensitive).
    public var byLaneName: [String: Lane]
    /// Lanes by BPMN element type (`userTask`, `serviceTask`…).
    public var byType: [String: Lane]

    /// Creates a mapping.
    public init(byID: [String: Lane] = [:], byLaneName: [String: Lane] = [:], byType: [String: Lane] = [:]) {
        self.byID = byID
        self.byLaneName = Dictionary(byLaneName.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.byType = byType
    }

    /// `true` when nothing is overridden.
    public var isEmpty: Bool { byID.isEmpty && byLaneName.isEmpty && byType.isEmpty }

    /// Parses the file form; every problem is reported at once as `path:line:column`.
    public static func parse(_ text: String, path: String) throws(BlueprintError) -> LaneMapping {
        var mapping = LaneMapping()
        var diagnostics: [Diagnostic] = []
        var section: String?
        let sections = ["ids", "lanes", "types"]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            var content = Substring(rawLine)
            if line == 1, content.first == "\u{FEFF}" { content = content.dropFirst() }
            if let hash = content.firstIndex(of: "#"), !content[..<hash].contains("\"") { content = content[..<hash] }
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let indent = content.prefix { $0 == " " }.count
            func report(_ key: String, _ arguments: [String: TextArgument] = [:], column: Int = indent + 1) {
                diagnostics.append(
                    Diagnostic(
                        .error, LocalizedText("interchange.mapping.\(key)", arguments),
                        location: SourceLocation(path: path, line: line, column: column)))
            }
            guard let colon = trimmed.lastIndex(of: ":") else {
                report("keyValue")
                continue
            }
            let key = unquote(trimmed[..<colon].trimmingCharacters(in: .whitespaces))
            let value = unquote(trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            if indent == 0 {
                guard sections.contains(key), value.isEmpty else {
                    report("unknownSection", ["section": .quoted(key), "suggestion": Suggestion.didYouMeanArgument(key, in: sections)])
                    section = nil
                    continue
                }
                section = key
                continue
            }
            guard let section else {
                report("outsideSection")
                continue
            }
            guard let lane = Lane(name: value) else {
                report(
                    "unknownLane",
                    [
                        "lane": .quoted(value), "names": .verbatim(Lane.allCases.map(\.rawValue).joined(separator: ", ")),
                        "suggestion": Suggestion.didYouMeanArgument(value, in: Lane.allCases.map(\.rawValue)),
                    ],
                    column: indent + 1 + (content.count - indent - value.count))
                continue
            }
            switch section {
            case "ids": mapping.byID[key] = lane
            case "lanes": mapping.byLaneName[key.lowercased()] = lane
            default: mapping.byType[key] = lane
            }
        }
        if !diagnostics.isEmpty { throw BlueprintError(diagnostics: diagnostics) }
        return mapping
    }

    /// Reads and parses the mapping file at `path`.
    public static func read(from path: String) throws(BlueprintError) -> LaneMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BlueprintError(diagnostics: [
                Diagnostic(.error, LocalizedText("interchange.mapping.cannotRead"), location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
