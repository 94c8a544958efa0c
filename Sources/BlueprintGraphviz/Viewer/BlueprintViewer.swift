import Foundation
import ServiceBlueprint

/// A self-contained interactive HTML page for exploring and sharing blueprints.
///
/// One file with the diagrams, the model, the findings and a small inlined script: no network
/// access, no CDN. It opens fitted to the window's width and offers zoom and pan (wheel, drag,
/// keyboard, buttons), a minimap for wide blueprints, a findings panel grouped by rule family and
/// severity (clicking a finding highlights its steps; journey-wide findings point at the journey),
/// a step panel with everything the file says about the step, filters by journey, lane, rule and
/// severity, overlays that can be switched on and off (findings, utilization heat, critical path),
/// and the metrics with units.
///
/// ```swift
/// let analysis = Analyzer().run(blueprint)
/// let entry = try await BlueprintViewer.Entry(analysis: analysis, source: "repair.yaml")
/// let html = BlueprintViewer.page(title: "After-sales repair", entries: [entry])
/// ```
///
/// The page is deterministic: the same entries give byte-identical HTML.
public enum BlueprintViewer {
    /// One blueprint on the page: its analysis and its diagram.
    public struct Entry: Sendable {
        /// The analysis run whose findings, overlays and metrics the page shows.
        public var analysis: BlueprintAnalysis
        /// The diagram as SVG, drawn without the findings overlay (the viewer draws its own layers).
        /// Empty when the diagram could not be drawn (see ``note``).
        public var svg: Data
        /// Why there is no diagram, shown in its place; `nil` when ``svg`` holds the diagram.
        public var note: String?
        /// Where the blueprint came from, shown under its title (a path, or any label).
        public var source: String
        /// The journey map as SVG (``GraphvizRenderer/renderJourneyMap(_:analysis:format:options:)``),
        /// shown under the diagram when the reader opens it; `nil` for none.
        public var journeyMap: Data?
        /// The language of the page's labels, findings and metrics (the first entry's decides).
        public var language: Language = .english

        /// Uses an SVG you rendered yourself (draw it without the overlay).
        public init(analysis: BlueprintAnalysis, svg: Data, source: String) {
            self.analysis = analysis
            self.svg = svg
            self.source = source
        }

        /// An entry whose diagram could not be drawn: the page keeps its findings and metrics and
        /// shows `note` where the diagram would be.
        public init(analysis: BlueprintAnalysis, source: String, note: String) {
            self.init(analysis: analysis, svg: Data(), source: source)
            self.note = note
        }

        /// Renders the diagram with `options` (its overlay switched off) and keeps the analysis.
        /// - Throws: ``RenderError`` when the blueprint cannot be drawn.
        public init(analysis: BlueprintAnalysis, source: String, options: RenderOptions = .init()) async throws(RenderError) {
            var plain = options
            plain.showOverlay = false
            let svg = try await GraphvizRenderer.shared.render(analysis, format: .svg, options: plain)
            self.init(analysis: analysis, svg: svg, source: source)
            language = options.language
            // The journey map is a bonus: a blueprint whose map cannot be drawn still gets its page.
            journeyMap = try? await GraphvizRenderer.shared.renderJourneyMap(analysis.blueprint, analysis: analysis, format: .svg, options: plain)
        }
    }

    /// The page for `entries`, in this order; a picker switches between them when there are several.
    ///
    /// - Parameters:
    ///   - title: The page's title.
    ///   - entries: The blueprints shown, in this order.
    ///   - problems: Messages shown above the diagrams in an alert (a live preview lists the errors
    ///     of the last save there while it keeps showing the last good diagram).
    ///   - reloadEvents: The URL of a server-sent event stream; when set, the page reloads itself on
    ///     each `change` event (`blueprint preview` serves one).
    ///   - language: The language of the page's controls and texts; by default the first entry's. A
    ///     page of blueprints in several languages (a report on a folder) passes its own.
    public static func page(
        title: String, entries: [Entry], problems: [String] = [], reloadEvents: String? = nil, language: Language? = nil
    ) -> String {
        let language = language ?? entries.first?.language ?? .english
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { LocalizedText("viewer.\(key)", arguments).rendered(in: language) }
        // Each blueprint's part of the page is made on every core: a report on a folder shows hundreds.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let data = ViewerData(
            blueprints: ParallelMap.map(entries.count, workers: cores) { index in
                ViewerData.Blueprint(analysis: entries[index].analysis, source: entries[index].source, language: language)
            },
            labels: ViewerData.labels(in: language))
        let parts = ParallelMap.map(entries.count, workers: cores) { index in
            (section: section(entries[index], index: index, metrics: data.blueprints[index].metrics, language: language),
             model: "<script type=\"application/json\" class=\"vw-model\">\(scriptJSON(entries[index].analysis.blueprint.text(in: .json)))</script>" as HTML)
        }
        var body: [HTML] = []
        body.append("<header class=\"vw-bar\"><h1>\(title)</h1>")
        if entries.count > 1 {
            var picker: HTML = "<label>\(t("blueprint")) <select id=\"vw-blueprint\">"
            for (index, entry) in entries.enumerated() {
                picker += "<option value=\"\(String(index))\">\(entry.analysis.blueprint.title)</option>"
            }
            body.append(picker + "</select></label>")
        }
        body.append(controls(t))
        body.append("</header><main class=\"vw-main\"><div class=\"vw-diagrams\">")
        if !problems.isEmpty {
            body.append("<div class=\"vw-problems\" role=\"alert\"><h2>\(t("problems"))</h2><pre>\(problems.joined(separator: "\n"))</pre></div>")
        }
        body.append(contentsOf: parts.map(\.section))
        body.append("""
            </div><aside class="vw-side" aria-label="\(t("details"))">\
            <div class="vw-tabs" role="tablist"><button type="button" role="tab" id="vw-tab-findings" data-panel="vw-findings" aria-selected="true">\(t("tab.findings"))</button>\
            <button type="button" role="tab" id="vw-tab-step" data-panel="vw-step" aria-selected="false">\(t("tab.step"))</button></div>\
            <div class="vw-panel" id="vw-findings" role="tabpanel"></div>\
            <div class="vw-panel" id="vw-step" role="tabpanel" hidden></div></aside></main>
            """)
        body.append(contentsOf: parts.map(\.model))
        body.append("<script type=\"application/json\" id=\"vw-data\">\(scriptJSON(encode(data)))</script>")
        body.append("<script>\(HTML(trustedMarkup: ViewerScript.source))</script>")
        if let reloadEvents {
            body.append("<script type=\"application/json\" id=\"vw-reload\">\(scriptJSON(encode(reloadEvents)))</script>")
            body.append("<script>\(HTML(trustedMarkup: reloadScript))</script>")
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="\(language.identifier)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title><style>\(HTML(trustedMarkup: ViewerStyle.source))</style></head>
            <body>\(HTML.joined(body, separator: "\n"))</body></html>

            """
        return page.description
    }

    /// One blueprint's section of the page: title, drawing, journey map, metrics and experience tables.
    private static func section(_ entry: Entry, index: Int, metrics: [ViewerData.Metric], language: Language) -> HTML {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { LocalizedText("viewer.\(key)", arguments).rendered(in: language) }
        var body: [HTML] = []
        let blueprint = entry.analysis.blueprint
        body.append("<section aria-label=\"\(blueprint.title)\"><h2>\(blueprint.title)</h2>")
        if let summary = blueprint.summary { body.append("<p class=\"vw-summary\">\(summary)</p>") }
        body.append("<p class=\"vw-source\">\(t("source")) <code>\(entry.source)</code></p>")
        if let note = entry.note {
            body.append("<figure class=\"vw-figure vw-no-diagram\" id=\"vw-diagram-\(String(index))\"><p class=\"vw-note\" role=\"note\">\(t("noDiagram", ["note": .verbatim(note)]))</p></figure>")
        } else {
            let drawing = figureDrawing(entry.svg)
            // The full drawing of a wide blueprint waits as text until the reader zooms in.
            var detailScript: HTML = ""
            if let detail = drawing.detail { detailScript = "<script type=\"image/svg+xml\" class=\"vw-detail\">\(detail)</script>" }
            body.append("""
            <figure class="vw-figure" id="vw-diagram-\(String(index))">\
            <div class="vw-zoom" role="group" aria-label="\(t("zoom"))"><button type="button" class="vw-zoom-out" aria-label="\(t("zoomOut"))">−</button>\
            <span class="vw-zoom-level" aria-live="polite"></span>\
            <button type="button" class="vw-zoom-in" aria-label="\(t("zoomIn"))">+</button>\
            <button type="button" class="vw-zoom-fit">\(t("fit"))</button></div>\
            <div class="\(viewportClass(entry.svg))" tabindex="0" aria-label="\(t("diagram"))">\(drawing.shown)</div>\
            <div class="vw-minimap" aria-hidden="true" hidden><div class="vw-minimap-frame"></div></div>\
            \(detailScript)</figure>
            """)
        }
        if let map = entry.journeyMap, let markup = svgScript(inlineSVG(map)) {
            // Kept as text until opened: a large map costs the page nothing until the reader asks for it.
            body.append("<details class=\"vw-journey-map\"><summary>\(t("journeyMap"))</summary><div class=\"vw-journey-map-body\"></div><script type=\"image/svg+xml\" class=\"vw-journey-map-svg\">\(markup)</script></details>")
        }
        var table: HTML = "<h3>\(t("metrics"))</h3><table class=\"vw-metrics\"><tbody>"
        for metric in metrics {
            table += "<tr><th scope=\"row\">\(metric.name)</th><td>\(metric.value)</td></tr>"
        }
        body.append(table + "</tbody></table>" + experienceTables(entry.analysis, language: language) + "</section>")
        return HTML.joined(body, separator: "\n")
    }

    /// Reloads the page when the server says a watched file changed (`blueprint preview`). The page
    /// keeps its scroll position across the reload (in the session's storage).
    static let reloadScript = #"""
        (function () {
          const url = JSON.parse(document.getElementById("vw-reload").textContent);
          const key = "vw-preview-scroll";
          const saved = sessionStorage.getItem(key);
          if (saved) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved) || 0); }
          const events = new EventSource(url);
          events.addEventListener("change", () => { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); });
        })();
        """#

    /// The toolbar: filters and overlay switches (filled in by the script for the blueprint shown),
    /// its labels from the catalog (`t` gives `viewer.<key>`).
    private static func controls(_ text: (String, [String: TextArgument]) -> String) -> HTML {
        func t(_ key: String) -> String { text(key, [:]) }
        return """
            <div class="vw-controls">\
            <label>\(t("journey")) <select id="vw-filter-journey"></select></label>\
            <label>\(t("rule")) <select id="vw-filter-rule"></select></label>\
            <fieldset id="vw-filter-severity"><legend>\(t("severity"))</legend>\
            <label><input type="checkbox" value="error" checked> \(t("errors"))</label>\
            <label><input type="checkbox" value="warning" checked> \(t("warnings"))</label>\
            <label><input type="checkbox" value="note" checked> \(t("notes"))</label></fieldset>\
            <fieldset id="vw-filter-lanes"><legend>\(t("lanes"))</legend></fieldset>\
            <fieldset id="vw-overlays"><legend>\(t("overlays"))</legend>\
            <label><input type="checkbox" value="findings" checked> \(t("overlay.findings"))</label>\
            <label><input type="checkbox" value="heat" checked> \(t("overlay.heat"))</label>\
            <label><input type="checkbox" value="critical" checked> \(t("overlay.critical"))</label></fieldset>\
            </div>
            """
    }

    /// The SVG element of a Graphviz document, without its XML declaration and doctype.
    static func inlineSVG(_ svg: Data) -> HTML {
        let text = String(decoding: svg, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return "" }
        // Graphviz escapes every text it writes; the document is well-formed XML.
        return HTML(trustedMarkup: String(text[start.lowerBound...]))
    }

    /// The diagram's viewport starts without card text when the drawing is so wide that fitting it to
    /// a window (about 1 100 px) makes that text smaller than a pixel: the browser then lays out the
    /// first screen without thousands of unreadable text runs, and the script switches the text on
    /// as soon as the reader zooms in (`vw-far`, the same threshold as `ViewerScript`).
    static func viewportClass(_ svg: Data) -> HTML {
        drawingWidth(svg).map { $0 > farWidth } == true ? "vw-viewport vw-far" : "vw-viewport"
    }

    /// Drawing units across a window of 1 100 px at which an 11-unit title is one pixel high.
    static let farWidth = 1_100.0 * 11

    /// The width of the drawing in its own units, from the `viewBox` Graphviz writes.
    static func drawingWidth(_ svg: Data) -> Double? {
        let head = String(decoding: svg.prefix(2_048), as: UTF8.self)
        guard let start = head.range(of: "viewBox=\"") else { return nil }
        let numbers = head[start.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
        return numbers.count == 4 ? Double(numbers[2]) : nil
    }

    /// What a figure shows on open, and the full drawing kept as text until the reader zooms in: a
    /// drawing too wide to read at fit-to-width opens as its overview (`ViewerOverview`).
    static func figureDrawing(_ svg: Data) -> (shown: HTML, detail: HTML?) {
        let full = inlineSVG(svg)
        guard viewportClass(svg).markup.hasSuffix("vw-far"),
              let overview = ViewerOverview.overview(of: Substring(full.markup)),
              let detail = svgScript(full)
        else { return (full, nil) }
        return (HTML(trustedMarkup: overview), detail)
    }

    /// An SVG element as the text of a `<script>` element, without its XML comments; `nil` if the
    /// text could still end the element early or change how it is read (`<script`, `</script`;
    /// Graphviz escapes `<` in every text, so its output never has them).
    static func svgScript(_ svg: HTML) -> HTML? {
        let text = withoutComments(svg.markup)
        guard !text.isEmpty, !opensScriptOrComment(text) else { return nil }
        return HTML(trustedMarkup: text)
    }

    /// Whether `text` has `<script` or `</script` (in any case) or `<!--`: one pass over the bytes
    /// (Foundation's case-insensitive search was most of writing a report of many drawings).
    static func opensScriptOrComment(_ text: String) -> Bool {
        let script = Array("script".utf8)
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = bytes.firstIndex(of: UInt8(ascii: "<")) ?? bytes.endIndex
            while index < bytes.endIndex {
                var next = index + 1
                if next + 2 < bytes.endIndex, bytes[next] == UInt8(ascii: "!"), bytes[next + 1] == UInt8(ascii: "-"),
                    bytes[next + 2] == UInt8(ascii: "-")
                {
                    return true
                }
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "/") { next += 1 }
                if next + script.count <= bytes.endIndex,
                    zip(bytes[next..<next + script.count], script).allSatisfy({ $0 | 0x20 == $1 })
                {
                    return true
                }
                index = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.endIndex
            }
            return false
        } ?? (text.range(of: "<script", options: .caseInsensitive) != nil
            || text.range(of: "</script", options: .caseInsensitive) != nil || text.contains("<!--"))
    }

    /// The text without its XML comments (and the line break after each), in one pass: a large
    /// drawing has one comment per card and flow.
    static func withoutComments(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "!"),
               bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                var end = index + 4
                while end + 2 < bytes.count, !(bytes[end] == UInt8(ascii: "-") && bytes[end + 1] == UInt8(ascii: "-") && bytes[end + 2] == UInt8(ascii: ">")) { end += 1 }
                // An unclosed comment stays: the caller refuses the text.
                guard end + 2 < bytes.count else { kept.append(contentsOf: bytes[index...]); break }
                index = end + 3
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                continue
            }
            kept.append(bytes[index])
            index += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// JSON inside a `<script type="application/json">` element (`MarkupEscaping.scriptJSON`).
    static func scriptJSON(_ json: String) -> HTML { HTML(trustedMarkup: MarkupEscaping.scriptJSON(json)) }

    static func encode(_ data: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number or array of them: encoding cannot fail.
        guard let json = try? encoder.encode(data) else { return "{\"blueprints\":[]}" }
        return String(decoding: json, as: UTF8.self)
    }
}
