import ArgumentParser
import Foundation
import ServiceBlueprint

/// `blueprint check`: validate blueprints and run every analyzer.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate blueprints and report findings (redundancy, parallelism, standards, bottlenecks).",
        discussion: """
            Reads every .yaml, .yml and .json file under the given paths, reports invalid files with \
            file:line:column errors, and runs all analysis rules on the valid ones.

            Exit codes: 0 no finding at or above --fail-on; 1 findings at or above --fail-on; \
            2 a file does not load or validate, or wrong usage.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
        case error, warning, note, never
    }

    @Argument(help: "Blueprint files or directories to check.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(help: "Output format: text (compiler style), json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit with 1 when a finding has at least this severity.")
    var failOn: FailThreshold = .error

    @Option(help: "Analysis configuration file for every blueprint (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    @OptionGroup var jobs: JobsOption

    @OptionGroup var language: LanguageOption

    mutating func run() throws {
        Catalog.loadInBackground()
        let (inputs, missing) = InputCollector.collect(paths)
        var configurations = ConfigurationResolver(explicit: config)
        let resolved = configurations.resolve(inputs.map(\.path))

        var problems = missing.map { Problem(diagnostic: $0, path: $0.location?.path ?? "", language: language.resolve()) }
        var invalid = !missing.isEmpty
        var fileProblems: [Problem] = []
        var used: [ConfigurationResolver.Resolved] = []
        var declared = Set<Language?>()
        let explicit = language.explicit
        // Files are read and analysed on several workers; their problems come back in input order.
        FileWorkers.run(Array(zip(inputs, resolved)), workers: jobs.workers) { input, resolved in
            Self.check(input, configuration: resolved.configuration, language: explicit)
        } deliver: { index, checked in
            fileProblems += checked.problems
            if checked.loaded { declared.insert(checked.declared) }
            if checked.loaded { used.append(resolved[index]) } else { invalid = true }
        }
        // Configuration problems first: they change what the findings below are.
        let configurationDiagnostics = configurations.diagnostics(usedBy: used)
        let summaryLanguage = language.resolve(declared: declared.count == 1 ? declared.first ?? nil : nil)
        let configurationProblems = configurationDiagnostics.map {
            Problem(diagnostic: $0, path: $0.location?.path ?? AnalysisConfiguration.fileName, language: summaryLanguage)
        }
        problems += configurationProblems
        problems += fileProblems
        invalid = invalid || configurationDiagnostics.contains { $0.severity == .error }

        let threshold: Severity? = switch failOn {
        case .error: .error
        case .warning: .warning
        case .note: .note
        case .never: nil
        }
        let failing = threshold.map { threshold in problems.contains { $0.severity >= threshold } } ?? false

        let text: String
        switch format {
        // The summary speaks the language every checked blueprint declares, when they agree.
        case .text: text = TextFormatter.format(problems, files: inputs.count, language: summaryLanguage)
        case .json: text = JSONFormatter.format(problems)
        case .sarif: text = SARIFFormatter.format(problems, rules: RuleRegistry.all, language: summaryLanguage)
        case .github: text = GitHubFormatter.format(problems)
        }
        if !text.isEmpty { Terminal.output(text) }
        // Nothing is left to do but exit: many problems are not freed one by one on this thread.
        if problems.count >= BackgroundRelease.manyProblems { BackgroundRelease.release((problems, fileProblems, text)) }

        if invalid { throw ExitStatus.invalidInput.exitCode }
        if failing { throw ExitStatus.findings.exitCode }
    }

    /// One file's problems: load and validation diagnostics, then its findings in file order.
    private static func check(
        _ input: InputCollector.Input, configuration: AnalysisConfiguration, language: Language?
    ) -> (problems: [Problem], loaded: Bool, declared: Language?) {
        // The analysis runs while the file is validated, and counts only when it is valid.
        let (file, analysis) = BlueprintLoader.load(input) { blueprint, sourceMap in
            Analyzer(configuration: configuration, rules: RuleRegistry.all).analyze(blueprint, sourceMap: sourceMap)
        }
        let shown = LanguageOption.resolve(explicit: language, declared: file.document?.blueprint.language)
        var problems = file.diagnostics.map { Problem(diagnostic: $0, path: input.path, language: shown) }
        guard let document = file.document, let report = analysis else { return (problems, false, nil) }
        // In file order, the way editors and reviewers read them.
        problems += Problem.make(report.findings, path: input.path, language: shown).sorted(by: Problem.inFileOrder)
        let declared = document.blueprint.language
        if document.blueprint.steps.count >= BackgroundRelease.largeBlueprintSteps { BackgroundRelease.release((file, report)) }
        return (problems, true, declared)
    }
}
