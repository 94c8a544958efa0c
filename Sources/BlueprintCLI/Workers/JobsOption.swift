import ArgumentParser
import Foundation

/// `--jobs N`: how many files `check`, `render`, `report` and `convert` process at once.
struct JobsOption: ParsableArguments {
    @Option(
        name: .customLong("jobs"),
        help: "How many files to read and analyse at once (default: the number of active processors; 1 processes them one by one). The output is the same for any value.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    /// The worker count: `--jobs`, else the active processor count.
    var workers: Int { jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
