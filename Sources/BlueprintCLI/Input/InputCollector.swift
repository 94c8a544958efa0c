import Foundation
import ServiceBlueprint

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths given on the command line into the blueprint files to process.
///
/// Directories are searched for `.yaml`, `.yml` and `.json` files, skipping hidden files and
/// folders (so a `.blueprint.yml` configuration is never taken for a blueprint) and JSON Schema
/// files (`*.schema.json`). Symbolic links
/// are followed, on the command line and inside a tree; each folder and file is visited once (by
/// device and inode), which guards against link loops. A dangling link with a blueprint
/// extension, and a path that yields no blueprint at all, are errors. The result is sorted so
/// every run processes files in the same order.
struct InputCollector {
    struct Input: Hashable {
        /// The file path as it will be shown to the user.
        var path: String
        /// The path relative to the directory argument it was found under ("" for files named directly).
        var relativePath: String
    }

    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// A file or folder's identity, to visit each once whatever links lead to it.
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Returns the files, and an error for each path that does not exist, yields no blueprint, or
    /// is a dangling link.
    static func collect(_ paths: [String]) -> (inputs: [Input], missing: [Diagnostic]) {
        var inputs: [Input] = []
        var missing: [Diagnostic] = []
        var visited = Set<FileID>()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let dangling = isLink(path)
                missing.append(error(dangling ? "danglingLink" : "missing", at: path))
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                if visited.insert(identity(info)).inserted {
                    inputs.append(Input(path: path, relativePath: (path as NSString).lastPathComponent))
                }
                continue
            }
            let (found, problems) = walk(path, visited: &visited)
            missing += problems
            if found.isEmpty, problems.isEmpty {
                missing.append(error("emptyFolder", at: path))
            }
            inputs += found.sorted { $0.path < $1.path }
        }
        var seen = Set<String>()
        inputs = inputs.filter { seen.insert($0.path).inserted }
        return (inputs, missing)
    }

    /// Every blueprint file under `root`, iteratively (a stack of folders, so depth costs no call stack).
    private static func walk(_ root: String, visited: inout Set<FileID>) -> ([Input], [Diagnostic]) {
        var found: [Input] = []
        var problems: [Diagnostic] = []
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0, visited.insert(identity(rootInfo)).inserted else { return ([], []) }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var pending: [String] = [""]  // paths relative to root
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : prefix + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                problems.append(error("unreadableFolder", at: folder))
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let shown = prefix + childRelative
                var info = stat()
                guard stat(shown, &info) == 0 else {
                    if isLink(shown), extensions.contains((name as NSString).pathExtension.lowercased()) {
                        problems.append(error("danglingFileLink", at: shown))
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    // A folder reached twice (a link loop, or two links to one folder) is walked once.
                    if visited.insert(identity(info)).inserted { pending.append(childRelative) }
                case S_IFREG:
                    guard extensions.contains((name as NSString).pathExtension.lowercased()),
                        !isSchemaFile(name), visited.insert(identity(info)).inserted
                    else { continue }
                    found.append(Input(path: shown, relativePath: childRelative))
                default:
                    continue
                }
            }
        }
        return (found, problems)
    }

    /// `blueprint.schema.json` (what `blueprint schema` is saved as, next to the blueprints) and other
    /// `*.schema.json`/`.yaml` files describe blueprints; a folder walk leaves them out. Named on the
    /// command line, a file is always read.
    static func isSchemaFile(_ name: String) -> Bool {
        (name as NSString).deletingPathExtension.lowercased().hasSuffix(".schema")
    }

    private static func identity(_ info: stat) -> FileID {
        FileID(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
    }

    private static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The catalog text `cli.input.<key>` as an error at the start of `path`.
    private static func error(_ key: String, at path: String) -> Diagnostic {
        Diagnostic(.error, LocalizedText("cli.input.\(key)"), location: .init(path: path, line: 1, column: 1))
    }
}
