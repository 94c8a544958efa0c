import Foundation
import ServiceBlueprint

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates output folders with messages people can read (Foundation's errors print as
/// `NSCocoaErrorDomain Code=642 …`).
enum OutputFolder {
    /// Why a folder could not be created.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates `path` and its missing parents, top down.
    /// - Throws: ``Failure`` such as `cannot create folder 'out/x': 'out' is a file, not a folder`.
    static func create(_ path: String) throws(Failure) {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !isDirectory(current) {
            if exists(current) {
                throw Failure(description: "cannot create folder '\(path)': '\(current)' is a file, not a folder")
            }
            missing.append(current)
            let parent = PathText.parent(of: current)  // NSString's traps on one-character paths
            if parent == current { break }
            current = parent
        }
        for folder in missing.reversed() where mkdir(folder, 0o777) != 0 && errno != EEXIST {
            throw Failure(description: "cannot create folder '\(folder)': \(String(cString: strerror(errno)))")
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Exists in any form, a dangling symbolic link included.
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
