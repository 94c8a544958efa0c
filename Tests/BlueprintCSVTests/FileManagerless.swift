import Foundation

/// Temporary files for the file-reading test.
enum FileManagerless {
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "/\(ProcessInfo.processInfo.processIdentifier)-" + name
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
