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

    @OptionGroup var language: LanguageOption

    func run() throws {
        let shown = language.resolve()
        let loaded = BlueprintLoader.load([.init(path: old, relativePath: old), .init(path: new, relativePath: new)])
        for file in loaded where !file.diagnostics.isEmpty && file.document == nil {
            Terminal.error(file.diagnostics.map { $0.description(in: shown) }.joined(separator: "\n"))
        }
        guard let before = loaded[0].document, let after = loaded[1].document else {
            throw ExitStatus.invalidInput.exitCode
        }
        // Both versions are judged by the same rules: the new file's configuration.
        var configurations = ConfigurationResolver(explicit: config)
        let analyzer = Analyzer(configuration: configurations.configuration(for: new), rules: RuleRegistry.all)
        for diagnostic in configurations.diagnostics { Terminal.error(diagnostic.description(in: shown)) }
        let text = language.resolve(declared: after.blueprint.language)
        let comparison = BlueprintComparison(
            old: before.blueprint, new: after.blueprint,
            oldReport: analyzer.analyze(before.blueprint), newReport: analyzer.analyze(after.blueprint),
            oldDiagnostics: loaded[0].diagnostics, newDiagnostics: loaded[1].diagnostics)
        switch format {
        case .text: Terminal.output(comparison.text(markdown: false, language: text))
        case .markdown: Terminal.output(comparison.text(markdown: true, language: text))
        case .json: Terminal.output(JSONFormatter.encode(comparison.summary))
        }
    }
}

/// The structural diff plus metric deltas and findings fixed, introduced and changed.
struct BlueprintComparison {
    var diff: BlueprintDiff
    var oldMetrics: MetricsSummary
    var newMetrics: MetricsSummary
    var fixed: [Finding]
    var introduced: [Finding]
    /// Findings present in both versions whose figures changed (old, new): neither fixed nor new.
    var changed: [(old: Finding, new: Finding)]
    /// KPI and cost-per-case changes (issue 16).
    var experience: ExperienceDiff

    init(
        old: Blueprint, new: Blueprint, oldReport: AnalysisReport, newReport: AnalysisReport,
        oldDiagnostics: [Diagnostic] = [], newDiagnostics: [Diagnostic] = []
    ) {
        diff = BlueprintDiff(old: old, new: new)
        oldMetrics = MetricsSummary(blueprint: old, report: oldReport, diagnostics: oldDiagnostics)
        newMetrics = MetricsSummary(blueprint: new, report: newReport, diagnostics: newDiagnostics)
        (fixed, introduced, changed) = Self.match(old: oldReport.findings, new: newReport.findings)
        experience = ExperienceDiff(old: old, new: new)
    }

    /// Pairs the findings of two versions. The same finding is the same rule on the same steps; failing
    /// that, the same rule with the same message once its figures are ignored (a journey finding whose
    /// path lost a step still names the journey, but lists other steps and other numbers).
    static func match(old: [Finding], new: [Finding]) -> (fixed: [Finding], introduced: [Finding], changed: [(old: Finding, new: Finding)]) {
        func exact(_ finding: Finding) -> String { finding.ruleID + "|" + finding.stepIDs.joined(separator: ",") }
        func shape(_ finding: Finding) -> String {
            finding.ruleID + "|" + String(finding.message.map { $0.isNumber ? "#" : $0 })
        }
        // Takes the first unpaired index filed under `key`.
        func take(_ key: String, from pool: inout [String: [Int]]) -> Int? {
            guard var indices = pool[key], !indices.isEmpty else { return nil }
            let index = indices.removeFirst()
            pool[key] = indices
            return index
        }
        var paired = Set<Int>()
        var changed: [(old: Finding, new: Finding)] = []
        var byRuleAndSteps = Dictionary(grouping: new.indices, by: { exact(new[$0]) })
        var unpairedOld: [Finding] = []
        for finding in old {
            if let index = take(exact(finding), from: &byRuleAndSteps) {
                paired.insert(index)
                if new[index].message != finding.message { changed.append((finding, new[index])) }
            } else {
                unpairedOld.append(finding)
            }
        }
        var byShape = Dictionary(grouping: new.indices.filter { !paired.contains($0) }, by: { shape(new[$0]) })
        var fixed: [Finding] = []
        for finding in unpairedOld {
            if let index = take(shape(finding), from: &byShape) {
                paired.insert(index)
                changed.append((finding, new[index]))
            } else {
                fixed.append(finding)
            }
        }
        let introduced = new.indices.filter { !paired.contains($0) }.map { new[$0] }
        return (fixed, introduced, changed)
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
        var findingsChanged: [String]
        /// Left out when neither version has a KPI or a costed journey.
        var kpis: [KPIDelta]?
        var costs: [CostDelta]?
    }

    var summary: Summary {
        Summary(
            addedSteps: diff.addedSteps.map(\.id), removedSteps: diff.removedSteps.map(\.id),
            changedSteps: diff.changedSteps.map { .init(id: $0.id, changes: $0.changes.map(\.description)) },
            addedFlows: diff.addedFlows.map(\.id), removedFlows: diff.removedFlows.map(\.id),
            changedFlows: diff.changedFlows.map { .init(id: $0.id, changes: $0.changes.map(\.description)) },
            metrics: MetricsSummary.deltas(from: oldMetrics, to: newMetrics),
            findingsFixed: fixed.map { "[\($0.ruleID)] \($0.message)" },
            findingsIntroduced: introduced.map { "[\($0.ruleID)] \($0.message)" },
            findingsChanged: changed.map { "[\($0.new.ruleID)] \($0.new.message)" },
            kpis: kpiDeltas(), costs: costDeltas())
    }

    /// The comparison for people, in `language`: headings, labels and finding messages from the catalog.
    func text(markdown: Bool, language: Language = .english) -> String {
        var lines: [String] = []
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { language.cli("diff.\(key)", arguments) }
        func heading(_ title: String) {
            lines.append(markdown ? "\n## \(title)\n" : "\n\(title)")
        }
        let bullet = markdown ? "- " : "  "
        // Steps and flows are listed the same way: added, removed, changed. Markdown spells the kind
        // out, because "- - x" would render as a nested list.
        func changes(_ title: String, added: [String], removed: [String], changed: [BlueprintDiff.Modified]) {
            heading(title)
            if added.isEmpty && removed.isEmpty && changed.isEmpty { lines.append(bullet + t("noChange")) }
            for item in added { lines.append(bullet + (markdown ? t("added", ["item": .verbatim(item)]) : "+ " + item)) }
            for item in removed { lines.append(bullet + (markdown ? t("removed", ["item": .verbatim(item)]) : "- " + item)) }
            for item in changed {
                let change = item.text.rendered(in: language)
                lines.append(bullet + (markdown ? t("changed", ["item": .verbatim(change)]) : "~ " + change))
            }
        }
        changes(
            t("steps"), added: diff.addedSteps.map { "\($0.id): \($0.title)" },
            removed: diff.removedSteps.map { "\($0.id): \($0.title)" }, changed: diff.changedSteps)
        changes(
            t("flows"), added: diff.addedFlows.map { "\($0.id) (\($0.kind.rawValue))" },
            removed: diff.removedFlows.map { "\($0.id) (\($0.kind.rawValue))" }, changed: diff.changedFlows)
        heading(t("metrics"))
        if markdown {
            lines.append(t("metrics.header"))
            lines.append("|---|---:|---:|---:|")
        }
        for delta in MetricsSummary.deltas(from: oldMetrics, to: newMetrics, language: language) {
            lines.append(markdown
                ? "| \(delta.metric) | \(delta.display.old) | \(delta.display.new) | \(delta.display.change) |"
                : t("metric.line", [
                    "metric": .verbatim(delta.metric), "old": .verbatim(delta.display.old), "new": .verbatim(delta.display.new),
                    "change": .verbatim(delta.display.change),
                ]))
        }
        lines += experienceLines(markdown: markdown, language: language)
        heading(t("fixed", ["count": .integer(fixed.count)]))
        for finding in fixed { lines.append(bullet + "[\(finding.ruleID)] \(finding.message(in: language))") }
        heading(t("introduced", ["count": .integer(introduced.count)]))
        for finding in introduced { lines.append(bullet + "[\(finding.ruleID)] \(finding.message(in: language))") }
        if !changed.isEmpty {
            heading(t("stillPresent", ["count": .integer(changed.count)]))
            for pair in changed { lines.append(bullet + "[\(pair.new.ruleID)] \(pair.new.message(in: language))") }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
