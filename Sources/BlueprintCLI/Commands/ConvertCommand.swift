import ArgumentParser
import BlueprintInterchange
import ServiceBlueprint

/// `blueprint convert`: YAML ↔ JSON, through the model, in canonical form.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a blueprint between YAML and JSON (the output format follows the output file's extension).",
        discussion: "The output is written in canonical key order; converting back gives the same blueprint."
    )

    @Argument(help: "The blueprint to convert.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var input: String

    @Option(name: .shortAndLong, help: "The file to write: .yaml, .yml or .json.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var output: String

    func validate() throws {
        guard DocumentFormat(path: output) != nil else {
            throw ValidationError("cannot tell the output format of '\(output)': use a .yaml, .yml or .json extension")
        }
    }

    func run() throws {
        let document: BlueprintDocument
        do {
            document = try InterchangeReader.read(from: input)  // .bpmn and .csv too (issue 14)
        } catch {
            Terminal.error(error.description)
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            try document.blueprint.write(to: output, format: DocumentFormat(path: output))
        } catch {
            Terminal.error("\(output): error: cannot write: \(error)")
            throw ExitStatus.findings.exitCode
        }
    }
}
