import Foundation

/// Runs one job per input file on a bounded number of workers and hands the results back in input
/// order, so two cores read and analyse two files at once (issue 13).
///
/// Each job touches only its own file's values. Everything the user sees (messages, summaries, the
/// exit status) is produced by `deliver` on the calling thread, in input order, as soon as a result
/// and every result before it are ready: the output is byte-identical whatever the worker count, and
/// one worker processes the files one after another as before.
enum FileWorkers {
    /// Runs `work` on every item with at most `workers` jobs at a time (Swift structured concurrency:
    /// one task group, a new task started as each one finishes), and calls `deliver` for each result in
    /// item order on the calling thread.
    ///
    /// The caller must not be a Swift concurrency thread: it waits for the results. The commands run on
    /// the main thread, which is not one.
    static func run<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int,
        work: @escaping @Sendable (Item) async -> Output,
        deliver: (Int, Output) -> Void
    ) {
        guard !items.isEmpty else { return }
        let slots = ResultSlots<Output>(count: items.count)
        let width = max(1, min(workers, items.count))
        MallocArenas.limit(to: width)
        Task.detached {
            await withTaskGroup(of: Void.self) { group in
                var next = 0
                // Items start in order, so with one worker the files are processed strictly one by one.
                while next < width {
                    let index = next
                    group.addTask { slots.put(await work(items[index]), at: index) }
                    next += 1
                }
                while await group.next() != nil, next < items.count {
                    let index = next
                    group.addTask { slots.put(await work(items[index]), at: index) }
                    next += 1
                }
            }
        }
        for index in items.indices {
            deliver(index, slots.take(index))
        }
    }
}

/// Results filled in by the workers in any order and taken by the calling thread in order; a taken
/// result is released at once, so finished files do not pile up in memory.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
    // Guarded by `condition`: `slots` is read and written only while it is locked.
    private let condition = NSCondition()
    private var slots: [Output?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func put(_ output: Output, at index: Int) {
        condition.lock()
        slots[index] = output
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the result at `index` is there, and takes it.
    func take(_ index: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let output = slots[index] {
                slots[index] = nil
                return output
            }
            condition.wait()
        }
    }
}
