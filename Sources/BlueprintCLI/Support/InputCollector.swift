import Foundation
import ServiceBlueprint

/// Expands the paths given on the command line into the blueprint files to process.
///
/// Directories are searched recursively for `.yaml`, `.yml` and `.json` files, skipping hidden
/// files and folders (so a `.blueprint.yml` configuration is never taken for a blueprint).
/// The result is sorted so every run processes files in the same order.
struct InputCollector {
    struct Input: Hashable {
        /// The file path as it will be shown to the user.
        var path: String
        /// The path relative to the directory argument it was found under ("" for files named directly).
        var relativePath: String
    }

    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Returns the files, and a diagnostic for each path that does not exist.
    static func collect(_ paths: [String]) -> (inputs: [Input], missing: [Diagnostic]) {
        var inputs: [Input] = []
        var missing: [Diagnostic] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(Diagnostic(.error, "no such file or directory", location: .init(path: path, line: 1, column: 1)))
                continue
            }
            guard isDirectory.boolValue else {
                inputs.append(Input(path: path, relativePath: (path as NSString).lastPathComponent))
                continue
            }
            let root = URL(fileURLWithPath: path)
            var found: [Input] = []
            if let walker = fileManager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
                for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
                    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                    let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count))
                        .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                    let shown = path.hasSuffix("/") ? path + relative : path + "/" + relative
                    found.append(Input(path: shown, relativePath: relative))
                }
            }
            inputs += found.sorted { $0.path < $1.path }
        }
        var seen = Set<String>()
        inputs = inputs.filter { seen.insert($0.path).inserted }
        return (inputs, missing)
    }
}
