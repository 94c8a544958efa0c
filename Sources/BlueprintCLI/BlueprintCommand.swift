import ArgumentParser
import Foundation

/// The `blueprint` command: check, render, report on and compare service blueprints.
@main
struct BlueprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blueprint",
        abstract: "Check, render and compare service blueprints written in YAML or JSON.",
        discussion: """
            A service blueprint maps how a service is delivered: the customer's actions, the \
            frontstage and backstage work, and the support processes behind them. This tool \
            validates blueprint files, finds redundant steps, parallelizable chains, missing \
            standards and bottlenecks, and draws the blueprints with Graphviz.

            Start with `blueprint init my-service`, edit the file, then run \
            `blueprint check my-service.yaml` and `blueprint render my-service.yaml -o out`.

            Exit codes: 0 success / no findings at the threshold; 1 findings at or above the \
            threshold (check) or some files failed (render, report); 2 invalid input or usage.
            """,
        version: ToolVersion.current,
        subcommands: [
            CheckCommand.self, RenderCommand.self, ReportCommand.self, CapacityCommand.self, DiffCommand.self,
            ConvertCommand.self, InitCommand.self, SchemaCommand.self, RulesCommand.self,
            // Interchange (issue 14).
            ImportCommand.self, ExportCommand.self,
            MeasureCommand.self, DiscoverCommand.self,
            PreviewCommand.self,
            SimulateCommand.self,  // sim17 (issue 17)
            LayoutWorkerCommand.self,  // hidden: Graphviz layout for a parallel render (issue 13)
        ]
    )

    /// Runs the command and maps argument errors to exit code 2 (usage), as documented.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)
            }
            // Usage errors (and anything else unexpected) exit with 2, as documented.
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(ExitStatus.invalidInput.rawValue)
        }
    }
}

/// The version printed by `blueprint --version`.
enum ToolVersion {
    static let current = "0.1.0"
}
