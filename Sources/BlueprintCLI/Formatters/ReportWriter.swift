import Foundation
import ServiceBlueprint

/// Writes `blueprint report` Markdown pages: per blueprint the metrics, the findings and the diagram
/// (HTML reports are the interactive viewer, `BlueprintViewer`).
///
/// Every piece of user text goes through the ``Markdown`` and ``HTML`` types, whose interpolation
/// escapes plain strings, so a title, id, path or message cannot inject markup. Anchors are
/// `blueprint-` plus the id's escaped form; diagram links are percent-encoded.
enum ReportWriter {
    /// The report in `language`: headings, table headers and metric names from the catalog (trusted
    /// Markdown), every value and user text escaped.
    static func markdown(_ sections: [ReportSection], assetFolder: String, language: Language = .english) -> String {
        func text(_ key: String, _ arguments: [String: Markdown] = [:]) -> Markdown {
            Markdown.catalog("report.\(key)", in: language, arguments)
        }
        var lines: [Markdown] = ["# \(text("title"))", ""]
        lines.append(text("table.header"))
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for section in sections {
            let metrics = section.metrics
            lines.append("| [\(section.blueprint.title)](#\(Markdown.Link(anchorID(section)))) | \(metrics.steps) | \(metrics.leadTimeText(in: language)) | \(metrics.efficiencyText(in: language)) | \(metrics.touchpoints) | \(metrics.handoffs) | \(metrics.count(.error)) | \(metrics.count(.warning)) |")
        }
        lines += ["", Markdown(text: MetricsSummary.leadTimeNote(in: language))]
        for section in sections {
            let blueprint = section.blueprint
            let anchor: HTML = "<a id=\"\(anchorID(section))\"></a>"
            lines += ["", "\(anchor)", "## \(blueprint.title)", ""]
            if let summary = blueprint.summary { lines += ["\(summary)", ""] }
            lines.append(text("source", ["path": Markdown.code(section.path)]))
            if section.svg != nil {
                lines += ["", "![\(blueprint.title)](\(Markdown.Link(assetFolder + "/" + section.assetName)))"]
            }
            lines += ["", "### \(text("metrics"))", "", text("metrics.header"), "|---|---:|"]
            for row in section.metrics.rows(in: language) { lines.append("| \(row.name) | \(row.value) |") }
            lines += experienceSections(section, language: language)
            lines += ["", "### \(text("findings", ["count": "\(section.report.findings.count)"]))", ""]
            if section.report.findings.isEmpty { lines.append(text("findings.none")) }
            for finding in section.report.findings {
                let severity = Markdown.catalog("severity.\(finding.severity.rawValue)", in: language)
                var line = text("finding", [
                    "severity": severity, "rule": Markdown.code(finding.ruleID), "message": "\(finding.message(in: language))",
                ])
                if let fix = finding.fix { line = text("finding.fix", ["finding": line, "fix": "\(fix.summary(in: language))"]) }
                lines.append(line)
            }
        }
        return Markdown.joined(lines, separator: "\n").description + "\n"
    }

    /// The anchor of a section: unique, made of the id (escaped wherever it is written).
    static func anchorID(_ section: ReportSection) -> String { "blueprint-" + section.blueprint.id }
}
