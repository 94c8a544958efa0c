import ServiceBlueprint

/// Compiler-style text: `path:line:column: warning: message [rule-id]`, the suggested fix indented on
/// the next line (as compilers print fix-its; editors' problem matchers read only the first), then a
/// summary line.
enum TextFormatter {
    static func format(_ problems: [Problem], files: Int) -> String {
        var lines: [String] = []
        for problem in problems {
            lines.append(problem.compilerStyle)
            if let fix = problem.fix, !fix.isEmpty { lines.append("    fix: \(fix)") }
        }
        let counts = Dictionary(grouping: problems, by: \.severity).mapValues(\.count)
        let summary = Severity.allCases.reversed().compactMap { severity -> String? in
            guard let count = counts[severity], count > 0 else { return nil }
            return "\(count) \(severity)\(count == 1 ? "" : "s")"
        }
        let checked = "\(files) blueprint\(files == 1 ? "" : "s") checked"
        lines.append(summary.isEmpty ? "\(checked), no problems found" : "\(checked): " + summary.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
