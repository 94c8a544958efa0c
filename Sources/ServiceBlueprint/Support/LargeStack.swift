import Foundation

/// Runs work that recurses as deep as its input nests on a thread with a large stack.
///
/// The YAML composer (Yams) builds and frees node trees recursively. libyaml stops at 1 000 levels
/// of nesting, but 1 000 levels already overflow the 512 KiB stacks of secondary threads, so a
/// hostile or broken file could crash the process. Running the work on a dedicated thread with a
/// 16 MiB stack (reserved, not committed) makes every input libyaml accepts safe.
enum LargeStack {
    /// The stack size of the worker thread.
    static let stackSize = 16 << 20

    /// Runs `body` on a fresh thread with a ``stackSize`` stack and returns its result.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result {
        SecondThread.start(stackSize: stackSize, body).wait()
    }
}

/// Work running on a thread of its own, whose result the starting thread collects with ``wait()``.
///
/// A dedicated thread, not a task or a dispatch queue: the caller blocks in ``wait()``, and may
/// itself be one of the few threads of Swift's cooperative pool, which must not wait on work queued
/// behind it.
struct SecondThread<Result: Sendable>: Sendable {
    private let box: ResultBox
    private let done: DispatchSemaphore
    private let body: @Sendable () -> Result

    /// Starts `body` on a new thread (with `stackSize` bytes of stack, when given).
    static func start(stackSize: Int? = nil, _ body: @escaping @Sendable () -> Result) -> SecondThread {
        let work = SecondThread(box: ResultBox(), done: DispatchSemaphore(value: 0), body: body)
        let thread = Thread {
            work.box.value = body()
            work.done.signal()
        }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
        return work
    }

    /// Waits for the thread to finish and returns its result. Call it once.
    func wait() -> Result {
        done.wait()
        // The thread always stores a value before signalling, and the semaphore orders the accesses;
        // the fallback is unreachable.
        return box.value ?? body()
    }

    /// Hands the result from the worker thread to the waiting caller.
    private final class ResultBox: @unchecked Sendable {
        var value: Result?
    }
}
