/// Drawing operations for Graphviz's `_background` attribute (xdot format): filled polygons, polylines and
/// text drawn behind the graph. They are not nodes, so edge routing ignores them.
///
/// Coordinates are taken top-down (y grows downwards) and flipped to Graphviz's bottom-up system here.
struct XDotCanvas {
    enum Alignment: Int {
        case left = -1
        case center = 0
        case right = 1
    }

    enum Stroke: String {
        case solid
        case dashed
        case dotted
    }

    /// The page height, for flipping y.
    let pageHeight: Double
    private var operations: [String] = []
    private var pen = ""
    private var fill = ""
    private var lineStyle = ""
    private var lineWidth = -1.0
    private var font = ""

    init(pageHeight: Double) { self.pageHeight = pageHeight }

    /// The `_background` value (unquoted).
    var value: String { operations.joined(separator: " ") }

    // MARK: Shapes

    /// A filled rectangle without a visible border.
    mutating func fillRect(_ rect: Rect, color: String) {
        polygon([
            Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
            Point(x: rect.maxX, y: rect.maxY), Point(x: rect.minX, y: rect.maxY),
        ], fill: color, border: color, borderWidth: 0.5)
    }

    /// A filled polygon with a border.
    mutating func polygon(_ points: [Point], fill: String, border: String, borderWidth: Double = 1) {
        setFill(fill)
        setPen(border)
        setStroke(.solid, width: borderWidth)
        operations.append("P \(points.count) " + coordinates(points))
    }

    /// A polyline.
    mutating func polyline(_ points: [Point], color: String, width: Double = 1, stroke: Stroke = .solid) {
        setPen(color)
        setStroke(stroke, width: width)
        operations.append("L \(points.count) " + coordinates(points))
    }

    /// An unfilled Bézier curve: a start point and three points (two controls, an end) per segment.
    mutating func bezier(_ points: [Point], color: String, width: Double = 1) {
        guard points.count >= 4, (points.count - 1) % 3 == 0 else { return }
        setPen(color)
        setStroke(.solid, width: width)
        operations.append("B \(points.count) " + coordinates(points))
    }

    /// A filled circle.
    mutating func disc(center: Point, radius: Double, color: String) {
        setFill(color)
        setPen(color)
        setStroke(.solid, width: 0.5)
        operations.append("E \(DOTText.number(center.x)) \(DOTText.number(pageHeight - center.y)) "
            + "\(DOTText.number(radius)) \(DOTText.number(radius))")
    }

    // MARK: Text

    /// One line of text whose visual middle is at `middleY`, in the face of `faces` for the style.
    mutating func text(
        _ text: String, x: Double, middleY: Double, alignment: Alignment, size: Double, faces: FontFaces,
        bold: Bool = false, italic: Bool = false, color: String, width: Double
    ) {
        let line = DOTText.xdotText(text)
        guard !line.isEmpty else { return }
        setPen(color)
        setFont(size: size, name: faces.face(bold: bold, italic: italic))
        // Graphviz puts the baseline 0.2 em above y; the middle of lower-case text is ~0.35 em above it.
        let y = pageHeight - middleY - 0.55 * size
        operations.append("T \(DOTText.number(x)) \(DOTText.number(y)) \(alignment.rawValue) "
            + "\(DOTText.number(width)) \(Self.counted(line))")
    }

    // MARK: State

    private mutating func setPen(_ color: String) {
        let value = DOTText.color(color)
        guard value != pen else { return }
        pen = value
        operations.append("c " + Self.counted(value))
    }

    private mutating func setFill(_ color: String) {
        let value = DOTText.color(color)
        guard value != fill else { return }
        fill = value
        operations.append("C " + Self.counted(value))
    }

    private mutating func setStroke(_ stroke: Stroke, width: Double) {
        if stroke.rawValue != lineStyle {
            lineStyle = stroke.rawValue
            operations.append("S " + Self.counted(stroke.rawValue))
        }
        if width != lineWidth {
            lineWidth = width
            operations.append("S " + Self.counted("setlinewidth(\(DOTText.number(width)))"))
        }
    }

    private mutating func setFont(size: Double, name: String) {
        let key = "\(DOTText.number(size)) " + Self.counted(name)
        if key != font {
            font = key
            operations.append("F " + key)
        }
    }

    private func coordinates(_ points: [Point]) -> String {
        points.map { "\(DOTText.number($0.x)) \(DOTText.number(pageHeight - $0.y))" }.joined(separator: " ")
    }

    /// An xdot string: byte count, a dash, the bytes.
    private static func counted(_ text: String) -> String { "\(text.utf8.count) -\(text)" }
}
