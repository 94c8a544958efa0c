import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes temporary files that ``AtomicFile`` left behind when its process was killed mid-write
/// (only possible where `O_TMPFILE` is unavailable, or by versions before it was used).
///
/// - `.<name>.<pid>-<random>.tmp` is removed when no process `<pid>` exists any more;
/// - `.<name>.<random>.tmp` (the 0.1.0 form, no process id, 8–13 base-36 digits) is removed once
///   it is an hour old and `<name>` exists next to it (so it was written, and this copy is left over).
///
/// Each folder is cleaned at most once per process, so writing many files into one folder scans it once.
enum StaleTemporaryFiles {
    /// How old a temporary file without a process id must be to count as an orphan.
    static let maximumAge: TimeInterval = 3_600

    private final class Cleaned: @unchecked Sendable {
        let lock = NSLock()
        var folders = Set<String>()
    }
    private static let cleaned = Cleaned()

    /// Cleans `directory` unless this process already did.
    static func clean(directory: String) {
        let folder = directory.isEmpty ? "." : directory
        let first = cleaned.lock.withLock { cleaned.folders.insert(folder).inserted }
        if first { removeOrphans(in: folder) }
    }

    /// Removes the orphans in `folder` now; returns the names removed (for tests).
    @discardableResult
    static func removeOrphans(in folder: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let kind = classify(name) else { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let orphan: Bool
            switch kind {
            case .process(let pid):
                orphan = kill(pid, 0) != 0 && errno == ESRCH
            case .legacy(let target):
                orphan = now.timeIntervalSince1970 - Double(info.modificationSeconds) > maximumAge
                    && access(folder + "/" + target, F_OK) == 0
            }
            if orphan, unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    enum Kind: Equatable {
        case process(pid_t)
        /// The 0.1.0 form, for the target named.
        case legacy(String)
    }

    /// What kind of ``AtomicFile`` temporary file `name` is, or `nil` when it is not one of ours.
    static func classify(_ name: String) -> Kind? {
        // ".<name>.<token>.tmp": the token is the last dot-separated part before ".tmp".
        let body = name.dropFirst().dropLast(4)
        guard let dot = body.lastIndex(of: "."), dot > body.startIndex else { return nil }
        let token = body[body.index(after: dot)...]
        let base36 = { (text: Substring, minimum: Int) in
            text.count >= minimum && text.count <= 13 && text.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) }
        }
        if let dash = token.firstIndex(of: "-") {
            let pidText = token[..<dash], random = token[token.index(after: dash)...]
            guard let pid = pid_t(pidText), pid > 0, base36(random, 1) else { return nil }
            return .process(pid)
        }
        return base36(token, 8) ? .legacy(String(body[..<dot])) : nil
    }
}

extension stat {
    /// The modification time in whole seconds, on Linux and Darwin alike.
    fileprivate var modificationSeconds: Int {
        #if canImport(Darwin)
        Int(st_mtimespec.tv_sec)
        #else
        Int(st_mtim.tv_sec)
        #endif
    }
}
