import ArgumentParser
import BlueprintGraphviz
import BlueprintInterchange
import Foundation
import ServiceBlueprint

/// `blueprint render`: draw blueprints with Graphviz.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render blueprints to SVG, PNG, PDF or DOT.",
        discussion: """
            Every blueprint under the given paths is drawn as a service blueprint: lanes as bands, \
            stages as columns, the three lines labelled. The output folder mirrors the input folders. \
            Each file is written atomically: a failed render never leaves a partial or clobbered file.

            Output names are sanitised (no path separators, control characters or Windows device \
            names). When two inputs would be written to the same file (`render team-a team-b` where \
            both hold flow.yaml), nothing is written and the command fails; render them to separate \
            folders or pass their common parent folder.

            Exit codes: 0 all rendered; 1 some files could not be rendered or written; \
            2 some files are not valid blueprints, outputs would collide, or wrong usage.
            """
    )

    @Argument(help: "Blueprint files or directories to render.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(name: .shortAndLong, help: "The output directory (created if needed).", completion: .directory)
    var output: String

    @OptionGroup var drawing: DrawingOptions

    @OptionGroup var jobs: JobsOption

    @Option(help: "Highlight one journey by id and dim the rest; the emotion curve follows its steps.")
    var journey: String?

    mutating func run() throws {
        let shown = drawing.language.resolve()
        let (inputs, missing) = InputCollector.collect(paths)
        for diagnostic in missing { Terminal.error(diagnostic.description(in: shown)) }
        let plan = OutputPlan(inputs: inputs, directory: output, fileExtension: drawing.format.fileExtension)
        try plan.refuseCollisions(verb: "render", language: shown)
        var configurations = ConfigurationResolver(explicit: drawing.config)
        let resolved = configurations.resolve(inputs.map(\.path))

        var invalid = !missing.isEmpty
        var failed = 0
        var rendered = 0
        var used: [ConfigurationResolver.Resolved] = []
        var declared = Set<Language?>()
        let progress = Terminal.Progress(total: inputs.count)
        let job = drawing.job(journey: journey)
        let items = inputs.indices.map { (input: inputs[$0], target: plan.outputPath(for: inputs[$0]), configuration: resolved[$0].configuration) }
        // Files are read and drawn on several workers, Graphviz in worker processes when that pays (one at a
        // time per process, behind its lock); messages come back in input order.
        let layoutWorkers = job.drawsWithGraphviz ? LayoutWorkers.start(files: items.count, jobs: jobs.workers) : nil
        defer { LayoutWorkers.stop(layoutWorkers) }
        FileWorkers.run(items, workers: jobs.workers) { item in
            await Self.render(item.input, to: item.target, job: job, configuration: item.configuration)
        } deliver: { index, result in
            progress.update(index + 1, inputs[index].path)
            if !result.messages.isEmpty { progress.finish() }
            for message in result.messages { Terminal.error(message) }
            switch result.status {
            case .invalid: invalid = true
            case .failed: failed += 1
            case .written: rendered += 1
            }
            if result.status != .invalid {
                used.append(resolved[index])
                declared.insert(result.declared)
            }
        }
        progress.finish()
        // The configuration only shapes the findings overlay; its problems are reported, not fatal.
        for diagnostic in configurations.diagnostics(usedBy: used) where drawing.overlay == .findings || drawing.format == .html { Terminal.error(diagnostic.description(in: shown)) }
        // The summary speaks the language every drawn blueprint declares, when they agree (as `check`'s does).
        let summary = drawing.language.resolve(declared: declared.count == 1 ? declared.first ?? nil : nil)
        Terminal.error(summary.cli("render.summary.\(inputs.count == 1 ? "one" : "other")", [
            "done": .integer(rendered), "count": .integer(inputs.count), "output": .verbatim(output),
        ]))
        if invalid { throw ExitStatus.invalidInput.exitCode }
        if failed > 0 { throw ExitStatus.findings.exitCode }
    }
}

extension RenderCommand {
    /// Reads, draws and writes one file.
    static func render(
        _ input: InputCollector.Input, to target: String, job: DrawingJob, configuration: AnalysisConfiguration
    ) async -> FileOutcome {
        let document: BlueprintDocument
        do {
            document = try InterchangeReader.read(from: input.path)  // .bpmn and .csv too (issue 14)
        } catch {
            return FileOutcome(status: .invalid, messages: [error.description(in: LanguageOption.resolve(explicit: job.language, declared: nil))])
        }
        let shown = LanguageOption.resolve(explicit: job.language, declared: document.blueprint.language)
        if let id = job.options.journey, document.blueprint.journey(id) == nil {
            let known = document.blueprint.journeys.map(\.id)
            let arguments: [String: TextArgument] = [
                "path": .verbatim(input.path), "journey": .quoted(id), "suggestion": Suggestion.didYouMeanArgument(id, in: known),
            ]
            return FileOutcome(status: .invalid, messages: [shown.cli(known.isEmpty ? "render.noJourney.none" : "render.noJourney", arguments)])
        }
        var messages = job.notes(for: document)
        do {
            let data = try await job.render(document, configuration: configuration)
            try OutputFolder.create(PathText.parent(of: target))
            try AtomicFile.write(data, to: target)
            return FileOutcome(status: .written, messages: messages, declared: document.blueprint.language)
        } catch {
            messages.append(shown.cli("render.cannotWrite", ["path": .verbatim(input.path), "target": .verbatim(target), "error": .verbatim("\(error)")]))
            return FileOutcome(status: .failed, messages: messages, declared: document.blueprint.language)
        }
    }
}

/// Maps each input file to its output path, mirroring the input folders.
///
/// `dir/sub/a.yaml` given as `dir` renders to `OUT/sub/a.svg`. When two inputs would land on the
/// same output (`a.yaml` and `a.json`), both keep their extension: `a.yaml.svg`, `a.json.svg`.
struct OutputPlan {
    private var paths: [String: String] = [:]

    init(inputs: [InputCollector.Input], directory: String, fileExtension: String) {
        func stem(_ relative: String) -> String { (relative as NSString).deletingPathExtension }
        let counts = Dictionary(grouping: inputs, by: { stem($0.relativePath) }).mapValues(\.count)
        for input in inputs {
            let base = counts[stem(input.relativePath), default: 0] > 1 ? input.relativePath : stem(input.relativePath)
            paths[input.path] = (directory as NSString).appendingPathComponent(Self.safeRelativePath(base, fileExtension: fileExtension))
        }
    }

    func outputPath(for input: InputCollector.Input) -> String { paths[input.path] ?? input.path }

    /// Output paths that more than one input maps to, compared ignoring case (macOS and Windows
    /// file systems fold it), with those inputs; sorted, so the message is the same every run.
    var collisions: [(target: String, inputs: [String])] {
        Dictionary(grouping: paths, by: { $0.value.lowercased() })
            .filter { $0.value.count > 1 }
            .map { group in (group.value[0].value, group.value.map(\.key).sorted()) }
            .sorted { $0.target < $1.target }
    }

    /// Two inputs that would write one file: refuses before anything is written, instead of letting
    /// the second silently replace the first. `verb` says what the command does (`render`, `convert`).
    func refuseCollisions(verb: String, language: Language) throws {
        guard !collisions.isEmpty else { return }
        for (target, sources) in collisions {
            Terminal.error(language.cli("\(verb).collision", ["target": .verbatim(target), "sources": .series(sources.map(TextArgument.verbatim), separator: LocalizedText("text.and"))]))
        }
        throw ExitStatus.invalidInput.exitCode
    }

    /// `relative` with every folder made a safe stem and the file a safe name with the extension
    /// (``OutputFileName``), so the output stays inside the output folder whatever the input names.
    static func safeRelativePath(_ relative: String, fileExtension: String) -> String {
        var components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let file = components.popLast() ?? ""
        return (components.map(OutputFileName.safeStem) + [OutputFileName.make(file, extension: fileExtension)])
            .joined(separator: "/")
    }
}
