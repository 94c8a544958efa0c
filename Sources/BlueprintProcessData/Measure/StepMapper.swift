import BlueprintCSV
import ServiceBlueprint

/// Maps log activities to blueprint steps: a mapping file first, then the step id, then the
/// step title (both compared case- and punctuation-insensitively).
public struct StepMapper: Sendable {
    /// Activity → step id, from a mapping file.
    public var explicit: [String: String]
    private let byID: [String: String]
    private let byTitle: [String: String]

    /// Creates a mapper for `blueprint` with an optional explicit mapping (activity → step id).
    public init(blueprint: Blueprint, explicit: [String: String] = [:]) {
        self.explicit = explicit
        var byID: [String: String] = [:]
        var byTitle: [String: String] = [:]
        for step in blueprint.steps {
            byID[Self.key(step.id)] = byID[Self.key(step.id)] ?? step.id
            byTitle[Self.key(step.title)] = byTitle[Self.key(step.title)] ?? step.id
        }
        self.byID = byID
        self.byTitle = byTitle
    }

    /// The step for `activity` and how it was found, or `nil`.
    public func step(for activity: String) -> (step: String, by: String)? {
        if let step = explicit[activity] { return (step, "mapping-file") }
        let key = Self.key(activity)
        if let step = byID[key] { return (step, "id") }
        if let step = byTitle[key] { return (step, "title") }
        return nil
    }

    /// Lowercase letters and digits only: "Check-in", "check in" and "check_in" match.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// Reads a mapping file: CSV rows `activity,step` (a header row naming `activity` is skipped).
    ///
    /// Unknown step ids are reported with a suggestion, located `path:line:column`.
    /// - Throws: ``BlueprintError`` with every problem, or a file error.
    public static func readMapping(path: String, blueprint: Blueprint) throws -> [String: String] {
        var mapping: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let stepIDs = Set(blueprint.steps.map(\.id))
        let csvErrors = try CSVTokenizer.forEachRecord(inFileAtPath: path) { record in
            if record.number == 1, record.fields.first?.lowercased() == "activity" { return }
            guard record.fields.count >= 2 else {
                diagnostics.append(Diagnostic(.error, "expected two columns: activity, step",
                                              location: SourceLocation(path: path, line: record.position.line, column: 1)))
                return
            }
            let step = record.fields[1]
            guard stepIDs.contains(step) else {
                let position = record.positions[1]
                diagnostics.append(Diagnostic(.error, "unknown step '\(step)'" + Suggestion.didYouMean(step, in: stepIDs.sorted()),
                                              location: SourceLocation(path: path, line: position.line, column: position.column)))
                return
            }
            mapping[record.fields[0]] = step
        }
        for error in csvErrors {
            diagnostics.append(Diagnostic(.error, error.message, location: SourceLocation(path: path, line: error.position.line, column: error.position.column)))
        }
        if !diagnostics.isEmpty { throw BlueprintError(diagnostics: diagnostics) }
        return mapping
    }
}
