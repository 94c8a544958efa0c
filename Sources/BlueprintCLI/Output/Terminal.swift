import Foundation

/// Writing to the terminal: stderr messages and a progress line that only appears on a TTY.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func output(_ text: String) {
        var data = Data(text.utf8)
        // As a `Character` suffix: text ending in "\r\n" still gets its newline.
        if !text.hasSuffix("\n") { data.append(UInt8(ascii: "\n")) }
        FileHandle.standardOutput.write(data)
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    /// A one-line progress indicator, redrawn in place; silent when stderr is not a terminal.
    struct Progress {
        let total: Int
        let enabled: Bool
        init(total: Int) {
            self.total = total
            enabled = Terminal.stderrIsTerminal && total > 1
        }
        func update(_ done: Int, _ item: String) {
            guard enabled else { return }
            let line = "[\(done)/\(total)] \(item)"
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
        func finish() {
            guard enabled else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}
