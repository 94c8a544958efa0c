import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Text that looks like an XML character reference must stay text in the SVG: Graphviz copies tooltips
/// into SVG keeping anything shaped like a reference, so the DOT escaping has to encode `&` itself.
@Suite("Character references in SVG")
struct CharacterReferenceTests {
    static let references = ["&amp;", "&#xD800;", "&#0;", "&lt;script&gt;", "&#x26;", "& alone"]

    static let blueprint = Blueprint(
        id: "refs", title: "Title &amp; &#xD800;",
        stages: [Stage(id: "s", title: "Stage &amp;")],
        steps: references.enumerated().map { index, text in
            Step(id: "s\(index)", title: text, lane: index.isMultiple(of: 2) ? .customer : .backstage, stage: "s",
                 notes: "note " + text)
        },
        flows: (1..<references.count).map { Flow(from: "s\($0 - 1)", to: "s\($0)", label: references[$0]) })

    @Test("tooltip escaping writes & as &amp;")
    func escString() {
        #expect(DOTText.escString("a & b") == "\"a &amp; b\"")
        #expect(DOTText.escString("&#xD800;") == "\"&amp;#xD800;\"")
        #expect(DOTText.escString("plain") == "\"plain\"")  // near miss: nothing to escape
    }

    @Test("SVG with references in titles, notes and labels parses and shows them literally")
    func svgParsesAndShowsReferences() throws {
        let svg = try GraphvizRenderer.shared.render(Self.blueprint, format: .svg)
        let tree = try SVGTree.parse(svg)  // throws when not well-formed (the &#xD800; case)
        let tooltips = tree.elements.compactMap { $0.attributes["xlink:title"] ?? $0.attributes["title"] }
        for text in Self.references {
            #expect(tooltips.contains { $0.hasPrefix(text + "\n") || $0.contains("notes: note " + text) }, "tooltip shows \(text)")
        }
        #expect(tooltips.contains { $0.contains("notes: note &amp;") })
        let texts = tree.elements.filter { $0.name == "text" }.map(\.text).joined(separator: "\n")
        #expect(texts.contains("&amp;"))
        #expect(texts.contains("&#xD800;"))
    }
}
