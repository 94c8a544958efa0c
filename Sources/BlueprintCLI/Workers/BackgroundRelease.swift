import Dispatch

/// Frees large values on a background thread.
///
/// Tearing down a checked 100 000-step blueprint (its model, source map and findings: millions of
/// small allocations) takes about a tenth of a second, and it used to happen on the thread whose
/// work the user waits for, between the analysis and the output. Handed over here, the memory is
/// freed on the other core while the output is written; when the command ends first, the process
/// exits and the operating system takes the pages back without visiting each allocation.
enum BackgroundRelease {
    /// Blueprints of at least this many steps are freed here. A small one frees in well under a
    /// millisecond, less than handing it over costs; and a folder of small files checked with
    /// `--jobs 1` then stays on one core.
    static let largeBlueprintSteps = 2_048
    /// Lists of at least this many problems are freed here.
    static let manyProblems = 10_000

    /// One serial queue: values are freed one after another, never two at once on every core.
    private static let queue = DispatchQueue(label: "blueprint.background-release", qos: .utility)

    /// Drops the caller's `value`; its last reference, and so its deallocation, is on the background queue.
    static func release<Value: Sendable>(_ value: consuming Value) {
        let held = value
        queue.async { withExtendedLifetime(held) {} }
    }
}
