import ServiceBlueprint

extension Drawing {
    /// Arrowhead length in points: Graphviz's 10 × `arrowsize` (0.7).
    static let arrowLength = 7.0

    /// One edge statement per flow. Rework flows and self-loops get their own curve (pinned with `pos`),
    /// bulging below the cards (right of them, top to bottom) so they read as "back to"; every other
    /// flow is routed by Graphviz.
    func writeFlows(into out: inout DOTSource) {
        let theme = options.theme
        for edge in scene.edges {
            let flow = edge.flow
            var color = theme.color(for: flow.kind)
            var penWidth = 1.3
            var styles: [String] = []
            var classes = ["flow", "flow-\(flow.kind.rawValue)"]
            var arrowhead = "normal"
            var tailDot = false
            switch flow.kind {
            case .sequence: break
            case .information:
                styles.append("dashed")
                arrowhead = "empty"
            case .escalation:
                penWidth = 2.4
            case .rework:
                styles.append("dotted")
                penWidth = 1.6
            case .handoff:
                penWidth = 1.6
                tailDot = true
            }
            if edge.isTouchpoint {
                classes.append("touchpoint")
                if flow.kind == .sequence || flow.kind == .information { color = theme.touchpoint }
            }
            for line in edge.crossedLines { classes.append("crosses-\(line.rawValue)") }
            if let overlay, overlay.criticalFlows.contains(flow.id) {
                color = theme.critical
                penWidth = 3.2
                classes.append("critical")
            }
            if customer.isDimmed(edge.from) || customer.isDimmed(edge.to) {
                color = theme.stageDivider
                classes.append("dimmed")
            }

            out += "  \(nodeName(edge.from)) -> \(nodeName(edge.to)) [id=\(DOTString(token: edge.svgID)), "
            out += "class=\(DOTString(token: classes.joined(separator: " "))), color=\(DOTString(color: color))"
            if penWidth != 1.3 { out += ", penwidth=\(DOTString(number: penWidth))" }
            if !styles.isEmpty { out += ", style=\(DOTString(token: styles.joined(separator: ",")))" }
            if arrowhead != "normal", !(tailDot && options.edgeRouting == .orthogonal) { out += ", arrowhead=\(DOTString(token: arrowhead))" }
            if tailDot {
                // Graphviz 2.42's orthogonal router swaps the two ends of a `dir=both` edge (the
                // head's arrow lands at the tail), so for ortho the shapes are given swapped to come
                // out right: the dot at the source, the arrow at the target.
                out += options.edgeRouting == .orthogonal
                    ? ", dir=\"both\", arrowhead=\"dot\", arrowtail=\(DOTString(token: arrowhead))"
                    : ", dir=\"both\", arrowtail=\"dot\""
            }
            out += ", tooltip=\(DOTString(escString: tooltip(for: edge)))"
            let label = options.showFlowLabels ? flowLabel(edge) : nil
            if flow.kind == .rework || edge.from == edge.to {
                let curve = loopCurve(from: layout.cards[edge.from], to: layout.cards[edge.to], outward: true)
                out += ",\n    pos=\(DOTString(token: curve.pos))"
                if label != nil { out += ", lp=\(labelPosition(curve.label))" }
            }
            if let label { out += ",\n    label=\(label)" }
            out += "];\n"
        }
    }

    /// The suggested parallel pairs of the overlay: dashed connectors bulging above the cards (left of them,
    /// top to bottom), without arrowheads.
    func writeParallelSuggestions(into out: inout DOTSource) {
        guard let overlay else { return }
        let theme = options.theme
        var used: [String: Int] = [:]
        for pair in overlay.parallel {
            guard let first = scene.indexByID[pair.first], let second = scene.indexByID[pair.second], first != second
            else { continue }
            let base = "parallel-" + DOTText.token(pair.first) + "--" + DOTText.token(pair.second)
            let seen = used[base, default: 0]
            used[base] = seen + 1
            let curve = loopCurve(from: layout.cards[first], to: layout.cards[second], outward: false)
            var tip = options.text(
                "drawing.tooltip.parallel", ["first": .verbatim(scene.steps[first].title), "second": .verbatim(scene.steps[second].title)])
            let note = overlay.parallelNote(pair, in: options.language)
            if !note.isEmpty { tip += "\n\(note)" }
            out += "  \(nodeName(first)) -> \(nodeName(second)) [id=\(DOTString(token: seen == 0 ? base : base + "-\(seen + 1)")), "
            out += "class=\"overlay parallel\", color=\(DOTString(color: theme.parallel)), penwidth=\"1.6\", "
            out += "style=\"dashed\", dir=\"none\", tooltip=\(DOTString(escString: tip)),\n    pos=\(DOTString(token: curve.pos)), "
            out += "lp=\(labelPosition(curve.label)), "
            let mark: DOTHTMLLabel = "<font color=\"\(color: theme.parallel)\" face=\"\(faces.bold)\">∥</font>"
            out += "label=\(mark)];\n"
        }
    }

    /// A label position (`lp`) for a top-down page point.
    func labelPosition(_ point: Point) -> DOTString {
        DOTString(token: DOTText.number(point.x) + "," + DOTText.number(flipped(point.y)))
    }

    /// What a flow's label shows: the touchpoint channel (a pill) and the flow's label and
    /// probability; `nil` when it shows nothing.
    static func flowLabelParts(
        _ edge: BlueprintScene.Edge, scene: BlueprintScene, options: RenderOptions, metrics: TextMetrics
    ) -> (channel: String?, text: String?)? {
        let size = StepCard.detailSize(options.fontSize)
        var text: [String] = []
        if let label = edge.flow.label, !DOTText.singleLine(label).isEmpty {
            text.append(metrics.truncate(label, size: size, maxWidth: 150))
        }
        if let probability = edge.flow.probability { text.append(options.language.format(.percent(probability))) }
        let channel = edge.isTouchpoint
            ? (edge.channel.map { scene.channelTitle($0, in: options.language) } ?? options.text("drawing.chip.touchpoint")) : nil
        guard channel != nil || !text.isEmpty else { return nil }
        return (channel.map { metrics.truncate($0, size: size, maxWidth: 90) }, text.isEmpty ? nil : text.joined(separator: " · "))
    }

    /// The size of a flow's label as ``flowLabel(_:)`` draws it (the layout keeps room for it).
    static func flowLabelSize(
        _ edge: BlueprintScene.Edge, scene: BlueprintScene, options: RenderOptions, metrics: TextMetrics
    ) -> Size? {
        guard let parts = flowLabelParts(edge, scene: scene, options: options, metrics: metrics) else { return nil }
        let size = StepCard.detailSize(options.fontSize)
        var width = 0.0
        // Cell padding 1 on each side; the pill has a space either side of its text.
        if let channel = parts.channel { width += metrics.width(" \(channel) ", size: StepCard.badgeSize(options.fontSize), bold: true) + 4 }
        if let text = parts.text { width += metrics.width(text, size: size) + 4 }
        return Size(width: width, height: size * 1.25 + 4)
    }

    /// The label of a flow as HTML: the touchpoint channel as a pill, then the flow's label and probability.
    func flowLabel(_ edge: BlueprintScene.Edge) -> DOTHTMLLabel? {
        let theme = options.theme
        guard let parts = Drawing.flowLabelParts(edge, scene: scene, options: options, metrics: metrics) else { return nil }
        var html: DOTHTMLLabel =
            "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" bgcolor=\"\(color: theme.background)\"><tr>"
        if let channel = parts.channel {
            html += "<td bgcolor=\"\(color: theme.touchpoint)\"><font point-size=\"\(number: StepCard.badgeSize(options.fontSize))\" "
            html += "color=\"\(color: theme.badgeText)\" face=\"\(faces.bold)\"> "
            html += "\(channel) </font></td>"
        }
        if let text = parts.text {
            html += "<td><font point-size=\"\(number: StepCard.detailSize(options.fontSize))\" color=\"\(color: theme.mutedText)\">"
            html += "\(text)</font></td>"
        }
        return html + "</tr></table>"
    }

    /// The tooltip of a flow.
    func tooltip(for edge: BlueprintScene.Edge) -> String {
        let from = scene.steps[edge.from]
        let to = scene.steps[edge.to]
        var lines = ["\(from.title) → \(to.title)", options.text("drawing.tooltip.flow.\(edge.flow.kind.rawValue)")]
        if !edge.crossedLines.isEmpty {
            let crossed = edge.crossedLines.map { TextArgument.verbatim($0.title(in: options.language).lowercased()) }
            lines.append(options.text("drawing.tooltip.crosses", ["lines": .enumeration(crossed)]))
        }
        if edge.isTouchpoint {
            lines.append(edge.channel.map {
                options.text("drawing.tooltip.touchpoint", ["channel": .verbatim(scene.channelTitle($0, in: options.language))])
            } ?? options.text("drawing.tooltip.touchpoint.unspecified"))
        }
        if let label = edge.flow.label { lines.append(label) }
        if let probability = edge.flow.probability { lines.append(options.text("drawing.tooltip.probability", ["probability": .percent(probability)])) }
        return lines.joined(separator: "\n")
    }

    /// A cubic Bézier from one card to another (or a card to itself), in Graphviz `pos` syntax with the
    /// arrow end point, plus a label position.
    ///
    /// The curve leaves and enters on the same side of both cards and bulges away from them: below the
    /// cards (right of them, top to bottom) when `outward`, above (left) otherwise. When both cards sit in
    /// one column, a curve below one would run through the other, so it uses the cards' trailing side
    /// (leading side when not `outward`) instead.
    func loopCurve(from source: Rect, to target: Rect, outward: Bool) -> (pos: String, label: Point) {
        let horizontal = options.direction == .leftToRight
        let sign = outward ? 1.0 : -1.0
        // Cards as intervals on the flow axis (f) and the lane axis (l).
        struct Span {
            var low: Double
            var high: Double
            var middle: Double { (low + high) / 2 }
            var extent: Double { high - low }
        }
        func flowSpan(_ rect: Rect) -> Span { horizontal ? Span(low: rect.minX, high: rect.maxX) : Span(low: rect.minY, high: rect.maxY) }
        func laneSpan(_ rect: Rect) -> Span { horizontal ? Span(low: rect.minY, high: rect.maxY) : Span(low: rect.minX, high: rect.maxX) }
        func point(flow: Double, lane: Double) -> Point { horizontal ? Point(x: flow, y: lane) : Point(x: lane, y: flow) }

        let same = source == target
        let sameColumn = !same && abs(flowSpan(source).middle - flowSpan(target).middle) < 1
        // `along` is the axis the ends are spread on; `across` is the axis the curve bulges on.
        let (alongSource, alongTarget, acrossSource, acrossTarget, depth) =
            sameColumn
            ? (laneSpan(source), laneSpan(target), flowSpan(source), flowSpan(target), options.fontSize / 11 * 30)
            : (flowSpan(source), flowSpan(target), laneSpan(source), laneSpan(target),
               min(layout.rowGap, layout.lanePadding) * 1.15 + (same ? 6 : 0))
        func make(along: Double, across: Double) -> Point {
            sameColumn ? point(flow: across, lane: along) : point(flow: along, lane: across)
        }
        let toward: Double = alongTarget.middle >= alongSource.middle ? 1 : -1
        let startAlong = alongSource.middle + (same ? -0.22 : 0.2 * toward) * alongSource.extent
        let endAlong = alongTarget.middle + (same ? 0.22 : -0.2 * toward) * alongTarget.extent
        let startAcross = outward ? acrossSource.high : acrossSource.low
        let endAcross = outward ? acrossTarget.high : acrossTarget.low
        let outer = outward ? max(startAcross, endAcross) : min(startAcross, endAcross)
        let control = outer + sign * depth

        let p0 = make(along: startAlong, across: startAcross)
        let c1 = make(along: startAlong, across: control)
        let c2 = make(along: endAlong, across: control)
        let tip = make(along: endAlong, across: endAcross)
        let p3 = make(along: endAlong, across: endAcross + sign * Drawing.arrowLength)
        func gv(_ p: Point) -> String { "\(DOTText.number(p.x)),\(DOTText.number(flipped(p.y)))" }
        // Directed curves stop short of the card for the arrowhead; undirected ones touch it.
        let pos = outward
            ? "e,\(gv(tip)) \(gv(p0)) \(gv(c1)) \(gv(c2)) \(gv(p3))"
            : "\(gv(p0)) \(gv(c1)) \(gv(c2)) \(gv(tip))"
        // The curve's middle, B(½) = (P0 + 3·C1 + 3·C2 + P3) / 8, nudged outward for the label.
        let middle = Point(x: (p0.x + 3 * c1.x + 3 * c2.x + p3.x) / 8, y: (p0.y + 3 * c1.y + 3 * c2.y + p3.y) / 8)
        let nudge = make(along: 0, across: sign * 6)
        return (pos, Point(x: middle.x + nudge.x, y: middle.y + nudge.y))
    }
}
