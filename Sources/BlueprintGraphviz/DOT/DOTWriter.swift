import ServiceBlueprint

/// Writes a blueprint as DOT text that Graphviz renders as a service blueprint.
///
/// The layout is computed here — lanes as bands in canonical order, stages as columns, steps in flow order —
/// and pinned with `pos="x,y!"` and `layout=nop2` (`neato -n2`), so Graphviz only routes the flows. Lane
/// bands, stage headers, the three lines, the title and the legend are drawn with the `_background`
/// attribute, behind everything and invisible to edge routing. Text is sized with a built-in table of
/// widths padded for font substitution (``TextMeasurement/estimate``), without calling Graphviz: DOT and SVG
/// are drawn by a viewer with its own fonts. The renderer's PNG and PDF, drawn here by cairo, are measured
/// with the font that draws them (``TextMeasurement/font``). The output is deterministic: the same
/// blueprint, options and overlay give byte-identical text on every machine, and `dot -Tsvg file.dot` draws
/// the same picture as the in-process renderer.
///
/// In SVG output each step is a group with `id="step-<id>"` (non-alphanumeric characters written `_XX`),
/// classes such as `step lane-frontstage kind-decision failpoint critical`, a tooltip with the step's
/// details and a link to the step's `url` (or an `http(s)` SOP reference). Each flow has
/// `id="flow-<from>--<to>--<kind>"` and classes such as `flow flow-sequence touchpoint`.
///
/// ```swift
/// let dot = DOTWriter().dot(for: blueprint)
/// try dot.write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct DOTWriter: Sendable {
    /// What to show and how.
    public var options: RenderOptions

    /// Creates a writer.
    public init(options: RenderOptions = .init()) {
        self.options = options
    }

    /// The DOT text of `blueprint`.
    ///
    /// - Parameters:
    ///   - blueprint: the blueprint; it need not be valid (see ``GraphvizRenderer/render(_:format:options:overlay:)-7nsrh``).
    ///   - overlay: analysis findings to draw on top; ignored when ``RenderOptions/showOverlay`` is `false`.
    public func dot(for blueprint: Blueprint, overlay: RenderOverlay? = nil) -> String {
        drawing(for: blueprint, overlay: overlay).dot()
    }

    /// The DOT text of an analysed blueprint, with its findings overlay (``RenderOverlay/init(analysis:)``)
    /// when ``RenderOptions/showOverlay`` is `true`. The run's graph is reused, not rebuilt.
    public func dot(for analysis: BlueprintAnalysis) -> String {
        let overlay = options.showOverlay ? RenderOverlay(analysis: analysis) : nil
        return drawing(for: analysis.blueprint, overlay: overlay, graph: analysis.graph).dot()
    }

    /// What the drawing of `blueprint` changes to stay affordable and readable (straight flows on a large
    /// blueprint, shortened texts); the drawing shows the same notes below the legend. Cheap: nothing is
    /// laid out.
    public func notes(for blueprint: Blueprint) -> [RenderNote] {
        let shortened = blueprint.shortenedForDrawing(limit: options.maximumTextLength).shortened
        let stepCount = Set(blueprint.steps.map(\.id)).count
        return RenderNote.notes(stepCount: stepCount, shortenedTexts: shortened, options: options)
    }

    /// The measured and placed drawing (for the renderer, which checks its size before Graphviz runs).
    /// `graph`, when given, is the graph of `blueprint` already built (by an analysis run).
    /// `drawsWithCairo`: the drawing becomes PNG or PDF, so its font is a ``FontChain`` naming the installed
    /// font for its CJK text, and its text is measured with that font (``RenderOptions/textMeasurement``);
    /// otherwise (SVG, DOT, the viewer) text is sized with the estimate.
    func drawing(
        for blueprint: Blueprint, overlay: RenderOverlay? = nil, graph: BlueprintGraph? = nil, drawsWithCairo: Bool = false
    ) -> Drawing {
        Drawing(
            blueprint: blueprint, options: options, overlay: options.showOverlay ? overlay : nil, graph: graph,
            drawsWithCairo: drawsWithCairo)
    }
}

extension DOTWriter {
    /// The measured basis of a drawing, with nothing placed (what the journey map needs).
    func basis(for blueprint: Blueprint, drawsWithCairo: Bool = false) -> DrawingBasis {
        DrawingBasis(blueprint: blueprint, options: options, drawsWithCairo: drawsWithCairo)
    }
}

/// Everything measured and placed for one blueprint; turned into DOT by its extensions in `Drawing+….swift`.
struct Drawing {
    /// The scene, options, font, metrics, flow order, customer side and notes, measured before placing.
    let basis: DrawingBasis
    let overlay: RenderOverlay?
    let cards: [StepCard]
    let layout: BlueprintLayout
    let legend: Legend?
    let titleBlock: TitleBlock?
    let pageSize: Size
    let notesTop: Double

    var scene: BlueprintScene { basis.scene }
    var options: RenderOptions { basis.options }
    var metrics: TextMetrics { basis.metrics }
    var fontName: String { basis.fontName }
    var faces: FontFaces { basis.faces }
    var order: FlowOrder { basis.order }
    /// Evidence items, the servicescape, the emotion band and the highlighted journey.
    var customer: CustomerSide { basis.customer }
    /// What this drawing changed to stay affordable and readable, drawn below the legend.
    var notes: [RenderNote] { basis.notes }

    static let margin = 18.0

    init(
        blueprint: Blueprint, options: RenderOptions, overlay: RenderOverlay?, graph: BlueprintGraph? = nil,
        drawsWithCairo: Bool = false
    ) {
        self.init(basis: DrawingBasis(blueprint: blueprint, options: options, graph: graph, drawsWithCairo: drawsWithCairo), overlay: overlay)
    }

    /// Places the cards, flows, legend and title on a measured basis.
    init(basis: DrawingBasis, overlay: RenderOverlay?) {
        let (options, shown, scene, notes) = (basis.options, basis.shown, basis.scene, basis.notes)
        let (fontName, metrics, order, customer) = (basis.fontName, basis.metrics, basis.order, basis.customer)
        // Steps off the highlighted journey are drawn in the dimmed theme.
        var dimmedOptions = options
        dimmedOptions.theme = options.theme.dimmed
        let cards = scene.steps.indices.map { index in
            StepCard(step: scene.steps[index], scene: scene, options: customer.isDimmed(index) ? dimmedOptions : options,
                     overlay: overlay, metrics: metrics)
        }
        let spacing = BlueprintLayout.Spacing.make(direction: options.direction, fontSize: options.fontSize)
        let titleBlock = options.showTitle
            ? TitleBlock(blueprint: shown, journey: customer.journey, options: options, metrics: metrics) : nil
        let origin = Point(x: Drawing.margin, y: Drawing.margin + (titleBlock?.height ?? 0))
        var stageNeeds = Drawing.stageHeaderNeeds(scene: scene, options: options, spacing: spacing, metrics: metrics)
        if options.direction == .topToBottom {
            let customerNeeds = customer.stageNeeds(stageCount: scene.stages.count, metrics: metrics)
            stageNeeds = zip(stageNeeds, customerNeeds).map { max($0, $1) }
        }
        let direction = options.direction
        let layout = BlueprintLayout(
            scene: scene, order: order, cardSizes: cards.map(\.size),
            extras: customer.evidenceItems.map { .init(lane: .evidence, step: $0.step, size: $0.size) },
            minimumStageExtent: stageNeeds,
            minimumLaneExtent: Drawing.laneTitleNeeds(options: options, spacing: spacing, metrics: metrics),
            servicescapeExtent: { customer.servicescapeExtent(stageExtents: $0, direction: direction, metrics: metrics) },
            customerBandExtent: { customer.bandExtent(stageExtents: $0, direction: direction, metrics: metrics) },
            flowLabels: Drawing.routedFlowLabels(scene: scene, options: options, metrics: metrics),
            spacing: spacing, direction: options.direction, origin: origin)
        let legendTop = layout.bounds.maxY + (options.direction == .topToBottom ? 34 : 16)
        let legend =
            options.showLegend
            ? Legend(
                scene: scene, options: options, overlay: overlay, customer: customer, metrics: metrics, faces: FontFaces(fontName),
                origin: Point(x: Drawing.margin, y: legendTop), maxWidth: max(layout.bounds.width, 480))
            : nil
        let contentRight = max(layout.bounds.maxX, legend?.rect.maxX ?? 0, Drawing.margin + (titleBlock?.width ?? 0))
        let notesTop = max(legend?.rect.maxY ?? 0, layout.bounds.maxY + (options.direction == .topToBottom ? 24 : 0))
        let contentBottom = notesTop + (notes.isEmpty ? 0 : 8 + Double(notes.count) * Drawing.noteLineHeight(options))
        self.basis = basis
        self.overlay = overlay
        self.cards = cards
        self.layout = layout
        self.legend = legend
        self.titleBlock = titleBlock
        self.notesTop = notesTop
        self.pageSize = Size(width: (contentRight + Drawing.margin).rounded(.up), height: (contentBottom + Drawing.margin).rounded(.up))
    }

    /// The labels of the flows Graphviz routes (rework and self-loops are drawn as curves of their own).
    static func routedFlowLabels(scene: BlueprintScene, options: RenderOptions, metrics: TextMetrics) -> [BlueprintLayout.FlowLabel] {
        guard options.showFlowLabels else { return [] }
        return scene.edges.compactMap { edge in
            guard edge.flow.kind != .rework, edge.from != edge.to,
                let size = flowLabelSize(edge, scene: scene, options: options, metrics: metrics)
            else { return nil }
            return BlueprintLayout.FlowLabel(from: edge.from, to: edge.to, size: size)
        }
    }

    /// The height of one note line below the legend.
    static func noteLineHeight(_ options: RenderOptions) -> Double { (options.fontSize * 0.85).rounded() * 1.5 }

    /// A font name safe for DOT and xdot: one line, no quotes or backslashes, not empty.
    static func sanitizedFontName(_ name: String) -> String {
        let cleaned = DOTText.singleLine(name).filter { $0 != "\"" && $0 != "\\" }
        return cleaned.isEmpty ? "Helvetica" : String(cleaned.prefix(64))
    }

    /// Graphviz y for a top-down page y.
    func flipped(_ y: Double) -> Double { pageSize.height - y }

    /// The DOT text.
    func dot() -> String {
        var out: DOTSource = ""
        out.reserveCapacity(2_048 + scene.steps.count * 1_400 + scene.edges.count * 500)
        let graphID = DOTString(token: "blueprint-" + DOTText.token(scene.blueprint.id))
        let font = DOTString(token: fontName)
        out += "// Service blueprint \(DOTString(token: scene.blueprint.id)) drawn by ServiceBlueprint.\n"
        out += "// Positions are pinned: render with `dot -Tsvg` (layout=nop2) or `neato -n2 -Tsvg`.\n"
        out += "digraph \(graphID) {\n"
        out += "  graph [layout=\"nop2\", splines=\(DOTString(token: options.edgeRouting.graphvizSplines)), "
        out += "outputorder=\"edgesfirst\", pad=\"0\", bgcolor=\(DOTString(color: options.theme.background)), "
        out += "fontname=\(font), id=\(graphID), "
        out += "class=\"blueprint\", tooltip=\(DOTString(escString: scene.blueprint.title)),\n"
        out += "    _background=\(DOTString(xdotOperations: background()))];\n"
        out += "  node [shape=\"box\", style=\"rounded,filled\", fixedsize=\"true\", margin=\"0\", "
        out += "fontname=\(font), fontsize=\(DOTString(number: options.fontSize)), "
        out += "fontcolor=\(DOTString(color: options.theme.text)), penwidth=\"1.2\"];\n"
        out += "  edge [fontname=\(font), fontsize=\(DOTString(number: StepCard.detailSize(options.fontSize))), "
        out += "arrowsize=\"0.7\", penwidth=\"1.3\"];\n"
        writeSteps(into: &out)
        writeEvidenceItems(into: &out)
        writeFlows(into: &out)
        writeAssociations(into: &out)
        writeParallelSuggestions(into: &out)
        out += "}\n"
        return out.text
    }

    /// Per stage, the flow-axis extent its header needs.
    static func stageHeaderNeeds(
        scene: BlueprintScene, options: RenderOptions, spacing: BlueprintLayout.Spacing, metrics: TextMetrics
    ) -> [Double] {
        let size = options.fontSize * 1.05
        return scene.stages.map { stage in
            switch options.direction {
            case .leftToRight:
                return metrics.width(stage.title, size: size, bold: true) + 28
            case .topToBottom:
                let lines = metrics.wrap(stage.title, size: size, bold: true, maxWidth: spacing.stageHeaderExtent - 16, maxLines: 3)
                let goalSize = (options.fontSize * 0.78 * 2).rounded() / 2
                let goalLines = stage.goal.map {
                    metrics.wrap($0, size: goalSize, maxWidth: spacing.stageHeaderExtent - 16, maxLines: 2).count
                } ?? 0
                return Double(lines.count) * size * 1.3 + Double(goalLines) * goalSize * 1.35 + 20
            }
        }
    }

    /// Per lane, the lane-axis extent its title needs.
    static func laneTitleNeeds(options: RenderOptions, spacing: BlueprintLayout.Spacing, metrics: TextMetrics) -> [Double] {
        let size = options.fontSize * 0.95
        return Lane.allCases.map { lane in
            switch options.direction {
            case .leftToRight:
                let lines = metrics.wrap(lane.title, size: size, bold: true, maxWidth: spacing.laneTitleExtent - 20)
                return Double(lines.count) * size * 1.3 + 24
            case .topToBottom:
                return metrics.width(lane.title, size: size, bold: true) + 24
            }
        }
    }
}

/// What every view of a blueprint needs before anything is placed: the scene, the options as drawn,
/// the font and its measurement, the flow order and the customer's side. The blueprint view places
/// cards, flows and the legend on it (``Drawing``); the journey map needs nothing more, so it does
/// not pay for placing the blueprint.
struct DrawingBasis {
    /// The blueprint as drawn (long texts shortened).
    let shown: Blueprint
    let scene: BlueprintScene
    let options: RenderOptions
    let metrics: TextMetrics
    let fontName: String
    let faces: FontFaces
    let order: FlowOrder
    /// Evidence items, the servicescape, the emotion band and the highlighted journey.
    let customer: CustomerSide
    /// What the drawing changed to stay affordable and readable.
    let notes: [RenderNote]

    init(blueprint: Blueprint, options: RenderOptions, graph: BlueprintGraph? = nil, drawsWithCairo: Bool = false) {
        var options = options
        options.fontSize = min(max(options.fontSize.isFinite ? options.fontSize : 11, 6), 32)
        options.stepWidth = min(max(options.stepWidth.isFinite ? options.stepWidth : 164, 80), 600)
        // Texts are shortened on a drawing-only copy: the caller's blueprint is never changed.
        let (shown, shortened) = blueprint.shortenedForDrawing(limit: options.maximumTextLength)
        let scene = BlueprintScene(shown, graph: graph)
        let notes = RenderNote.notes(stepCount: scene.steps.count, shortenedTexts: shortened, options: options)
        if notes.contains(where: { $0.code == .straightRouting }) { options.edgeRouting = .straight }
        // The drawing's fixed texts (lane names, lines, legend) are in the drawing's language too.
        let characters = options.drawnCharacters(of: shown)
        let family = Drawing.sanitizedFontName(options.fontName)
        let fontName = drawsWithCairo
            ? FontChain.family(base: family, characters: characters, coverage: .installed) : family
        // Only cairo output (PNG, PDF) is drawn here, with the fonts measured here. SVG, DOT and the viewer are
        // drawn by a browser with its reader's fonts, which may lack ones this machine has (or draw Chinese one
        // em wide where this machine has only pango's narrower missing-glyph box): the padded estimate.
        let measurement = drawsWithCairo ? options.textMeasurement : .estimate
        let metrics = TextMetrics(faces: FontFaces(fontName), measurement: measurement, prepared: characters)
        let order = FlowOrder(
            graph: scene.graph, stageOfStep: scene.stageOfStep, laneOfStep: scene.steps.map(\.lane.position))
        let customer = CustomerSide(scene: scene, order: order, options: options, metrics: metrics)
        self.shown = shown
        self.scene = scene
        self.options = options
        self.metrics = metrics
        self.fontName = fontName
        self.faces = FontFaces(fontName)
        self.order = order
        self.customer = customer
        self.notes = notes
    }
}
