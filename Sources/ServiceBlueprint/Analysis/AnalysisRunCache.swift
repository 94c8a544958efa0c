import Foundation

/// Results that several rules of one analyzer run need, computed once on first use.
///
/// Each rule gets its own ``AnalysisContext``, but all contexts of one run share one cache, so for
/// example the six capacity rules compute the capacity analysis once. The cache lives as long as the
/// run's contexts: nothing outlives ``Analyzer/analyze(_:sourceMap:)``.
final class AnalysisRunCache: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var capacity: CapacityAnalysis?

    /// The capacity analysis of the run's blueprint, made by `make` on first use.
    func capacityAnalysis(_ make: () -> CapacityAnalysis) -> CapacityAnalysis {
        lock.lock()
        defer { lock.unlock() }
        if let capacity { return capacity }
        let made = make()
        capacity = made
        return made
    }
}
