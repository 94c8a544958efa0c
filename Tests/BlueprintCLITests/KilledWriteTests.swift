import Foundation
import Testing

/// A killed write leaves no temporary file.
@Suite("A killed write leaves no temporary file")
struct KilledWriteTests {
    static let good = CLI.packageRoot.appendingPathComponent("blueprints/clinic-visit.yaml")

    @Test("a render killed with SIGKILL leaves no temporary file behind")
    func killedRenderLeavesNoTemporaryFile() throws {
        let input = try CLI.temporaryDirectory(), output = try CLI.temporaryDirectory()
        let source = CLI.packageRoot.appendingPathComponent("blueprints/after-sales-repair.yaml")
        for index in 0..<12 { try FileManager.default.copyItem(at: source, to: input.appendingPathComponent("copy-\(index).yaml")) }
        for delay in [0.6, 1.0, 1.4] {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["render", input.path, "-o", output.path, "--format", "png"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "after \(delay) s: \(leftovers)")
        }
    }
}
