import ArgumentParser
import BlueprintGraphviz
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

            Exit codes: 0 all rendered; 1 some files could not be rendered or written; \
            2 some files are not valid blueprints, or wrong usage.
            """
    )

    @Argument(help: "Blueprint files or directories to render.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(name: .shortAndLong, help: "The output directory (created if needed).", completion: .directory)
    var output: String

    @OptionGroup var drawing: DrawingOptions

    mutating func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        for diagnostic in missing { Terminal.error(diagnostic.description) }
        let plan = OutputPlan(inputs: inputs, directory: output, fileExtension: drawing.format.fileExtension)
        var configurations = ConfigurationResolver(explicit: drawing.config)

        var invalid = !missing.isEmpty
        var failed = 0
        var rendered = 0
        let progress = Terminal.Progress(total: inputs.count)
        for (number, input) in inputs.enumerated() {
            progress.update(number + 1, input.path)
            let document: BlueprintDocument
            do {
                document = try BlueprintDocument.read(from: input.path)
            } catch {
                progress.finish()
                Terminal.error(error.description)
                invalid = true
                continue
            }
            let target = plan.outputPath(for: input)
            do {
                let data = try drawing.render(document, configuration: configurations.configuration(for: input.path))
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(data, to: target)
                rendered += 1
            } catch {
                progress.finish()
                Terminal.error("\(input.path): error: cannot render to \(target): \(error)")
                failed += 1
            }
        }
        progress.finish()
        // The configuration only shapes the findings overlay; its problems are reported, not fatal.
        for diagnostic in configurations.diagnostics where drawing.overlay == .findings { Terminal.error(diagnostic.description) }
        Terminal.error("rendered \(rendered) of \(inputs.count) blueprint\(inputs.count == 1 ? "" : "s") to \(output)")
        if invalid { throw ExitStatus.invalidInput.exitCode }
        if failed > 0 { throw ExitStatus.findings.exitCode }
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

    /// `relative` with every folder made a safe stem and the file a safe name with the extension
    /// (``OutputFileName``), so the output stays inside the output folder whatever the input names.
    static func safeRelativePath(_ relative: String, fileExtension: String) -> String {
        var components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let file = components.popLast() ?? ""
        return (components.map(OutputFileName.safeStem) + [OutputFileName.make(file, extension: fileExtension)])
            .joined(separator: "/")
    }
}
