import Foundation
import ServiceBlueprint

/// Paper for a paged print (``GraphvizRenderer/renderPages(_:paper:options:overlay:)``).
public enum PaperSize: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// ISO A4: 297 × 210 mm landscape.
    case a4
    /// ISO A3: 420 × 297 mm landscape.
    case a3

    /// Width and height in points, landscape.
    var landscape: Size {
        switch self {
        case .a4: Size(width: 841.89, height: 595.28)
        case .a3: Size(width: 1190.55, height: 841.89)
        }
    }

    /// `A4` or `A3`.
    public var description: String { rawValue.uppercased() }
}

/// Which stage columns go on which printed page, and how a page's drawing is fitted to the paper.
///
/// A wide blueprint is cut between stage columns, never through one: each page is a drawing of its
/// own (lane bands and their labels, the stage headers of its stages, the title), so every page
/// repeats the lane labels and the headers. Stages are packed greedily at the scale that makes the
/// drawing's lane-axis extent fill the paper; a stage wider than a page gets a page to itself and
/// is scaled down to fit it.
struct PagePlan {
    /// Paper margin on every side, in points on paper.
    static let margin = 28.0
    /// The footer's height (page number), in points on paper, below the bottom margin's inner edge.
    static let footer = 16.0

    /// Stage column indices (in the scene's order) per page.
    let groups: [[Int]]

    init(drawing: Drawing, paper: PaperSize) {
        let horizontal = drawing.options.direction == .leftToRight
        let page = Self.paperSize(paper, horizontal: horizontal)
        let stageExtents = drawing.layout.stages.map { horizontal ? $0.rect.width : $0.rect.height }
        let flowExtent = horizontal ? drawing.pageSize.width : drawing.pageSize.height
        let laneExtent = horizontal ? drawing.pageSize.height : drawing.pageSize.width
        // Lane titles and margins come with every page; the rest of the flow axis is for stages.
        let fixed = max(0, flowExtent - stageExtents.reduce(0, +))
        let usableLane = (horizontal ? page.height - Self.footer : page.width) - 2 * Self.margin
        let usableFlow = (horizontal ? page.width : page.height - Self.footer) - 2 * Self.margin
        // The scale at which the drawing's lane-axis extent fills the paper (A3 prints larger than A4,
        // not more stages: both have the same proportions).
        let scale = usableLane / max(laneExtent, 1)
        // Off-page connectors sit in gutters before and after a page's stages: one gutter is kept
        // free here, and a page with both is drawn a little smaller rather than split further.
        let budget = usableFlow / scale - fixed - Continuation.gutter
        var groups: [[Int]] = []
        var current: [Int] = []
        var used = 0.0
        for (index, extent) in stageExtents.enumerated() {
            if !current.isEmpty, used + extent > budget {
                groups.append(current)
                current = []
                used = 0
            }
            current.append(index)
            used += extent
        }
        if !current.isEmpty { groups.append(current) }
        self.groups = groups
    }

    /// The paper, landscape when stages run left to right and portrait when they run top to bottom.
    static func paperSize(_ paper: PaperSize, horizontal: Bool) -> Size {
        horizontal ? paper.landscape : Size(width: paper.landscape.height, height: paper.landscape.width)
    }

    /// `blueprint` with only the steps of `stages` (scene stage column ids) and the flows between them.
    static func part(of blueprint: Blueprint, stages: Set<String>) -> Blueprint {
        var part = blueprint
        part.stages = blueprint.stages.filter { stages.contains($0.id) }
        part.steps = blueprint.steps.filter { stages.contains($0.stage) }
        let kept = Set(part.steps.map(\.id))
        part.flows = blueprint.flows.filter { kept.contains($0.from) && kept.contains($0.to) }
        return part
    }

    /// `dot` (a page's drawing) fitted to the paper: invisible corner points that give the drawing
    /// the paper's proportions with margins, `size` so Graphviz scales it to exactly the paper, and
    /// the footer text at the bottom right.
    /// `content` is the drawn area in Graphviz coordinates: the drawing's page, widened by the
    /// gutters that hold off-page connectors.
    static func fitted(_ dot: String, drawing: Drawing, content: Rect, paper: Size, footer: String) -> String {
        let scale = min((paper.width - 2 * margin) / content.width, (paper.height - 2 * margin - Self.footer) / content.height)
        let canvas = Size(width: paper.width / scale, height: paper.height / scale)
        // Graphviz y runs upwards; the content is centred across and sits below the top margin.
        let left = content.minX - (canvas.width - content.width) / 2
        let top = content.maxY + margin / scale
        let bottom = top - canvas.height
        let fontSize = 9 / scale
        let footerWidth = drawing.metrics.width(footer, size: fontSize) + 4 / scale
        let footerCenter = Point(x: left + canvas.width - margin / scale - footerWidth / 2, y: bottom + (margin * 0.75) / scale)
        func position(_ x: Double, _ y: Double) -> String { DOTString(token: DOTText.fine(x) + "," + DOTText.fine(y) + "!").quoted }
        var lines = "  // The page: paper proportions with margins, scaled to the paper, and its footer.\n"
        lines += "  graph [margin=\"0\", size=\(DOTString(token: DOTText.fine(paper.width / 72) + "," + DOTText.fine(paper.height / 72) + "!").quoted)];\n"
        for (name, x, y) in [("page-corner-1", left, bottom), ("page-corner-2", left + canvas.width, top)] {
            lines += "  \(DOTString(token: name).quoted) [shape=\"point\", style=\"invis\", width=\"0.01\", height=\"0.01\", fixedsize=\"true\", "
            lines += "label=\"\", pos=\(position(x, y))];\n"
        }
        lines += "  \"page-footer\" [shape=\"plaintext\", style=\"solid\", fixedsize=\"true\", "
        lines += "width=\(DOTString(number: footerWidth / 72).quoted), height=\(DOTString(number: fontSize * 1.4 / 72).quoted), "
        lines += "fontsize=\(DOTString(number: fontSize).quoted), fontcolor=\(DOTString(color: drawing.options.theme.mutedText).quoted), "
        lines += "label=<\(DOTHTMLLabel(text: footer))>, pos=\(position(footerCenter.x, footerCenter.y))];\n"
        guard let close = dot.range(of: "}", options: .backwards) else { return dot }
        return dot.replacingCharacters(in: close, with: lines + "}")
    }
}

extension GraphvizRenderer {
    /// Renders a blueprint as a PDF of printable pages: landscape A4 or A3 (portrait when stages run
    /// top to bottom), cut between stage columns, each page with the lane labels, its stages' headers,
    /// the title and a footer with the page number ("3 / 7"). The legend is on the last page. A flow
    /// between stages on different pages ends at an off-page connector on each page, in the margin
    /// beside its step, naming the other page and the step there ("→ 3 / 7 · Technician repairs…").
    ///
    /// - Throws: ``RenderError`` as ``render(_:format:options:overlay:)-7nsrh`` does.
    public func renderPages(
        _ blueprint: Blueprint, paper: PaperSize, options: RenderOptions = .init(), overlay: RenderOverlay? = nil
    ) async throws(RenderError) -> Data {
        var documents: [Data] = []
        for dot in try pageDOT(blueprint, paper: paper, options: options, overlay: overlay) {
            documents.append(try await render(dot: dot, format: .pdf, engine: .pinned))
        }
        do {
            return try PDFPages.join(documents)
        } catch {
            throw RenderError(.render, message: "the pages could not be joined into one PDF: \(error)")
        }
    }

    /// Renders an analysed blueprint as printable pages, with its findings overlay when
    /// ``RenderOptions/showOverlay`` is `true` (see ``renderPages(_:paper:options:overlay:)``).
    public func renderPages(_ analysis: BlueprintAnalysis, paper: PaperSize, options: RenderOptions = .init()) async throws(RenderError) -> Data {
        try await renderPages(analysis.blueprint, paper: paper, options: options, overlay: options.showOverlay ? RenderOverlay(analysis: analysis) : nil)
    }

    /// The DOT text of each page, in order.
    func pageDOT(_ blueprint: Blueprint, paper: PaperSize, options: RenderOptions, overlay: RenderOverlay?) throws(RenderError) -> [String] {
        let whole = try Self.checkedDrawing(blueprint, format: .pdf, options: options, overlay: overlay)
        let plan = PagePlan(drawing: whole, paper: paper)
        let sheet = PagePlan.paperSize(paper, horizontal: whole.options.direction == .leftToRight)
        let title = blueprint.title.isEmpty ? blueprint.id : blueprint.title
        let pageOfStage = Dictionary(
            plan.groups.enumerated().flatMap { number, group in group.map { (whole.scene.stages[$0].id, number) } },
            uniquingKeysWith: { first, _ in first })
        let continuations = Continuation.all(in: blueprint, pageOfStage: pageOfStage, pages: plan.groups.count)
        return plan.groups.enumerated().map { number, group in
            let stages = group.map { whole.scene.stages[$0] }
            var pageOptions = options
            pageOptions.showLegend = options.showLegend && number == plan.groups.count - 1
            let part = PagePlan.part(of: blueprint, stages: Set(stages.map(\.id)))
            // Each page is PDF drawn by cairo, measured and fonted like the whole drawing that planned it.
            let drawing = DOTWriter(options: pageOptions).drawing(for: part, overlay: overlay, drawsWithCairo: true)
            let span = stages.count == 1 ? stages[0].title : "\(stages[0].title) – \(stages[stages.count - 1].title)"
            let footer = "\(title) · \(span) · \(number + 1) / \(plan.groups.count)"
            let (connectors, content) = Continuation.dot(continuations[number], on: drawing)
            var dot = drawing.dot()
            if let close = dot.range(of: "}", options: .backwards) { dot.replaceSubrange(close, with: connectors + "}") }
            return PagePlan.fitted(dot, drawing: drawing, content: content, paper: sheet, footer: footer)
        }
    }
}
