import ArgumentParser
import BlueprintGraphviz
import Foundation
import ServiceBlueprint

/// `blueprint report`: one page per set of blueprints for the process owner.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a Markdown or HTML report: metrics, findings and the rendered diagram of each blueprint.",
        discussion: """
            HTML reports embed the diagrams inline and are a single file. Markdown reports put the \
            SVG diagrams in a folder next to the report (REPORT.assets/) and link them; their file \
            names are built from the blueprint ids by a sanitiser that keeps them inside that folder.

            When an input path does not exist, or no blueprint is valid, nothing is written and an \
            existing report is left unchanged.

            Exit codes: 0 report written; 1 the report could not be written; 2 some files are not \
            valid blueprints (the report covers the valid ones), or nothing was written, or wrong usage.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @Argument(help: "Blueprint files or directories.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(name: .shortAndLong, help: "The report file to write.", completion: .file())
    var output: String

    @Option(help: "Report format (default: from the output file's extension, else markdown).")
    var format: OutputFormat?

    @Option(help: "Analysis configuration file for every blueprint (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    @OptionGroup var jobs: JobsOption

    @OptionGroup var language: LanguageOption

    mutating func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        for diagnostic in missing { Terminal.error(diagnostic.description) }
        var configurations = ConfigurationResolver(explicit: config)
        let resolved = configurations.resolve(inputs.map(\.path))
        let chosen = format ?? (output.lowercased().hasSuffix(".html") || output.lowercased().hasSuffix(".htm") ? .html : .markdown)

        var sections: [ReportSection] = []
        var invalid = !missing.isEmpty
        var used: [ConfigurationResolver.Resolved] = []
        // Files are read, analysed and drawn on several workers, Graphviz in worker processes when that
        // pays (as for `render`); sections come back in input order.
        let explicit = language.explicit
        let layoutWorkers = LayoutWorkers.start(files: inputs.count, jobs: jobs.workers)
        defer { LayoutWorkers.stop(layoutWorkers) }
        FileWorkers.run(Array(zip(inputs, resolved)), workers: jobs.workers) { input, resolved in
            await Self.section(for: input, configuration: resolved.configuration, format: chosen, language: explicit)
        } deliver: { index, result in
            for message in result.messages { Terminal.error(message) }
            if let section = result.section {
                sections.append(section)
                used.append(resolved[index])
            } else {
                invalid = true
            }
        }

        // Ids are untrusted: the sanitiser keeps every asset inside the folder with its `.svg`, and
        // two blueprints with the same id (or ids equal but for case) get distinct files.
        let assetNames = OutputFileName.unique(sections.map { OutputFileName.make($0.blueprint.id, extension: "svg") })
        for index in sections.indices { sections[index].assetName = assetNames[index] }

        // The report's language: the option, else the one every blueprint declares, else the environment's.
        let declared = Set(sections.compactMap(\.blueprint.language))
        let shown = LanguageOption.resolve(
            explicit: explicit, declared: declared.count == 1 && sections.allSatisfy { $0.blueprint.language != nil } ? declared.first : nil)
        for diagnostic in configurations.diagnostics(usedBy: used) { Terminal.error(diagnostic.description(in: shown)) }
        // A mistyped path or a run where nothing loaded must not replace a good report with an
        // empty or partial one: nothing is written.
        guard missing.isEmpty, !sections.isEmpty else {
            Terminal.error(shown.cli(missing.isEmpty ? "report.notWritten.noValid" : "report.notWritten.missing", ["path": .verbatim(output)]))
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            // `-o site/report.html` makes `site/`, as `render -o` does.
            let folder = PathText.parent(of: output)
            if !folder.isEmpty { try OutputFolder.create(folder) }
            switch chosen {
            case .html:
                // The interactive viewer: one self-contained page with every blueprint.
                let page = BlueprintViewer.page(
                    title: LocalizedText("report.title").rendered(in: shown), entries: sections.compactMap(\.viewer), language: shown)
                try AtomicFile.write(page, to: output)
            case .markdown:
                let assets = (output as NSString).deletingPathExtension + ".assets"
                let assetFolder = (assets as NSString).lastPathComponent
                for section in sections {
                    guard let svg = section.svg else { continue }
                    try OutputFolder.create(assets)
                    try AtomicFile.write(svg, to: (assets as NSString).appendingPathComponent(section.assetName))
                }
                try AtomicFile.write(ReportWriter.markdown(sections, assetFolder: assetFolder, language: shown), to: output)
            }
        } catch {
            Terminal.error(shown.cli("report.cannotWrite", ["path": .verbatim(output), "error": .verbatim("\(error)")]))
            throw ExitStatus.findings.exitCode
        }
        if invalid { throw ExitStatus.invalidInput.exitCode }
    }
}

extension ReportCommand {
    /// Reads, analyses and draws one file: its section (`nil` when it does not load), and the
    /// messages to print for it.
    static func section(
        for input: InputCollector.Input, configuration: AnalysisConfiguration, format: OutputFormat, language: Language? = nil
    ) async -> (section: ReportSection?, messages: [String]) {
        let file = BlueprintLoader.load(input)
        guard let document = file.document else {
            let shown = LanguageOption.resolve(explicit: language, declared: nil)
            return (nil, [file.diagnostics.map { $0.description(in: shown) }.joined(separator: "\n")])
        }
        // Each diagram is drawn in the blueprint's language (the option, else its `language:` key).
        var options = RenderOptions()
        options.language = LanguageOption.resolve(explicit: language, declared: document.blueprint.language)
        let analysis = Analyzer(configuration: configuration, rules: RuleRegistry.all)
            .run(document.blueprint, sourceMap: document.sourceMap)
        var section = ReportSection(path: input.path, document: document, report: analysis.report)
        do {
            switch format {
            case .html: section.viewer = try await BlueprintViewer.Entry(analysis: analysis, source: input.path, options: options)
            case .markdown: section.svg = try await DiagramRenderer.svg(for: analysis, options: options)
            }
        } catch {
            // The blueprint stays in the report with its findings and metrics; the viewer says why
            // there is no diagram where the diagram would be.
            if format == .html { section.viewer = BlueprintViewer.Entry(analysis: analysis, source: input.path, note: "\(error)") }
            return (section, [options.language.cli("report.notRendered", ["path": .verbatim(input.path), "error": .verbatim("\(error)")])])
        }
        return (section, [])
    }
}

/// One blueprint's part of a report.
struct ReportSection: Sendable {
    var path: String
    var document: BlueprintDocument
    var report: AnalysisReport
    var svg: String?
    /// The diagram and analysis the HTML viewer shows (HTML reports only).
    var viewer: BlueprintViewer.Entry?
    /// The diagram's file name in the assets folder, from ``OutputFileName``.
    var assetName = ""

    var blueprint: Blueprint { document.blueprint }
    var metrics: MetricsSummary { MetricsSummary(blueprint: blueprint, report: report, diagnostics: document.diagnostics) }
}
