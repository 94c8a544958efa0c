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
