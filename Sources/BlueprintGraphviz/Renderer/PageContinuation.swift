import ServiceBlueprint

/// A flow cut by a page break, seen from one of its pages: drawn there as an off-page connector in
/// the gutter beside the step, pointing in the direction of the flow and naming the other page and
/// the step at the other end, so that a printed blueprint can still be followed from page to page.
struct Continuation: Hashable {
    /// The step on this page.
    let step: String
    /// The step at the other end, on another page.
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
    /// The longest name of the other step shown on a connector, in characters.
    static let titleLimit = 24

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
            let leaving = Continuation(step: from.id, otherTitle: to.title, otherPage: toPage + 1, pages: pages, leaves: true)
            let arriving = Continuation(step: to.id, otherTitle: from.title, otherPage: fromPage + 1, pages: pages, leaves: false)
            if seen.insert(leaving).inserted { result[fromPage].append(leaving) }
            if seen.insert(arriving).inserted { result[toPage].append(arriving) }
        }
        return result
    }

    /// The other page as the footer writes it, with an arrow in the direction of the flow.
    var pageText: String { leaves ? "→ \(otherPage) / \(pages)" : "\(otherPage) / \(pages) →" }

    /// The other step's title, shortened to ``titleLimit`` characters.
    var shortTitle: String {
        otherTitle.count > Self.titleLimit ? otherTitle.prefix(Self.titleLimit - 1) + "…" : otherTitle
    }

    /// The connector's label: the page on the first line, the step on the second.
    var label: DOTHTMLLabel { "<B>\(pageText)</B><BR/>\(shortTitle)" }

    /// DOT statements for `continuations` on `drawing` (one page), and the area the page covers with
    /// them, in Graphviz coordinates (y up). Connectors stack along the lane axis when several
    /// leave or arrive at the same height, so none covers another.
    static func dot(_ continuations: [Continuation], on drawing: Drawing) -> (String, Rect) {
        let horizontal = drawing.options.direction == .leftToRight
        let page = drawing.pageSize
        var content = Rect(x: 0, y: 0, width: page.width, height: page.height)
        guard !continuations.isEmpty else { return ("", content) }
        let fontSize = StepCard.detailSize(drawing.options.fontSize)
        let height = fontSize * 3.2
        let theme = drawing.options.theme
        var out: DOTSource = "  // Off-page connectors: flows that continue on another page.\n"
        var before = false, after = false
        // Per side, the lane-axis positions already taken, to stack connectors.
        var taken: [Bool: [Double]] = [true: [], false: []]
        for (number, continuation) in continuations.enumerated() {
            guard let index = drawing.scene.indexByID[continuation.step] else { continue }
            let card = drawing.layout.cards[index]
            let textWidth = max(
                drawing.metrics.width(continuation.pageText, size: fontSize),
                drawing.metrics.width(continuation.shortTitle, size: fontSize))
            let width = min(gutter - 16, textWidth + fontSize * 2.5)
            // Along the lane axis: level with the card, moved on until it overlaps no earlier connector.
            var across = horizontal ? card.midY : card.midX
            let extent = horizontal ? height : width
            while taken[continuation.leaves, default: []].contains(where: { abs($0 - across) < extent + 4 }) { across += extent + 4 }
            taken[continuation.leaves, default: []].append(across)
            let along = continuation.leaves ? (horizontal ? page.width : page.height) + gutter / 2 : -gutter / 2
            if continuation.leaves { after = true } else { before = true }
            let center = horizontal ? Point(x: along, y: drawing.flipped(across)) : Point(x: across, y: drawing.flipped(along))
            let name = DOTString(token: "page-continuation-\(number + 1)")
            let muted = DOTString(color: theme.mutedText)
            out += "  \(name) [shape=\(DOTString(token: horizontal ? "cds" : "box")), style=\"filled\", fixedsize=\"true\", "
            out += "width=\(DOTString(number: width / 72)), height=\(DOTString(number: height / 72)), "
            out += "fillcolor=\(DOTString(color: theme.background)), color=\(muted), "
            out += "fontsize=\(DOTString(number: fontSize)), fontcolor=\(muted), "
            out += "class=\"continuation\", label=\(continuation.label), "
            out += "pos=\(DOTString(token: DOTText.fine(center.x) + "," + DOTText.fine(center.y) + "!"))];\n"
            let step = drawing.nodeName(index)
            let (tail, head) = continuation.leaves ? (step, name) : (name, step)
            out += "  \(tail) -> \(head) [class=\"flow continuation\", style=\"dashed\", color=\(muted), arrowsize=\"0.6\"];\n"
        }
        if horizontal {
            if before { content.x -= gutter; content.width += gutter }
            if after { content.width += gutter }
        } else {
            // Top to bottom, y-down "before" is above the page: in Graphviz coordinates, above is larger y.
            if before { content.height += gutter }
            if after { content.y -= gutter; content.height += gutter }
        }
        return (out.text, content)
    }
}
