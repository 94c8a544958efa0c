import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files all at once: readers see either the old file or the complete new one, never a
/// partial write, and a failed write leaves the old file untouched.
///
/// The content goes to a temporary file in the target's own directory (so the final `rename(2)`
/// stays on one file system and is atomic), is flushed to disk, takes over the mode of the file it
/// replaces, and is then renamed over the target. On any failure the temporary file is removed.
/// When the target is a symbolic link, the file the link points to is replaced and the link kept.
///
/// A process killed mid-write leaves no temporary file behind: on Linux the content is written to
/// an unnamed `O_TMPFILE` file that only gets a name (`.<name>.<pid>-<random>.tmp`, with
/// `linkat(2)`) for the instant before the rename. Where `O_TMPFILE` is unavailable (macOS, some
/// file systems) the named file exists during the write; the next write into the same folder
/// removes such files whose process has ended, and files of the older `.<name>.<random>.tmp` form
/// once they are an hour old.
///
/// ```swift
/// try AtomicFile.write(blueprint.yamlText(), to: "blueprints/repair.yaml")
/// ```
package enum AtomicFile {
    /// Writes `data` to `path` atomically.
    /// - Throws: ``AtomicFileError`` naming the operation that failed and the system's reason.
    package static func write(_ data: Data, to path: String) throws {
        try write(data, to: path, beforeCommit: {})
    }

    /// ``write(_:to:)`` with a hook that runs after the temporary file is complete and before it
    /// replaces the target; tests use it to simulate a failure at the worst moment.
    static func write(_ data: Data, to path: String, beforeCommit: () throws -> Void) throws {
        let target = resolvedTarget(path)
        let directory = PathText.parent(of: target)  // NSString's traps on one-character paths
        let name = (target as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != ".." else {
            throw AtomicFileError(path: path, operation: "write", reason: "not a file name")
        }
        var existing = stat()
        let targetExists = stat(target, &existing) == 0
        if targetExists, (existing.st_mode & S_IFMT) == S_IFDIR {
            throw AtomicFileError(path: path, operation: "write", reason: "is a directory")
        }

        StaleTemporaryFiles.clean(directory: directory)
        let unnamed = openUnnamedFile(directory: directory)
        let (descriptor, namedPath) = try unnamed.map { ($0, nil) } ?? createTemporaryFile(directory: directory, name: name, for: path)
        var temporaryPath = namedPath
        var committed = false
        defer {
            if !committed, let temporaryPath { unlink(temporaryPath) }
        }
        do {
            try writeAll(data, to: descriptor, path: path)
            if targetExists, fchmod(descriptor, existing.st_mode & 0o7777) != 0 {
                throw AtomicFileError(path: path, operation: "set permissions of", reason: systemReason())
            }
            if fsync(descriptor) != 0 {
                throw AtomicFileError(path: path, operation: "flush", reason: systemReason())
            }
        } catch {
            close(descriptor)
            throw error
        }
        do {
            try beforeCommit()
        } catch {
            close(descriptor)
            throw error
        }
        if temporaryPath == nil {
            // The unnamed file gets its name only now, for the instant before the rename.
            do {
                temporaryPath = try link(descriptor, directory: directory, name: name, for: path)
            } catch {
                close(descriptor)
                throw error
            }
        }
        if close(descriptor) != 0 {
            throw AtomicFileError(path: path, operation: "close", reason: systemReason())
        }
        guard let temporaryPath else { throw AtomicFileError(path: path, operation: "write", reason: "no temporary file") }
        if rename(temporaryPath, target) != 0 {
            throw AtomicFileError(path: path, operation: "replace", reason: systemReason())
        }
        committed = true
        syncDirectory(directory)
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    /// - Throws: ``AtomicFileError`` naming the operation that failed and the system's reason.
    package static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// The file to replace: the target of a symbolic link, else the path itself.
    private static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
            let resolved = realpath(path, nil)
        else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The name of a temporary file for `name`: `.<name>.<pid>-<random>.tmp`. The process id lets a
    /// later run tell an orphan (its process has ended) from a file still being written.
    static func temporaryName(for name: String) -> String {
        "." + name + ".\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
    }

    /// Creates `.<name>.<pid>-<random>.tmp` next to the target; `O_EXCL` so nothing existing is reused,
    /// mode 0666 so the process umask decides the permissions of a new file, as for any new file.
    private static func createTemporaryFile(directory: String, name: String, for path: String) throws -> (Int32, String?) {
        let folder = directory.isEmpty ? "." : directory
        for _ in 0..<16 {
            let candidate = folder + "/" + temporaryName(for: name)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, candidate) }
            if errno != EEXIST {
                throw AtomicFileError(path: path, operation: "create a temporary file for", reason: systemReason())
            }
        }
        throw AtomicFileError(path: path, operation: "create a temporary file for", reason: "too many name collisions")
    }

    /// An unnamed file in `directory` (`O_TMPFILE`), which disappears by itself if the process dies;
    /// `nil` where the system or file system does not support it (then a named file is used).
    private static func openUnnamedFile(directory: String) -> Int32? {
        #if os(Linux)
        guard useUnnamedFiles else { return nil }
        // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY`; the macro is not imported into Swift.
        let descriptor = open(directory.isEmpty ? "." : directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
        return descriptor >= 0 ? descriptor : nil
        #else
        return nil
        #endif
    }

    /// Gives the unnamed file behind `descriptor` a temporary name next to the target.
    private static func link(_ descriptor: Int32, directory: String, name: String, for path: String) throws -> String {
        let folder = directory.isEmpty ? "." : directory
        for _ in 0..<16 {
            let candidate = folder + "/" + temporaryName(for: name)
            if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 {
                return candidate
            }
            if errno != EEXIST {
                throw AtomicFileError(path: path, operation: "name the temporary file for", reason: systemReason())
            }
        }
        throw AtomicFileError(path: path, operation: "name the temporary file for", reason: "too many name collisions")
    }

    /// Whether to try `O_TMPFILE`: off when `/proc/self/fd` is missing (containers without /proc),
    /// because `linkat` needs it to name the file.
    private static let useUnnamedFiles: Bool = access("/proc/self/fd", X_OK) == 0

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileError(path: path, operation: "write", reason: systemReason())
                }
                remaining -= written
                pointer += written
            }
        }
    }

    /// Makes the rename itself durable; failure here cannot undo the write, so it is ignored.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

/// Why an atomic write (``Blueprint/write(to:format:)``) could not write a file. The target is unchanged when this is thrown.
public struct AtomicFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path the caller asked to write.
    public var path: String
    /// What was being done, e.g. "create a temporary file for".
    public var operation: String
    /// The system's explanation, e.g. "Permission denied".
    public var reason: String

    /// Creates an error.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// `cannot write 'path': reason`.
    public var description: String { "cannot \(operation) '\(path)': \(reason)" }
}
