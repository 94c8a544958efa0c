import ArgumentParser
import BlueprintInterchange
import ServiceBlueprint

/// `blueprint import`: BPMN 2.0 or CSV in, blueprint YAML or JSON out.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a BPMN 2.0 file (.bpmn) or a CSV table of steps (.csv) into a blueprint file.",
        discussion: """
            The input format follows the input's extension, the output format the output's (.yaml, .yml \
            or .json). For BPMN, the lane each step lands in is printed with the rule that chose it; \
            override it with --mapping FILE (sections ids:, lanes:, types: of 'key: lane' entries). \
            Elements that have no blueprint counterpart are reported as warnings at file:line:column.
            """
    )

    @Argument(help: "The file to import: .bpmn (or .xml) or .csv.", completion: .file(extensions: ["bpmn", "xml", "csv"]))
    var input: String

    @Option(name: .shortAndLong, help: "The blueprint file to write: .yaml, .yml or .json.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var output: String

    @Option(help: "A lane mapping file overriding where BPMN steps land (by id, lane name or task type).", completion: .file())
    var mapping: String?

    @Flag(help: "Flatten BPMN sub-processes into their parent instead of making each one a stage.")
    var flattenSubprocesses = false

    @Flag(help: "Ignore ServiceBlueprint extension elements and map the plain BPMN only.")
    var plain = false

    @Flag(name: .shortAndLong, help: "Do not print the lane mapping.")
    var quiet = false

    func validate() throws {
        guard DocumentFormat(path: output) != nil else {
            throw ValidationError("cannot tell the output format of '\(output)': use a .yaml, .yml or .json extension")
        }
        guard let format = InterchangeFormat(path: input), format == .bpmn || format == .csv else {
            throw ValidationError("cannot tell the input format of '\(input)': use a .bpmn, .xml or .csv extension")
        }
    }

    @OptionGroup var language: LanguageOption

    func run() throws {
        let shown = language.resolve()
        let document: BlueprintDocument
        do throws(BlueprintError) {
            var options = BPMNImportOptions(flattenSubProcesses: flattenSubprocesses, useExtensions: !plain)
            if let mapping { options.mapping = try LaneMapping.read(from: mapping) }
            if InterchangeFormat(path: input) == .bpmn {
                let result = try BPMNImporter.importFile(input, options: options)
                if !quiet {
                    Terminal.output(shown.cli("import.laneMapping"))
                    for decision in result.decisions { Terminal.output("  " + decision.description(in: shown)) }
                    Terminal.output(shown.cli("import.elements", ["counts": .verbatim(result.counts.description(in: shown))]))
                }
                document = BlueprintDocument(
                    blueprint: result.blueprint, sourceMap: SourceMap(path: input), format: .yaml, path: input,
                    diagnostics: result.diagnostics)
            } else {
                document = try InterchangeReader.read(from: input)
            }
        } catch {
            Terminal.error(error.description(in: shown))
            throw ExitStatus.invalidInput.exitCode
        }
        for diagnostic in document.diagnostics { Terminal.error(diagnostic.description(in: shown)) }
        do {
            try document.blueprint.write(to: output, format: DocumentFormat(path: output))
        } catch {
            Terminal.error(shown.cli("cannotWrite", ["path": .verbatim(output), "error": .verbatim("\(error)")]))
            throw ExitStatus.findings.exitCode
        }
    }
}
