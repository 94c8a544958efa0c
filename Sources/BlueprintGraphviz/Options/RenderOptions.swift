import ServiceBlueprint

/// How a blueprint is drawn: theme, direction, font and what to show.
///
/// The defaults give the full blueprint look: times, standards, badges, a legend and the findings overlay
/// when one is passed in.
///
/// ```swift
/// var options = RenderOptions()
/// options.theme = .monochrome
/// options.showStandards = false
/// let dot = DOTWriter(options: options).dot(for: blueprint)
/// ```
public struct RenderOptions: Sendable, Hashable {
    /// Colours of lanes, steps, flows and badges.
    public var theme: RenderTheme
    /// Whether time runs left to right (lanes are horizontal bands) or top to bottom (lanes are columns).
    public var direction: LayoutDirection
    /// How flows are routed between steps.
    public var edgeRouting: EdgeRouting
    /// The font family for all text, e.g. `Helvetica` (the default) or `DejaVu Sans`.
    public var fontName: String
    /// The size of step titles in points; other text is scaled from it.
    public var fontSize: Double
    /// The minimum width of a step card in points; titles wrap to fit.
    public var stepWidth: Double
    /// Draw the blueprint's title, version and summary above the diagram.
    public var showTitle: Bool
    /// Show process times (likely, and min–max for three-point estimates) and waits on the steps.
    public var showTimes: Bool
    /// Show time standards, SOP references and response commitments on the steps.
    public var showStandards: Bool
    /// Show fail point, wait point and step-kind badges on the steps.
    public var showBadges: Bool
    /// Show who performs each step and over which channel.
    public var showActors: Bool
    /// Show flow labels, branch probabilities and touchpoint channels on the flows.
    public var showFlowLabels: Bool
    /// Draw the legend below the diagram.
    public var showLegend: Bool
    /// Draw the findings overlay when one is passed to the writer or renderer.
    public var showOverlay: Bool
    /// Above this many steps, ``EdgeRouting/orthogonal`` is drawn as ``EdgeRouting/straight`` instead, with a
    /// ``RenderNote``: Graphviz's orthogonal router needs time and memory that grow much faster than the
    /// drawing (`neato -n2` CPU time on generated blueprints: 400 steps 1.7 s and 74 MB, 800 steps 10.6 s,
    /// 1 600 steps 70 s and 760 MB, 5 000 steps over 6 minutes and 7 GB; straight lines: 0.3 s for 1 600).
    /// Default ``defaultOrthogonalRoutingStepLimit``; `Int.max` always routes orthogonally.
    public var orthogonalRoutingStepLimit: Int
    /// Longest text drawn, in Unicode scalars: longer titles, labels and notes are shortened with "…" on the
    /// drawing (and in its tooltips), with a ``RenderNote``; the blueprint itself is never changed.
    /// Default ``defaultMaximumTextLength``.
    public var maximumTextLength: Int
    /// Most steps one drawing may have; ``GraphvizRenderer`` refuses larger blueprints with
    /// ``RenderError/Code/tooLarge``. Default ``defaultMaximumSteps``.
    public var maximumSteps: Int
    /// The journey to highlight, by id: its steps and flows are drawn as usual and everything else is
    /// dimmed; the emotion curve follows its steps, and the title names it with its persona. `nil` (the
    /// default) draws every step alike; an id the blueprint does not declare is ignored.
    public var journey: String?
    /// The language of the drawing's fixed text: lane names, the three lines, the legend, badges and
    /// labels (l10n, issue 19). What the blueprint says is drawn as written. Default English.
    public var language: Language = .english
    /// How text is measured to size cards, headers and the legend of PNG and PDF output, which cairo draws on
    /// this machine. ``TextMeasurement/font`` (the default) asks the font that will draw the text;
    /// ``TextMeasurement/estimate`` gives the same drawing on every machine, at the cost of some slack. SVG,
    /// DOT and the viewer page always use the estimate: a browser draws them with its reader's fonts.
    public var textMeasurement: TextMeasurement = .font

    /// The default ``orthogonalRoutingStepLimit``.
    public static let defaultOrthogonalRoutingStepLimit = 400
    /// The default ``maximumTextLength``.
    public static let defaultMaximumTextLength = 1_000
    /// The default ``maximumSteps``.
    public static let defaultMaximumSteps = 20_000

    /// Creates options; every parameter has the default described on its property.
    public init(
        theme: RenderTheme = .standard, direction: LayoutDirection = .leftToRight,
        edgeRouting: EdgeRouting = .orthogonal, fontName: String = "Helvetica", fontSize: Double = 11,
        stepWidth: Double = 164, showTitle: Bool = true, showTimes: Bool = true, showStandards: Bool = true,
        showBadges: Bool = true, showActors: Bool = true, showFlowLabels: Bool = true, showLegend: Bool = true,
        showOverlay: Bool = true, orthogonalRoutingStepLimit: Int = RenderOptions.defaultOrthogonalRoutingStepLimit,
        maximumTextLength: Int = RenderOptions.defaultMaximumTextLength,
        maximumSteps: Int = RenderOptions.defaultMaximumSteps
    ) {
        self.theme = theme
        self.direction = direction
        self.edgeRouting = edgeRouting
        self.fontName = fontName
        self.fontSize = fontSize
        self.stepWidth = stepWidth
        self.showTitle = showTitle
        self.showTimes = showTimes
        self.showStandards = showStandards
        self.showBadges = showBadges
        self.showActors = showActors
        self.showFlowLabels = showFlowLabels
        self.showLegend = showLegend
        self.showOverlay = showOverlay
        self.orthogonalRoutingStepLimit = orthogonalRoutingStepLimit
        self.maximumTextLength = maximumTextLength
        self.maximumSteps = maximumSteps
    }
}

/// How a drawing measures its text before Graphviz lays it out.
public enum TextMeasurement: String, Sendable, Hashable, Codable, CaseIterable {
    /// With the font that draws the PNG and PDF: Graphviz's text layout plugin (pango and cairo, with
    /// fontconfig's fallback fonts). Exact on this machine, so cards have no slack; the drawing then depends
    /// on the fonts installed. Falls back to ``estimate`` when Graphviz has no text layout plugin, for
    /// characters it cannot measure, and for SVG, DOT and the viewer, which are drawn with the reader's fonts.
    case font
    /// From a built-in table of Helvetica widths padded by 20–25 %: the same on every machine.
    case estimate
}

/// The direction time runs in a drawn blueprint.
public enum LayoutDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stages are columns left to right; lanes are horizontal bands top to bottom (the classic blueprint).
    case leftToRight
    /// Stages are rows top to bottom; lanes are vertical bands left to right (for tall, narrow pages).
    case topToBottom
}

/// How flows are routed between the pinned steps.
public enum EdgeRouting: String, Sendable, Hashable, Codable, CaseIterable {
    /// Right-angled routes around the steps (Graphviz `splines=ortho`): the cleanest look.
    case orthogonal
    /// Straight lines (Graphviz `splines=line`): fastest, for very large blueprints.
    case straight

    var graphvizSplines: String {
        switch self {
        case .orthogonal: "ortho"
        case .straight: "line"
        }
    }
}
