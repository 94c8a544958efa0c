/// The first picture of a very wide blueprint: the drawing without what cannot be seen at
/// fit-to-width.
///
/// Fitted to a window, a 1 000-step blueprint is drawn at about 1 % of its size: card text, flow
/// arrowheads, chips and tooltips are far below a pixel, yet they are nine tenths of the SVG's
/// elements, and parsing, styling and laying them out is most of the time before the page takes
/// input. The overview keeps the lanes, stage headers, lines and every other element outside cards
/// and flows, each card's outline (the `g.step` group with its id and classes, so findings, filters
/// and clicks work on it) and each flow's path (its `g.edge` group with id and classes). The script
/// swaps in the full drawing, kept as text in the page, when the reader zooms in far enough to read.
/// Elements follow each other without line breaks, which the browser would keep as text nodes.
enum ViewerOverview {
    /// The overview of a Graphviz SVG document (from `<svg` on), or `nil` when the text does not
    /// have the shape this reads (Graphviz's one element per line) and the page should show the full
    /// drawing instead.
    static func overview(of svg: Substring) -> String? {
        enum Group { case node, edge, anchor, plain }
        var groups: [Group] = []
        // Per open node or edge group: whether its one shape has been kept.
        var kept: [Bool] = []
        var output = ""
        output.reserveCapacity(svg.utf8.count / 4)
        var started = false
        for line in svg.split(separator: "\n", omittingEmptySubsequences: false) {
            // Everything up to the first group is the root element's start tag (two lines).
            if !started {
                if line.hasPrefix("<g") { started = true } else { output += line; output += "\n"; continue }
            }
            if line.hasPrefix("<!--") || line.hasPrefix("<title>") { continue }
            if line.hasPrefix("<g") {
                let group: Group
                if line.hasPrefix("<g id=\"a_") { group = .anchor }
                else if line.contains(" class=\"node") { group = .node }
                else if line.contains(" class=\"edge") { group = .edge }
                else { group = .plain }
                groups.append(group)
                kept.append(false)
                // An anchor group opens its link on the same line: both are left out.
                if group != .anchor { output += line }
                continue
            }
            if line == "</g>" {
                guard let group = groups.popLast() else { return nil }
                kept.removeLast()
                if group != .anchor { output += line }
                continue
            }
            if line == "</a>" || line.hasPrefix("<a ") { continue }
            if line == "</svg>" {
                guard groups.isEmpty else { return nil }
                output += line; output += "\n"
                return output
            }
            // Inside a card or a flow, only its first shape (the card's outline, the flow's path).
            if let owner = groups.lastIndex(where: { $0 == .node || $0 == .edge }) {
                guard !kept[owner], line.hasPrefix("<path") || line.hasPrefix("<polygon") || line.hasPrefix("<ellipse") else { continue }
                kept[owner] = true
            }
            guard line.hasPrefix("<") else { return nil }
            output += line
        }
        return nil
    }
}
