import ServiceBlueprint

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
