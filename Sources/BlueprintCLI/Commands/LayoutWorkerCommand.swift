import ArgumentParser
import BlueprintGraphviz

/// `blueprint __layout-worker` (hidden): a layout worker process for a folder render on several cores.
///
/// Started by `render` and `report` (``LayoutWorkers``), never by a user: it reads layout requests on standard input and
/// answers them on standard output (``LayoutWorker``) until its input ends.
struct LayoutWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: LayoutWorkers.subcommand,
        abstract: "Lay out drawings for another blueprint process (internal).",
        shouldDisplay: false
    )

    func run() throws {
        let status = LayoutWorker.serve()
        if status != 0 { throw ExitCode(Int32(status)) }
    }
}
