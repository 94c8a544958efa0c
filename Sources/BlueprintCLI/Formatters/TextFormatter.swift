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

/// GitHub Actions workflow commands, so findings show as annotations on the pull request.
enum GitHubFormatter {
    static func format(_ problems: [Problem]) -> String {
        problems.map { problem in
            let level = switch problem.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            var properties = ["file=\(escapeProperty(problem.path))"]
            if let line = problem.line { properties.append("line=\(line)") }
            if let column = problem.column { properties.append("col=\(column)") }
            properties.append("title=\(escapeProperty(problem.ruleID))")
            return "::\(level) \(properties.joined(separator: ","))::\(escapeData(problem.message))"
        }.joined(separator: "\n")
    }

    // Escaping rules of GitHub's workflow commands.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
