import BlueprintCSV
import ServiceBlueprint

extension Discoverer {
    /// Reads a role mapping: CSV rows `resource,role[,lane]` (a header row naming `resource` is
    /// skipped). The lane is one of the blueprint lanes (`customer`, `frontstage`, …).
    /// - Throws: ``BlueprintError`` with every problem located `path:line:column`, or a file error.
    public static func readRoles(path: String) throws -> [String: RoleAssignment] {
        var roles: [String: RoleAssignment] = [:]
        var diagnostics: [Diagnostic] = []
        let lanes = Lane.allCases.map(\.rawValue)
        let csvErrors = try CSVTokenizer.forEachRecord(inFileAtPath: path) { record in
            if record.number == 1, record.fields.first?.lowercased() == "resource" { return }
            guard record.fields.count >= 2, !record.fields[0].isEmpty, !record.fields[1].isEmpty else {
                diagnostics.append(Diagnostic(.error, "expected resource,role[,lane]",
                                              location: SourceLocation(path: path, line: record.position.line, column: 1)))
                return
            }
            var lane: Lane?
            if let name = record[safe: 2], !name.isEmpty {
                lane = Lane(name: name)
                if lane == nil {
                    let position = record.positions[2]
                    diagnostics.append(Diagnostic(.error, "unknown lane '\(name)'" + Suggestion.didYouMean(name, in: lanes) + "; lanes: " + lanes.joined(separator: ", "),
                                                  location: SourceLocation(path: path, line: position.line, column: position.column)))
                    return
                }
            }
            roles[record.fields[0]] = RoleAssignment(role: record.fields[1], lane: lane)
        }
        for error in csvErrors {
            diagnostics.append(Diagnostic(.error, error.message, location: SourceLocation(path: path, line: error.position.line, column: error.position.column)))
        }
        if !diagnostics.isEmpty { throw BlueprintError(diagnostics: diagnostics) }
        return roles
    }
}
