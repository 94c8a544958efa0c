import BlueprintCSV
import Foundation
import ServiceBlueprint

/// Writes a blueprint's steps as a CSV table (RFC 4180, comma, CRLF, UTF-8 without BOM): one
/// row per step with the columns of ``CSVImporter``. Plain sequence flows go into each step's
/// `after` cell; flows that `after` cannot express (another kind, a label, a probability) go
/// to a second table, `from,to,kind,label,probability`, written to `NAME.flows.csv`.
public enum CSVExporter {
    /// The steps table and the flows table (`nil` when `after` says everything).
    public static func tables(for blueprint: Blueprint, separator: CSVSeparator = .comma) -> (steps: String, flows: String?) {
        var after: [String: [String]] = [:]
        var extra: [Flow] = []
        for flow in blueprint.flows {
            if flow.kind == .sequence, flow.label == nil, flow.probability == nil {
                after[flow.to, default: []].append(flow.from)
            } else {
                extra.append(flow)
            }
        }
        var steps = CSVWriter.record(CSVColumns.names, separator: separator)
        for step in blueprint.steps {
            var values = CSVColumns.values(of: step)
            values["after"] = CSVColumns.list(after[step.id] ?? [])
            steps += CSVWriter.record(CSVColumns.names.map { values[$0] ?? "" }, separator: separator)
        }
        guard !extra.isEmpty else { return (steps, nil) }
        var flows = CSVWriter.record(CSVColumns.flowNames, separator: separator)
        for flow in extra {
            flows += CSVWriter.record(
                [flow.from, flow.to, flow.kind.rawValue, flow.label ?? "", CSVColumns.number(flow.probability)],
                separator: separator)
        }
        return (steps, flows)
    }

    /// Where the flows table of `path` lives: `steps.csv` → `steps.flows.csv`.
    public static func flowsPath(for path: String) -> String {
        let lowered = path.lowercased()
        return (lowered.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".flows.csv"
    }

    /// Writes the steps table to `path` and, when needed, the flows table beside it (a stale
    /// flows table from an earlier export is replaced by an empty one), each atomically.
    public static func write(_ blueprint: Blueprint, to path: String, separator: CSVSeparator = .comma) throws {
        let (steps, flows) = tables(for: blueprint, separator: separator)
        try AtomicFile.write(steps, to: path)
        let flowsPath = flowsPath(for: path)
        if let flows {
            try AtomicFile.write(flows, to: flowsPath)
        } else if FileManager.default.fileExists(atPath: flowsPath) {
            try AtomicFile.write(CSVWriter.record(CSVColumns.flowNames, separator: separator), to: flowsPath)
        }
    }
}
