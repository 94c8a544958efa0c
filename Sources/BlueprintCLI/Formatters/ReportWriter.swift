import Foundation
import ServiceBlueprint

/// Writes `blueprint report` pages: per blueprint the metrics, the findings and the diagram.
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

    static func html(_ sections: [ReportSection]) -> String {
        var body: [HTML] = ["<h1>Service blueprint report</h1>", "<table><thead><tr><th>blueprint</th><th>steps</th><th>lead time</th><th>efficiency</th><th>touchpoints</th><th>hand-offs</th><th>errors</th><th>warnings</th></tr></thead><tbody>"]
        for section in sections {
            let metrics = section.metrics
            body.append("<tr><td><a href=\"#\(anchorID(section))\">\(section.blueprint.title)</a></td><td>\(metrics.steps)</td><td>\(metrics.leadTimeText)</td><td>\(metrics.efficiencyText)</td><td>\(metrics.touchpoints)</td><td>\(metrics.handoffs)</td><td>\(metrics.count(.error))</td><td>\(metrics.count(.warning))</td></tr>")
        }
        body.append("</tbody></table>")
        body.append("<p>\(MetricsSummary.leadTimeNote)</p>")
        for section in sections {
            let blueprint = section.blueprint
            body.append("<section id=\"\(anchorID(section))\"><h2>\(blueprint.title)</h2>")
            if let summary = blueprint.summary { body.append("<p>\(summary)</p>") }
            body.append("<p class=\"source\">Source: <code>\(section.path)</code></p>")
            if let svg = section.svg { body.append("<figure class=\"diagram\">\(inlineSVG(svg))</figure>") }
            body.append("<h3>Metrics</h3><table><tbody>")
            for row in section.metrics.rows { body.append("<tr><th>\(row.name)</th><td>\(row.value)</td></tr>") }
            body.append("</tbody></table><h3>Findings (\(section.report.findings.count))</h3>")
            if section.report.findings.isEmpty { body.append("<p>No findings.</p>") }
            body.append("<ul class=\"findings\">")
            for finding in section.report.findings {
                var item: HTML = "<li class=\"\(finding.severity.rawValue)\"><strong>\(finding.severity.rawValue)</strong> <code>\(finding.ruleID)</code> \(finding.message)"
                if let fix = finding.fix { item += "<br><em>Fix:</em> \(fix.summary)" }
                body.append(item + "</li>")
            }
            body.append("</ul></section>")
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Service blueprint report</title>
            <style>
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}
            table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}
            td{text-align:right}td:first-child{text-align:left}
            figure.diagram{overflow-x:auto;border:1px solid #eee;margin:1rem 0;padding:.5rem}
            figure.diagram svg{max-width:none;height:auto}
            li.error strong{color:#b00020}li.warning strong{color:#a15c00}li.note strong{color:#205493}
            code{background:#f4f4f4;padding:0 .2rem}
            </style></head><body>
            \(HTML.joined(body, separator: "\n"))
            </body></html>

            """
        return page.description
    }

    /// The SVG without its XML prolog and DOCTYPE, so it can sit inside HTML. Graphviz wrote it from
    /// DOT whose every user string was escaped (``DOTText``), so it is trusted markup.
    static func inlineSVG(_ svg: String) -> HTML {
        guard let start = svg.range(of: "<svg") else { return "" }
        return HTML(trustedMarkup: String(svg[start.lowerBound...]))
    }
}
