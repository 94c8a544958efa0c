import ServiceBlueprint

extension JourneyMap {
    /// Where everything goes, top-down: the title block, the stage headers, then one band per row.
    struct Geometry {
        var size: Size
        var titleHeight: Double
        var headerTop: Double
        var headerHeight: Double
        /// Top and height of each row, in ``Row/allCases`` order.
        var rows: [(top: Double, height: Double)]
        /// Every text of the map wrapped once, for the heights above and for the drawing: each
        /// stage header's lines, each row title's, and per row, column and item the item's lines.
        var headerLines: [[String]]
        var rowTitleLines: [[String]]
        var cells: [[[Cell]]]
        /// The journey's own KPIs under the KPI row's title.
        var overallKPIs: [Cell]
    }

    /// An item with its wrapped lines.
    struct Cell {
        var item: Item
        var lines: [String]
    }

    var lineHeight: Double { fontSize * 1.4 }
    var itemSize: Double { StepCard.detailSize(fontSize) + 0.5 }
    /// Room left of an item's text for its mark.
    var markIndent: Double { itemSize * 1.3 }
    var textWidth: Double { columnWidth - 2 * Self.padding - markIndent }
    var left: Double { Self.margin + Self.headerWidth }
    var headerTitleWidth: Double { columnWidth - 2 * Self.padding }

    /// The wrapped lines of `item` in a cell `width` wide (a stage column's when `nil`), after its mark.
    func itemLines(_ item: Item, width: Double? = nil) -> [String] {
        drawing.metrics.wrap(item.text, size: itemSize, maxWidth: (width ?? textWidth + markIndent) - markIndent, maxLines: item.maxLines)
    }

    /// The width of the row-title column's text, where the journey's own KPIs are listed.
    var rowTitleWidth: Double { Self.headerWidth - 2 * Self.padding }

    func headerLines(_ title: String) -> [String] {
        drawing.metrics.wrap(title, size: fontSize * 1.05, bold: true, maxWidth: headerTitleWidth, maxLines: 3)
    }

    func rowTitleLines(_ row: Row) -> [String] {
        drawing.metrics.wrap(
            drawing.options.text(row.titleKey), size: fontSize * 0.95, bold: true, maxWidth: Self.headerWidth - 2 * Self.padding, maxLines: 3)
    }

    func cells(_ items: [Item], width: Double? = nil) -> [Cell] {
        items.map { Cell(item: $0, lines: itemLines($0, width: width)) }
    }

    func cellHeight(_ cells: [Cell]) -> Double {
        cells.reduce(0) { $0 + Double($1.lines.count) * itemSize * 1.35 + itemSize * 0.5 }
    }

    var geometry: Geometry {
        let titleHeight = drawing.options.showTitle ? fontSize * 3.6 : 0
        let headerTop = Self.margin + titleHeight
        let headers = columns.map { headerLines($0.title) }
        let headerHeight = (headers.map { Double($0.count) }.max() ?? 1) * lineHeight + 2 * Self.padding
        let titles = Row.allCases.map(rowTitleLines)
        let kpis = cells(overallKPIs, width: rowTitleWidth)
        var top = headerTop + headerHeight
        var rows: [(top: Double, height: Double)] = []
        var cellsByRow: [[[Cell]]] = []
        for (number, row) in Row.allCases.enumerated() {
            let rowCells = row == .emotion ? [] : columns.map { cells($0.items(row)) }
            cellsByRow.append(rowCells)
            var content: Double
            if row == .emotion {
                content = Self.emotionHeight
            } else {
                content = (rowCells.map(cellHeight).max() ?? 0) + 2 * Self.padding
                if row == .kpis { content = max(content, cellHeight(kpis) + Double(titles[number].count) * lineHeight + 3 * Self.padding) }
            }
            let height = max(content, Double(titles[number].count) * lineHeight + 2 * Self.padding, fontSize * 3)
            rows.append((top, height))
            top += height
        }
        let width = left + Double(columns.count) * columnWidth + Self.margin
        return Geometry(
            size: Size(width: width, height: top + Self.margin), titleHeight: titleHeight, headerTop: headerTop, headerHeight: headerHeight,
            rows: rows, headerLines: headers, rowTitleLines: titles, cells: cellsByRow, overallKPIs: kpis)
    }

    /// The DOT text: one background and two invisible corner points. `geometry`, when the caller
    /// already has it (to check the size), is not measured again: it wraps every text of the map.
    func dot(geometry known: Geometry? = nil) -> String {
        let geometry = known ?? geometry
        let options = drawing.options
        let blueprint = drawing.scene.blueprint
        var canvas = XDotCanvas(pageHeight: geometry.size.height)
        draw(geometry, into: &canvas)
        let graphID = DOTString(token: "journey-map-" + DOTText.token(blueprint.id))
        var out: DOTSource = "// Journey map of blueprint \(DOTString(token: blueprint.id)) drawn by ServiceBlueprint.\n"
        out += "digraph \(graphID) {\n"
        out += "  graph [layout=\"nop2\", pad=\"0\", bgcolor=\(DOTString(color: options.theme.background)), "
        out += "fontname=\(DOTString(token: drawing.fontName)), id=\(graphID), class=\"journey-map\", "
        out += "tooltip=\(DOTString(escString: blueprint.title)),\n"
        out += "    _background=\(DOTString(xdotOperations: canvas.value))];\n"
        for (name, x, y) in [("map-corner-1", 0.0, 0.0), ("map-corner-2", geometry.size.width, geometry.size.height)] {
            out += "  \(DOTString(token: name)) [shape=\"point\", style=\"invis\", width=\"0.01\", height=\"0.01\", "
            out += "fixedsize=\"true\", label=\"\", pos=\(DOTString(token: DOTText.fine(x) + "," + DOTText.fine(y) + "!"))];\n"
        }
        out += "}\n"
        return out.text
    }

    func draw(_ geometry: Geometry, into canvas: inout XDotCanvas) {
        let options = drawing.options
        let theme = options.theme
        let faces = drawing.faces
        let metrics = drawing.metrics
        let blueprint = drawing.scene.blueprint
        let width = Double(columns.count) * columnWidth

        if options.showTitle {
            let size = fontSize * 1.55
            canvas.text(
                blueprint.title, x: Self.margin, middleY: Self.margin + size * 0.6, alignment: .left, size: size, faces: faces,
                bold: true, color: theme.text, width: metrics.width(blueprint.title, size: size, bold: true))
            var subtitle = [options.text("drawing.journeyMap.title")]
            if let journey = drawing.customer.journey {
                subtitle.append(options.text("drawing.journey", ["journey": .verbatim(journey.title)]))
                if let persona = journey.persona.flatMap({ id in blueprint.personas.first { $0.id == id } }) {
                    subtitle.append(options.text("drawing.journey.persona", ["persona": .verbatim(persona.title)]))
                }
            }
            let line = subtitle.joined(separator: " · ")
            let small = StepCard.detailSize(fontSize)
            canvas.text(
                line, x: Self.margin, middleY: Self.margin + size * 1.55 + small * 0.6, alignment: .left, size: small, faces: faces,
                color: theme.mutedText, width: metrics.width(line, size: small))
        }

        // Stage headers.
        let header = Rect(x: left, y: geometry.headerTop, width: width, height: geometry.headerHeight)
        canvas.fillRect(header, color: theme.stageHeaderFill)
        for (index, lines) in geometry.headerLines.enumerated() {
            let x = left + Double(index) * columnWidth
            let size = fontSize * 1.05
            let top = header.midY - Double(lines.count) * lineHeight / 2 + lineHeight / 2
            for (k, line) in lines.enumerated() {
                canvas.text(
                    line, x: x + columnWidth / 2, middleY: top + Double(k) * lineHeight, alignment: .center, size: size,
                    faces: faces, bold: true, color: theme.stageHeaderText, width: metrics.width(line, size: size, bold: true))
            }
        }

        // Rows: a band each, its title on the left, its cells in the stage columns.
        for (number, row) in Row.allCases.enumerated() {
            let (top, height) = geometry.rows[number]
            let band = Rect(x: Self.margin, y: top, width: Self.headerWidth + width, height: height)
            canvas.fillRect(band, color: number.isMultiple(of: 2) ? theme.legendFill : theme.background)
            let titleLines = geometry.rowTitleLines[number]
            let titleSize = fontSize * 0.95
            for (k, line) in titleLines.enumerated() {
                canvas.text(
                    line, x: Self.margin + Self.padding, middleY: top + Self.padding + lineHeight * (Double(k) + 0.5), alignment: .left,
                    size: titleSize, faces: faces, bold: true, color: theme.text, width: metrics.width(line, size: titleSize, bold: true))
            }
            if row == .kpis, !geometry.overallKPIs.isEmpty {
                let start = top + Self.padding * 2 + Double(titleLines.count) * lineHeight
                drawItems(geometry.overallKPIs, x: Self.margin + Self.padding, top: start, into: &canvas)
            }
            if row == .emotion {
                drawEmotion(top: top, height: height, into: &canvas)
            } else {
                for (index, cells) in geometry.cells[number].enumerated() {
                    drawItems(cells, x: left + Double(index) * columnWidth + Self.padding, top: top + Self.padding, into: &canvas)
                }
            }
            canvas.polyline([Point(x: Self.margin, y: top), Point(x: left + width, y: top)], color: theme.stageDivider, width: 0.6)
        }
        // Column dividers and the frame.
        let bottom = geometry.rows.last.map { $0.top + $0.height } ?? header.maxY
        for index in 0...columns.count {
            let x = left + Double(index) * columnWidth
            canvas.polyline([Point(x: x, y: geometry.headerTop), Point(x: x, y: bottom)], color: theme.stageDivider, width: 0.6)
        }
        canvas.polyline(
            [Point(x: Self.margin, y: header.maxY), Point(x: Self.margin, y: bottom), Point(x: left + width, y: bottom)],
            color: theme.stageDivider, width: 0.6)
    }

    /// A cell's items, one under the other, each with its mark.
    func drawItems(_ cells: [Cell], x: Double, top: Double, into canvas: inout XDotCanvas) {
        let theme = drawing.options.theme
        var y = top
        let step = itemSize * 1.35
        for cell in cells {
            let (item, lines) = (cell.item, cell.lines)
            let markCenter = Point(x: x + itemSize * 0.45, y: y + step / 2)
            switch item.mark {
            case .bullet: canvas.disc(center: markCenter, radius: itemSize * 0.17, color: theme.mutedText)
            case .painPoint: drawing.drawMark(.painPoint, at: markCenter, radius: itemSize * 0.42, into: &canvas)
            case .momentOfTruth: drawing.drawMark(.momentOfTruth, at: markCenter, radius: itemSize * 0.5, into: &canvas)
            case .missedTarget: canvas.disc(center: markCenter, radius: itemSize * 0.3, color: theme.failBadge)
            }
            for (k, line) in lines.enumerated() {
                canvas.text(
                    line, x: x + markIndent, middleY: y + step * (Double(k) + 0.5), alignment: .left, size: itemSize,
                    faces: drawing.faces, color: item.mark == .missedTarget ? theme.failBadge : theme.text,
                    width: drawing.metrics.width(line, size: itemSize))
            }
            y += Double(lines.count) * step + itemSize * 0.5
        }
    }

    /// The emotion band: −2…+2 from bottom to top, a dashed neutral line, the curve through every point.
    func drawEmotion(top: Double, height: Double, into canvas: inout XDotCanvas) {
        let theme = drawing.options.theme
        let inner = (top: top + Self.padding + 4, height: height - 2 * Self.padding - 8)
        func y(_ emotion: Double) -> Double { inner.top + (2 - emotion) / 4 * inner.height }
        let right = left + Double(columns.count) * columnWidth
        canvas.polyline([Point(x: left, y: y(0)), Point(x: right, y: y(0))], color: theme.stageDivider, width: 0.8, stroke: .dashed)
        let small = StepCard.detailSize(fontSize) * 0.9
        for (value, label) in [(2.0, "+2"), (0, "0"), (-2, "−2")] {
            canvas.text(
                label, x: left - 4, middleY: y(value), alignment: .right, size: small, faces: drawing.faces,
                color: theme.mutedText, width: drawing.metrics.width(label, size: small))
        }
        let page = points.map { Point(x: left + (Double($0.column) + $0.position) * columnWidth, y: y($0.emotion)) }
        if page.count > 1 { canvas.bezier(Drawing.smoothCurve(through: page), color: theme.stageHeaderFill, width: 2.2) }
        for (index, point) in points.enumerated() {
            let color = point.emotion < 0 ? theme.failBadge : point.emotion > 0 ? theme.colors(for: .frontstage).title : theme.mutedText
            canvas.disc(center: page[index], radius: 3.6, color: color)
            if point.hasPainPoint {
                drawing.drawMark(.painPoint, at: Point(x: page[index].x, y: page[index].y - 11), radius: 5, into: &canvas)
            }
        }
        for (index, column) in columns.enumerated() where column.momentsOfTruth > 0 {
            // Stage-level: a star at the top of the stage's column, listed in the row below.
            let x = left + (Double(index) + 0.5) * columnWidth
            drawing.drawMark(.momentOfTruth, at: Point(x: x, y: inner.top), radius: 6, into: &canvas)
        }
    }
}

extension DOTWriter {
    /// The DOT text of the blueprint's journey map (`render --view journey`): stages as columns; the
    /// goal, the customer's actions, touchpoints and channels, the emotion curve, pain points and
    /// moments of truth, opportunities and experience KPIs as rows. `analysis`, when given, fills the
    /// opportunities row with what its findings would change on the customer's side.
    public func journeyMapDOT(for blueprint: Blueprint, analysis: BlueprintAnalysis? = nil) -> String {
        JourneyMap(drawing: basis(for: blueprint), analysis: analysis).dot()
    }
}
