import ArgumentParser
import BlueprintGraphviz
import Foundation
import ServiceBlueprint

/// The drawing flags shared by `render` (and used with defaults by `report`).
struct DrawingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, png, pdf, dot, html
        var fileExtension: String { rawValue }
        var output: OutputFormat {
            switch self {
            case .svg, .html: .svg
            case .png: .png
            case .pdf: .pdf
            case .dot: .dot
            }
        }
    }

    enum Overlay: String, ExpressibleByArgument, CaseIterable {
        case none, findings
    }

    /// Which way time runs: the classic wide blueprint, or stages as rows for tall, narrow pages.
    enum Direction: String, ExpressibleByArgument, CaseIterable {
        case leftToRight = "left-to-right", topToBottom = "top-to-bottom"
        var layout: LayoutDirection { self == .leftToRight ? .leftToRight : .topToBottom }
    }

    enum Theme: String, ExpressibleByArgument, CaseIterable {
        case standard, monochrome
        var theme: RenderTheme { self == .standard ? .standard : .monochrome }
    }

    @Option(help: "Output format: svg, png, pdf, dot (the generated Graphviz source, positions pinned; lay out with `neato -n2`), or html (the interactive viewer: one self-contained page per blueprint).")
    var format: Format = .svg

    @Option(help: "Draw analysis results on the diagram: none, or findings (critical path, redundant steps, parallel suggestions, utilization heat, finding badges).")
    var overlay: Overlay = .none

    @Option(help: "Colour theme: standard or monochrome (for print).")
    var theme: Theme = .standard

    @Option(help: "Font family for all text.")
    var font: String = "Helvetica"

    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.")
    var noLegend = false

    @Flag(name: .customLong("no-times"), help: "Leave out process times and waits on the steps.")
    var noTimes = false

    @Flag(name: .customLong("no-standards"), help: "Leave out time standards and SOP references on the steps.")
    var noStandards = false

    @Flag(name: .customLong("no-badges"), help: "Leave out fail-point and wait-point badges.")
    var noBadges = false

    @Option(help: "Analysis configuration for --overlay findings (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    @Option(help: "Which way time runs: left-to-right (stages as columns, the classic blueprint) or top-to-bottom (stages as rows, for tall pages).")
    var direction: Direction = .leftToRight

    @Option(name: .customLong("max-steps"), help: "Refuse to draw a blueprint with more steps than this.")
    var maxSteps: Int = RenderOptions.defaultMaximumSteps

    var renderOptions: RenderOptions {
        RenderOptions(
            theme: theme.theme, direction: direction.layout, fontName: font, showTimes: !noTimes, showStandards: !noStandards,
            showBadges: !noBadges, showLegend: !noLegend, showOverlay: overlay == .findings, maximumSteps: maxSteps)
    }

    /// What a worker needs to draw with these options (plain values, shared between workers).
    var job: DrawingJob { job(journey: nil) }

    /// The job, highlighting `journey` (`render --journey`).
    func job(journey: String?) -> DrawingJob {
        var options = renderOptions
        options.journey = journey
        return DrawingJob(
            options: options, format: format.output, writesDOT: format == .dot, writesViewer: format == .html,
            showsFindings: overlay == .findings)
    }
}

/// The drawing options as plain values, for the workers of `render`.
struct DrawingJob: Sendable {
    var options: RenderOptions
    var format: OutputFormat
    /// `--format dot`: the DOT text we generate, not a Graphviz re-print.
    var writesDOT: Bool
    /// `--format html`: the interactive viewer page, which always carries the findings.
    var writesViewer: Bool
    var showsFindings: Bool

    /// What the drawing changes to stay affordable (straight flows, shortened texts), said, not hidden.
    func notes(for document: BlueprintDocument) -> [String] {
        DOTWriter(options: options).notes(for: document.blueprint).map { "\(document.path): note: \($0)" }
    }

    /// Renders one loaded blueprint. The DOT text is written on the calling task, so several files
    /// are drawn at once; only the Graphviz layout and output wait for its lock. With findings, one
    /// analysis run feeds the overlay and the drawing (one graph, one capacity analysis).
    func render(_ document: BlueprintDocument, configuration: AnalysisConfiguration) async throws -> Data {
        if writesViewer {
            let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all)
                .run(document.blueprint, sourceMap: document.sourceMap)
            let entry = try await BlueprintViewer.Entry(analysis: analysis, source: document.path, options: options)
            return Data(BlueprintViewer.page(title: document.blueprint.title, entries: [entry]).utf8)
        }
        guard showsFindings else {
            // DOT is the source we generate (positions pinned, ready for `neato -n2`), not a Graphviz re-print.
            if writesDOT { return Data(DOTWriter(options: options).dot(for: document.blueprint).utf8) }
            return try await GraphvizRenderer.shared.render(document.blueprint, format: format, options: options)
        }
        let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all).run(document.blueprint)
        if writesDOT { return Data(DOTWriter(options: options).dot(for: analysis).utf8) }
        return try await GraphvizRenderer.shared.render(analysis, format: format, options: options)
    }
}

/// Rendering used by `report`: SVG with the findings overlay of the report's analysis run.
enum DiagramRenderer {
    static func svg(for analysis: BlueprintAnalysis) async throws -> String {
        let data = try await GraphvizRenderer.shared.render(analysis, format: .svg, options: RenderOptions())
        return String(decoding: data, as: UTF8.self)
    }
}
