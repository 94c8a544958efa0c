/// A file format Graphviz can produce.
public enum OutputFormat: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Scalable Vector Graphics: step ids, classes, tooltips and links survive, so web tools can style
    /// and script the picture.
    case svg
    /// A PNG bitmap rendered with cairo (anti-aliased text and lines).
    case png
    /// A PDF page rendered with cairo.
    case pdf
    /// DOT with the computed layout written back (`pos`, `bb`, spline control points).
    case dot
    /// Graphviz's plain text format: one line per node and edge with coordinates in inches.
    case plain

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }

    /// `true` for formats whose bytes are text (UTF-8).
    public var isText: Bool { self != .png && self != .pdf }

    /// Reads a format from a file name extension (`svg`, `png`, `pdf`, `dot`/`gv`, `plain`/`txt`), ignoring case.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        case "plain", "txt": self = .plain
        default: return nil
        }
    }

    /// The Graphviz format string: device, and for bitmaps and PDF the cairo renderer explicitly.
    var graphvizFormat: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: "dot"
        case .plain: "plain"
        }
    }

    /// The Graphviz device plugin that must be installed for this format.
    var requiredDevice: String {
        switch self {
        case .svg: "svg"
        case .png: "png"
        case .pdf: "pdf"
        case .dot: "dot"
        case .plain: "plain"
        }
    }

    /// The Graphviz render plugin that must be installed for this format.
    var requiredRenderer: String {
        switch self {
        case .svg: "svg"
        case .png, .pdf: "cairo"
        case .dot, .plain: "dot"
        }
    }

    /// The file name extension, e.g. `svg`.
    public var description: String { rawValue }
}

/// A Graphviz layout engine.
///
/// Blueprints are laid out by this package itself and rendered with ``pinned``; the other engines
/// are there for ``GraphvizRenderer/render(dot:format:engine:)-44mm6`` on arbitrary DOT text.
/// A `layout` attribute in the DOT text takes precedence over the engine passed in (Graphviz's rule).
public enum LayoutEngine: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Hierarchical layout in ranks.
    case dot
    /// Spring model (stress majorization).
    case neato
    /// Force-directed placement.
    case fdp
    /// Multiscale force-directed placement for large graphs.
    case sfdp
    /// Radial layout.
    case twopi
    /// Circular layout.
    case circo
    /// Clustered layout of nested boxes.
    case osage
    /// Squarified tree map.
    case patchwork
    /// Node positions taken as given, in points (`neato -n2`); only edges are routed.
    case pinned = "nop2"

    /// The Graphviz engine name.
    public var graphvizName: String { rawValue }

    /// The Graphviz engine name, e.g. `dot` or `nop2`.
    public var description: String { rawValue }
}
