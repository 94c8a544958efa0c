import Dispatch
import Foundation

/// `work(0) … work(count - 1)` computed on several threads, the results in index order.
///
/// Each thread takes the next index nobody has taken when it is done (the caller's thread works
/// too), so uneven work items balance out; a result is written to its own slot, read only after
/// every thread has finished. The analysis (rules, ``Analyzer``), parsing a large YAML file in
/// parts, and rendering many findings' messages in the command all share this one helper.
package enum ParallelMap {
    /// The results of `work` for `0..<count`, in index order.
    /// - Parameters:
    ///   - workers: Threads to use at most (1 or fewer: all on the calling thread, in order).
    ///   - order: The order in which indices are handed out (a permutation of `0..<count`, for
    ///     example costliest first); index order when `nil` or not a permutation's length.
    package static func map<Value: Sendable>(
        _ count: Int, workers: Int, order: [Int]? = nil, _ work: @Sendable (Int) -> Value
    ) -> [Value] {
        let workers = min(workers, count)
        guard workers > 1 else { return (0..<count).map(work) }
        let slots = Slots<Value>(count: count, order: order)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = slots.take() { slots.store(work(index), at: index) }
        }
        return slots.values()
    }

    /// The next index to hand out and one result slot per index.
    private final class Slots<Value: Sendable>: @unchecked Sendable {
        // `next` is guarded by `lock`; each slot is written by the one thread that took its index,
        // and all are read after `concurrentPerform` has returned.
        private let lock = NSLock()
        private var next = 0
        private let order: [Int]?
        private let results: UnsafeMutableBufferPointer<Value?>

        init(count: Int, order: [Int]?) {
            self.order = order?.count == count ? order : nil
            results = .allocate(capacity: count)
            results.initialize(repeating: nil)
        }

        deinit {
            results.deinitialize()
            results.deallocate()
        }

        func take() -> Int? {
            lock.withLock {
                guard next < results.count else { return nil }
                defer { next += 1 }
                return order?[next] ?? next
            }
        }

        func store(_ value: Value, at index: Int) { results[index] = value }

        func values() -> [Value] { results.compactMap { $0 } }
    }
}
