import ServiceBlueprint

/// The legend below the diagram: the flow kinds and markers the blueprint uses, and the overlay's
/// symbols when an overlay is drawn. Drawn in the background, so it never gets in the way of routing.
struct Legend {
    enum Sample {
        case line(color: String, width: Double, stroke: XDotCanvas.Stroke, tailDot: Bool)
        case badge(text: String, fill: String, textColor: String)
        case text(String)
        case swatches([String])
        case square(String)
        case box(fill: String, border: String)
        case diamond(String)
        case star(fill: String, border: String)
        case curve(String)
    }

    struct Item {
        var sample: Sample
        var label: String
        var sampleWidth: Double
        var width: Double
    }

    let rect: Rect
    private let placed: [(item: Item, origin: Point)]
    private let faces: FontFaces
    private let textSize: Double
    private let badgeSize: Double
    private let rowHeight: Double
    private let title: String

    init(
        scene: BlueprintScene, options: RenderOptions, overlay: RenderOverlay?, customer: CustomerSide? = nil,
        metrics: TextMetrics, faces: FontFaces, origin: Point, maxWidth: Double
    ) {
        let theme = options.theme
        title = options.text("drawing.legend")
        self.faces = faces
        textSize = (options.fontSize * 0.78 * 2).rounded() / 2
        badgeSize = StepCard.badgeSize(options.fontSize)
        rowHeight = (textSize * 2.1).rounded()
        let textSize = textSize
        let badgeSize = badgeSize
        func lineItem(_ label: String, _ color: String, width: Double = 1.3, _ stroke: XDotCanvas.Stroke = .solid, tailDot: Bool = false) -> Item {
            Item(sample: .line(color: color, width: width, stroke: stroke, tailDot: tailDot), label: label, sampleWidth: 34, width: 0)
        }
        func badgeItem(_ text: String, _ fill: String, _ textColor: String, _ label: String) -> Item {
            Item(
                sample: .badge(text: text, fill: fill, textColor: textColor), label: label,
                sampleWidth: StepCard.badgeWidth(text, size: badgeSize, metrics: metrics), width: 0)
        }

        let kinds = Set(scene.edges.map(\.flow.kind))
        var items: [Item] = [lineItem(options.text("drawing.legend.sequence"), theme.sequenceFlow)]
        if kinds.contains(.information) { items.append(lineItem(options.text("drawing.legend.information"), theme.informationFlow, .dashed)) }
        if kinds.contains(.escalation) { items.append(lineItem(options.text("drawing.legend.escalation"), theme.escalationFlow, width: 2.4)) }
        if kinds.contains(.rework) { items.append(lineItem(options.text("drawing.legend.rework"), theme.reworkFlow, width: 1.6, .dotted)) }
        if kinds.contains(.handoff) { items.append(lineItem(options.text("drawing.legend.handoff"), theme.handoffFlow, width: 1.6, tailDot: true)) }
        if scene.edges.contains(where: \.isTouchpoint) {
            items.append(badgeItem(options.text("drawing.legend.channel"), theme.touchpoint, theme.badgeText, options.text("drawing.legend.touchpoint")))
        }
        let steps = scene.steps
        if options.showBadges, steps.contains(where: { $0.failPoint != nil }) {
            items.append(badgeItem(options.text("drawing.badge.failPoint"), theme.failBadge, theme.badgeText, options.text("drawing.legend.failPoint")))
        }
        if options.showBadges, steps.contains(where: { $0.waitPoint != nil }) {
            items.append(badgeItem(options.text("drawing.legend.waitBadge"), theme.waitBadge, theme.text, options.text("drawing.legend.waitPoint")))
        }
        if options.showTimes, steps.contains(where: { $0.duration != nil }) {
            let sample = options.text("drawing.legend.processTimeSample")
            items.append(Item(sample: .text(sample), label: options.text("drawing.legend.processTime"), sampleWidth: metrics.width(sample, size: textSize), width: 0))
        }
        if options.showStandards, steps.contains(where: { $0.standards.time != nil }) {
            let sample = options.text("drawing.legend.standardSample")
            items.append(Item(sample: .text(sample), label: options.text("drawing.legend.timeStandard"), sampleWidth: metrics.width(sample, size: textSize), width: 0))
        }
        if let customer {
            if !customer.evidenceItems.isEmpty {
                let colors = theme.colors(for: .evidence)
                items.append(Item(sample: .box(fill: colors.stepFill, border: colors.stepBorder), label: options.text("drawing.legend.evidence"), sampleWidth: 18, width: 0))
            }
            if !customer.points.isEmpty {
                items.append(Item(sample: .curve(theme.stageHeaderFill), label: options.text("drawing.legend.emotion"), sampleWidth: 34, width: 0))
            }
            let kinds = customer.labels.flatMap { $0.map(\.kind) }
            if kinds.contains(.painPoint) {
                items.append(Item(sample: .diamond(theme.failBadge), label: options.text("drawing.legend.painPoint"), sampleWidth: 10, width: 0))
            }
            if kinds.contains(.momentOfTruth) {
                items.append(Item(sample: .star(fill: theme.waitBadge, border: theme.text), label: options.text("drawing.legend.momentOfTruth"), sampleWidth: 12, width: 0))
            }
        }
        if let overlay {
            if !overlay.heat.isEmpty {
                items.append(Item(
                    sample: .swatches([0, 0.25, 0.5, 0.75, 1].map { Drawing.heatColor($0, theme: theme) }),
                    label: "\(DOTText.singleLine(options.heatTitle(of: overlay))) 0 → 100 %", sampleWidth: 50, width: 0))
            }
            if !overlay.criticalSteps.isEmpty || !overlay.criticalFlows.isEmpty {
                items.append(lineItem(options.text("drawing.legend.criticalPath"), theme.critical, width: 3.2))
            }
            if !overlay.redundant.isEmpty {
                items.append(badgeItem(options.text("drawing.badge.redundant"), theme.redundant, theme.badgeText, options.text("drawing.legend.redundant")))
            }
            if !overlay.parallel.isEmpty {
                items.append(lineItem(options.text("drawing.legend.parallel"), theme.parallel, width: 1.6, .dashed))
            }
            let severities = Set(overlay.findings.values.flatMap { $0.map(\.severity) })
            for severity in Severity.allCases.reversed() where severities.contains(severity) {
                items.append(Item(sample: .square(theme.color(for: severity)), label: options.text("drawing.legend.finding.\(severity.rawValue)"), sampleWidth: 10, width: 0))
            }
        }

        // Flow the items into rows.
        let padding = 10.0
        let titleWidth = metrics.width(title, size: textSize, bold: true) + 16
        var placed: [(item: Item, origin: Point)] = []
        var x = origin.x + padding + titleWidth
        var y = origin.y + padding
        var right = x
        for var item in items {
            item.width = item.sampleWidth + 8 + metrics.width(item.label, size: textSize) + 18
            if x + item.width > origin.x + maxWidth - padding, x > origin.x + padding + titleWidth {
                x = origin.x + padding + titleWidth
                y += rowHeight
            }
            placed.append((item, Point(x: x, y: y)))
            x += item.width
            right = max(right, x)
        }
        self.placed = placed
        rect = Rect(x: origin.x, y: origin.y, width: right - origin.x + padding - 12, height: y + rowHeight - origin.y + padding)
    }

    func draw(into canvas: inout XDotCanvas, theme: RenderTheme) {
        let corners = [
            Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
            Point(x: rect.maxX, y: rect.maxY), Point(x: rect.minX, y: rect.maxY),
        ]
        canvas.polygon(corners, fill: theme.legendFill, border: theme.legendBorder, borderWidth: 0.8)
        canvas.text(
            title, x: rect.minX + 10, middleY: rect.minY + 10 + rowHeight / 2, alignment: .left, size: textSize,
            faces: faces, bold: true, color: theme.text, width: 40)
        for (item, origin) in placed {
            let middle = origin.y + rowHeight / 2
            let sampleEnd = origin.x + item.sampleWidth
            switch item.sample {
            case .line(let color, let width, let stroke, let tailDot):
                canvas.polyline([Point(x: origin.x, y: middle), Point(x: sampleEnd - 5, y: middle)], color: color, width: width, stroke: stroke)
                canvas.polygon(
                    [Point(x: sampleEnd - 7, y: middle - 3.5), Point(x: sampleEnd, y: middle), Point(x: sampleEnd - 7, y: middle + 3.5)],
                    fill: color, border: color, borderWidth: 1)
                if tailDot { canvas.disc(center: Point(x: origin.x + 2, y: middle), radius: 2.6, color: color) }
            case .badge(let text, let fill, let textColor):
                let box = Rect(x: origin.x, y: middle - badgeSize * 0.9, width: item.sampleWidth, height: badgeSize * 1.8)
                canvas.fillRect(box, color: fill)
                canvas.text(
                    text, x: box.midX, middleY: middle, alignment: .center, size: badgeSize, faces: faces, bold: true,
                    color: textColor, width: item.sampleWidth - 6)
            case .text(let text):
                canvas.text(
                    text, x: origin.x, middleY: middle, alignment: .left, size: textSize, faces: faces,
                    color: theme.text, width: item.sampleWidth)
            case .swatches(let colors):
                let step = item.sampleWidth / Double(max(colors.count, 1))
                for (index, color) in colors.enumerated() {
                    canvas.fillRect(Rect(x: origin.x + Double(index) * step, y: middle - 5, width: step, height: 10), color: color)
                }
            case .square(let color):
                canvas.fillRect(Rect(x: origin.x, y: middle - 4, width: 8, height: 8), color: color)
            case .diamond(let color):
                let center = Point(x: origin.x + item.sampleWidth / 2, y: middle)
                canvas.polygon(Drawing.diamond(at: center, radius: 5), fill: color, border: color, borderWidth: 0.5)
            case .star(let fill, let border):
                let center = Point(x: origin.x + item.sampleWidth / 2, y: middle)
                canvas.polygon(Drawing.star(at: center, radius: 6), fill: fill, border: border, borderWidth: 0.5)
            case .curve(let color):
                let points = [Point(x: origin.x, y: middle + 3), Point(x: origin.x + 11, y: middle - 4),
                              Point(x: origin.x + 22, y: middle + 4), Point(x: sampleEnd, y: middle - 3)]
                canvas.bezier(Drawing.smoothCurve(through: points), color: color, width: 2)
            case .box(let fill, let border):
                canvas.polygon(
                    [Point(x: origin.x, y: middle - 6), Point(x: sampleEnd, y: middle - 6), Point(x: sampleEnd, y: middle + 6), Point(x: origin.x, y: middle + 6)],
                    fill: fill, border: border)
            }
            canvas.text(
                item.label, x: sampleEnd + 8, middleY: middle, alignment: .left, size: textSize, faces: faces,
                color: theme.mutedText, width: item.width - item.sampleWidth - 24)
        }
    }
}
