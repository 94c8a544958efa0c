import Foundation
import ServiceBlueprint

/// Writes `blueprint report` pages: per blueprint the metrics, the findings and the diagram.
enum ReportWriter {
    static func markdown(_ sections: [ReportSection], assetFolder: String) -> String {
        var lines = ["# Service blueprint report", ""]
        lines.append("| blueprint | steps | lead time | efficiency | touchpoints | hand-offs | errors | warnings |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for section in sections {
            let metrics = section.metrics
            lines.append("| [\(markdownEscape(section.blueprint.title))](#\(section.blueprint.id)) | \(metrics.steps) | \(metrics.leadTimeText) | \(metrics.efficiencyText) | \(metrics.touchpoints) | \(metrics.handoffs) | \(metrics.count(.error)) | \(metrics.count(.warning)) |")
        }
        lines += ["", MetricsSummary.leadTimeNote]
        for section in sections {
            let blueprint = section.blueprint
            lines += ["", "<a id=\"\(blueprint.id)\"></a>", "## \(markdownEscape(blueprint.title))", ""]
            if let summary = blueprint.summary { lines += [markdownEscape(summary), ""] }
            lines.append("Source: `\(section.path)`")
            if section.svg != nil {
                lines += ["", "![\(markdownEscape(blueprint.title))](\(assetFolder)/\(section.assetName))"]
            }
            lines += ["", "### Metrics", "", "| metric | value |", "|---|---:|"]
            for row in section.metrics.rows { lines.append("| \(markdownEscape(row.name)) | \(markdownEscape(row.value)) |") }
            lines += ["", "### Findings (\(section.report.findings.count))", ""]
            if section.report.findings.isEmpty { lines.append("No findings.") }
            for finding in section.report.findings {
                var line = "- **\(finding.severity)** `\(finding.ruleID)`: \(markdownEscape(finding.message))"
                if let fix = finding.fix { line += " — *Fix:* \(markdownEscape(fix.summary))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func html(_ sections: [ReportSection]) -> String {
        var body = ["<h1>Service blueprint report</h1>", "<table><thead><tr><th>blueprint</th><th>steps</th><th>lead time</th><th>efficiency</th><th>touchpoints</th><th>hand-offs</th><th>errors</th><th>warnings</th></tr></thead><tbody>"]
        for section in sections {
            let metrics = section.metrics
            body.append("<tr><td><a href=\"#\(html(section.blueprint.id))\">\(html(section.blueprint.title))</a></td><td>\(metrics.steps)</td><td>\(html(metrics.leadTimeText))</td><td>\(html(metrics.efficiencyText))</td><td>\(metrics.touchpoints)</td><td>\(metrics.handoffs)</td><td>\(metrics.count(.error))</td><td>\(metrics.count(.warning))</td></tr>")
        }
        body.append("</tbody></table>")
        body.append("<p>\(html(MetricsSummary.leadTimeNote))</p>")
        for section in sections {
            let blueprint = section.blueprint
            body.append("<section id=\"\(html(blueprint.id))\"><h2>\(html(blueprint.title))</h2>")
            if let summary = blueprint.summary { body.append("<p>\(html(summary))</p>") }
            body.append("<p class=\"source\">Source: <code>\(html(section.path))</code></p>")
            if let svg = section.svg { body.append("<figure class=\"diagram\">\(inlineSVG(svg))</figure>") }
            body.append("<h3>Metrics</h3><table><tbody>")
            for row in section.metrics.rows { body.append("<tr><th>\(html(row.name))</th><td>\(html(row.value))</td></tr>") }
            body.append("</tbody></table><h3>Findings (\(section.report.findings.count))</h3>")
            if section.report.findings.isEmpty { body.append("<p>No findings.</p>") }
            body.append("<ul class=\"findings\">")
            for finding in section.report.findings {
                var item = "<li class=\"\(finding.severity)\"><strong>\(finding.severity)</strong> <code>\(html(finding.ruleID))</code> \(html(finding.message))"
                if let fix = finding.fix { item += "<br><em>Fix:</em> \(html(fix.summary))" }
                body.append(item + "</li>")
            }
            body.append("</ul></section>")
        }
        return """
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
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    /// The SVG without its XML prolog and DOCTYPE, so it can sit inside HTML.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }

    static func html(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func markdownEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }
}
