import ServiceBlueprint

/// The blueprint's title and subtitle, drawn above the diagram.
struct TitleBlock {
    let title: String
    let subtitle: String?
    /// The personas the service is designed for, or the highlighted journey and its persona.
    let customers: String?
    let titleSize: Double
    let subtitleSize: Double
    let height: Double
    let width: Double

    init(blueprint: Blueprint, journey: Journey?, options: RenderOptions, metrics: TextMetrics) {
        title = DOTText.singleLine(blueprint.title.isEmpty ? blueprint.id : blueprint.title)
        let parts = [blueprint.version.map { options.text("drawing.version", ["version": .verbatim($0)]) }, blueprint.summary].compactMap { $0 }
            .map(DOTText.singleLine).filter { !$0.isEmpty }
        subtitle = parts.isEmpty ? nil : parts.joined(separator: "  ·  ")
        customers = Self.customers(blueprint: blueprint, journey: journey, options: options)
        titleSize = (options.fontSize * 1.55).rounded()
        subtitleSize = (options.fontSize * 0.9 * 2).rounded() / 2
        height = titleSize * 1.4 + (subtitle == nil ? 0 : subtitleSize * 1.6) + (customers == nil ? 0 : subtitleSize * 1.6) + 10
        width = min(metrics.width(title, size: titleSize, bold: true), 1_400)
    }

    /// "Journey: Repair under warranty · persona: Busy parent · other steps dimmed", or "Personas: …".
    static func customers(blueprint: Blueprint, journey: Journey?, options: RenderOptions) -> String? {
        func persona(_ id: String) -> String { blueprint.personas.first { $0.id == id }?.title ?? id }
        if let journey {
            var parts = [options.text("drawing.journey", ["journey": .verbatim(DOTText.singleLine(journey.title))])]
            if let id = journey.persona { parts.append(options.text("drawing.journey.persona", ["persona": .verbatim(DOTText.singleLine(persona(id)))])) }
            parts.append(options.text("drawing.journey.dimmed"))
            return parts.joined(separator: "  ·  ")
        }
        let personas = blueprint.personas.map { DOTText.singleLine($0.title) }.filter { !$0.isEmpty }
        guard !personas.isEmpty else { return nil }
        let key = personas.count == 1 ? "drawing.persona" : "drawing.personas"
        return options.text(key, ["personas": .verbatim(personas.joined(separator: "  ·  "))])
    }
}

extension Drawing {
    /// The `_background` drawing: page, lane bands, stage columns and headers, lane titles, the three lines,
    /// the title and the legend.
    func background() -> String {
        let theme = options.theme
        let size = options.fontSize
        let horizontal = options.direction == .leftToRight
        let bounds = layout.bounds
        var canvas = XDotCanvas(pageHeight: pageSize.height)

        // The page itself, so the drawing's bounding box is the page.
        canvas.fillRect(Rect(x: 0, y: 0, width: pageSize.width, height: pageSize.height), color: theme.background)

        for band in layout.lanes {
            canvas.fillRect(band.rect, color: theme.colors(for: band.lane).band)
        }
        drawCustomerBandBackground(into: &canvas)

        // Stage columns: dividers between them and one between the lane titles and the first stage.
        for (index, stage) in layout.stages.enumerated() {
            let start = horizontal
                ? [Point(x: stage.rect.minX, y: stage.rect.minY), Point(x: stage.rect.minX, y: stage.rect.maxY)]
                : [Point(x: stage.rect.minX, y: stage.rect.minY), Point(x: stage.rect.maxX, y: stage.rect.minY)]
            canvas.polyline(start, color: theme.stageDivider, width: index == 0 ? 1 : 0.8, stroke: index == 0 ? .solid : .dashed)
        }

        // Stage headers.
        let headerSize = size * 1.05
        let goalSize = (size * 0.78 * 2).rounded() / 2
        // The implicit stage of steps written without one has no header.
        for (index, stage) in scene.stages.enumerated() where index < layout.stages.count && stage.id != Stage.implicitID {
            let header = layout.stages[index].headerRect
            canvas.fillRect(header, color: theme.stageHeaderFill)
            let titleLines = horizontal
                ? [metrics.truncate(stage.title, size: headerSize, bold: true, maxWidth: header.width - 12)]
                : metrics.wrap(stage.title, size: headerSize, bold: true, maxWidth: header.width - 16, maxLines: 3)
            let goalLines = stage.goal.map {
                horizontal
                    ? [metrics.truncate($0, size: goalSize, maxWidth: header.width - 12)]
                    : metrics.wrap($0, size: goalSize, maxWidth: header.width - 16, maxLines: 2)
            } ?? []
            let lineHeight = headerSize * 1.3
            let goalHeight = goalSize * 1.35
            let block = Double(titleLines.count) * lineHeight + Double(goalLines.count) * goalHeight
            var middle = header.midY - block / 2 + lineHeight / 2
            for line in titleLines {
                canvas.text(
                    line, x: header.midX, middleY: middle, alignment: .center, size: headerSize, faces: faces, bold: true,
                    color: theme.stageHeaderText, width: metrics.width(line, size: headerSize, bold: true))
                middle += lineHeight
            }
            middle += goalHeight / 2 - lineHeight / 2 + 1
            for goal in goalLines {
                canvas.text(
                    goal, x: header.midX, middleY: middle, alignment: .center, size: goalSize, faces: faces, italic: true,
                    color: theme.stageHeaderText, width: metrics.width(goal, size: goalSize))
                middle += goalHeight
            }
        }

        // Lane titles.
        let laneTitleSize = size * 0.95
        for band in layout.lanes {
            let rect = band.titleRect
            let color = theme.colors(for: band.lane).title
            let lines = horizontal
                ? metrics.wrap(band.lane.title(in: options.language), size: laneTitleSize, bold: true, maxWidth: rect.width - 20, maxLines: 3)
                : [band.lane.title(in: options.language)]
            let lineHeight = laneTitleSize * 1.3
            var middle = rect.midY - Double(lines.count - 1) * lineHeight / 2
            for line in lines {
                canvas.text(
                    line, x: horizontal ? rect.minX + 10 : rect.midX, middleY: middle,
                    alignment: horizontal ? .left : .center, size: laneTitleSize, faces: faces, bold: true, color: color,
                    width: metrics.width(line, size: laneTitleSize, bold: true))
                middle += lineHeight
            }
        }

        // The unnamed boundary between physical evidence and customer actions.
        if layout.lanes.count > 1 {
            let rect = layout.lanes[1].rect
            let boundary = horizontal
                ? [Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY)]
                : [Point(x: rect.minX, y: rect.minY), Point(x: rect.minX, y: rect.maxY)]
            canvas.polyline(boundary, color: theme.stageDivider, width: 0.8)
        }

        // The three lines, labelled at both ends (left to right) or at the bottom (top to bottom).
        let lineLabelSize = (size * 0.72 * 2).rounded() / 2
        for segment in layout.lines {
            let color = theme.color(for: segment.line)
            let stroke: XDotCanvas.Stroke =
                switch segment.line {
                case .interaction: .solid
                case .visibility: .dashed
                case .internalInteraction: .dotted
                }
            canvas.polyline([segment.from, segment.to], color: color, width: segment.line == .interaction ? 1.8 : 1.5, stroke: stroke)
            let label = segment.line.title(in: options.language)
            let labelWidth = metrics.width(label, size: lineLabelSize)
            if horizontal {
                let y = segment.from.y - lineLabelSize * 0.95
                canvas.text(
                    label, x: segment.from.x + 8, middleY: y, alignment: .left, size: lineLabelSize, faces: faces,
                    italic: true, color: color, width: labelWidth)
                canvas.text(
                    label, x: segment.to.x - 8, middleY: y, alignment: .right, size: lineLabelSize, faces: faces,
                    italic: true, color: color, width: labelWidth)
            } else {
                canvas.text(
                    label, x: segment.to.x, middleY: bounds.maxY + lineLabelSize * 1.2, alignment: .center,
                    size: lineLabelSize, faces: faces, italic: true, color: color, width: labelWidth)
            }
        }

        if let titleBlock {
            let top = Drawing.margin
            canvas.text(
                titleBlock.title, x: Drawing.margin, middleY: top + titleBlock.titleSize * 0.6, alignment: .left,
                size: titleBlock.titleSize, faces: faces, bold: true, color: theme.text, width: titleBlock.width)
            if let subtitle = titleBlock.subtitle {
                let line = metrics.truncate(
                    subtitle, size: titleBlock.subtitleSize, maxWidth: pageSize.width - 2 * Drawing.margin)
                canvas.text(
                    line, x: Drawing.margin, middleY: top + titleBlock.titleSize * 1.4 + titleBlock.subtitleSize * 0.5,
                    alignment: .left, size: titleBlock.subtitleSize, faces: faces, color: theme.mutedText,
                    width: metrics.width(line, size: titleBlock.subtitleSize))
            }
            if let customers = titleBlock.customers {
                let line = metrics.truncate(
                    customers, size: titleBlock.subtitleSize, maxWidth: pageSize.width - 2 * Drawing.margin)
                let middle = top + titleBlock.titleSize * 1.4 + (titleBlock.subtitle == nil ? 0.5 : 2.1) * titleBlock.subtitleSize
                canvas.text(
                    line, x: Drawing.margin, middleY: middle, alignment: .left, size: titleBlock.subtitleSize, faces: faces,
                    color: theme.text, width: metrics.width(line, size: titleBlock.subtitleSize))
            }
        }

        drawServicescape(into: &canvas)
        drawEmotionCurve(into: &canvas)

        legend?.draw(into: &canvas, theme: theme)

        // What the drawing changed to stay affordable and readable, so a reader of the picture knows.
        let noteSize = (size * 0.85).rounded()
        for (index, note) in notes.enumerated() {
            let line = metrics.truncate(options.text("drawing.note", ["note": .verbatim(note.message(in: options.language))]), size: noteSize, maxWidth: pageSize.width - 2 * Drawing.margin)
            canvas.text(
                line, x: Drawing.margin, middleY: notesTop + 8 + (Double(index) + 0.5) * Drawing.noteLineHeight(options),
                alignment: .left, size: noteSize, faces: faces, italic: true, color: theme.mutedText,
                width: metrics.width(line, size: noteSize))
        }
        return canvas.value
    }
}
