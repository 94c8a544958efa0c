import ArgumentParser
import Foundation
import ServiceBlueprint

/// `blueprint diff`: what changed between two versions of a blueprint, and what it gained.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a blueprint: steps and flows changed, metric deltas, findings fixed and introduced.",
        discussion: "Typical use: blueprint diff as-is.yaml to-be.yaml, to review a process improvement."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The old version (e.g. as-is).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var old: String

    @Argument(help: "The new version (e.g. to-be).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var new: String

    @Option(help: "Output format: text, markdown or json.")
    var format: OutputFormat = .text

    @Option(help: "Analysis configuration file for every blueprint (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    func run() throws {
        let loaded = BlueprintLoader.load([.init(path: old, relativePath: old), .init(path: new, relativePath: new)])
        for file in loaded where !file.diagnostics.isEmpty && file.document == nil {
            Terminal.error(file.diagnostics.map(\.description).joined(separator: "\n"))
        }
        guard let before = loaded[0].document, let after = loaded[1].document else {
            throw ExitStatus.invalidInput.exitCode
        }
        // Both versions are judged by the same rules: the new file's configuration.
        var configurations = ConfigurationResolver(explicit: config)
        let analyzer = Analyzer(configuration: configurations.configuration(for: new), rules: RuleRegistry.all)
        for diagnostic in configurations.diagnostics { Terminal.error(diagnostic.description) }
        let comparison = BlueprintComparison(
            old: before.blueprint, new: after.blueprint,
            oldReport: analyzer.analyze(before.blueprint), newReport: analyzer.analyze(after.blueprint))
        switch format {
        case .text: Terminal.output(comparison.text(markdown: false))
        case .markdown: Terminal.output(comparison.text(markdown: true))
        case .json: Terminal.output(JSONFormatter.encode(comparison.summary))
        }
    }
}

/// The structural diff plus metric deltas and findings fixed/introduced.
struct BlueprintComparison {
    var diff: BlueprintDiff
    var oldMetrics: MetricsSummary
    var newMetrics: MetricsSummary
    var fixed: [Finding]
    var introduced: [Finding]

    init(old: Blueprint, new: Blueprint, oldReport: AnalysisReport, newReport: AnalysisReport) {
        diff = BlueprintDiff(old: old, new: new)
        oldMetrics = MetricsSummary(blueprint: old, report: oldReport)
        newMetrics = MetricsSummary(blueprint: new, report: newReport)
        // A finding is "the same" when rule and steps match; messages may mention changed numbers.
        func key(_ finding: Finding) -> String { finding.ruleID + "|" + finding.stepIDs.joined(separator: ",") }
        let oldKeys = Set(oldReport.findings.map(key)), newKeys = Set(newReport.findings.map(key))
        fixed = oldReport.findings.filter { !newKeys.contains(key($0)) }
        introduced = newReport.findings.filter { !oldKeys.contains(key($0)) }
    }

    struct Summary: Encodable {
        struct Item: Encodable {
            var id: String
            var changes: [String]
        }
        var addedSteps: [String]
        var removedSteps: [String]
        var changedSteps: [Item]
        var addedFlows: [String]
        var removedFlows: [String]
        var changedFlows: [Item]
        var metrics: [MetricsSummary.Delta]
        var findingsFixed: [String]
        var findingsIntroduced: [String]
    }

    var summary: Summary {
        Summary(
            addedSteps: diff.addedSteps.map(\.id), removedSteps: diff.removedSteps.map(\.id),
            changedSteps: diff.changedSteps.map { .init(id: $0.id, changes: $0.changes.map(\.description)) },
            addedFlows: diff.addedFlows.map(\.id), removedFlows: diff.removedFlows.map(\.id),
            changedFlows: diff.changedFlows.map { .init(id: $0.id, changes: $0.changes.map(\.description)) },
            metrics: MetricsSummary.deltas(from: oldMetrics, to: newMetrics),
            findingsFixed: fixed.map { "[\($0.ruleID)] \($0.message)" },
            findingsIntroduced: introduced.map { "[\($0.ruleID)] \($0.message)" })
    }

    func text(markdown: Bool) -> String {
        var lines: [String] = []
        func heading(_ title: String) {
            lines.append(markdown ? "\n## \(title)\n" : "\n\(title)")
        }
        let bullet = markdown ? "- " : "  "
        // Steps and flows are listed the same way: added, removed, changed.
        func changes(_ title: String, added: [String], removed: [String], changed: [BlueprintDiff.Modified]) {
            heading(title)
            if added.isEmpty && removed.isEmpty && changed.isEmpty { lines.append(bullet + "no change") }
            for item in added { lines.append(bullet + "+ " + item) }
            for item in removed { lines.append(bullet + "- " + item) }
            for item in changed {
                lines.append(bullet + "~ \(item.id): " + item.changes.map(\.description).joined(separator: "; "))
            }
        }
        changes(
            "Steps", added: diff.addedSteps.map { "\($0.id): \($0.title)" },
            removed: diff.removedSteps.map { "\($0.id): \($0.title)" }, changed: diff.changedSteps)
        changes(
            "Flows", added: diff.addedFlows.map { "\($0.id) (\($0.kind.rawValue))" },
            removed: diff.removedFlows.map { "\($0.id) (\($0.kind.rawValue))" }, changed: diff.changedFlows)
        heading("Metrics")
        if markdown {
            lines.append("| metric | old | new | change |")
            lines.append("|---|---:|---:|---:|")
        }
        for delta in MetricsSummary.deltas(from: oldMetrics, to: newMetrics) {
            lines.append(markdown
                ? "| \(delta.metric) | \(delta.old) | \(delta.new) | \(delta.change) |"
                : "  \(delta.metric): \(delta.old) → \(delta.new) (\(delta.change))")
        }
        heading("Findings fixed (\(fixed.count))")
        for finding in fixed { lines.append(bullet + "[\(finding.ruleID)] \(finding.message)") }
        heading("Findings introduced (\(introduced.count))")
        for finding in introduced { lines.append(bullet + "[\(finding.ruleID)] \(finding.message)") }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
