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
        process.arguments = ["check", context.package.directoryURL.appending(path: input).path] + extractor.remainingArguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("blueprint check exited with status \(process.terminationStatus)")
            throw CheckFailure(status: process.terminationStatus)
        }
    }
}

struct CheckFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "blueprint check exited with status \(status)" }
}
