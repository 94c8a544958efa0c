import BlueprintGraphviz
import Foundation
import ServiceBlueprint

/// The drawing options as plain values, for the workers of `render`.
struct DrawingJob: Sendable {
    var options: RenderOptions
    var format: OutputFormat
    /// `--format dot`: the DOT text we generate, not a Graphviz re-print.
    var writesDOT: Bool
    /// `--format html`: the interactive viewer page, which always carries the findings.
    var writesViewer: Bool
    var showsFindings: Bool
    /// `--language`, when given; otherwise each blueprint's `language:` key, then the environment.
    var language: Language? = nil
    /// `--pages a4|a3`: a PDF of printed pages instead of one large page.
    var paper: PaperSize? = nil
    /// `--view journey`: the customer-facing journey map instead of the blueprint.
    var drawsJourneyMap = false

    /// Whether Graphviz lays out the drawings (everything but our own DOT text).
    var drawsWithGraphviz: Bool { writesViewer || drawsJourneyMap || paper != nil || !writesDOT }

    /// What the drawing changes to stay affordable (straight flows, shortened texts), said, not hidden.
    func notes(for document: BlueprintDocument) -> [String] {
        var options = options
        options.language = LanguageOption.resolve(explicit: language, declared: document.blueprint.language)
        return DOTWriter(options: options).notes(for: document.blueprint).map { "\(document.path): note: \($0.message(in: options.language))" }
            // Characters PNG/PDF would draw as empty boxes: said, with the font package to install.
            + GraphvizRenderer.shared.fontNotes(for: document.blueprint, format: format, options: options)
            .map { "\(document.path): warning: \($0.message(in: options.language))" }
    }

    /// Renders one loaded blueprint. The DOT text is written on the calling task, so several files
    /// are drawn at once; only the Graphviz layout and output wait for its lock. With findings, one
    /// analysis run feeds the overlay and the drawing (one graph, one capacity analysis).
    func render(_ document: BlueprintDocument, configuration: AnalysisConfiguration) async throws -> Data {
        var options = options
        options.language = LanguageOption.resolve(explicit: language, declared: document.blueprint.language)
        if writesViewer {
            let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all)
                .run(document.blueprint, sourceMap: document.sourceMap)
            let entry = try await BlueprintViewer.Entry(analysis: analysis, source: document.path, options: options)
            return Data(BlueprintViewer.page(title: document.blueprint.title, entries: [entry]).utf8)
        }
        if drawsJourneyMap {
            // The opportunities row comes from the analysis: always run it (it is cheap next to drawing).
            let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all).run(document.blueprint)
            return try await GraphvizRenderer.shared.renderJourneyMap(document.blueprint, analysis: analysis, format: format, options: options)
        }
        if let paper {
            guard showsFindings else { return try await GraphvizRenderer.shared.renderPages(document.blueprint, paper: paper, options: options) }
            let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all).run(document.blueprint)
            return try await GraphvizRenderer.shared.renderPages(analysis, paper: paper, options: options)
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
