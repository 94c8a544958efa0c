import Foundation
import PackagePlugin

/// `swift package check-blueprints [--format text|json|sarif|github] [--fail-on error|warning|never]`:
/// checks every blueprint in the package's `blueprints/` folder with the `blueprint` tool.
@main
struct CheckBlueprints: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "blueprint")
        var extractor = ArgumentExtractor(arguments)
        let input = extractor.extractOption(named: "input").last ?? "blueprints"
        let process = Process()
        process.executableURL = tool.url
        // Run from the package root with a relative input, so every reported path (text, SARIF,
        // GitHub annotations) is relative to the repository and attaches to pull-request files.
        process.currentDirectoryURL = context.package.directoryURL
        process.arguments = ["check", input] + extractor.remainingArguments
        try process.run()
        process.waitUntilExit()
        // The tool has printed its diagnostics and summary; the failure itself is said once, by SwiftPM.
        guard process.terminationStatus == 0 else { throw CheckFailure(status: process.terminationStatus) }
    }
}

struct CheckFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "blueprint check exited with status \(status)" }
}
