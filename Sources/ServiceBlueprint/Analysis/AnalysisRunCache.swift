import Foundation

/// A result that several rules of one analyzer run may need, named by a type so the cache need not
/// know what it holds (the capacity analysis declares its own key next to itself).
protocol AnalysisRunKey {
    /// What the key stores.
    associatedtype Value: Sendable
    /// Computes the value from the run's shared context.
    static func make(_ context: AnalysisContext) -> Value
}

/// Results that several rules of one analyzer run need, computed once on first use.
///
/// Each rule gets its own ``AnalysisContext``, but all contexts of one run share one cache, so for
/// example the six capacity rules compute the capacity analysis once, and the drawing's heat reuses
/// it. The cache lives as long as the run (``BlueprintAnalysis``) and its contexts.
final class AnalysisRunCache: @unchecked Sendable {
    // Guarded by `lock`: one slot per key, so rules waiting for one value (the capacity analysis)
    // do not hold up a rule computing another (the SERVQUAL coverage) on the other core.
    private let lock = NSLock()
    private var slots: [ObjectIdentifier: Slot] = [:]

    /// One key's value, made once under the slot's own lock.
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        // Guarded by `lock`.
        var value: (any Sendable)?
    }

    /// The value of `key` for the run, made from `context` on first use.
    func value<Key: AnalysisRunKey>(_ key: Key.Type, context: AnalysisContext) -> Key.Value {
        let slot = lock.withLock {
            if let slot = slots[ObjectIdentifier(key)] { return slot }
            let slot = Slot()
            slots[ObjectIdentifier(key)] = slot
            return slot
        }
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let value = slot.value as? Key.Value { return value }
        let made = Key.make(context)
        slot.value = made
        return made
    }
}
