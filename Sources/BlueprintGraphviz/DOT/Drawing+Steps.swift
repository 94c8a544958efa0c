import ServiceBlueprint

extension Drawing {
    /// The DOT node name of a step: its id as a token (no user text reaches DOT syntax).
    func nodeName(_ index: Int) -> DOTString { DOTString(token: DOTText.token(scene.steps[index].id)) }

    /// One node statement per step, pinned at its computed position.
    func writeSteps(into out: inout DOTSource) {
        for (index, step) in scene.steps.enumerated() {
            // Steps off the highlighted journey are drawn faint.
            let dimmed = customer.isDimmed(index)
            let theme = dimmed ? options.theme.dimmed : options.theme
            let rect = layout.cards[index]
            let card = cards[index]
            let colors = theme.colors(for: step.lane)
            var fill = colors.stepFill
            var border = colors.stepBorder
            var penWidth = 1.2
            var styles = step.lane == .evidence ? ["filled"] : ["rounded", "filled"]
            var classes = ["step", "lane-\(step.lane.rawValue)", "kind-\(step.kind.rawValue)"]
            if let value = step.value { classes.append("value-\(value.rawValue)") }
            if step.failPoint != nil { classes.append("failpoint") }
            if step.waitPoint != nil { classes.append("waitpoint") }
            if step.channel != nil { classes.append("touchpoint") }
            if step.kind == .automated { styles.append("dashed") }
            if dimmed { classes.append("dimmed") }

            if let overlay {
                if let heat = overlay.heat[step.id] {
                    fill = Drawing.heatColor(heat.value, theme: theme)
                    classes.append("heat")
                }
                if overlay.redundant[step.id] != nil {
                    border = theme.redundant
                    if !styles.contains("dashed") { styles.append("dashed") }
                    classes.append("redundant")
                }
                if overlay.criticalSteps.contains(step.id) {
                    border = theme.critical
                    penWidth = 3
                    classes.append("critical")
                }
                for severity in Severity.allCases.reversed()
                where (overlay.findings[step.id] ?? []).contains(where: { $0.severity == severity }) {
                    classes.append("finding-\(severity.rawValue)")
                }
            }

            let box = Drawing.routingBox(center: Point(x: rect.midX, y: flipped(rect.midY)),
                                         width: rect.width, height: rect.height,
                                         index: index, count: scene.steps.count)
            out += "  \(nodeName(index)) [id=\(DOTString(token: "step-" + DOTText.token(step.id))), "
            out += "class=\(DOTString(token: classes.joined(separator: " "))), "
            out += "pos=\(DOTString(token: DOTText.fine(box.center.x) + "," + DOTText.fine(box.center.y) + "!")), "
            out += "width=\(DOTString(token: DOTText.inches(box.width))), height=\(DOTString(token: DOTText.inches(box.height))), "
            if step.lane == .evidence { out += "shape=\"note\", " }
            if styles != ["rounded", "filled"] { out += "style=\(DOTString(token: styles.joined(separator: ","))), " }
            out += "fillcolor=\(DOTString(color: fill)), color=\(DOTString(color: border))"
            if penWidth != 1.2 { out += ", penwidth=\(DOTString(number: penWidth))" }
            out += ",\n    tooltip=\(DOTString(escString: tooltip(for: index)))"
            if let link = link(for: step) { out += ", URL=\(link), target=\"_top\"" }
            out += ",\n    label=\(card.htmlLabel(options: options, titleColor: theme.text, metrics: metrics, faces: faces))];\n"
        }
    }

    /// The step's link: its URL, else an `http(s)` SOP reference; unsafe schemes are dropped.
    func link(for step: Step) -> DOTString? {
        if let url = step.url, let safe = DOTString(url: url) { return safe }
        if let sop = step.standards.sop, StepCard.isLink(sop) { return DOTString(url: sop) }
        return nil
    }

    /// Everything known about a step, one fact per line, for the SVG tooltip. Each fact is a whole phrase
    /// of the catalog (`stage: %{stage}`, `阶段：%{stage}`) in the drawing's language; facts on one line are
    /// separated by ` · `, parts of a fail point or wait point by ` — `.
    func tooltip(for index: Int) -> String {
        let step = scene.steps[index]
        let t = { (key: String, arguments: [String: TextArgument]) in self.options.text("drawing.tooltip.\(key)", arguments) }
        var lines: [String] = [step.title]
        let stage = scene.stages[scene.stageOfStep[index]].title
        lines.append(t("where", [
            "lane": .verbatim(step.lane.title(in: options.language)), "stage": .verbatim(stage),
            "kind": .phrase(LocalizedText("step.kind.\(step.kind.rawValue)")),
        ]))
        var who: [String] = []
        if let actor = scene.actorTitle(of: step) { who.append(t("actor", ["actor": .verbatim(actor)])) }
        if let owner = step.owner { who.append(t("owner", ["owner": .verbatim(owner)])) }
        if let channel = step.channel {
            who.append(t("channel", ["channel": .verbatim(scene.channelTitle(channel, in: options.language))]))
        }
        if !who.isEmpty { lines.append(who.joined(separator: " · ")) }
        var time: [String] = []
        if let duration = step.duration {
            time.append(duration.isFixed
                ? t("time", ["likely": .duration(duration.likely)])
                : t("timeRange", ["likely": .duration(duration.likely), "min": .duration(duration.min), "max": .duration(duration.max)]))
        }
        if let wait = step.waitBefore { time.append(t("waitBefore", ["wait": .duration(wait)])) }
        if !time.isEmpty { lines.append(time.joined(separator: " · ")) }
        let standards = step.standards
        var standard: [String] = []
        if let target = standards.time {
            standard.append(t("timeStandard", ["target": .duration(target.target), "tolerance": .duration(target.tolerance)]))
        }
        if let response = standards.response { standard.append(t("response", ["response": .duration(response)])) }
        if let sop = standards.sop { standard.append(t("sop", ["sop": .verbatim(sop)])) }
        if !standard.isEmpty { lines.append(standard.joined(separator: " · ")) }
        if let service = standards.service { lines.append(t("service", ["service": .verbatim(service)])) }
        if let fail = step.failPoint {
            var parts = [t("failPoint", ["risk": .verbatim(fail.risk)])]
            if let recovery = fail.recovery { parts.append(t("recovery", ["recovery": .verbatim(recovery)])) }
            if let owner = fail.owner { parts.append(t("owner", ["owner": .verbatim(owner)])) }
            if let likelihood = fail.likelihood { parts.append(t("likelihood", ["likelihood": .percent(likelihood)])) }
            lines.append(parts.joined(separator: " — "))
        }
        if let wait = step.waitPoint {
            var parts = [wait.tolerance.map { t("waitPoint.tolerance", ["tolerance": .duration($0)]) } ?? t("waitPoint", [:])]
            if let notes = wait.notes { parts.append(notes) }
            lines.append(parts.joined(separator: " — "))
        }
        if let value = step.value { lines.append(t("value", ["value": .phrase(LocalizedText("step.value.\(value.rawValue)"))])) }
        if !step.needs.isEmpty { lines.append(t("needs", ["items": .enumeration(step.needs.map(TextArgument.verbatim))])) }
        if !step.produces.isEmpty { lines.append(t("produces", ["items": .enumeration(step.produces.map(TextArgument.verbatim))])) }
        if !step.evidence.isEmpty { lines.append(t("evidence", ["items": .enumeration(step.evidence.map(TextArgument.verbatim))])) }
        if let emotion = step.emotion { lines.append(t("emotion", ["emotion": .verbatim("\(emotion > 0 ? "+" : "")\(emotion)")])) }
        if !step.painPoints.isEmpty { lines.append(t("painPoints", ["items": .verbatim(step.painPoints.joined(separator: "; "))])) }
        if let notes = step.notes { lines.append(t("notes", ["notes": .verbatim(notes)])) }
        if let overlay {
            if let heat = overlay.heat[step.id] {
                lines.append(t("heat", [
                    "title": .verbatim(options.heatTitle(of: overlay)),
                    "value": .verbatim(heat.label.isEmpty ? options.language.format(.percent(heat.value)) : heat.label(in: options.language)),
                ]))
            }
            if let note = overlay.redundantNote(for: step.id, in: options.language) { lines.append(t("redundant", ["note": .verbatim(note)])) }
            if overlay.criticalSteps.contains(step.id) { lines.append(t("critical", [:])) }
            for finding in overlay.findings[step.id] ?? [] {
                lines.append(t("finding.\(finding.severity.rawValue)", ["message": .verbatim(finding.message)]))
            }
        }
        lines.append(t("id", ["id": .verbatim(step.id)]))
        return lines.joined(separator: "\n")
    }

    /// The heat colour for `value` (clamped to 0…1): low → mid → high.
    static func heatColor(_ value: Double, theme: RenderTheme) -> String {
        let heat = value.isFinite ? min(max(value, 0), 1) : 0
        guard let low = rgb(theme.heatLow), let mid = rgb(theme.heatMid), let high = rgb(theme.heatHigh) else {
            return heat < 0.5 ? theme.heatLow : theme.heatHigh
        }
        let (from, to, t) = heat < 0.5 ? (low, mid, heat * 2) : (mid, high, (heat - 0.5) * 2)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return hex(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
    }

    private static func rgb(_ color: String) -> (Int, Int, Int)? {
        let value = DOTText.color(color)
        guard value.hasPrefix("#"), value.count >= 7 else { return nil }
        let digits = Array(value.utf8.dropFirst().prefix(6))
        func nibble(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
            default: Int(byte - UInt8(ascii: "A") + 10)
            }
        }
        return (nibble(digits[0]) * 16 + nibble(digits[1]), nibble(digits[2]) * 16 + nibble(digits[3]),
                nibble(digits[4]) * 16 + nibble(digits[5]))
    }

    private static func hex(_ red: Int, _ green: Int, _ blue: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = "#"
        for component in [red, green, blue] {
            let value = min(max(component, 0), 255)
            text.append(digits[value / 16])
            text.append(digits[value % 16])
        }
        return text
    }
}
