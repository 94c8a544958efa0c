import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Issue 10 (escaping by construction, DOT): random Unicode, character references, quotes, backslashes
/// and angle brackets go through the DOT writer (``DOTSource``, ``DOTString``, ``DOTHTMLLabel``) into
/// Graphviz; the SVG must parse as XML, keep one node per step and one edge per flow, and show the
/// original text in the card and in the tooltips.
@Suite("DOT escaping properties")
struct DOTEscapingPropertyTests {
    /// Pieces random texts are made of: hostile syntax for DOT, HTML-like labels, escStrings and XML, and
    /// ordinary text from several scripts.
    static let pieces: [String] = [
        "&#xD800;", "&amp;", "&#0;", "&lt;", "&#x26;", "&", "\"", "'", "\\", "\\\\", "\\N", "\\G", "\\n", "\\\"",
        "<", ">", "<b>", "</font>", "<br/>", "]]>", "<!--", "-->", "\">", "{", "}", ";", "[", "]", "=", "->", "--",
        "%", "é", "Ω", "中文", "עברית", "\u{301}", "👩🏽‍⚕️", "\u{2028}", "\u{00A0}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}",
        // A lone surrogate cannot live in a Swift string: decoding one gives U+FFFD, which must survive too.
        String(decoding: [0xD800] as [UInt16], as: UTF16.self), String(decoding: [0xDC00, 0x41] as [UInt16], as: UTF16.self),
        " ", "word", "x",
    ]

    /// A random scalar from printable ranges (Latin, Greek, CJK, emoji, private use, supplementary planes).
    static func randomScalar(_ random: inout SplitMix) -> String {
        let ranges: [ClosedRange<UInt32>] = [0x21...0x7E, 0xA1...0x2FF, 0x370...0x3FF, 0x4E00...0x9FFF, 0x1F300...0x1F64F,
                                             0xE000...0xF8FF, 0x10000...0x1FFFF]
        let range = ranges[Int(random.next() % UInt64(ranges.count))]
        let value = range.lowerBound + UInt32(random.next() % UInt64(range.upperBound - range.lowerBound + 1))
        return Unicode.Scalar(value).map { String($0) } ?? "?"
    }

    static func randomText(_ random: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<(1 + Int(random.next() % 8)) {
            text += random.next() % 3 == 0 ? randomScalar(&random) : pieces[Int(random.next() % UInt64(pieces.count))]
        }
        return text
    }

    /// Text as the writer keeps it (controls and non-characters removed), without whitespace: card titles
    /// are wrapped, so only the order of the visible characters is compared.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(DOTText.clean(text).unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    @Test(arguments: 0..<40)
    func randomTextRoundTripsThroughDOTAndSVG(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let text = Self.randomText(&random)
        let blueprint = Blueprint(
            id: "escaping", title: text,
            stages: [Stage(id: "stage", title: text)],
            steps: [
                Step(id: "first", title: text, lane: .customer, stage: "stage", notes: text),
                Step(id: "second", title: "Next", lane: .frontstage, stage: "stage"),
            ],
            flows: [Flow(from: "first", to: "second", label: text)])

        let dot = DOTWriter().dot(for: blueprint)
        let summary = try GraphvizRenderer.shared.summary(ofDOT: dot)
        #expect(summary.nodeCount == 2, "text \(text.debugDescription) changed the graph")
        #expect(summary.edgeCount == 1, "text \(text.debugDescription) changed the graph")

        let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg)
        let tree: SVGTree
        do {
            tree = try SVGTree.parse(svg)
        } catch {
            Issue.record("SVG for \(text.debugDescription) is not well-formed: \(error)")
            return
        }
        let kept = DOTText.clean(text)
        let tooltips = tree.elements.compactMap { $0.attributes["xlink:title"] }
        #expect(tooltips.contains { $0.hasPrefix(kept + "\n") }, "step tooltip shows \(text.debugDescription)")
        #expect(tooltips.contains { $0.contains("notes: " + kept) }, "notes in the tooltip show \(text.debugDescription)")
        #expect(tooltips.contains { $0.hasSuffix("\n" + kept) && $0.contains("flow") }, "flow tooltip shows \(text.debugDescription)")

        guard let card = tree.elements.firstIndex(where: { $0.attributes["id"] == "step-first" }) else {
            Issue.record("no card for the first step")
            return
        }
        let cardText = tree.text(under: card)
        #expect(Self.visible(cardText).contains(Self.visible(text)), "card shows \(text.debugDescription), got \(cardText.debugDescription)")
    }
}
