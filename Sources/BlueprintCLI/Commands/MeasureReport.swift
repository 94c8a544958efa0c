import BlueprintGraphviz
import BlueprintProcessData
import Foundation
import ServiceBlueprint

/// The measured figures drawn on the blueprint and written as an HTML or Markdown report.
enum MeasureReport {
    /// Heat is the measured mean service time ÷ the estimate, halved: an as-designed step is
    /// half hot, one taking twice its estimate or more is saturated. Each card shows the measured
    /// median service time (or median wait); the measured findings are its badges.
    static func overlay(_ m: LogMeasurement, language: Language = .english) -> RenderOverlay {
        var overlay = RenderOverlay(heatTitle: language.cli("measure.overlay.heat"))
        for step in m.steps {
            // Cards show one short row: the measured median service time, else the median wait.
            var label = language.cli("measure.overlay.cases", ["cases": .integer(step.cases)])
            var value = 0.0
            if let service = step.serviceTime {
                label = language.cli("measure.overlay.service", ["time": MeasureText.time(service.median)])
                if let estimate = step.estimatedServiceTime, estimate > 0 { value = min(1, service.mean / estimate / 2) }
            } else if let wait = step.waitingTime {
                label = language.cli("measure.overlay.wait", ["time": MeasureText.time(wait.median)])
            }
            overlay.heat[step.step] = .init(value: value, label: label)
        }
        for finding in m.findings {
            for id in finding.stepIDs {
                overlay.findings[id, default: []].append(.init(severity: finding.severity, message: finding.message(in: language)))
            }
        }
        return overlay
    }

    /// Draws the overlay as SVG, PNG or PDF (by the file's extension) to `path`, atomically.
    static func drawOverlay(_ m: LogMeasurement, on blueprint: Blueprint, to path: String, language: Language = .english) throws {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? "svg"
        let format = OutputFormat(rawValue: ext) ?? .svg
        try AtomicFile.write(GraphvizRenderer.shared.render(blueprint, format: format, overlay: overlay(m, language: language)), to: path)
    }

    /// An HTML page (the text and the drawing inline) or Markdown (the text, and the drawing as
    /// `NAME.measured.svg` beside the report), by the file's extension.
    static func write(_ m: LogMeasurement, text: String, blueprint: Blueprint, to path: String, language: Language = .english) throws {
        let svg = String(
            decoding: try GraphvizRenderer.shared.render(blueprint, format: .svg, overlay: overlay(m, language: language)), as: UTF8.self)
        let title = language.cli("measure.report.title", ["title": .verbatim(blueprint.title)])
        if path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown") {
            let name = (path.split(separator: "/").last.map(String.init) ?? path).split(separator: ".").dropLast().joined(separator: ".")
            let image = PathText.parent(of: path) + "/" + name + ".measured.svg"
            try AtomicFile.write(svg, to: image)
            let markdown = "# \(title)\n\n![\(language.cli("measure.report.figure"))](\(name).measured.svg)\n\n```text\n\(text)\n```\n"
            try AtomicFile.write(markdown, to: path)
        } else {
            let drawing = svg.range(of: "<svg").map { String(svg[$0.lowerBound...]) } ?? ""
            let html = """
                <!DOCTYPE html>
                <html lang="\(language.identifier)"><head><meta charset="utf-8"><title>\(MarkupEscaping.xml(title))</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em;overflow-x:auto}svg{max-width:100%;height:auto}</style>
                </head><body>
                <h1>\(MarkupEscaping.xml(title))</h1>
                <figure>\(drawing)</figure>
                <pre>\(MarkupEscaping.xml(text))</pre>
                </body></html>

                """
            try AtomicFile.write(html, to: path)
        }
    }
}
