import Foundation
import Testing

/// Golden DOT files in `Golden/`, compared byte for byte. Run with `UPDATE_GOLDEN=1` to rewrite them after
/// an intended change (then review the diff).
enum GoldenFile {
    static func expect(_ name: String, _ actual: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Golden")
            try Data(actual.utf8).write(to: folder.appendingPathComponent(name + ".dot"), options: .atomic)
            return
        }
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "dot", subdirectory: "Golden"))
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "DOT differs from Golden/\(name).dot; rerun with UPDATE_GOLDEN=1 and review the diff",
                sourceLocation: sourceLocation)
    }
}
