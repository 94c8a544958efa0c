/// A point in drawing coordinates (points, y grows downwards; flipped for Graphviz at the end).
struct Point: Hashable, Sendable {
    var x: Double
    var y: Double
}

/// A size in points.
struct Size: Hashable, Sendable {
    var width: Double
    var height: Double
}

/// An axis-aligned rectangle in drawing coordinates.
struct Rect: Hashable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var minY: Double { y }
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    init(center: Point, size: Size) {
        self.init(x: center.x - size.width / 2, y: center.y - size.height / 2, width: size.width, height: size.height)
    }
}
