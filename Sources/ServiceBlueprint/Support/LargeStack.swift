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
        let box = ResultBox<Result>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let value = box.value else {
            // Unreachable: the thread always stores a value before signalling.
            return body()
        }
        return value
    }

    /// Hands the result from the worker thread to the waiting caller; the semaphore orders the accesses.
    private final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
    }
}
