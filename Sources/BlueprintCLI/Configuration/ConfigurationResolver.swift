import Foundation
import ServiceBlueprint

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

    /// One blueprint's configuration and the file it comes from (`nil`: the defaults).
    struct Resolved: Sendable {
        var configuration: AnalysisConfiguration
        var file: String?
    }

    /// The configuration for the blueprint at `blueprintPath`.
    mutating func configuration(for blueprintPath: String) -> AnalysisConfiguration {
        resolve(blueprintPath).configuration
    }

    /// The configuration of each blueprint, found and read before the workers start, so they share
    /// read-only values. Reading a file has no effect on ``diagnostics(usedBy:)``.
    mutating func resolve(_ blueprintPaths: [String]) -> [Resolved] {
        blueprintPaths.map { resolve($0) }
    }

    /// Problems in every configuration file used so far, located.
    var diagnostics: [Diagnostic] {
        if let explicit { return explicit.loaded.diagnostics }
        return used.flatMap { files[$0]?.diagnostics ?? [] }
    }

    /// Problems in the configuration files that `resolved` came from, each file once, in that order
    /// (with `--config`, that file's problems whatever was used). Passing only the blueprints that
    /// loaded reports what a one-by-one run, which reads a configuration when it first needs it,
    /// reports.
    func diagnostics(usedBy resolved: [Resolved]) -> [Diagnostic] {
        if let explicit { return explicit.loaded.diagnostics }
        var seen = Set<String>()
        return resolved.compactMap(\.file).filter { seen.insert($0).inserted }.flatMap { files[$0]?.diagnostics ?? [] }
    }

    private mutating func resolve(_ blueprintPath: String) -> Resolved {
        if let explicit { return Resolved(configuration: explicit.loaded.configuration, file: explicit.path) }
        guard let file = governingFile(ofFolder: PathText.parent(of: blueprintPath)) else {
            return Resolved(configuration: .default, file: nil)
        }
        if files[file] == nil {
            files[file] = AnalysisConfiguration.load(contentsOfFile: file, rules: RuleRegistry.all)
            used.append(file)
        }
        return Resolved(configuration: files[file]?.configuration ?? .default, file: file)
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
