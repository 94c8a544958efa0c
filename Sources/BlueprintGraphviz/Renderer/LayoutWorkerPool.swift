#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// Worker processes that lay out and render DOT text, so that several drawings use several cores.
///
/// Graphviz is not thread-safe, so one process renders one drawing at a time (``GraphvizRenderer``). A pool
/// starts `count` copies of a worker executable (the `blueprint` tool runs ``LayoutWorker/serve()`` for its
/// hidden `__layout-worker` command), each connected by a socket pair that is its standard input and output
/// (`LayoutWorkerProtocol`). Once installed with ``GraphvizRenderer/useWorkers(_:)``, the renderer's `async`
/// API sends each layout to an idle worker and renders in process when none is idle.
///
/// A worker renders with the same code, library and fonts as the parent, so its output has the same bytes.
/// Only the Graphviz layout and output move: the DOT text (and any text measuring it needs) is made in the
/// parent. When a worker cannot start, dies, or answers something that is not the protocol, the pool stops
/// it and the request is rendered in process: nothing is reported and the output does not change.
///
/// ```swift
/// let pool = LayoutWorkerPool(executable: "/usr/local/bin/blueprint", arguments: ["__layout-worker"], count: 2)
/// GraphvizRenderer.shared.useWorkers(pool)
/// defer { GraphvizRenderer.shared.useWorkers(nil); pool.shutdown() }
/// ```
///
/// Call ``shutdown()`` when done: it stops and reaps every worker (a worker also ends by itself when its
/// input closes, so a parent that dies leaves no worker behind). Workers are started on Linux only; elsewhere
/// the pool is empty and every render stays in process.
public final class LayoutWorkerPool: @unchecked Sendable {
    // Guarded by `lock`: every member below is read and written only while the lock is held.
    private let lock = NSLock()
    private var idle: [LayoutWorkerProcess] = []
    private var running: [LayoutWorkerProcess] = []
    private var stopped = false
    private var answeredCount = 0
    private var fallbackCount = 0

    /// Starts up to `count` workers running `executable` with `arguments` (the first argument after the
    /// program name). A worker that cannot start is left out; ``workerCount`` says how many did.
    public init(executable: String, arguments: [String], count: Int) {
        for _ in 0..<max(0, count) {
            guard let worker = LayoutWorkerProcess.spawn(executable: executable, arguments: arguments) else { break }
            running.append(worker)
        }
        idle = running
    }

    /// How many workers are running: started and not stopped.
    public var workerCount: Int { lock.withLock { running.count } }

    /// The running workers' process ids (for tests).
    var processIDs: [pid_t] { lock.withLock { running.map(\.pid) } }

    /// How many requests workers answered, and how many were handed back to be rendered in process because the
    /// worker broke (for tests and benchmarks).
    var statistics: (answered: Int, fallbacks: Int) { lock.withLock { (answeredCount, fallbackCount) } }

    /// Lays out and renders `dot` on an idle worker, without blocking the caller's thread; `nil` when no
    /// worker is idle or the worker broke, and the caller renders in process.
    func render(dot: String, format: OutputFormat, engine: LayoutEngine) async -> Result<Data, RenderError>? {
        guard let request = LayoutWorkerProtocol.encode(.init(format: format, engine: engine, dot: dot)),
            let worker = takeIdle()
        else { return nil }
        let outcome = await withCheckedContinuation { continuation in
            // Blocking reads and writes on the worker's own thread, never on a Swift concurrency thread.
            worker.queue.async { continuation.resume(returning: worker.exchange(request)) }
        }
        if outcome == nil { retire(worker) } else { giveBack(worker) }
        return outcome
    }

    /// Stops every worker (closing its input, killing it and reaping it) and starts no more; renders that
    /// follow happen in process. A worker busy with a request is killed, and that request is rendered in
    /// process. Safe to call more than once.
    public func shutdown() {
        let workers = lock.withLock {
            stopped = true
            defer { running.removeAll(); idle.removeAll() }
            return running
        }
        for worker in workers { worker.terminate() }
    }

    deinit { for worker in running { worker.terminate() } }

    private func takeIdle() -> LayoutWorkerProcess? {
        lock.withLock { stopped ? nil : idle.popLast() }
    }

    private func giveBack(_ worker: LayoutWorkerProcess) {
        let keep = lock.withLock {
            answeredCount += 1
            guard !stopped else { return false }
            idle.append(worker)
            return true
        }
        if !keep { worker.terminate() }
    }

    private func retire(_ worker: LayoutWorkerProcess) {
        lock.withLock {
            fallbackCount += 1
            running.removeAll { $0 === worker }
        }
        worker.terminate()
    }
}

/// One worker process and the parent's end of its socket pair.
final class LayoutWorkerProcess: @unchecked Sendable {
    let pid: pid_t
    /// The queue whose thread talks to this worker (one request at a time).
    let queue: DispatchQueue
    // Guarded by `lock`: `terminated` (and through it the validity of `channel` and `pid`).
    private let lock = NSLock()
    private let channel: Int32
    private var terminated = false

    private init(pid: pid_t, channel: Int32) {
        self.pid = pid
        self.channel = channel
        queue = DispatchQueue(label: "ServiceBlueprint.LayoutWorker.\(pid)", qos: .userInitiated)
    }

    /// Sends `request` and reads the answer; `nil` when the worker is gone or broke the protocol.
    /// Called on ``queue`` only.
    func exchange(_ request: [UInt8]) -> Result<Data, RenderError>? {
        guard !lock.withLock({ terminated }) else { return nil }
        do {
            try LayoutWorkerProtocol.write(request, to: channel)
            return try LayoutWorkerProtocol.readResponse(from: channel)
        } catch {
            return nil
        }
    }

    /// Kills the worker and reaps it, once: no zombie is left, and its process id is never signalled after
    /// it was reaped (it may belong to another process by then).
    func terminate() {
        guard lock.withLock({ () -> Bool in
            defer { terminated = true }
            return !terminated
        }) else { return }
        // Shutting down the socket wakes a read or write in progress on `queue` (it fails, and that request is
        // rendered in process); the descriptor itself is closed only once that thread is done with it.
        _ = Self.shutdownSocket(channel)
        _ = kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let channel = channel
        queue.async { _ = close(channel) }
    }

    /// Starts `executable` with `arguments`, its standard input and output one end of a new socket pair and
    /// its standard error `/dev/null` (a worker reports through the protocol only); `nil` when it cannot start.
    static func spawn(executable: String, arguments: [String]) -> LayoutWorkerProcess? {
        #if os(Linux)
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else { return nil }
        let (parentEnd, childEnd) = (ends[0], ends[1])
        defer { _ = close(childEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies; every other descriptor of ours stays closed in the child.
        posix_spawn_file_actions_adddup2(&actions, childEnd, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, childEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        // Default signal handling and an empty mask, whatever the spawning thread blocks or ignores.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, environ) == 0 else {
            _ = close(parentEnd)
            return nil
        }
        return LayoutWorkerProcess(pid: pid, channel: parentEnd)
        #else
        return nil
        #endif
    }

    private static func shutdownSocket(_ descriptor: Int32) -> Int32 {
        #if os(Linux)
        shutdown(descriptor, Int32(SHUT_RDWR))
        #else
        shutdown(descriptor, SHUT_RDWR)
        #endif
    }
}
