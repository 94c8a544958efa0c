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
            The output is written in canonical key order; converting back gives the same blueprint.

            `convert IN -o OUT.json` converts one file. With several inputs, a folder, or `--to`, the \
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

    @Argument(help: "The blueprints to convert: files or folders.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The file to write (.yaml, .yml or .json), or the folder when converting several files.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var output: String

    @Option(help: "The output format when converting into a folder: yaml or json.")
    var to: Format?

    @OptionGroup var jobs: JobsOption

    /// Several inputs, a folder, or `--to`: the output is a folder.
    private var writesFolder: Bool {
        var isFolder: ObjCBool = false
        return inputs.count > 1 || to != nil
            || (inputs.first.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) } == true && isFolder.boolValue)
    }

    func validate() throws {
        if writesFolder {
            guard to != nil else {
                throw ValidationError("converting several files or a folder writes a folder '\(output)': say which format with --to yaml or --to json")
            }
        } else if DocumentFormat(path: output) == nil {
            throw ValidationError("cannot tell the output format of '\(output)': use a .yaml, .yml or .json extension")
        }
    }

    func run() throws {
        guard let to, writesFolder else { return try convertOne() }
        let (files, missing) = InputCollector.collect(inputs)
        for diagnostic in missing { Terminal.error(diagnostic.description) }
        let plan = OutputPlan(inputs: files, directory: output, fileExtension: to.document.fileExtension)
        try plan.refuseCollisions(verb: ("convert", "converted"))
        var invalid = !missing.isEmpty
        var failed = 0
        var converted = 0
        let format = to.document
        let items = files.map { (input: $0, target: plan.outputPath(for: $0)) }
        // Files are read and written on several workers; messages come back in input order.
        FileWorkers.run(items, workers: jobs.workers) { item in
            Self.convert(item.input.path, to: item.target, format: format, intoFolder: true)
        } deliver: { _, outcome in
            for message in outcome.messages { Terminal.error(message) }
            switch outcome.status {
            case .invalid: invalid = true
            case .failed: failed += 1
            case .written: converted += 1
            }
        }
        Terminal.error("converted \(converted) of \(files.count) blueprint\(files.count == 1 ? "" : "s") to \(output)")
        if invalid { throw ExitStatus.invalidInput.exitCode }
        if failed > 0 { throw ExitStatus.findings.exitCode }
    }

    /// One file named by a file output: the old behaviour, unchanged.
    private func convertOne() throws {
        let outcome = Self.convert(inputs[0], to: output, format: DocumentFormat(path: output))
        for message in outcome.messages { Terminal.error(message) }
        switch outcome.status {
        case .invalid: throw ExitStatus.invalidInput.exitCode
        case .failed: throw ExitStatus.findings.exitCode
        case .written: return
        }
    }

    /// Reads one blueprint (.bpmn and .csv too, issue 14) and writes it in `format`.
    /// Into a folder, the target's folders are created first.
    static func convert(_ input: String, to target: String, format: DocumentFormat?, intoFolder: Bool = false) -> FileOutcome {
        let document: BlueprintDocument
        do {
            document = try InterchangeReader.read(from: input)
        } catch {
            return FileOutcome(status: .invalid, messages: [error.description])
        }
        do {
            if intoFolder { try OutputFolder.create(PathText.parent(of: target)) }
            try document.blueprint.write(to: target, format: format)
            return FileOutcome(status: .written, messages: [])
        } catch {
            return FileOutcome(status: .failed, messages: ["\(target): error: cannot write: \(error)"])
        }
    }
}
