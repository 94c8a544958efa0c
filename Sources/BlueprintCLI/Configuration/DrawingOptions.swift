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

    /// Paper for a paged PDF (`--pages`).
    enum Paper: String, ExpressibleByArgument, CaseIterable {
        case a4, a3
        var size: PaperSize { self == .a4 ? .a4 : .a3 }
    }

    @Option(help: "With --format pdf: print on landscape pages of this size (a4 or a3), cut between stage columns, each page with the lane labels, its stage headers and its number. Without it, one page as large as the blueprint.")
    var pages: Paper?

    /// What is drawn: the service blueprint, or the customer-facing journey map.
    enum View: String, ExpressibleByArgument, CaseIterable {
        case blueprint, journey
    }

    @Option(help: "What to draw: blueprint (the five lanes and three lines) or journey (the customer-facing journey map: goal, actions, touchpoints, emotion curve, pain points, opportunities and experience KPIs per stage).")
    var view: View = .blueprint

    @Option(name: .customLong("max-steps"), help: "Refuse to draw a blueprint with more steps than this.")
    var maxSteps: Int = RenderOptions.defaultMaximumSteps

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if pages != nil, format != .pdf {
            throw ValidationError("--pages splits a PDF into printed pages; use it with --format pdf")
        }
        if view == .journey, pages != nil || format == .html {
            throw ValidationError("--view journey draws one page as svg, png, pdf or dot; leave out --pages and --format html")
        }
    }

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
            showsFindings: overlay == .findings, language: language.explicit, paper: pages?.size, drawsJourneyMap: view == .journey)
    }
}
