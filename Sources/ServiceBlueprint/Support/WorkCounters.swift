import Foundation

/// Counts expensive steps of the pipeline (graph builds, capacity runs) for tests that pin how
/// often a command does them.
///
/// Counting is off unless a test binds ``current`` with `WorkCounters.$current.withValue(…)`: a
/// task-local, so tests running in parallel each see only their own work.
package final class WorkCounters: @unchecked Sendable {
    @TaskLocal package static var current: WorkCounters?

    // Guarded by `lock`.
    private let lock = NSLock()
    private var graphs = 0
    private var capacities = 0
    private var variants = 0

    package init() {}

    /// How many ``BlueprintGraph``s were built.
    package var graphBuilds: Int { lock.withLock { graphs } }
    /// How many graphs of rewritten copies (what-ifs of a rule) were built.
    package var variantGraphBuilds: Int { lock.withLock { variants } }
    /// How many capacity analyses ran.
    package var capacityRuns: Int { lock.withLock { capacities } }

    package static func countGraphBuild() {
        guard let counters = current else { return }
        counters.lock.withLock { counters.graphs += 1 }
    }

    package static func countVariantGraphBuild() {
        guard let counters = current else { return }
        counters.lock.withLock { counters.variants += 1 }
    }

    package static func countCapacityRun() {
        guard let counters = current else { return }
        counters.lock.withLock { counters.capacities += 1 }
    }
}
