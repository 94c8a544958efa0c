import ServiceBlueprint

/// The customer's side of the drawing: evidence items as notes in the evidence lane, linked to their step;
/// the servicescape row; the emotion band with its curve, pain points and moments of truth.
extension Drawing {
    // MARK: Axes

    /// A page point from a flow-axis and a lane-axis coordinate (both already on the page).
    func customerPoint(flow: Double, lane: Double) -> Point {
        options.direction == .leftToRight ? Point(x: flow, y: lane) : Point(x: lane, y: flow)
    }

    /// The flow-axis middle of a rectangle.
    func flowMiddle(_ rect: Rect) -> Double { options.direction == .leftToRight ? rect.midX : rect.midY }

    /// The lane-axis position of an emotion (−2…+2) in the band: up for better (right, top to bottom).
    func emotionPosition(_ emotion: Double, band: Rect) -> Double {
        let share = (min(max(emotion, -2), 2) + 2) / 4
        switch options.direction {
        case .leftToRight: return band.minY + customer.padding + (1 - share) * customer.curveExtent
        case .topToBottom: return band.minX + customer.padding + share * customer.curveExtent
        }
    }

    // MARK: Evidence items

    /// The DOT node name of a step's evidence note: `_it` never occurs in a step's token, so names cannot clash.
    func evidenceNodeName(_ item: CustomerSide.EvidenceItem) -> DOTString {
        DOTString(token: DOTText.token(scene.steps[item.step].id) + "_item")
    }

    /// One note per step with evidence, pinned in the evidence lane in its step's column, and a dotted link
    /// to the step: straight down when nothing lies between them, else routed around like a flow.
    func writeEvidenceItems(into out: inout DOTSource) {
        let theme = options.theme
        let colors = theme.colors(for: .evidence)
        let total = scene.steps.count + customer.evidenceItems.count
        for (index, item) in customer.evidenceItems.enumerated() {
            let rect = layout.extraCards[index]
            let dimmed = customer.isDimmed(item.step)
            let stepToken = DOTText.token(scene.steps[item.step].id)
            let box = Drawing.routingBox(
                center: Point(x: rect.midX, y: flipped(rect.midY)), width: rect.width, height: rect.height,
                index: scene.steps.count + index, count: total)
            let text = dimmed ? theme.dimmed.text : theme.text
            // A fixed-width table, so left-aligned items line up at the note's left edge.
            let inner = Int((rect.width - 14).rounded(.down))
            var label: DOTHTMLLabel = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" "
            label += "fixedsize=\"true\" width=\"\(inner)\" height=\"\(Int((rect.height - 10).rounded(.down)))\">"
            for (number, lines) in item.lines.enumerated() {
                // Items after the first get a little air above them.
                label += number > 0 ? "<tr><td align=\"left\" balign=\"left\" cellpadding=\"1\">" : "<tr><td align=\"left\" balign=\"left\">"
                label += "<font point-size=\"\(number: customer.itemSize)\" "
                label += "color=\"\(color: text)\">"
                label += DOTHTMLLabel.joined(lines.map(DOTHTMLLabel.init(text:)), separator: "<br/>")
                label += "</font></td></tr>"
            }
            label += "</table>"
            let border = dimmed ? theme.stageDivider : colors.stepBorder
            out += "  \(evidenceNodeName(item)) [id=\(DOTString(token: "evidence-\(stepToken)")), "
            out += "class=\(DOTString(token: dimmed ? "evidence-item dimmed" : "evidence-item")), shape=\"note\", style=\"filled\", "
            out += "pos=\(DOTString(token: DOTText.fine(box.center.x) + "," + DOTText.fine(box.center.y) + "!")), "
            out += "width=\(DOTString(token: DOTText.inches(box.width))), height=\(DOTString(token: DOTText.inches(box.height))), "
            out += "fillcolor=\(DOTString(color: dimmed ? theme.background : colors.stepFill)), "
            out += "color=\(DOTString(color: border)), penwidth=\"1\",\n"
            out += "    tooltip=\(DOTString(escString: options.text("drawing.evidence.tooltip", ["step": .verbatim(scene.steps[item.step].title), "items": .verbatim(item.texts.joined(separator: "\n"))]))),\n"
            out += "    label=\(label)];\n"
            out += "  \(evidenceNodeName(item)) -> \(nodeName(item.step)) [id=\(DOTString(token: "evidence-link-\(stepToken)")), "
            out += "class=\"evidence-link\", dir=\"none\", style=\"dotted\", penwidth=\"1.2\", "
            out += "color=\(DOTString(color: border)), tooltip=\"evidence\""
            if let line = straightLink(from: index) {
                // A pinned straight spline: start, two controls on the line, end.
                func gv(_ point: Point) -> String { DOTText.number(point.x) + "," + DOTText.number(flipped(point.y)) }
                let spline = [gv(line.0), gv(line.0), gv(line.1), gv(line.1)].joined(separator: " ")
                out += ", pos=\(DOTString(token: spline))"
            }
            out += "];\n"
        }
    }

    /// A straight link from evidence note `index` to its step along the lane axis, near the cards' leading
    /// edge (clear of flows, which meet cards in the middle), when no other card lies in between.
    func straightLink(from index: Int) -> (Point, Point)? {
        let note = layout.extraCards[index]
        let card = layout.cards[customer.evidenceItems[index].step]
        let horizontal = options.direction == .leftToRight
        let offset = 12 * customer.scale
        let (start, end): (Point, Point)
        if horizontal {
            let x = max(note.minX, card.minX) + offset
            guard x < min(note.maxX, card.maxX) else { return nil }
            (start, end) = note.maxY <= card.minY
                ? (Point(x: x, y: note.maxY), Point(x: x, y: card.minY)) : (Point(x: x, y: note.minY), Point(x: x, y: card.maxY))
        } else {
            let y = max(note.minY, card.minY) + offset
            guard y < min(note.maxY, card.maxY) else { return nil }
            (start, end) = note.maxX <= card.minX
                ? (Point(x: note.maxX, y: y), Point(x: card.minX, y: y)) : (Point(x: note.minX, y: y), Point(x: card.maxX, y: y))
        }
        let segment = Rect(
            x: min(start.x, end.x) - 0.5, y: min(start.y, end.y) + 0.5,
            width: abs(end.x - start.x) + 1, height: max(0, abs(end.y - start.y) - 1))
        func crosses(_ rect: Rect) -> Bool {
            rect.minX < segment.maxX && segment.minX < rect.maxX && rect.minY < segment.maxY && segment.minY < rect.maxY
        }
        let blocked = layout.cards.contains(where: crosses)
            || layout.extraCards.indices.contains { $0 != index && crosses(layout.extraCards[$0]) }
        return blocked ? nil : (start, end)
    }

    // MARK: Band and servicescape

    /// The emotion band's fill, title and scale, drawn before the stage dividers so they cross it.
    func drawCustomerBandBackground(into canvas: inout XDotCanvas) {
        guard let band = layout.customerBand, let titleArea = layout.lanes.first?.titleRect else { return }
        let theme = options.theme
        canvas.fillRect(band, color: theme.legendFill)
        let horizontal = options.direction == .leftToRight
        let titleSize = options.fontSize * 0.95
        let scaleSize = (options.fontSize * 0.72 * 2).rounded() / 2
        let muted = theme.mutedText
        if horizontal {
            let titleEnd = band.minX + titleArea.width
            let (first, second) = (options.text("drawing.emotion.first"), options.text("drawing.emotion.second"))
            canvas.text(
                first, x: band.minX + 10, middleY: band.minY + customer.padding + titleSize * 0.7, alignment: .left,
                size: titleSize, faces: faces, bold: true, color: theme.text, width: metrics.width(first, size: titleSize, bold: true))
            canvas.text(
                second, x: band.minX + 10, middleY: band.minY + customer.padding + titleSize * 2, alignment: .left,
                size: titleSize, faces: faces, bold: true, color: theme.text, width: metrics.width(second, size: titleSize, bold: true))
            for (value, text) in [(2.0, "+2"), (0.0, "0"), (-2.0, "−2")] {
                let y = emotionPosition(value, band: band)
                canvas.text(
                    text, x: titleEnd - 8, middleY: y, alignment: .right, size: scaleSize, faces: faces, color: muted,
                    width: metrics.width(text, size: scaleSize))
                canvas.polyline(
                    [Point(x: titleEnd, y: y), Point(x: band.maxX, y: y)], color: theme.stageDivider,
                    width: value == 0 ? 0.8 : 0.5, stroke: value == 0 ? .dashed : .dotted)
            }
            if customer.labels.contains(where: { !$0.isEmpty }) {
                let y = band.minY + customer.padding * 1.5 + customer.curveExtent
                canvas.polyline([Point(x: band.minX, y: y), Point(x: band.maxX, y: y)], color: theme.stageDivider, width: 0.5)
                let (pains, truths) = (options.text("drawing.painPoints.first"), options.text("drawing.painPoints.second"))
                canvas.text(
                    pains, x: band.minX + 10, middleY: y + customer.lineHeight * 0.8, alignment: .left,
                    size: scaleSize, faces: faces, italic: true, color: muted, width: metrics.width(pains, size: scaleSize, italic: true))
                canvas.text(
                    truths, x: band.minX + 10, middleY: y + customer.lineHeight * 1.8, alignment: .left,
                    size: scaleSize, faces: faces, italic: true, color: muted, width: metrics.width(truths, size: scaleSize, italic: true))
            }
        } else {
            let title = options.text("drawing.emotion")
            let lines = metrics.wrap(title, size: titleSize, bold: true, maxWidth: band.width - 12)
            var middle = band.minY + 12
            for line in lines {
                canvas.text(
                    line, x: band.minX + customer.padding, middleY: middle, alignment: .left, size: titleSize, faces: faces,
                    bold: true, color: theme.text, width: metrics.width(line, size: titleSize, bold: true))
                middle += titleSize * 1.3
            }
            let titleEnd = band.minY + titleArea.height
            for (value, text) in [(-2.0, "−2"), (0.0, "0"), (2.0, "+2")] {
                let x = emotionPosition(value, band: band)
                canvas.text(
                    text, x: x, middleY: titleEnd - 8, alignment: .center, size: scaleSize, faces: faces, color: muted,
                    width: metrics.width(text, size: scaleSize))
                canvas.polyline(
                    [Point(x: x, y: titleEnd), Point(x: x, y: band.maxY)], color: theme.stageDivider,
                    width: value == 0 ? 0.8 : 0.5, stroke: value == 0 ? .dashed : .dotted)
            }
        }
    }

    /// The servicescape: blueprint evidence throughout, stage evidence per column, at the start of the
    /// evidence lane.
    func drawServicescape(into canvas: inout XDotCanvas) {
        guard let row = layout.servicescape, let titleArea = layout.lanes.first?.titleRect else { return }
        let theme = options.theme
        let colors = theme.colors(for: .evidence)
        let size = customer.textSize
        let horizontal = options.direction == .leftToRight
        let labelSize = (options.fontSize * 0.72 * 2).rounded() / 2
        if horizontal {
            let servicescape = options.text("drawing.servicescape")
            canvas.text(
                servicescape, x: row.minX + 10, middleY: row.minY + customer.padding + customer.lineHeight / 2,
                alignment: .left, size: labelSize, faces: faces, italic: true, color: colors.title,
                width: metrics.width(servicescape, size: labelSize, italic: true))
            canvas.polyline(
                [Point(x: row.minX + titleArea.width, y: row.maxY), Point(x: row.maxX, y: row.maxY)],
                color: colors.stepBorder, width: 0.6, stroke: .dashed)
            var top = row.minY + customer.padding
            if !customer.throughout.isEmpty, let first = layout.stages.first {
                let text = metrics.truncate(
                    options.text("drawing.servicescape.throughout", ["items": .verbatim(customer.throughout.joined(separator: " · "))]), size: size,
                    maxWidth: row.maxX - first.rect.minX - 2 * customer.padding)
                canvas.text(
                    text, x: first.rect.minX + customer.padding, middleY: top + customer.lineHeight / 2, alignment: .left,
                    size: size, faces: faces, italic: true, color: theme.text, width: metrics.width(text, size: size, italic: true))
                top += customer.lineHeight
            }
            for (index, stage) in layout.stages.enumerated() where index < customer.stageEvidence.count {
                let lines = customer.servicescapeLines(
                    stage: index, width: stage.rect.width - 2 * customer.padding, direction: .leftToRight, metrics: metrics)
                for (number, line) in lines.enumerated() {
                    canvas.text(
                        line, x: stage.rect.minX + customer.padding, middleY: top + (Double(number) + 0.5) * customer.lineHeight,
                        alignment: .left, size: size, faces: faces, color: theme.text, width: metrics.width(line, size: size))
                }
            }
        } else {
            let servicescape = options.text("drawing.servicescape")
            canvas.text(
                servicescape, x: row.midX, middleY: row.minY + titleArea.height - 10, alignment: .center, size: labelSize,
                faces: faces, italic: true, color: colors.title, width: metrics.width(servicescape, size: labelSize, italic: true))
            canvas.polyline(
                [Point(x: row.maxX, y: row.minY + titleArea.height), Point(x: row.maxX, y: row.maxY)],
                color: colors.stepBorder, width: 0.6, stroke: .dashed)
            for (index, stage) in layout.stages.enumerated() where index < customer.stageEvidence.count {
                let lines = customer.servicescapeLines(
                    stage: index, width: customer.sideServicescapeWidth, direction: .topToBottom, metrics: metrics)
                for (number, line) in lines.enumerated() {
                    canvas.text(
                        line, x: row.minX + customer.padding,
                        middleY: stage.rect.minY + customer.padding + (Double(number) + 0.5) * customer.lineHeight,
                        alignment: .left, size: size, faces: faces, color: theme.text, width: metrics.width(line, size: size))
                }
            }
        }
    }

    // MARK: The curve

    /// The flow-axis position of a curve point.
    func flowPosition(_ anchor: CustomerSide.EmotionPoint.Anchor) -> Double {
        switch anchor {
        case .steps(let steps): steps.first.map { flowMiddle(layout.cards[$0]) } ?? 0
        case .stage(let stage): stage < layout.stages.count ? flowMiddle(layout.stages[stage].rect) : 0
        }
    }

    /// The curve's lane-axis position at flow position `flow` (linear between points, flat past the ends);
    /// the neutral line when there is no curve.
    func curvePosition(at flow: Double, points: [(flow: Double, lane: Double)], band: Rect) -> Double {
        guard let first = points.first, let last = points.last else { return emotionPosition(0, band: band) }
        if flow <= first.flow { return first.lane }
        if flow >= last.flow { return last.lane }
        for (a, b) in zip(points, points.dropFirst()) where flow <= b.flow {
            let span = b.flow - a.flow
            return span <= 0 ? b.lane : a.lane + (b.lane - a.lane) * (flow - a.flow) / span
        }
        return last.lane
    }

    /// The emotion curve through the points, its dots, the marks of pain points and moments of truth, and
    /// their labels per stage.
    func drawEmotionCurve(into canvas: inout XDotCanvas) {
        guard let band = layout.customerBand else { return }
        let theme = options.theme
        let scale = customer.scale
        let points = customer.points.map { (flow: flowPosition($0.anchor), lane: emotionPosition($0.emotion, band: band)) }
        let page = points.map { customerPoint(flow: $0.flow, lane: $0.lane) }
        if page.count > 1 {
            canvas.bezier(Drawing.smoothCurve(through: page), color: theme.stageHeaderFill, width: 2.2 * scale)
        }
        for (index, point) in customer.points.enumerated() {
            let color = point.emotion < 0 ? theme.failBadge : point.emotion > 0 ? theme.colors(for: .frontstage).title : theme.mutedText
            canvas.disc(center: page[index], radius: 3.6 * scale, color: color)
        }
        // A step's pain point sits on the curve at its step; a stage's own marks sit beside the curve at the
        // stage's middle, on the side with room.
        for step in customer.painSteps {
            let flow = flowMiddle(layout.cards[step])
            let lane = curvePosition(at: flow, points: points, band: band)
            canvas.polygon(Drawing.diamond(at: customerPoint(flow: flow, lane: lane), radius: 6 * scale), fill: theme.failBadge, border: theme.background, borderWidth: 1)
        }
        let neutral = emotionPosition(0, band: band)
        for (index, labels) in customer.labels.enumerated() where index < layout.stages.count {
            let own = labels.filter { $0.step == nil }
            guard !own.isEmpty else { continue }
            let flow = flowMiddle(layout.stages[index].rect)
            let lane = curvePosition(at: flow, points: points, band: band)
            // Away from the curve, towards the neutral line's far side: below a high curve, above a low one.
            let towardsBetter: Double = options.direction == .leftToRight ? -1 : 1
            let side = (lane - neutral) * towardsBetter > 0 ? -towardsBetter : towardsBetter
            let offset = lane + side * 13 * scale
            var kinds: [CustomerSide.MarkKind] = []
            if own.contains(where: { $0.kind == .painPoint }) { kinds.append(.painPoint) }
            if own.contains(where: { $0.kind == .momentOfTruth }) { kinds.append(.momentOfTruth) }
            for (position, kind) in kinds.enumerated() {
                let shift = (Double(position) - Double(kinds.count - 1) / 2) * 14 * scale
                drawMark(kind, at: customerPoint(flow: flow + shift, lane: offset), radius: 5.5 * scale, into: &canvas)
            }
        }

        // Labels: left to right under the curve in each stage's column; top to bottom beside it.
        let size = customer.textSize
        for (index, labels) in customer.labels.enumerated() where index < layout.stages.count && !labels.isEmpty {
            let stage = layout.stages[index].rect
            let width: Double
            var cursor: Point
            switch options.direction {
            case .leftToRight:
                width = stage.width - 2 * customer.padding
                cursor = Point(x: stage.minX + customer.padding, y: band.minY + 2 * customer.padding + customer.curveExtent)
            case .topToBottom:
                width = customer.sideLabelWidth
                cursor = Point(x: band.minX + 2 * customer.padding + customer.curveExtent, y: stage.minY + customer.padding)
            }
            for label in labels {
                let lines = customer.lines(of: label, width: width, metrics: metrics)
                drawMark(label.kind, at: Point(x: cursor.x + size * 0.45, y: cursor.y + customer.lineHeight / 2), radius: size * 0.45, into: &canvas)
                for (number, line) in lines.enumerated() {
                    canvas.text(
                        line, x: cursor.x + customer.markWidth, middleY: cursor.y + (Double(number) + 0.5) * customer.lineHeight,
                        alignment: .left, size: size, faces: faces, italic: label.step == nil, color: theme.text,
                        width: metrics.width(line, size: size))
                }
                cursor.y += Double(lines.count) * customer.lineHeight + 2
            }
        }
    }

    /// A pain point (red diamond) or moment of truth (gold star).
    func drawMark(_ kind: CustomerSide.MarkKind, at center: Point, radius: Double, into canvas: inout XDotCanvas) {
        Drawing.mark(kind, at: center, radius: radius, theme: options.theme, into: &canvas)
    }

    static func mark(_ kind: CustomerSide.MarkKind, at center: Point, radius: Double, theme: RenderTheme, into canvas: inout XDotCanvas) {
        switch kind {
        case .painPoint:
            canvas.polygon(Drawing.diamond(at: center, radius: radius), fill: theme.failBadge, border: theme.failBadge, borderWidth: 0.5)
        case .momentOfTruth:
            canvas.polygon(Drawing.star(at: center, radius: radius * 1.15), fill: theme.waitBadge, border: theme.text, borderWidth: 0.5)
        }
    }

    static func diamond(at center: Point, radius: Double) -> [Point] {
        [Point(x: center.x, y: center.y - radius), Point(x: center.x + radius, y: center.y),
         Point(x: center.x, y: center.y + radius), Point(x: center.x - radius, y: center.y)]
    }

    /// A five-pointed star; the points are fixed fractions, so the output is the same everywhere.
    static func star(at center: Point, radius: Double) -> [Point] {
        // cos and sin of −90° + k·36°, k = 0…9, to six decimals: outer points on even k, inner (0.45 r) on odd.
        let unit: [(Double, Double)] = [
            (0, -1), (0.587785, -0.809017), (0.951057, -0.309017), (0.951057, 0.309017), (0.587785, 0.809017),
            (0, 1), (-0.587785, 0.809017), (-0.951057, 0.309017), (-0.951057, -0.309017), (-0.587785, -0.809017),
        ]
        return unit.enumerated().map { index, direction in
            let r = index % 2 == 0 ? radius : radius * 0.45
            return Point(x: center.x + r * direction.0, y: center.y + r * direction.1)
        }
    }

    /// Bézier control points for a smooth curve through `points` (Catmull–Rom, tension ½): 3n − 2 points.
    static func smoothCurve(through points: [Point]) -> [Point] {
        guard points.count > 1 else { return points }
        var result = [points[0]]
        for index in 0..<(points.count - 1) {
            let p0 = points[max(index - 1, 0)]
            let p1 = points[index]
            let p2 = points[index + 1]
            let p3 = points[min(index + 2, points.count - 1)]
            // Controls keep the flow order (no loops backwards) and stay between their neighbours.
            let c1 = Point(x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6)
            let c2 = Point(x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6)
            result += [c1, c2, p2]
        }
        return result
    }
}

extension RenderTheme {
    /// The theme for steps off the highlighted journey: faint borders and text, no fill.
    var dimmed: RenderTheme {
        var theme = self
        theme.text = redundant
        theme.mutedText = stageDivider
        theme.failBadge = stageDivider
        theme.waitBadge = legendBorder
        theme.kindBadge = legendFill
        theme.lanes = lanes.map { LaneColors(band: $0.band, title: $0.title, stepFill: background, stepBorder: stageDivider) }
        return theme
    }
}

extension DrawingBasis {
    /// A pain point or moment of truth, as ``Drawing`` draws it.
    func drawMark(_ kind: CustomerSide.MarkKind, at center: Point, radius: Double, into canvas: inout XDotCanvas) {
        Drawing.mark(kind, at: center, radius: radius, theme: options.theme, into: &canvas)
    }
}
