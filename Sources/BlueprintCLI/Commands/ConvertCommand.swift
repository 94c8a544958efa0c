import ArgumentParser
import BlueprintInterchange
import Foundation
import ServiceBlueprint

/// `blueprint convert`: YAML ↔ JSON, through the model, in canonical form; one file, or many into a folder.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert blueprints between YAML and JSON (one file: the output format follows the output file's extension).",
        discussion: """
            The output is written in canonical key order; converting back gives the same blueprint. \
            Comments are not kept (JSON has none, and the canonical YAML is written from the model): \
            a warning says so when the input has any.

            `convert IN -o OUT.json` (or `convert IN OUT.json`) converts one file; `-o -` writes it to \
            standard output, in the `--to` format (default: the other one). With several inputs, a folder, or `--to`, the \
            output is a folder that mirrors the input folders, and `--to yaml|json` names the format: \
            `convert blueprints -o out --to json`. Files are converted on several workers (`--jobs`); \
            messages come in input order.

            Exit codes: 0 all converted; 1 some files could not be written; 2 some files are not valid \
            blueprints, outputs would collide, or wrong usage.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
        var document: DocumentFormat { self == .yaml ? .yaml : .json }
    }

    @Argument(help: "The blueprints to convert: files or folders (or IN OUT, one file to a new file).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(name: .shortAndLong, help: "The file to write (.yaml, .yml or .json; - for standard output), or the folder when converting several files.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var output: String?

    @Option(help: "The output format when converting into a folder: yaml or json.")
    var to: Format?

    @OptionGroup var jobs: JobsOption

    @OptionGroup var language: LanguageOption

    /// `convert IN OUT`, like `cp`: two paths, the second a blueprint file name that does not exist yet.
    private var positionalOutput: String? {
        guard output == nil, paths.count == 2, DocumentFormat(path: paths[1]) != nil,
            !FileManager.default.fileExists(atPath: paths[1])
        else { return nil }
        return paths[1]
    }

    private var inputs: [String] { positionalOutput == nil ? paths : [paths[0]] }
    private var target: String { output ?? positionalOutput ?? "" }
    private var writesToStandardOutput: Bool { target == "-" }

    /// Several inputs, a folder, or `--to` (except to standard output): the output is a folder.
    private var writesFolder: Bool {
        var isFolder: ObjCBool = false
        return inputs.count > 1 || (to != nil && !writesToStandardOutput)
            || (inputs.first.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) } == true && isFolder.boolValue)
    }

    func validate() throws {
        let output = target
        guard !output.isEmpty else {
            throw ValidationError("say where to write: convert IN -o OUT.json, convert IN OUT.json, or -o - for standard output")
        }
        if writesToStandardOutput {
            guard inputs.count == 1, !writesFolder else {
                throw ValidationError("-o - writes one blueprint to standard output; name one file")
            }
        } else if writesFolder {
            guard to != nil else {
                throw ValidationError("converting several files or a folder writes a folder '\(output)': say which format with --to yaml or --to json")
            }
        } else if DocumentFormat(path: output) == nil {
            throw ValidationError("cannot tell the output format of '\(output)': use a .yaml, .yml or .json extension")
        }
    }

    func run() throws {
        let output = target
        guard let to, writesFolder else { return try convertOne() }
        let shown = language.resolve()
        let (files, missing) = InputCollector.collect(inputs)
        for diagnostic in missing { Terminal.error(diagnostic.description(in: shown)) }
        let plan = OutputPlan(inputs: files, directory: output, fileExtension: to.document.fileExtension)
        try plan.refuseCollisions(verb: "convert", language: shown)
        var invalid = !missing.isEmpty
        var failed = 0
        var converted = 0
        let format = to.document
        let items = files.map { (input: $0, target: plan.outputPath(for: $0)) }
        // Files are read and written on several workers; messages come back in input order.
        FileWorkers.run(items, workers: jobs.workers) { item in
            Self.convert(item.input.path, to: item.target, format: format, intoFolder: true, language: shown)
        } deliver: { _, outcome in
            for message in outcome.messages { Terminal.error(message) }
            switch outcome.status {
            case .invalid: invalid = true
            case .failed: failed += 1
            case .written: converted += 1
            }
        }
        Terminal.error(shown.cli("convert.summary.\(files.count == 1 ? "one" : "other")", [
            "done": .integer(converted), "count": .integer(files.count), "output": .verbatim(output),
        ]))
        if invalid { throw ExitStatus.invalidInput.exitCode }
        if failed > 0 { throw ExitStatus.findings.exitCode }
    }

    /// One file named by a file output, or to standard output.
    private func convertOne() throws {
        let outcome: FileOutcome
        if writesToStandardOutput {
            outcome = Self.convertToStandardOutput(inputs[0], format: to?.document, language: language.resolve())
        } else {
            outcome = Self.convert(inputs[0], to: target, format: DocumentFormat(path: target), language: language.resolve())
        }
        for message in outcome.messages { Terminal.error(message) }
        switch outcome.status {
        case .invalid: throw ExitStatus.invalidInput.exitCode
        case .failed: throw ExitStatus.findings.exitCode
        case .written: return
        }
    }

    /// Reads one blueprint (.bpmn and .csv too, issue 14) and writes it in `format`.
    /// Into a folder, the target's folders are created first.
    static func convert(
        _ input: String, to target: String, format: DocumentFormat?, intoFolder: Bool = false, language: Language = .english
    ) -> FileOutcome {
        let document: BlueprintDocument
        do {
            document = try InterchangeReader.read(from: input)
        } catch {
            return FileOutcome(status: .invalid, messages: [error.description(in: language)])
        }
        do {
            if intoFolder { try OutputFolder.create(PathText.parent(of: target)) }
            try document.blueprint.write(to: target, format: format)
            return FileOutcome(status: .written, messages: commentWarning(input, to: .verbatim(target), language: language))
        } catch {
            return FileOutcome(status: .failed, messages: [language.cli("cannotWrite", ["path": .verbatim(target), "error": .verbatim("\(error)")])])
        }
    }

    /// Writes one blueprint to standard output: in `format`, or else in the format it is not in.
    static func convertToStandardOutput(_ input: String, format: DocumentFormat?, language: Language = .english) -> FileOutcome {
        let document: BlueprintDocument
        do {
            document = try InterchangeReader.read(from: input)
        } catch {
            return FileOutcome(status: .invalid, messages: [error.description(in: language)])
        }
        let format = format ?? (DocumentFormat(path: input) == .json ? .yaml : .json)
        Terminal.output(document.blueprint.text(in: format).trimmingCharacters(in: .newlines))
        return FileOutcome(
            status: .written, messages: commentWarning(input, to: .phrase(LocalizedText("cli.convert.standardOutput")), language: language))
    }

    /// A located warning when a YAML input has comments: the output is written from the model, so
    /// they are not carried over, and silently dropping a designer's notes would be data loss.
    static func commentWarning(_ input: String, to target: TextArgument, language: Language = .english) -> [String] {
        guard DocumentFormat(path: input) == .yaml,
            let text = try? String(contentsOfFile: input, encoding: .utf8)
        else { return [] }
        var first: (line: Int, column: Int)?
        var count = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Whole-line comments only: a `#` inside a value may be text, and this is a warning, not a parser.
            guard let hash = line.firstIndex(where: { $0 != " " && $0 != "\t" }), line[hash] == "#" else { continue }
            count += 1
            if first == nil { first = (index + 1, line.distance(from: line.startIndex, to: hash) + 1) }
        }
        guard let first, count > 0 else { return [] }
        return [language.cli("convert.comments.\(count == 1 ? "one" : "other")", [
            "place": .verbatim("\(input):\(first.line):\(first.column)"), "count": .integer(count), "target": target,
        ])]
    }
}
