import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// The interactive viewer page (issue 18): self-contained, deterministic, and its data matches the
/// diagram it ships with. The browser behaviour is checked in headless Chromium by
/// `scripts/viewer-browser-test.sh`.
@Suite struct ViewerTests {
    static func page(_ names: [String]) async throws -> (html: String, blueprints: [Blueprint]) {
        var entries: [BlueprintViewer.Entry] = []
        var blueprints: [Blueprint] = []
        for name in names {
            let blueprint = try AnalysisRunRenderTests.read(name)
            blueprints.append(blueprint)
            entries.append(try await BlueprintViewer.Entry(analysis: Analyzer().run(blueprint), source: "blueprints/\(name)"))
        }
        return (BlueprintViewer.page(title: "Report", entries: entries), blueprints)
    }

    /// The text of the first `<script …id="vw-data">` block, parsed.
    static func data(in html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"vw-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(json as? [String: Any])
    }

    @Test("every step of every blueprint is in the data with the id its SVG group carries")
    func stepsMatchTheDiagram() async throws {
        let (html, blueprints) = try await Self.page(["after-sales-repair.yaml", "clinic-visit.yaml"])
        let data = try Self.data(in: html)
        let shown = try #require(data["blueprints"] as? [[String: Any]])
        #expect(shown.count == 2)
        for (blueprint, view) in zip(blueprints, shown) {
            let steps = try #require(view["steps"] as? [[String: Any]])
            #expect(steps.compactMap { $0["id"] as? String } == blueprint.steps.map(\.id))
            for step in steps {
                let token = try #require(step["token"] as? String)
                #expect(html.contains("id=\"step&#45;\(token.replacingOccurrences(of: "-", with: "&#45;"))\""), "no SVG group for \(token)")
            }
            #expect(!(try #require(view["critical"] as? [String])).isEmpty)
            let metrics = try #require(view["metrics"] as? [[String: String]])
            #expect(metrics.contains { $0["name"] == "lead time" })
            #expect(metrics.contains { $0["name"] == "critical path" && $0["value"]?.contains(" → ") == true })
        }
        // A picker switches between blueprints; each has its figure and its model.
        #expect(html.contains("id=\"vw-blueprint\""))
        #expect(html.components(separatedBy: "class=\"vw-model\"").count - 1 == 2)
        // Each has its diagram and its journey map (kept as script text until opened).
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.components(separatedBy: "class=\"vw-journey-map-svg\"").count - 1 == 2)
    }

    @Test("a drawing too wide for its text to be read at fit-to-width starts without card text; others keep it")
    func wideDrawingStartsFar() {
        func svg(width: Double) -> Data {
            Data("<?xml version=\"1.0\"?>\n<svg width=\"\(width)pt\" height=\"900pt\"\n viewBox=\"0.00 0.00 \(width) 900.00\" xmlns=\"http://www.w3.org/2000/svg\"></svg>".utf8)
        }
        #expect(BlueprintViewer.drawingWidth(svg(width: 6_718)) == 6_718)
        #expect(BlueprintViewer.viewportClass(svg(width: 6_718)).markup == "vw-viewport")
        #expect(BlueprintViewer.viewportClass(svg(width: 119_748)).markup == "vw-viewport vw-far")
        // No viewBox (not Graphviz's SVG): nothing is hidden.
        #expect(BlueprintViewer.viewportClass(Data("<svg></svg>".utf8)).markup == "vw-viewport")
    }

    @Test("the overview keeps every card's outline and every flow's path with their ids, and every element outside them; no text, tooltip or arrowhead in cards and flows")
    func overviewOfADrawing() throws {
        let blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg)
        let full = try SVGTree.parse(svg)
        let markup = BlueprintViewer.inlineSVG(svg).markup
        let overview = try #require(ViewerOverview.overview(of: Substring(markup)))
        let tree = try SVGTree.parse(Data(overview.utf8))
        #expect(!overview.contains("<title") && !overview.contains("<a ") && !overview.contains("<!--"))
        func ids(_ tree: SVGTree, _ className: String) -> [String] {
            tree.elements(withClass: className).compactMap { tree.elements[$0].attributes["id"] }
        }
        #expect(!ids(full, "step").isEmpty)
        #expect(ids(tree, "step") == ids(full, "step"))
        #expect(ids(tree, "edge") == ids(full, "edge"))
        #expect(tree.elements(withClass: "step").map { tree.elements[$0].attributes["class"] } == full.elements(withClass: "step").map { full.elements[$0].attributes["class"] })
        // A card is its outline, as the full drawing's first shape; a flow is its path.
        for (card, original) in zip(tree.elements(withClass: "step"), full.elements(withClass: "step")) {
            let shapes = tree.elements[card].children
            #expect(shapes.count == 1 && ["path", "polygon", "ellipse"].contains(tree.elements[shapes[0]].name))
            let first = full.descendants(of: original).first { ["path", "polygon", "ellipse"].contains(full.elements[$0].name) }
            #expect(shapes.first.map { tree.elements[$0].attributes } == first.map { full.elements[$0].attributes })
        }
        for flow in tree.elements(withClass: "edge") {
            #expect(tree.elements[flow].children.map { tree.elements[$0].name } == ["path"])
        }
        // Stage headers, lane names and the lines are outside cards and flows: all kept.
        func outside(_ tree: SVGTree) -> [String] {
            tree.elements.indices.filter { index in
                tree.elements[index].name == "text" && !Self.isInside(tree, index, classes: ["node", "edge"])
            }.map { tree.elements[$0].text }
        }
        #expect(!outside(full).isEmpty)
        #expect(outside(tree) == outside(full))
        #expect(tree.elements.count < full.elements.count / 3)
    }

    static func isInside(_ tree: SVGTree, _ index: Int, classes: Set<String>) -> Bool {
        var parent = tree.elements[index].parent
        while let current = parent {
            let names = (tree.elements[current].attributes["class"] ?? "").split(separator: " ").map(String.init)
            if names.contains(where: classes.contains) { return true }
            parent = tree.elements[current].parent
        }
        return false
    }

    @Test("text not shaped as Graphviz writes it gets no overview: the page shows the full drawing")
    func overviewRefusesOtherText() {
        #expect(ViewerOverview.overview(of: "<svg>\n<g class=\"graph\">\n<text>a</text>\n</svg>\n") == nil)  // unclosed group
        #expect(ViewerOverview.overview(of: "<svg>\n<g class=\"graph\">\n</g>\n</g>\n</svg>\n") == nil)  // one close too many
        #expect(ViewerOverview.overview(of: "<svg>\n<g class=\"graph\">\nloose text\n</g>\n</svg>\n") == nil)
        #expect(ViewerOverview.overview(of: "<svg>\n<g class=\"graph\">\n</g>\n") == nil)  // no end
        #expect(ViewerOverview.overview(of: "<svg>\n<g class=\"graph\">\n<text>a</text>\n</g>\n</svg>\n") == "<svg>\n<g class=\"graph\"><text>a</text></g></svg>\n")
    }

    @Test("a page opens a very wide drawing as its overview and keeps the full drawing as script text; a narrow one is shown whole")
    func wideDrawingOpensAsOverview() throws {
        let blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg)
        let narrow = BlueprintViewer.figureDrawing(svg)
        #expect(narrow.detail == nil)
        #expect(narrow.shown.markup == BlueprintViewer.inlineSVG(svg).markup)
        // The same drawing declared 20 times wider.
        var text = String(decoding: svg, as: UTF8.self)
        let width = try #require(BlueprintViewer.drawingWidth(svg))
        text = text.replacingOccurrences(of: "viewBox=\"0.00 0.00 \(String(format: "%.2f", width))", with: "viewBox=\"0.00 0.00 \(String(format: "%.2f", width * 20))")
        let wide = BlueprintViewer.figureDrawing(Data(text.utf8))
        let detail = try #require(wide.detail?.markup)
        #expect(!wide.shown.markup.contains("<title>"))
        #expect(wide.shown.markup.components(separatedBy: "<text").count * 3 < detail.components(separatedBy: "<text").count)
        #expect(detail.contains("<title>") && !detail.contains("<!--") && detail.hasPrefix("<svg"))
        _ = try SVGTree.parse(Data(detail.utf8))
        _ = try SVGTree.parse(Data(wide.shown.markup.utf8))
    }

    @Test("comments go in one pass, with the line break after each; an unclosed one stays")
    func commentsRemoved() {
        #expect(BlueprintViewer.withoutComments("a<!-- x -->\nb<!--y-->c") == "ab" + "c")
        #expect(BlueprintViewer.withoutComments("a<!-- open") == "a<!-- open")
        #expect(BlueprintViewer.withoutComments("<!---->") == "")
        #expect(BlueprintViewer.withoutComments("é<!--ü-->中") == "é中")
    }

    @Test("a blueprint whose diagram could not be drawn keeps its findings and metrics, with a note instead")
    func undrawnBlueprintStays() async throws {
        let drawn = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let undrawn = try AnalysisRunRenderTests.read("clinic-visit.yaml")
        let analysis = Analyzer().run(undrawn)
        #expect(!analysis.findings.isEmpty)
        let html = BlueprintViewer.page(title: "Report", entries: [
            try await BlueprintViewer.Entry(analysis: Analyzer().run(drawn), source: "a.yaml"),
            BlueprintViewer.Entry(analysis: analysis, source: "b.yaml", note: "the blueprint has 99 steps, more than 10"),
        ])
        #expect(html.contains("<p class=\"vw-note\" role=\"note\">No diagram: the blueprint has 99 steps, more than 10</p>"))
        #expect(html.components(separatedBy: "class=\"vw-viewport").count == 2)  // only the first blueprint's diagram
        #expect(html.components(separatedBy: "class=\"vw-journey-map-svg\"").count == 2)  // and its journey map
        #expect(html.components(separatedBy: "<table class=\"vw-metrics\">").count == 3)
        let blueprints = try #require(try Self.data(in: html)["blueprints"] as? [[String: Any]])
        #expect(blueprints.count == 2)
        #expect((blueprints[1]["findings"] as? [Any])?.count == analysis.findings.count)
        #expect(html.contains("<option value=\"1\">\(undrawn.title)</option>"))
    }

    @Test("a preview page lists the errors of the last save above the last good diagram and listens for reloads")
    func previewProblems() async throws {
        let blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let entry = try await BlueprintViewer.Entry(analysis: Analyzer().run(blueprint), source: "a.yaml")
        let html = BlueprintViewer.page(title: "Preview", entries: [entry], problems: ["a.yaml:3:1: error: <b>bad</b>"], reloadEvents: "/events")
        #expect(html.contains("<pre>a.yaml:3:1: error: &lt;b&gt;bad&lt;/b&gt;</pre>"))
        #expect(html.contains("<script type=\"application/json\" id=\"vw-reload\">\"/events\"</script>"))
        #expect(html.contains("<svg"))
        let plain = BlueprintViewer.page(title: "Preview", entries: [entry])
        #expect(!plain.contains("class=\"vw-problems\""))
        #expect(!plain.contains("EventSource"))
    }

    @Test("the page loads nothing from the network")
    func selfContained() async throws {
        let (html, _) = try await Self.page(["after-sales-repair.yaml"])
        // Links a step carries (its SOP) are the file's own; nothing is loaded to show the page.
        for pattern in ["src=\"http", "src=\"//", "@import", "<link", "url(http", "<iframe", "fetch(", "XMLHttpRequest"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
        #expect(!html.contains("<?xml"), "inline SVG without its XML prolog")
    }

    @Test("the same blueprints give a byte-identical page")
    func deterministic() async throws {
        let first = try await Self.page(["after-sales-repair.yaml", "retail-store-service.yaml"]).html
        let second = try await Self.page(["after-sales-repair.yaml", "retail-store-service.yaml"]).html
        #expect(first == second)
    }

    @Test("text from the file cannot close a script block or open a comment")
    func scriptBlocksHoldHostileText() throws {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}"
        let json = BlueprintViewer.scriptJSON("{\"title\":\"\(hostile)\"}").description
        #expect(!json.contains("<"))
        #expect(!json.contains(">"))
        #expect(!json.contains("&"))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["title"] == hostile)
    }

    @Test("script JSON escapes by bytes exactly what it escaped by scalars")
    func scriptJSONBytes() {
        #expect(BlueprintViewer.scriptJSON("a<b>c&d\u{2028}e\u{2029}f\u{2027}g€中").description
            == "a\\u003Cb\\u003Ec\\u0026d\\u2028e\\u2029f\u{2027}g€中")
        #expect(BlueprintViewer.scriptJSON("").description.isEmpty)
        #expect(BlueprintViewer.scriptJSON("\u{E2}").description == "\u{E2}")
    }

    @Test("a drawing that could open a script or a comment is not embedded as script text")
    func scriptOrCommentInDrawings() {
        for text in ["<svg><script>x</script></svg>", "<svg></SCRIPT>", "<svg><ScRiPt", "<svg><!-- c -->", "a<script", "</scripted"] {
            #expect(BlueprintViewer.opensScriptOrComment(text), "\(text)")
        }
        for text in ["<svg><text>&lt;script&gt;</text></svg>", "<svg><scrip>", "< script", "<", "<!-", "script", ""] {
            #expect(!BlueprintViewer.opensScriptOrComment(text), "\(text)")
        }
    }

    @Test("a hostile title and summary stay text in the page")
    func hostileBlueprint() async throws {
        var blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        blueprint.title = "</script><script>alert(1)</script>"
        blueprint.summary = "<img src=x onerror=alert(2)> &amp;"
        let entry = try await BlueprintViewer.Entry(analysis: Analyzer().run(blueprint), source: "<b>x</b>.yaml")
        let html = BlueprintViewer.page(title: "<i>report</i>", entries: [entry])
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>x"))
        #expect(!html.contains("<i>report"))
        // Four script elements: the model, the data, the journey map (as text) and the viewer's own code.
        #expect(html.components(separatedBy: "<script").count - 1 == 4)
        #expect(html.contains("<script type=\"image/svg+xml\" class=\"vw-journey-map-svg\">"))
        // The title is in the journey map as escaped text.
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"))
    }
}
