import BlueprintInterchange
import ServiceBlueprint

/// Loads the blueprint files named on the command line, keeping every problem for the report.
struct BlueprintLoader {
    struct Loaded {
        var input: InputCollector.Input
        /// `nil` when the file did not load or validate.
        var document: BlueprintDocument?
        /// Errors and warnings from reading and validation.
        var diagnostics: [Diagnostic]
    }

    /// Loads every input; never stops at the first bad file. The format follows the extension:
    /// `.bpmn`/`.xml` and `.csv` are imported (issue 14), everything else read as YAML or JSON.
    static func load(_ inputs: [InputCollector.Input]) -> [Loaded] {
        inputs.map(load)
    }

    /// Loads one input and runs `work` on its blueprint: for YAML and JSON while the blueprint is
    /// being validated, on a second core (``BlueprintDocument/read(from:limits:whileValidating:)``);
    /// for imported formats after loading. `work`'s result comes back only with a valid document.
    static func load<Result: Sendable>(
        _ input: InputCollector.Input, analysing work: @escaping @Sendable (Blueprint, SourceMap) -> Result
    ) -> (loaded: Loaded, result: Result?) {
        switch InterchangeFormat(path: input.path) {
        case .bpmn, .csv:
            let loaded = load(input)
            return (loaded, loaded.document.map { work($0.blueprint, $0.sourceMap) })
        default:
            do throws(BlueprintError) {
                let (document, result) = try BlueprintDocument.read(from: input.path, whileValidating: work)
                return (Loaded(input: input, document: document, diagnostics: document.diagnostics), result)
            } catch {
                return (Loaded(input: input, document: nil, diagnostics: error.diagnostics), nil)
            }
        }
    }

    /// Loads one input (see ``load(_:)-([InputCollector.Input])``).
    static func load(_ input: InputCollector.Input) -> Loaded {
        do throws(BlueprintError) {
            let document = try InterchangeReader.read(from: input.path)
            return Loaded(input: input, document: document, diagnostics: document.diagnostics)
        } catch {
            return Loaded(input: input, document: nil, diagnostics: error.diagnostics)
        }
    }
}
