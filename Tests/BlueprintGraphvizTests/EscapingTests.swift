import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Hostile and unusual text must stay text: one node per step, no injected SVG elements, exact round trips.
@Suite("Escaping of user text")
struct EscapingTests {
    static let breakout = "\"]; evil [label=\"x"
    static let script = "</text><script>alert(1)</script>"
    static let backslashes = #"C:\new\N\G\\x\"#
    static let unicode = "售后服务 维修 🔧👩‍🔧 Ünïcødé"

    /// A blueprint whose every user string is hostile.
    static let hostile = Blueprint(
        id: "evil\"}{", title: "Title \(breakout) \(script)", summary: "multi\nline \\ summary \"q\"",
        stages: [
            Stage(id: "s1", title: "Stage \(breakout)", goal: backslashes),
            Stage(id: "s2", title: script),
        ],
        actors: [Actor(id: "a", title: "Actor <b>bold</b> & co")],
        steps: [
            Step(id: "one", title: breakout, lane: .customer, stage: "s1", actor: "a", channel: "chat\"]; x [y=\"z",
                 notes: "line1\nline2\r\nline3\ttab\u{0}nul"),
            Step(id: "two", title: script, lane: .frontstage, stage: "s1", channel: .phone,
                 url: "javascript:alert(1)"),
            Step(id: "three", title: backslashes, lane: .backstage, stage: "s2",
                 failPoint: FailPoint(risk: "{braces} | <pipes> \\l"), url: "https://example.com/a b?x=\"1\"&y=<2>"),
            Step(id: "four", title: unicode, lane: .support, stage: "s2", waitPoint: WaitPoint(notes: "🕐 ⏳")),
            Step(id: "id with \"quotes\" and \\ backslash", title: "Odd id\nwith newline", lane: .evidence, stage: "s2"),
            Step(id: "<id>&amp;", title: "Entity id", lane: .evidence, stage: "nowhere \(breakout)"),
        ],
        flows: [
            Flow(from: "one", to: "two", label: breakout),
            Flow(from: "two", to: "three", label: script),
            Flow(from: "three", to: "four", kind: .information, label: backslashes),
            Flow(from: "four", to: "one", kind: .rework, label: unicode),
            Flow(from: "three", to: "id with \"quotes\" and \\ backslash", kind: .handoff),
            Flow(from: "one", to: "missing-step"),
        ])

    @Test("Text escapers") func textEscapers() {
        #expect(DOTText.html("a<b>&\"c\\") == "a&lt;b&gt;&amp;&quot;c\\\\")
        #expect(DOTText.escString("a\"b\\c\nd") == "\"a\\\"b\\\\\\\\c\\nd\"")
        #expect(DOTText.literal("x\"y\\z\nw") == "\"xyzw\"")
        #expect(DOTText.clean("a\u{0}b\r\nc\td\u{7F}") == "ab\nc d")
        #expect(DOTText.xdotText("a\\b\nc") == "a\u{2216}b c")
        #expect(DOTText.token("diagnose-remote") == "diagnose-remote")
        #expect(DOTText.token("a b_c") == "a_20b_5Fc")
        #expect(DOTText.token("é") == "_C3_A9")
        #expect(DOTText.color("#12ABef") == "#12ABef")
        #expect(DOTText.color("red\"; x") == "#000000")
        #expect(DOTText.color("#12345") == "#000000")
    }

    @Test("Links: safe schemes only, unsafe characters encoded") func links() {
        #expect(DOTText.url("javascript:alert(1)") == nil)
        #expect(DOTText.url(" JavaScript:alert(1)") == nil)
        #expect(DOTText.url("java\tscript:alert(1)") == nil)
        #expect(DOTText.url("data:text/html,<b>") == nil)
        #expect(DOTText.url("https://x.example/a b?q=\"1\"&r=<2>") == "https://x.example/a%20b?q=%221%22&amp;r=%3C2%3E")
        #expect(DOTText.url("mailto:help@example.com") == "mailto:help@example.com")
        #expect(DOTText.url("../sop/fl-002.html#step-3") == "../sop/fl-002.html#step-3")
        #expect(DOTText.url("https://x.example/%zz/%41") == "https://x.example/%25zz/%41")
        #expect(DOTText.url("https://例え.jp/ü") == "https://%E4%BE%8B%E3%81%88.jp/%C3%BC")
    }

    @Test("Hostile DOT stays one node per step and one edge per flow") func hostileDOTStructure() throws {
        let dot = DOTWriter().dot(for: Self.hostile)
        let summary = try GraphvizRenderer.shared.summary(ofDOT: dot)
        #expect(summary.nodeCount == Self.hostile.steps.count)
        #expect(summary.edgeCount == Self.hostile.flows.count - 1)  // the flow to a missing step is left out
        #expect(!dot.contains("\u{0}"))
    }

    @Test("Hostile SVG has no injected element and keeps the text") func hostileSVG() throws {
        let svg = try GraphvizRenderer.shared.render(Self.hostile, format: .svg)
        let tree = try SVGTree.parse(svg)
        let allowed: Set<String> = ["svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text", "a"]
        let names = Set(tree.elements.map(\.name))
        #expect(names.isSubset(of: allowed), "unexpected elements: \(names.subtracting(allowed).sorted())")
        #expect(!names.contains("script"))
        for element in tree.elements {
            for (name, value) in element.attributes where name.hasSuffix("href") {
                #expect(!value.lowercased().hasPrefix("javascript"), "unsafe link \(value)")
            }
        }

        // One group per step, found by its id; the title text survives (wrapping only inserts line breaks).
        let steps = tree.elements(withClass: "step")
        #expect(steps.count == Self.hostile.steps.count)
        func group(_ id: String) throws -> Int {
            try #require(steps.first { tree.elements[$0].attributes["id"] == "step-" + DOTText.token(id) })
        }
        let compact = { (text: String) in text.filter { !$0.isWhitespace } }
        #expect(compact(tree.text(under: try group("one"))).contains(compact(Self.breakout)))
        #expect(compact(tree.text(under: try group("two"))).contains(compact(Self.script)))
        #expect(tree.text(under: try group("three")).contains(Self.backslashes))
        #expect(compact(tree.text(under: try group("four"))).contains(compact(Self.unicode)))

        // Tooltips keep quotes, backslashes and line breaks exactly.
        let tooltips = tree.elements.compactMap { $0.attributes["xlink:title"] ?? $0.attributes["title"] }
        #expect(tooltips.contains { $0.hasPrefix(Self.backslashes + "\n") })
        #expect(tooltips.contains { $0.hasPrefix(Self.breakout + "\n") })
        #expect(tooltips.contains { $0.contains("notes: line1\nline2\nline3 tabnul") })

        // The unsafe link is gone, the safe one is encoded and still parses to the right URL.
        let links = tree.elements.compactMap { $0.attributes["xlink:href"] ?? $0.attributes["href"] }
        #expect(links == ["https://example.com/a%20b?x=%221%22&y=%3C2%3E"])

        // Stage titles drawn in the background keep their text.
        let texts = tree.elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("Stage \(Self.breakout)"))
        #expect(texts.contains(Self.script))
    }

    @Test("PNG and PDF of hostile text render") func hostileBitmaps() throws {
        let png = try GraphvizRenderer.shared.render(Self.hostile, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try GraphvizRenderer.shared.render(Self.hostile, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }
}
