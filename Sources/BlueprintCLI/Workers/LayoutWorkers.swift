import BlueprintGraphviz
import Foundation

/// Graphviz layout in worker processes for `render` and `report` on many files (issue 13): Graphviz is not thread-safe,
/// so one process lays out one drawing at a time, and a folder drawn on two cores needs a second process.
///
/// The workers are copies of this executable running the hidden `__layout-worker` command
/// (``LayoutWorkerCommand``). They are started only when they pay for their start-up (at least
/// ``minimumFiles`` files, more than one job, and a format Graphviz draws); when one cannot start or dies,
/// its drawings are made in process, with the same bytes and no extra message.
enum LayoutWorkers {
    /// The hidden command a worker runs.
    static let subcommand = "__layout-worker"

    /// Below this many files, starting processes costs more than it saves (a worker starts in about 20 ms;
    /// a 50-step drawing takes about 25 ms).
    static let minimumFiles = 8

    /// Starts and installs workers for drawing `files` files with `jobs` jobs, when that pays; `nil` otherwise
    /// or when none could start. Pair with ``stop(_:)``.
    static func start(files: Int, jobs: Int) -> LayoutWorkerPool? {
        guard jobs > 1, files >= minimumFiles, let executable = executablePath() else { return nil }
        // One worker per job: the parent then only reads files and writes DOT text (about a quarter of the
        // work), and the system shares the cores between it and the workers. Measured against jobs - 1
        // workers plus Graphviz in the parent, which leaves the parent the busiest process.
        let pool = LayoutWorkerPool(executable: executable, arguments: [subcommand], count: min(jobs, files))
        guard pool.workerCount > 0 else { return nil }
        GraphvizRenderer.shared.useWorkers(pool)
        return pool
    }

    /// Uninstalls `pool` and stops and reaps its workers.
    static func stop(_ pool: LayoutWorkerPool?) {
        guard let pool else { return }
        GraphvizRenderer.shared.useWorkers(nil)
        pool.shutdown()
    }

    /// The path of this executable: `/proc/self/exe` on Linux (right however the tool was started: through
    /// `PATH`, a relative path or a symbolic link), else the first command-line argument resolved against the
    /// working directory or `PATH`; `nil` when neither names an executable file.
    static func executablePath() -> String? {
        let files = FileManager.default
        if let resolved = try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe"), files.isExecutableFile(atPath: resolved) {
            return resolved
        }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.contains("/") {
            let path = first.hasPrefix("/") ? first : (files.currentDirectoryPath as NSString).appendingPathComponent(first)
            return files.isExecutableFile(atPath: path) ? path : nil
        }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.lazy.map { ($0 as NSString).appendingPathComponent(first) }.first { files.isExecutableFile(atPath: $0) }
    }
}
