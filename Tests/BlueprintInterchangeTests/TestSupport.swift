import Foundation
import ServiceBlueprint

@testable import BlueprintInterchange

/// Paths and helpers shared by the interchange tests.
enum TestSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let golden = testsFolder.appendingPathComponent("Golden")
    /// The OMG BPMN 2.0 XSDs: in `shared/schemas/bpmn-2.0` beside the repository (as CI and the
    /// developers' machines lay it out), or `nil` when they are not there.
    static let schemas: URL? = [
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/bpmn-2.0"),
        URL(fileURLWithPath: "/work/shared/schemas/bpmn-2.0"),
    ].first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("BPMN20.xsd").path) }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Every blueprint file in `blueprints/`.
    static func repositoryBlueprints() -> [String] {
        let folder = repositoryRoot.appendingPathComponent("blueprints")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map {
            folder.appendingPathComponent($0).path
        }
    }

    /// Compares `text` with the golden file `name`; `UPDATE_GOLDEN=1` rewrites it.
    static func matchesGolden(_ text: String, _ name: String) -> Bool {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return true
        }
        return (try? String(contentsOf: url, encoding: .utf8)) == text
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("interchange-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of an executable on PATH, if any.
    static func executable(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program; returns its exit status and combined output.
    static func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
