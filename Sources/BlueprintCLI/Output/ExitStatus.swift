import ArgumentParser

/// The documented exit codes.
enum ExitStatus: Int32 {
    /// Everything succeeded; no finding at or above the threshold.
    case success = 0
    /// Findings at or above the threshold (check), or some files could not be processed (render, report).
    case findings = 1
    /// Invalid input (a blueprint that does not load) or wrong usage.
    case invalidInput = 2

    var exitCode: ExitCode { ExitCode(rawValue) }
}
