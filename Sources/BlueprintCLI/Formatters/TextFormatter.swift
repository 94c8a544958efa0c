import ServiceBlueprint

/// Compiler-style text: `path:line:column: warning: message [rule-id]`, the suggested fix indented on
/// the next line (as compilers print fix-its; editors' problem matchers read only the first), then a
/// summary line.
enum TextFormatter {
    /// The severity words in the compiler-style lines stay English in every language: editors'
    /// problem matchers read them. The fix line and the summary follow `language`.
    static func format(_ problems: [Problem], files: Int, language: Language = .english) -> String {
        var lines: [String] = []
        for problem in problems {
            lines.append(problem.compilerStyle)
            if let fix = problem.fix, !fix.isEmpty { lines.append(LocalizedText("cli.check.fix", ["fix": .verbatim(fix)]).rendered(in: language)) }
        }
        let counts = Dictionary(grouping: problems, by: \.severity).mapValues(\.count)
        let summary = Severity.allCases.reversed().compactMap { severity -> TextArgument? in
            guard let count = counts[severity], count > 0 else { return nil }
            return .phrase(LocalizedText("cli.check.count.\(severity).\(count == 1 ? "one" : "other")", ["count": .integer(count)]))
        }
        let key = "cli.check.summary.\(files == 1 ? "one" : "other")\(summary.isEmpty ? ".clean" : "")"
        lines.append(LocalizedText(key, ["files": .integer(files), "counts": .enumeration(summary)]).rendered(in: language))
        return lines.joined(separator: "\n")
    }
}
