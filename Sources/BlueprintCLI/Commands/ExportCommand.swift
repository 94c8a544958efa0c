import ArgumentParser
import BlueprintInterchange
import ServiceBlueprint

/// `blueprint export`: a blueprint out as BPMN 2.0, CSV or Mermaid.
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case bpmn, csv, mermaid
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a blueprint as BPMN 2.0 (with diagram layout), a CSV table of steps, or Mermaid.",
        discussion: """
            bpmn: one pool, one lane per blueprint lane (or per actor with --lanes actor), laid out by \
            lane and flow order; what BPMN cannot carry goes into sb: extension elements, so importing \
            the file gives the same blueprint. csv: one row per step; flows that 'after' cannot express \
            go to a second table, OUT.flows.csv. mermaid: a flowchart LR (touchpoints and findings as \
            classes) in OUT, and the customer's journey with scores from emotions in OUT.journey.mmd.
            """
    )

    @Argument(help: "The blueprint to export (.yaml, .yml, .json, .bpmn or .csv).", completion: .file())
    var input: String

    @Option(help: "The format to write: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format

    @Option(name: .shortAndLong, help: "The file to write.", completion: .file())
    var output: String

    @Option(help: "BPMN lanes: one per blueprint lane ('blueprint') or per actor ('actor').")
    var lanes: String = BPMNExportOptions.Lanes.blueprint.rawValue

    func validate() throws {
        guard BPMNExportOptions.Lanes(rawValue: lanes) != nil else {
            throw ValidationError("unknown --lanes '\(lanes)'; expected blueprint or actor")
        }
    }

    @OptionGroup var language: LanguageOption

    func run() throws {
        let shown = language.resolve()
        let document: BlueprintDocument
        do throws(BlueprintError) {
            document = try InterchangeReader.read(from: input)
        } catch {
            Terminal.error(error.description(in: shown))
            throw ExitStatus.invalidInput.exitCode
        }
        for diagnostic in document.diagnostics { Terminal.error(diagnostic.description(in: language.resolve(declared: document.blueprint.language))) }
        let blueprint = document.blueprint
        do {
            switch format {
            case .bpmn:
                let options = BPMNExportOptions(lanes: BPMNExportOptions.Lanes(rawValue: lanes) ?? .blueprint)
                try BPMNExporter.write(blueprint, to: output, options: options)
            case .csv:
                try CSVExporter.write(blueprint, to: output)
            case .mermaid:
                let findings = Analyzer().analyze(blueprint).findings
                try AtomicFile.write(MermaidExporter.flowchart(for: blueprint, findings: findings), to: output)
                try AtomicFile.write(MermaidExporter.journey(for: blueprint), to: Self.journeyPath(for: output))
            }
        } catch {
            Terminal.error(language.resolve(declared: blueprint.language).cli("cannotWrite", ["path": .verbatim(output), "error": .verbatim("\(error)")]))
            throw ExitStatus.findings.exitCode
        }
    }

    /// `out.mmd` → `out.journey.mmd`.
    static func journeyPath(for output: String) -> String {
        guard let dot = output.lastIndex(of: "."), !output[dot...].contains("/") else { return output + ".journey.mmd" }
        return output[..<dot] + ".journey" + output[dot...]
    }
}
