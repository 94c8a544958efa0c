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
        case error, warning, never
    }

    @Argument(help: "Blueprint files or directories to check.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(help: "Output format: text (compiler style), json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit with 1 when a finding has at least this severity.")
    var failOn: FailThreshold = .error

    @Option(help: "Analysis configuration file (default: .blueprint.yml in the current directory, if present).", completion: .file())
    var config: String?

    mutating func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        let configuration = try ConfigurationLoader.load(explicit: config)
        let loaded = BlueprintLoader.load(inputs)
        let analyzer = Analyzer(configuration: configuration.configuration, rules: RuleRegistry.all)

        var problems = missing.map { Problem(diagnostic: $0, path: $0.location?.path ?? "") }
        problems += configuration.diagnostics.map { Problem(diagnostic: $0, path: config ?? AnalysisConfiguration.fileName) }
        var invalid = !missing.isEmpty || configuration.diagnostics.contains { $0.severity == .error }
        for file in loaded {
            problems += file.diagnostics.map { Problem(diagnostic: $0, path: file.input.path) }
            guard let document = file.document else {
                invalid = true
                continue
            }
            let report = analyzer.analyze(document.blueprint, sourceMap: document.sourceMap)
            // In file order, the way editors and reviewers read them.
            problems += report.findings.map { Problem(finding: $0, path: file.input.path) }.sorted(by: Problem.inFileOrder)
        }

        let text: String
        switch format {
        case .text: text = TextFormatter.format(problems, files: loaded.count)
        case .json: text = JSONFormatter.format(problems)
        case .sarif: text = SARIFFormatter.format(problems, rules: analyzer.rules)
        case .github: text = GitHubFormatter.format(problems)
        }
        if !text.isEmpty { Terminal.output(text) }

        if invalid { throw ExitStatus.invalidInput.exitCode }
        let threshold: Severity? = switch failOn {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
        if let threshold, problems.contains(where: { $0.severity >= threshold }) {
            throw ExitStatus.findings.exitCode
        }
    }
}

/// Finds and reads the analysis configuration.
enum ConfigurationLoader {
    /// Reads `explicit`, else `.blueprint.yml` in the current directory if it exists, else the defaults.
    /// Problems in the file come back as located diagnostics.
    static func load(explicit: String?) throws -> LoadedConfiguration {
        let path = explicit ?? AnalysisConfiguration.fileName
        guard explicit != nil || FileManager.default.fileExists(atPath: path) else {
            return LoadedConfiguration(configuration: .default, diagnostics: [])
        }
        return AnalysisConfiguration.load(contentsOfFile: path, rules: RuleRegistry.all)
    }
}
