import ServiceBlueprint

extension Drawing {
    /// One undirected edge per association: dashed, muted, no arrowhead, routed like the flows.
    func writeAssociations(into out: inout DOTSource) {
        let theme = options.theme
        var used: [String: Int] = [:]
        for association in scene.blueprint.associations {
            guard let first = scene.indexByID[association.first], let second = scene.indexByID[association.second],
                first != second
            else { continue }
            let base = "association-" + DOTText.token(association.first) + "--" + DOTText.token(association.second)
            let seen = used[base, default: 0]
            used[base] = seen + 1
            var tip = options.text(
                "drawing.tooltip.association", ["first": .verbatim(scene.steps[first].title), "second": .verbatim(scene.steps[second].title)])
            if let label = association.label, !label.isEmpty { tip += "\n\(label)" }
            out += "  \(nodeName(first)) -> \(nodeName(second)) [id=\(DOTString(token: seen == 0 ? base : base + "-\(seen + 1)")), "
            out += "class=\"association\", color=\(DOTString(color: theme.mutedText)), "
            out += "style=\"dashed\", dir=\"none\", tooltip=\(DOTString(escString: tip))"
            if options.showFlowLabels, let label = association.label, !DOTText.singleLine(label).isEmpty {
                let size = StepCard.detailSize(options.fontSize)
                let text = metrics.truncate(label, size: size, maxWidth: 150)
                let html: DOTHTMLLabel = "<font point-size=\"\(number: size)\" color=\"\(color: theme.mutedText)\">\(text)</font>"
                out += ",\n    label=\(html)"
            }
            out += "];\n"
        }
    }
}
