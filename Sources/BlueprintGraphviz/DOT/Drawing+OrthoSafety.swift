/// Keeps Graphviz 2.42's orthogonal router from aborting.
///
/// `splines=ortho` cuts the free space between the node boxes into cells with Seidel's trapezoid
/// decomposition (`lib/ortho/partition.c`), once horizontally and once vertically, and intersects
/// the two. When node box sides are collinear — cards of one row share their top and bottom, cards
/// of one column share their left and right side — that decomposition is degenerate, and on some
/// arrangements it yields cells whose faces do not meet face to face. `mkMazeGraph` then leaves a
/// search-graph node with only one cell and `chkSgraph` fails a C assertion
/// (`maze.c: Assertion 'np->cells[0]' failed`), which aborts the whole process. With 50-step
/// generated blueprints this happened to roughly one in four.
///
/// The fix puts the boxes in general position: box sides sit on the half-point grid (whole-point
/// centres, whole-point sizes — Graphviz rounds sizes to whole points anyway), and every node is
/// then moved by its own offset smaller than half a point, in both axes. Two different nodes can
/// then never share a side coordinate, because two offsets differ by less than the half-point grid
/// step but never by zero. The shift is far below what a reader can see.
extension Drawing {
    /// A node box as handed to Graphviz: centre and size in points.
    struct RoutingBox: Equatable {
        /// The node centre (Graphviz coordinates, y up).
        var center: Point
        /// The width in whole points.
        var width: Double
        /// The height in whole points.
        var height: Double
    }

    /// The largest tie-breaking offset, kept below half a point (the grid step of box sides).
    static let maximumTieBreak = 0.45

    /// The box of node `index` of `count`, snapped and offset so that no side of it lies on a line
    /// through a side of another node (see the type comment).
    static func routingBox(center: Point, width: Double, height: Double, index: Int, count: Int) -> RoutingBox {
        let step = tieBreakStep(count: count)
        let offset = Double(index + 1) * step
        return RoutingBox(
            center: Point(x: center.x.rounded() + offset, y: center.y.rounded() + offset),
            width: max(1, width.rounded(.up)),
            height: max(1, height.rounded(.up)))
    }

    /// The offset step: 0.0001 pt while that keeps every offset below `maximumTieBreak`, else the
    /// range is shared out evenly (still exact at the six decimals positions are written with).
    static func tieBreakStep(count: Int) -> Double {
        let fixed = 0.0001
        if Double(count + 1) * fixed < maximumTieBreak { return fixed }
        let even = (maximumTieBreak / Double(count + 1) * 1_000_000).rounded(.down) / 1_000_000
        return max(even, 0.000_001)
    }
}
