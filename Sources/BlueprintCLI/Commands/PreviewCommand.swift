import ArgumentParser
import Foundation
import ServiceBlueprint

/// `blueprint preview`: the interactive viewer on a loopback port, reloaded whenever a blueprint
/// file is saved (issue 18).
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the interactive viewer on 127.0.0.1 and reload it each time a blueprint is saved.",
        discussion: """
            Prints the URL and opens nothing. The server listens on 127.0.0.1 only and serves a page \
            for each blueprint file named (or found in the folders named), an index when there are \
            several, and an event stream that tells open pages to reload: everything else, \
            including any path outside those pages, is 404.

            The files are checked for changes every 0.2 s. A save that does not load shows its \
            located errors at the top of the page, above the last diagram that did. Stop with Ctrl-C.

            Exit codes: 1 the server could not start (for example, the port is taken); 2 an input \
            path does not exist, or wrong usage.
            """
    )

    @Argument(help: "Blueprint files or directories to watch.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(help: "Port on 127.0.0.1 (0: any free port).")
    var port: UInt16 = 8750

    @Option(help: "Analysis configuration file for every blueprint (default: the nearest .blueprint.yml in each blueprint's folder or above).", completion: .file())
    var config: String?

    @OptionGroup var language: LanguageOption

    mutating func run() throws {
        let (_, missing) = InputCollector.collect(paths)
        guard missing.isEmpty else {
            for diagnostic in missing { Terminal.error(diagnostic.description(in: language.resolve())) }
            throw ExitStatus.invalidInput.exitCode
        }
        Self.unblockStopSignals()
        let site = PreviewSite(paths: paths, config: config, language: language.explicit)
        let shown = language.resolve()
        let port = port
        let outcome = PreviewOutcome()
        let done = DispatchSemaphore(value: 0)
        // The command runs on the main thread; the server and the watcher run on Swift tasks.
        Task.detached {
            do {
                try await PreviewServer(site: site).run(port: port) { url, count in
                    Terminal.output(LocalizedText(count == 1 ? "preview.serving.one" : "preview.serving.other", [
                        "count": .integer(count), "url": .verbatim(url),
                    ]).rendered(in: shown))
                }
            } catch {
                outcome.fail(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            Terminal.error(LocalizedText("preview.cannotServe", ["port": .verbatim(String(port)), "error": .verbatim("\(error)")]).rendered(in: shown))
            throw ExitStatus.findings.exitCode
        }
    }
}

extension PreviewCommand {
    /// A process started by another program can inherit a signal mask that blocks SIGTERM and
    /// SIGINT (a test runner's worker thread does); the server must still stop when asked. Called on
    /// the main thread before any other thread starts, so every thread inherits the mask.
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }
}
