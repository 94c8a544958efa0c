import Foundation
import ServiceBlueprint

/// Writes `blueprint report` Markdown pages: per blueprint the metrics, the findings and the diagram
/// (HTML reports are the interactive viewer, `BlueprintViewer`).
///
/// Every piece of user text goes through the ``Markdown`` and ``HTML`` types, whose interpolation
/// escapes plain strings, so a title, id, path or message cannot inject markup. Anchors are
/// `blueprint-` plus the id's escaped form; diagram links are percent-encoded.
enum ReportWriter {
    static func markdown(_ sections: [ReportSection], assetFolder: String) -> String {
        var lines: [Markdown] = ["# Service blueprint report", ""]
        lines.append("| blueprint | steps | lead time | efficiency | touchpoints | hand-offs | errors | warnings |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for section in sections {
            let metrics = section.metrics
            lines.append("| [\(section.blueprint.title)](#\(Markdown.Link(anchorID(section)))) | \(metrics.steps) | \(metrics.leadTimeText) | \(metrics.efficiencyText) | \(metrics.touchpoints) | \(metrics.handoffs) | \(metrics.count(.error)) | \(metrics.count(.warning)) |")
        }
        lines += ["", Markdown(text: MetricsSummary.leadTimeNote)]
        for section in sections {
            let blueprint = section.blueprint
            let anchor: HTML = "<a id=\"\(anchorID(section))\"></a>"
            lines += ["", "\(anchor)", "## \(blueprint.title)", ""]
            if let summary = blueprint.summary { lines += ["\(summary)", ""] }
            lines.append("Source: \(Markdown.code(section.path))")
            if section.svg != nil {
                lines += ["", "![\(blueprint.title)](\(Markdown.Link(assetFolder + "/" + section.assetName)))"]
            }
            lines += ["", "### Metrics", "", "| metric | value |", "|---|---:|"]
            for row in section.metrics.rows { lines.append("| \(row.name) | \(row.value) |") }
            lines += ["", "### Findings (\(section.report.findings.count))", ""]
            if section.report.findings.isEmpty { lines.append("No findings.") }
            for finding in section.report.findings {
                var line: Markdown = "- **\(finding.severity.rawValue)** \(Markdown.code(finding.ruleID)): \(finding.message)"
                if let fix = finding.fix { line += " — *Fix:* \(fix.summary)" }
                lines.append(line)
            }
        }
        return Markdown.joined(lines, separator: "\n").description + "\n"
    }

    /// The anchor of a section: unique, made of the id (escaped wherever it is written).
    static func anchorID(_ section: ReportSection) -> String { "blueprint-" + section.blueprint.id }
}
