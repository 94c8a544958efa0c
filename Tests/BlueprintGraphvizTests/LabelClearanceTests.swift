import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Issue 18: no flow label or channel chip lies under a card, and no card's text runs past its
/// card (decision titles were cut). Every showcase blueprint is laid out by Graphviz and the boxes
/// are read from its xdot output: the cards from their node positions and sizes, the labels and the
/// cards' texts from their drawing operations (`_ldraw_`).
@Suite struct LabelClearanceTests {
    struct Box: CustomStringConvertible {
        var minX, minY, maxX, maxY: Double
        /// Overlap by more than `slack` points on both axes.
        func overlaps(_ other: Box, slack: Double = 0.5) -> Bool {
            minX < other.maxX - slack && other.minX < maxX - slack && minY < other.maxY - slack && other.minY < maxY - slack
        }
        func contains(_ other: Box, slack: Double = 1) -> Bool {
            other.minX >= minX - slack && other.maxX <= maxX + slack && other.minY >= minY - slack && other.maxY <= maxY + slack
        }
        var description: String { "[\(Int(minX)), \(Int(minY)) – \(Int(maxX)), \(Int(maxY))]" }

        static func around(_ points: [(Double, Double)]) -> Box? {
            guard let first = points.first else { return nil }
            return points.dropFirst().reduce(Box(minX: first.0, minY: first.1, maxX: first.0, maxY: first.1)) {
                Box(minX: min($0.minX, $1.0), minY: min($0.minY, $1.1), maxX: max($0.maxX, $1.0), maxY: max($0.maxY, $1.1))
            }
        }
    }

    struct Text {
        var text: String
        var box: Box
        var font: String
        var size: Double
    }

    struct Item {
        var id: String
        var box: Box
        /// The texts drawn in it, with their boxes and fonts.
        var texts: [Text]
    }

    /// The boxes of polygons (`P`/`p`) and texts (`T x y j w n -text`, sized by the last `F size`) in xdot operations.
    static func shapes(in operations: String) -> (polygons: [Box], texts: [Text]) {
        let tokens = Array(operations.utf8)
        var polygons: [Box] = []
        var texts: [Text] = []
        var index = 0
        var fontSize = 14.0
        var fontName = ""
        func skipSpaces() { while index < tokens.count, tokens[index] == 0x20 { index += 1 } }
        func word() -> String {
            skipSpaces()
            let start = index
            while index < tokens.count, tokens[index] != 0x20 { index += 1 }
            return String(decoding: tokens[start..<index], as: UTF8.self)
        }
        func number() -> Double { Double(word()) ?? 0 }
        /// `n -bytes`: a counted string.
        func counted() -> String {
            let count = Int(number())
            skipSpaces()
            index += 1  // the "-"
            let end = min(tokens.count, index + max(0, count))
            defer { index = end }
            return String(decoding: tokens[index..<end], as: UTF8.self)
        }
        while index < tokens.count {
            let op = word()
            switch op {
            case "P", "p", "L", "B", "b":
                let count = Int(number())
                var points: [(Double, Double)] = []
                for _ in 0..<max(0, count) { points.append((number(), number())) }
                if op == "P" || op == "p", let box = Box.around(points) { polygons.append(box) }
            case "E", "e": for _ in 0..<4 { _ = number() }
            case "T":
                let x = number(), y = number(), justification = number(), width = number()
                let text = counted()
                let left = justification == 0 ? x - width / 2 : (justification < 0 ? x : x - width)
                texts.append(Text(text: text, box: Box(minX: left, minY: y - fontSize * 0.25, maxX: left + width, maxY: y + fontSize * 0.75), font: fontName, size: fontSize))
            case "F":
                fontSize = number()
                fontName = counted()
            case "C", "c", "S", "I": _ = op == "I" ? (0..<4).map { _ in number() }.count : counted().count
            case "t": _ = number()
            default: break
            }
        }
        return (polygons, texts)
    }

    /// The cards (every node with a position and size) and the flow labels of a laid-out drawing.
    static func items(ofXDot xdot: String) -> (cards: [Item], labels: [Item]) {
        let text = xdot.replacingOccurrences(of: "\\\n", with: "")
        var cards: [Item] = [], labels: [Item] = []
        for statement in text.components(separatedBy: "];\n") {
            guard let open = statement.firstIndex(of: "[") else { continue }
            // The statement's own line (the first one also carries the `digraph … {` line).
            let head = (statement[..<open].split(separator: "\n").last ?? "").trimmingCharacters(in: .whitespaces)
            if ["graph", "node", "edge"].contains(head) { continue }
            var attributes: [String: String] = [:]
            for line in statement[statement.index(after: open)...].split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                let key = String(trimmed[..<equals])
                guard key.allSatisfy({ $0.isLetter || $0 == "_" }), attributes[key] == nil else { continue }
                var value = String(trimmed[trimmed.index(after: equals)...])
                if value.hasSuffix(",") { value.removeLast() }
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                attributes[key] = value
            }
            let id = attributes["id"] ?? head
            let drawn = attributes["_ldraw_"].map(shapes(in:))
            if head.contains("->") {
                guard let drawn, let box = Box.around(drawn.polygons.flatMap { [($0.minX, $0.minY), ($0.maxX, $0.maxY)] }
                    + drawn.texts.flatMap { [($0.box.minX, $0.box.minY), ($0.box.maxX, $0.box.maxY)] })
                else { continue }
                labels.append(Item(id: id, box: box, texts: drawn.texts))
            } else if let pos = attributes["pos"], let width = attributes["width"].flatMap(Double.init),
                let height = attributes["height"].flatMap(Double.init)
            {
                let xy = pos.split(separator: ",").compactMap { Double($0) }
                guard xy.count == 2 else { continue }
                let (w, h) = (width * 72, height * 72)
                cards.append(Item(id: id, box: Box(minX: xy[0] - w / 2, minY: xy[1] - h / 2, maxX: xy[0] + w / 2, maxY: xy[1] + h / 2), texts: drawn?.texts ?? []))
            }
        }
        return (cards, labels)
    }

    static func laidOut(_ name: String, options: RenderOptions = .init()) throws -> (cards: [Item], labels: [Item]) {
        let blueprint = try AnalysisRunRenderTests.read(name)
        let analysis = Analyzer().run(blueprint)
        let dot = DOTWriter(options: options).dot(for: analysis)
        let xdot = try GraphvizSession.shared.withLock { job throws(RenderError) in
            try job.render(dot: dot, engine: LayoutEngine.pinned.graphvizName, format: "xdot")
        }
        return items(ofXDot: String(decoding: xdot, as: UTF8.self))
    }

    static let cases: [(String, Bool)] = PagedPDFTests.showcase.flatMap { [($0, false), ($0, true)] }

    @Test("no flow label or chip lies under a card, and no two labels overlap", arguments: cases)
    func labelsClearOfCards(name: String, overlay: Bool) throws {
        var options = RenderOptions()
        options.showOverlay = overlay
        let (cards, labels) = try Self.laidOut(name, options: options)
        #expect(cards.count > 20)
        #expect(labels.count > 10)
        for label in labels {
            // 1.5 pt: the label's 1 pt cell padding may touch a card's border; its text and chip may not.
            for card in cards where label.box.overlaps(card.box, slack: 1.5) {
                Issue.record("\(name): label of \(label.id) \(label.box) '\(label.texts.map(\.text).joined(separator: " "))' lies under \(card.id) \(card.box)")
            }
        }
        for (index, label) in labels.enumerated() {
            for other in labels[(index + 1)...] where label.box.overlaps(other.box) {
                Issue.record("\(name): labels of \(label.id) and \(other.id) overlap")
            }
        }
    }

    @Test("every text of every card, decision titles included, lies inside its card", arguments: PagedPDFTests.showcase)
    func cardTextsInsideCards(name: String) throws {
        let (cards, _) = try Self.laidOut(name)
        var decisions = 0
        for card in cards where card.id.hasPrefix("step-") {
            if card.texts.contains(where: { $0.text == "DECISION" }) { decisions += 1 }
            for text in card.texts where !card.box.contains(text.box) {
                Issue.record("\(name): '\(text.text)' \(text.box) runs past \(card.id) \(card.box)")
            }
            // Titles are the bold lines at the drawing's font size; a shortened one ends with "…".
            for title in card.texts where title.font.hasSuffix("Bold") && title.size == 11 && title.text.hasSuffix("…") {
                Issue.record("\(name): \(card.id)'s title is cut: '\(title.text)'")
            }
        }
        #expect(decisions > 0)
    }

    @Test("the checker sees an overlap when a label is moved onto a card")
    func checkerCatchesOverlap() {
        let xdot = """
            digraph {
            \ta\t[id="step-a",
            \t\tpos="100,100",
            \t\twidth=1,
            \t\theight=1];
            \ta -> b\t[id="flow-a--b",
            \t\t_ldraw_="F 9 9 -Helvetica c 7 -#000000 T 110 100 0 40 5 -hello "];
            \tb\t[id="step-b",
            \t\tpos="300,100",
            \t\twidth=1,
            \t\theight=1];
            }
            """
        let (cards, labels) = Self.items(ofXDot: xdot)
        #expect(cards.count == 2)
        #expect(labels.count == 1)
        #expect(labels[0].box.overlaps(cards[0].box))
        #expect(!labels[0].box.overlaps(cards[1].box))
    }
}
