import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory render-blueprints [--format svg] [-o DIR]`:
/// renders every blueprint in the package's `blueprints/` folder with the `blueprint` tool.
@main
struct RenderBlueprints: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "blueprint")
        let root = context.package.directoryURL
        var extractor = ArgumentExtractor(arguments)
        let input = extractor.extractOption(named: "input").last ?? "blueprints"
        let output = extractor.extractOption(named: "output").last ?? extractor.extractOption(named: "o").last ?? "blueprints-rendered"
        let arguments = ["render", root.appending(path: input).path, "-o", root.appending(path: output).path]
            + extractor.remainingArguments
        let status = try BlueprintTool.run(tool.url, arguments)
        // The tool has printed its own messages; the failure is said once, by SwiftPM.
        guard status == 0 else { throw BlueprintTool.Failure(status: status) }
    }
}

/// Runs the `blueprint` executable and forwards its exit status.
enum BlueprintTool {
    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "blueprint exited with status \(status)" }
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
