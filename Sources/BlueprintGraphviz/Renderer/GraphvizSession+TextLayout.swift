internal import CGraphviz

extension GraphvizSession.Job {
    /// The widths in points of `texts` drawn in font `face` at `size`, as Graphviz measures them for its
    /// cairo output: through the text layout plugin (pango, with fontconfig's fallback fonts) when one is
    /// loaded (``measuresText``), else with Graphviz's own estimate table.
    ///
    /// The public headers have no text-measuring call, so this lays out a graph of plain-text nodes, one per
    /// text, with pinned positions (`nop2`, so no layout work beyond measuring the labels), and reads each
    /// label's measured width (`ND_label(node)->dimen`, public `types.h`). One call measures any number of
    /// texts; a few hundred take a few milliseconds.
    func measureWidths(of texts: [String], face: String, size: Double) throws(RenderError) -> [Double] {
        guard !texts.isEmpty else { return [] }
        var dot = "digraph measure {\n  graph [layout=\"nop2\"];\n"
        dot += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\", pos=\"0,0!\", "
        dot += "fontname=\(Self.quoted(face)), fontsize=\"\(DOTText.number(size))\"];\n"
        for (index, text) in texts.enumerated() { dot += "  n\(index) [label=\(Self.quoted(text))];\n" }
        dot += "}\n"
        let parsed = try read(dot)
        guard let graph = parsed else {
            throw RenderError(.syntax, message: lastMessage(fallback: "the measuring graph could not be parsed"))
        }
        defer { agclose(graph) }
        let engine = LayoutEngine.pinned.graphvizName
        let status = gvLayout(context, graph, engine)
        defer { freeLayout(graph, engine: engine, laidOut: status == 0) }
        if status != 0 || failedSinceReset() {
            throw RenderError(.layout, message: lastMessage(fallback: "measuring text failed"))
        }
        var widths = [Double](repeating: -1, count: texts.count)
        var node = agfstnode(graph)
        while let current = node {
            // Names are n0, n1, …: the index of the text.
            if let name = agnameof(UnsafeMutableRawPointer(current)), let index = Int(String(cString: name).dropFirst()),
                widths.indices.contains(index)
            {
                widths[index] = sbgv_node_label_width(current)
            }
            node = agnxtnode(graph, current)
        }
        return widths
    }

    /// A plain DOT label, cleaned like every text the DOT writer draws (``DOTText/clean(_:)``: a NUL would cut
    /// the C string and fail the whole graph): Graphviz reads `\"` as a quote and `\\` as one backslash
    /// (other backslash pairs such as `\N` are label escapes, which doubling every backslash avoids).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in DOTText.clean(text).unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
