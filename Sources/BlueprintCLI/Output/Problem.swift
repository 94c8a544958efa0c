import ServiceBlueprint

/// One line of `blueprint check` output: a load diagnostic or an analysis finding, located.
struct Problem: Hashable, Codable {
    var path: String
    var line: Int?
    var column: Int?
    var severity: Severity
    var message: String
    /// The analysis rule, or `invalid-blueprint` for a file that does not load or validate.
    var ruleID: String
    var steps: [String]
    var fix: String?
    /// The single findings a grouped finding stands for (``Finding/grouped``), each located.
    var related: [Problem]?

    static let invalidBlueprintRule = "invalid-blueprint"

    init(diagnostic: Diagnostic, path: String, language: Language = .english) {
        self.path = diagnostic.location?.path ?? path
        line = diagnostic.location?.line
        column = diagnostic.location?.column
        severity = diagnostic.severity
        message = diagnostic.message(in: language)
        ruleID = Self.invalidBlueprintRule
        steps = []
        fix = nil
    }

    init(finding: Finding, path: String, language: Language = .english) {
        self.path = finding.location?.path ?? path
        line = finding.location?.line
        column = finding.location?.column
        severity = finding.severity
        message = finding.message(in: language)
        ruleID = finding.ruleID
        steps = finding.stepIDs
        fix = finding.fix?.summary(in: language)
        related = finding.grouped.map { members in members.map { Problem(finding: $0, path: path, language: language) } }
    }

    /// Orders by line and column; problems without a location keep their place after located ones.
    static func inFileOrder(_ a: Problem, _ b: Problem) -> Bool {
        (a.line ?? Int.max, a.column ?? Int.max) < (b.line ?? Int.max, b.column ?? Int.max)
    }

    /// `path:line:column: severity: message [rule]`, the compiler style editors understand.
    var compilerStyle: String {
        var place = path
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let rule = ruleID == Self.invalidBlueprintRule ? "" : " [\(ruleID)]"
        return "\(place): \(severity): \(message)\(rule)"
    }
}
