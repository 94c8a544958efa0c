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

    @Option(help: "Analysis configuration file for every blueprint (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    mutating func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        var configurations = ConfigurationResolver(explicit: config)
        let loaded = BlueprintLoader.load(inputs)

        var problems = missing.map { Problem(diagnostic: $0, path: $0.location?.path ?? "") }
        var invalid = !missing.isEmpty
        var fileProblems: [Problem] = []
        for file in loaded {
            fileProblems += file.diagnostics.map { Problem(diagnostic: $0, path: file.input.path) }
            guard let document = file.document else {
                invalid = true
                continue
            }
            let analyzer = Analyzer(configuration: configurations.configuration(for: file.input.path), rules: RuleRegistry.all)
            let report = analyzer.analyze(document.blueprint, sourceMap: document.sourceMap)
            // In file order, the way editors and reviewers read them.
            fileProblems += report.findings.map { Problem(finding: $0, path: file.input.path) }.sorted(by: Problem.inFileOrder)
        }
        // Configuration problems first: they change what the findings below are.
        let configurationDiagnostics = configurations.diagnostics
        problems += configurationDiagnostics.map { Problem(diagnostic: $0, path: $0.location?.path ?? AnalysisConfiguration.fileName) }
        problems += fileProblems
        invalid = invalid || configurationDiagnostics.contains { $0.severity == .error }

        let text: String
        switch format {
        case .text: text = TextFormatter.format(problems, files: loaded.count)
        case .json: text = JSONFormatter.format(problems)
        case .sarif: text = SARIFFormatter.format(problems, rules: RuleRegistry.all)
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

/// Finds and reads the analysis configuration of each blueprint.
///
/// With `--config FILE`, that file applies to every blueprint. Otherwise each blueprint uses the
/// nearest `.blueprint.yml` in its own folder or a folder above it (so a configuration lives next to
/// the blueprints it governs), and the defaults when there is none. Each file is read once.
struct ConfigurationResolver {
    private let explicit: (path: String, loaded: LoadedConfiguration)?
    /// Per folder: the configuration file that governs it (`nil`: none, use the defaults).
    private var folders: [String: String?] = [:]
    private var files: [String: LoadedConfiguration] = [:]
    /// Configuration files in the order they were first used, for reporting their problems once.
    private(set) var used: [String] = []

    init(explicit path: String?) {
        explicit = path.map { ($0, AnalysisConfiguration.load(contentsOfFile: $0, rules: RuleRegistry.all)) }
        if let path { used = [path] }
    }

    /// The configuration for the blueprint at `blueprintPath`.
    mutating func configuration(for blueprintPath: String) -> AnalysisConfiguration {
        if let explicit { return explicit.loaded.configuration }
        guard let file = governingFile(ofFolder: (blueprintPath as NSString).deletingLastPathComponent) else {
            return .default
        }
        if files[file] == nil {
            files[file] = AnalysisConfiguration.load(contentsOfFile: file, rules: RuleRegistry.all)
            used.append(file)
        }
        return files[file]?.configuration ?? .default
    }

    /// Problems in every configuration file used so far, located.
    var diagnostics: [Diagnostic] {
        if let explicit { return explicit.loaded.diagnostics }
        return used.flatMap { files[$0]?.diagnostics ?? [] }
    }

    private mutating func governingFile(ofFolder folder: String) -> String? {
        let start = folder.isEmpty ? "." : folder
        var visited: [String] = []
        var current = URL(fileURLWithPath: start).standardizedFileURL
        var found: String?
        while true {
            if let known = folders[current.path] {
                found = known
                break
            }
            visited.append(current.path)
            let candidate = current.appendingPathComponent(AnalysisConfiguration.fileName).path
            if FileManager.default.fileExists(atPath: candidate) {
                // Shown relative to the blueprint's folder as the user named it, when possible.
                found = current.path == URL(fileURLWithPath: start).standardizedFileURL.path
                    ? (start as NSString).appendingPathComponent(AnalysisConfiguration.fileName) : candidate
                break
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        for path in visited { folders[path] = .some(found) }
        return found
    }
}
