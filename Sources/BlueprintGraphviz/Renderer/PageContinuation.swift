import ServiceBlueprint

/// A flow cut by a page break, seen from one of its pages: drawn there as an off-page connector in
/// the gutter beside the step, pointing in the direction of the flow and naming the other page and
/// the step at the other end, so that a printed blueprint can still be followed from page to page.
struct Continuation: Hashable {
    /// The step on this page.
    let step: String
    /// The step at the other end, on another page: its id (one connector per step) and its title.
    let otherStep: String
    let otherTitle: String
    /// The other page, counted from 1.
    let otherPage: Int
    /// The number of pages.
    let pages: Int
    /// `true` when the flow leaves this page (the connector follows the step), `false` when it
    /// arrives (the connector precedes the step).
    let leaves: Bool

    /// Flow-axis room for connectors before and after a page's stages, in drawing units.
    static let gutter = 150.0

    /// Per page (index), the connectors of every flow whose ends are on different pages, in the
    /// blueprint's flow order, one per step, other step and direction.
    static func all(in blueprint: Blueprint, pageOfStage: [String: Int], pages: Int) -> [[Continuation]] {
        var result = Array(repeating: [Continuation](), count: pages)
        var seen = Set<Continuation>()
        let steps = Dictionary(blueprint.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for flow in blueprint.flows {
            guard let from = steps[flow.from], let to = steps[flow.to],
                  let fromPage = pageOfStage[from.stage], let toPage = pageOfStage[to.stage], fromPage != toPage
            else { continue }
            let leaving = Continuation(step: from.id, otherStep: to.id, otherTitle: to.title, otherPage: toPage + 1, pages: pages, leaves: true)
            let arriving = Continuation(step: to.id, otherStep: from.id, otherTitle: from.title, otherPage: fromPage + 1, pages: pages, leaves: false)
            if seen.insert(leaving).inserted { result[fromPage].append(leaving) }
            if seen.insert(arriving).inserted { result[toPage].append(arriving) }
        }
        return result
    }

    /// The other page as the footer writes it, with an arrow in the direction of the flow.
    var pageText: String { leaves ? "→ \(otherPage) / \(pages)" : "\(otherPage) / \(pages) →" }

    /// The connector's label: the page on the first line, the other step's title on at most two
    /// more, cut to the connector's width as measured (a character count would let a Chinese title
    /// run out of the box).
    func label(metrics: TextMetrics, size: Double, width: Double) -> DOTHTMLLabel {
        var label: DOTHTMLLabel = "<B>\(pageText)</B>"
        for line in metrics.wrap(otherTitle, size: size, maxWidth: width, maxLines: 2) { label += "<BR/>\(line)" }
        return label
    }

    /// DOT statements for `continuations` on `drawing` (one page), and the area the page covers with
    /// them, in Graphviz coordinates (y up). Connectors stack along the lane axis when several
    /// leave or arrive at the same height, so none covers another.
    static func dot(_ continuations: [Continuation], on drawing: Drawing) -> (String, Rect) {
        let horizontal = drawing.options.direction == .leftToRight
        let page = drawing.pageSize
        var content = Rect(x: 0, y: 0, width: page.width, height: page.height)
        guard !continuations.isEmpty else { return ("", content) }
        let fontSize = StepCard.detailSize(drawing.options.fontSize)
        let width = gutter - 16
        let textWidth = width - fontSize * 2.5
        let height = fontSize * 4.4
        let theme = drawing.options.theme
        let muted = DOTString(color: theme.mutedText)
        // Along the lane axis the connectors stay within the page's lanes (y-down): stacked downwards
        // from their card, and moved up as a whole when the stack would run out at the bottom.
        let laneExtent = horizontal ? page.height : page.width
        let extent = horizontal ? height : width
        var out: DOTSource = "  // Off-page connectors: flows that continue on another page.\n"
        var before = false, after = false
        var taken: [Bool: [Double]] = [true: [], false: []]
        for (number, continuation) in continuations.enumerated() {
            guard let index = drawing.scene.indexByID[continuation.step] else { continue }
            let card = drawing.layout.cards[index]
            var across = horizontal ? card.midY : card.midX
            let side = taken[continuation.leaves, default: []]
            while side.contains(where: { abs($0 - across) < extent + 4 }) { across += extent + 4 }
            if across + extent / 2 > laneExtent {
                // No room below: the first free place above the card instead.
                across = horizontal ? card.midY : card.midX
                while across - extent / 2 >= 0, side.contains(where: { abs($0 - across) < extent + 4 }) { across -= extent + 4 }
                across = min(max(across, extent / 2), laneExtent - extent / 2)
            }
            taken[continuation.leaves, default: []].append(across)
            let along = continuation.leaves ? (horizontal ? page.width : page.height) + gutter / 2 : -gutter / 2
            if continuation.leaves { after = true } else { before = true }
            let center = horizontal ? Point(x: along, y: drawing.flipped(across)) : Point(x: across, y: drawing.flipped(along))
            // `_` followed by a letter other than a–f: no step id's token looks like this.
            let name = DOTString(token: "page_continuation_\(number + 1)")
            out += "  \(name) [shape=\(DOTString(token: horizontal ? "cds" : "box")), style=\"filled\", fixedsize=\"true\", "
            out += "width=\(DOTString(number: width / 72)), height=\(DOTString(number: height / 72)), "
            out += "fillcolor=\(DOTString(color: theme.background)), color=\(muted), "
            out += "fontsize=\(DOTString(number: fontSize)), fontcolor=\(muted), class=\"continuation\", "
            out += "label=\(continuation.label(metrics: drawing.metrics, size: fontSize, width: textWidth)), "
            out += "pos=\(DOTString(token: DOTText.fine(center.x) + "," + DOTText.fine(center.y) + "!"))];\n"
            // The link is pinned as a straight segment from the card's side to the connector's, so the
            // orthogonal router (which aborts on some alignments) never sees it.
            let cardPoint: Point
            let boxPoint: Point
            if horizontal {
                cardPoint = Point(x: continuation.leaves ? card.maxX : card.minX, y: drawing.flipped(card.midY))
                boxPoint = Point(x: continuation.leaves ? center.x - width / 2 : center.x + width / 2, y: center.y)
            } else {
                cardPoint = Point(x: card.midX, y: drawing.flipped(continuation.leaves ? card.maxY : card.minY))
                boxPoint = Point(x: center.x, y: continuation.leaves ? center.y + height / 2 : center.y - height / 2)
            }
            let (start, tip) = continuation.leaves ? (cardPoint, boxPoint) : (boxPoint, cardPoint)
            out += "  \(continuation.leaves ? drawing.nodeName(index) : name) -> \(continuation.leaves ? name : drawing.nodeName(index)) "
            out += "[class=\"flow continuation\", style=\"dashed\", color=\(muted), arrowsize=\"0.6\", "
            out += "pos=\(DOTString(token: Self.straightPos(from: start, to: tip)))];\n"
        }
        if horizontal {
            if before { content.x -= gutter; content.width += gutter }
            if after { content.width += gutter }
        } else {
            // Top to bottom, "before" is above the page: in Graphviz coordinates, above is larger y.
            if before { content.height += gutter }
            if after { content.y -= gutter; content.height += gutter }
        }
        return (out.text, content)
    }

    /// An xdot edge position: a straight cubic from `start` to the arrow's base, and the arrow's tip.
    static func straightPos(from start: Point, to tip: Point) -> String {
        let dx = tip.x - start.x, dy = tip.y - start.y
        let length = max((dx * dx + dy * dy).squareRoot(), 0.001)
        let arrow = min(Drawing.arrowLength * 0.6 / 0.7, length / 2)
        let base = Point(x: tip.x - dx / length * arrow, y: tip.y - dy / length * arrow)
        func gv(_ p: Point) -> String { DOTText.fine(p.x) + "," + DOTText.fine(p.y) }
        let third = Point(x: start.x + (base.x - start.x) / 3, y: start.y + (base.y - start.y) / 3)
        let twoThirds = Point(x: start.x + (base.x - start.x) * 2 / 3, y: start.y + (base.y - start.y) * 2 / 3)
        return "e,\(gv(tip)) \(gv(start)) \(gv(third)) \(gv(twoThirds)) \(gv(base))"
    }
}
