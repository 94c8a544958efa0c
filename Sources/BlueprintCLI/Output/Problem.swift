import Foundation
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

    /// The problems of `findings`, in order. Tens of thousands of messages (a large blueprint) are
    /// rendered on every core, in contiguous slices: below ``concurrentFindingCount`` waking
    /// threads costs more than it saves, and folders of small files already use every core.
    static func make(_ findings: [Finding], path: String, language: Language) -> [Problem] {
        let slices = findings.count < concurrentFindingCount ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard slices > 1 else { return findings.map { Problem(finding: $0, path: path, language: language) } }
        let size = (findings.count + slices - 1) / slices
        return ParallelMap.map(slices, workers: slices) { slice in
            findings[slice * size..<min(findings.count, (slice + 1) * size)].map { Problem(finding: $0, path: path, language: language) }
        }.flatMap { $0 }
    }

    static let concurrentFindingCount = 4_096

    /// Orders by line and column; problems without a location keep their place after located ones.
    static func inFileOrder(_ a: Problem, _ b: Problem) -> Bool {
        (a.line ?? Int.max, a.column ?? Int.max) < (b.line ?? Int.max, b.column ?? Int.max)
    }

    /// Writes the problem as its `Encodable` conformance would, keys sorted (``JSONFormatter``).
    func write(to json: inout PrettyJSON) {
        json.object { json in
            json.field("column", ifPresent: column)
            json.field("fix", ifPresent: fix)
            json.field("line", ifPresent: line)
            json.field("message", message)
            json.field("path", path)
            if let related {
                json.field("related")
                json.array(related) { json, member in member.write(to: &json) }
            }
            json.field("ruleID", ruleID)
            json.field("severity", severity.rawValue)
            json.field("steps")
            json.array(steps) { json, step in json.string(step) }
        }
    }

    /// `path:line:column: severity: message [rule]`, the compiler style editors understand.
    func writeCompilerStyle(into bytes: inout [UInt8]) {
        bytes.append(contentsOf: path.utf8)
        if let line {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: String(line).utf8)
            if let column {
                bytes.append(UInt8(ascii: ":"))
                bytes.append(contentsOf: String(column).utf8)
            }
        }
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        bytes.append(contentsOf: severity.rawValue.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        bytes.append(contentsOf: message.utf8)
        if ruleID != Self.invalidBlueprintRule {
            bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "[")])
            bytes.append(contentsOf: ruleID.utf8)
            bytes.append(UInt8(ascii: "]"))
        }
    }
}
