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
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
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
        // Three script elements: the model, the data and the viewer's own code.
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
    }
}
