import ServiceBlueprint

/// The content of one step's card: badges, wrapped title, detail lines and overlay rows, with the size it
/// needs. Rendered as an HTML-like label inside a fixed-size box, so Graphviz never grows a node past the
/// size the layout reserved for it.
struct StepCard {
    struct Badge {
        var text: String
        var fill: String
        var textColor: String
    }

    struct Line {
        var text: String
        var color: String
        var bold: Bool = false
        var italic: Bool = false
        /// A coloured square drawn before the text (finding severity).
        var marker: String?
    }

    var badgeRows: [[Badge]] = []
    var titleLines: [String] = []
    var lines: [Line] = []
    var size = Size(width: 0, height: 0)

    // Typography, relative to the title size.
    static func badgeSize(_ fontSize: Double) -> Double { (fontSize * 0.68).rounded(toHalf: ()) }
    static func detailSize(_ fontSize: Double) -> Double { (fontSize * 0.8).rounded(toHalf: ()) }
    // Text is measured with the font that draws it (``TextMetrics``), so the padding is only the breathing room
    // inside the rounded border: no allowance for mismeasured text.
    static let horizontalPadding = 9.0
    static let verticalPadding = 5.0

    /// Builds the card of `step` and measures it.
    init(
        step: Step, scene: BlueprintScene, options: RenderOptions, overlay: RenderOverlay?, metrics: TextMetrics
    ) {
        var theme = options.theme
        if let heat = overlay?.heat[step.id], heat.value >= 0.5 {
            // Grey text is hard to read on a hot fill.
            theme.mutedText = theme.text
        }
        let fontSize = options.fontSize
        let detailSize = Self.detailSize(fontSize)
        let badgeSize = Self.badgeSize(fontSize)
        let innerWidth = max(60, options.stepWidth - 2 * Self.horizontalPadding)

        // Badges.
        var badges: [Badge] = []
        if options.showBadges {
            if step.failPoint != nil {
                badges.append(Badge(text: options.text("drawing.badge.failPoint"), fill: theme.failBadge, textColor: theme.badgeText))
            }
            if let wait = step.waitPoint {
                let text = wait.tolerance.map { options.text("drawing.badge.waitWithin", ["tolerance": .verbatim(options.duration($0))]) }
                    ?? options.text("drawing.badge.waitPoint")
                badges.append(Badge(text: text, fill: theme.waitBadge, textColor: theme.text))
            }
            if let kind = Self.kindBadge(step.kind).map({ options.text("drawing.badge.kind.\($0)") }) {
                badges.append(Badge(text: kind, fill: theme.kindBadge, textColor: theme.text))
            }
        }
        if let overlay {
            if overlay.redundant[step.id] != nil {
                badges.append(Badge(text: options.text("drawing.badge.redundant"), fill: theme.redundant, textColor: theme.badgeText))
            }
        }
        var rows: [[Badge]] = []
        var rowWidth = 0.0
        for badge in badges {
            let width = Self.badgeWidth(badge.text, size: badgeSize, metrics: metrics)
            if rows.isEmpty || rowWidth + width > innerWidth {
                rows.append([badge])
                rowWidth = width
            } else {
                rows[rows.count - 1].append(badge)
                rowWidth += width
            }
        }
        badgeRows = rows

        titleLines = metrics.wrap(step.title, size: fontSize, bold: true, maxWidth: innerWidth, maxLines: 4)
        if titleLines.isEmpty { titleLines = [step.id] }

        // Details: who and how, times, standards.
        func add(_ text: String, color: String, bold: Bool = false, italic: Bool = false, marker: String? = nil, maxLines: Int = 2) {
            let available = innerWidth - (marker == nil ? 0 : detailSize * 1.1)
            let wrapped = metrics.wrap(text, size: detailSize, bold: bold, italic: italic, maxWidth: available, maxLines: maxLines)
            for (index, line) in wrapped.enumerated() {
                // The severity marker leads the first line only.
                lines.append(Line(text: line, color: color, bold: bold, italic: italic, marker: index == 0 ? marker : nil))
            }
        }
        if options.showActors {
            let who = [scene.actorTitle(of: step), step.channel.map { scene.channelTitle($0, in: options.language) }].compactMap { $0 }
            if !who.isEmpty { add(who.joined(separator: " · "), color: theme.mutedText) }
        }
        if options.showTimes {
            var parts: [String] = []
            if let duration = step.duration {
                let times: [String: TextArgument] = [
                    "likely": .duration(duration.likely), "min": .duration(duration.min), "max": .duration(duration.max),
                ]
                parts.append(options.text(duration.isFixed ? "drawing.card.time" : "drawing.card.timeRange", times))
            }
            if let wait = step.waitBefore, wait.seconds > 0 { parts.append(options.text("drawing.card.wait", ["wait": .duration(wait)])) }
            if !parts.isEmpty { add(parts.joined(separator: " · "), color: theme.text) }
        }
        if options.showStandards {
            var parts: [String] = []
            if let time = step.standards.time {
                let standard: [String: TextArgument] = ["target": .duration(time.target), "tolerance": .duration(time.tolerance)]
                parts.append(options.text(time.tolerance.seconds > 0 ? "drawing.card.standardTolerance" : "drawing.card.standard", standard))
            }
            if let response = step.standards.response { parts.append(options.text("drawing.card.respond", ["response": .duration(response)])) }
            if let sop = step.standards.sop, !Self.isLink(sop) { parts.append(sop) } else if step.standards.sop != nil {
                parts.append(options.text("drawing.card.sop"))
            }
            if !parts.isEmpty { add(parts.joined(separator: " · "), color: theme.mutedText, italic: true) }
        }

        // Overlay rows.
        if let overlay {
            if let heat = overlay.heat[step.id], !heat.label.isEmpty {
                add(heat.label(in: options.language), color: theme.text, bold: true, maxLines: 1)
            }
            if let note = overlay.redundantNote(for: step.id, in: options.language), !note.isEmpty {
                add(note, color: theme.mutedText, italic: true)
            }
            let findings = overlay.findings[step.id] ?? []
            let shown = findings.prefix(max(0, overlay.maxFindingsPerStep))
            for finding in shown {
                add(finding.message, color: theme.text, marker: theme.color(for: finding.severity))
            }
            if findings.count > shown.count {
                add(
                    LocalizedText("drawing.card.moreFindings", ["count": .integer(findings.count - shown.count)]).rendered(in: options.language),
                    color: theme.mutedText, italic: true, maxLines: 1)
            }
        }

        // Measure. Heights follow Graphviz's HTML tables: line height 1.2 × font size, 1 pt cell padding.
        var widest = 0.0
        for row in badgeRows {
            widest = max(widest, row.reduce(0) { $0 + Self.badgeWidth($1.text, size: badgeSize, metrics: metrics) })
        }
        for line in titleLines { widest = max(widest, metrics.width(line, size: fontSize, bold: true)) }
        for line in lines {
            let markerWidth = line.marker == nil ? 0 : detailSize * 1.1
            widest = max(widest, metrics.width(line.text, size: detailSize, bold: line.bold) + markerWidth)
        }
        var height = 2 * Self.verticalPadding
        height += Double(badgeRows.count) * (badgeSize * 1.2 + 8)
        height += Double(titleLines.count) * (fontSize * 1.2) + 4
        height += Double(lines.count) * (detailSize * 1.2 + 2)
        size = Size(
            width: max(options.stepWidth, widest + 2 * Self.horizontalPadding + 2).rounded(.up),
            height: height.rounded(.up))
    }

    /// The kind of the badge (its catalog key is `drawing.badge.kind.<kind>`) for kinds worth pointing
    /// out; plain actions and communication have none.
    static func kindBadge(_ kind: StepKind) -> String? {
        switch kind {
        case .action, .communication: nil
        case .decision, .approval, .check, .handoff, .wait, .automated, .transport: kind.rawValue
        }
    }

    static func badgeWidth(_ text: String, size: Double, metrics: TextMetrics) -> Double {
        metrics.width(text, size: size, bold: true) + 12
    }

    static func isLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The HTML-like label.
    func htmlLabel(options: RenderOptions, titleColor: String, metrics: TextMetrics, faces: FontFaces) -> DOTHTMLLabel {
        let fontSize = options.fontSize
        let detailSize = Self.detailSize(fontSize)
        let badgeSize = Self.badgeSize(fontSize)
        var html: DOTHTMLLabel = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">"
        for row in badgeRows {
            // A fixed-size table keeps badges compact (Graphviz stretches nested tables to the cell otherwise).
            let width = row.reduce(0) { $0 + Self.badgeWidth($1.text, size: badgeSize, metrics: metrics) } + 2
            html += "<tr><td><table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\" fixedsize=\"true\" "
            html += "width=\"\(Int(width.rounded(.up)))\" height=\"\(Int((badgeSize * 1.2 + 6).rounded(.up)))\"><tr>"
            for badge in row {
                html += "<td bgcolor=\"\(color: badge.fill)\"><font point-size=\"\(number: badgeSize)\" "
                html += "color=\"\(color: badge.textColor)\" face=\"\(faces.bold)\">\(badge.text)</font></td>"
            }
            html += "</tr></table></td></tr>"
        }
        html += "<tr><td cellpadding=\"2\"><font color=\"\(color: titleColor)\" face=\"\(faces.bold)\">"
        html += DOTHTMLLabel.joined(titleLines.map(DOTHTMLLabel.init(text:)), separator: "<br/>")
        html += "</font></td></tr>"
        for line in lines {
            let face = faces.face(bold: line.bold, italic: line.italic)
            var text: DOTHTMLLabel = "<font point-size=\"\(number: detailSize)\" color=\"\(color: line.color)\""
            if face != faces.regular { text += " face=\"\(face)\"" }
            text += ">\(line.text)</font>"
            if let marker = line.marker {
                text = "<font point-size=\"\(number: detailSize)\" color=\"\(color: marker)\">■ </font>" + text
            }
            html += "<tr><td cellpadding=\"1\">\(text)</td></tr>"
        }
        html += "</table>"
        return html
    }
}

extension Double {
    /// Rounded to the nearest half.
    fileprivate func rounded(toHalf: ()) -> Double { (self * 2).rounded() / 2 }
}
