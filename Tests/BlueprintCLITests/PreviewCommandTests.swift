import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `blueprint preview` over real loopback: the page, the reload event within 1 s of a save, the
/// errors of a bad save above the last good diagram, and 404 for everything outside the pages.
@Suite("preview command", .serialized, .timeLimit(.minutes(3)))
struct PreviewCommandTests {
    static let good = """
        id: mini
        title: First title
        stages:
          - {id: ask, title: Ask}
        actors:
          - {id: customer, title: Customer, kind: customer}
          - {id: agent, title: Agent, kind: role}
        steps:
          - {id: call, title: Call the desk, lane: customer, stage: ask, actor: customer, duration: 2min}
          - {id: answer, title: Answer the call, lane: frontstage, stage: ask, actor: agent, duration: 3min}
        flows:
          - {from: call, to: answer}

        """

    @Test func servesReloadsKeepsTheLastGoodDiagramAndRefusesEverythingElse() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("mini.yaml")
        try Self.good.write(to: file, atomically: false, encoding: .utf8)
        let server = try PreviewProcess(folder: folder)
        var stopped = false
        defer { if !stopped { server.stop() } }

        let first = try Loopback.get("/", port: server.port)
        #expect(first.status == 200)
        #expect(first.body.contains("First title"))
        #expect(first.body.contains("<svg"))
        #expect(first.body.contains("new EventSource"))
        #expect(try Loopback.get("/view/mini.yaml", port: server.port).body == first.body)

        // A save reaches an open event stream within 1 s.
        let events = try Loopback.Stream(path: "/events", port: server.port)
        defer { events.close() }
        #expect(events.read(until: ": connected", timeout: 5))
        let saved = Date()
        try Self.good.replacingOccurrences(of: "First title", with: "Second title").write(to: file, atomically: false, encoding: .utf8)
        #expect(events.read(until: "event: change", timeout: 1))
        let latency = Date().timeIntervalSince(saved)
        #expect(latency < 1, "update event after \(latency) s")
        let second = try Loopback.get("/", port: server.port)
        #expect(second.body.contains("Second title"))
        #expect(!second.body.contains("class=\"vw-problems\""))

        // An invalid save: its located error in the page, the last good diagram kept.
        try Self.good.replacingOccurrences(of: "Second title", with: "Broken title")
            .replacingOccurrences(of: "to: answer", with: "to: answr")
            .write(to: file, atomically: false, encoding: .utf8)
        #expect(events.read(until: "event: change", timeout: 2))
        let broken = try Loopback.get("/", port: server.port)
        #expect(broken.body.contains("class=\"vw-problems\" role=\"alert\""))
        #expect(broken.body.contains("mini.yaml:12:22: error: unknown step &apos;answr&apos;") || broken.body.contains("mini.yaml:12:22: error: unknown step &#39;answr&#39;"))
        #expect(broken.body.contains("Second title"))
        #expect(!broken.body.contains("Broken title"))
        #expect(broken.body.contains("<svg"))

        // Only the pages and the event stream exist.
        for path in [
            "/view/../mini.yaml", "/view/../../../../etc/passwd", "/view/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/mini.yaml",
            "/view/..%2fmini.yaml", "/mini.yaml", "/view/mini.yaml/..%2f..%2fetc%2fpasswd", "/view/", "/index.html",
        ] {
            let response = try Loopback.get(path, port: server.port)
            #expect(response.status == 404, "\(path) answered \(response.status)")
            #expect(!response.body.contains("root:"))
        }
        server.stop()
        stopped = true
        #expect(server.stoppedBySIGTERM)
    }

    @Test("In Chinese: the printed line, the index and the page title; a file's language: key chooses without --language")
    func speaksTheBlueprintsLanguage() throws {
        let folder = try CLI.temporaryDirectory()
        try LanguageCommandTests.blueprint(language: "zh-Hans").write(to: folder.appendingPathComponent("a.yaml"), atomically: false, encoding: .utf8)
        try LanguageCommandTests.blueprint(language: "zh-Hans").replacingOccurrences(of: "id: 售后维修", with: "id: 售后维修2")
            .write(to: folder.appendingPathComponent("b.yaml"), atomically: false, encoding: .utf8)
        let server = try PreviewProcess(folder: folder)
        defer { server.stop() }
        let index = try Loopback.get("/", port: server.port)
        #expect(index.body.contains("<html lang=\"zh-Hans\">") && index.body.contains("<h1>蓝图预览</h1>"))
        let page = try Loopback.get("/view/a.yaml", port: server.port)
        #expect(page.body.contains("<h1>预览：售后维修服务</h1>"), "the page title follows the file's language")
        #expect(!page.body.contains("Preview: "))

        let explicit = try PreviewProcess(folder: folder, arguments: ["--language", "zh-Hans"])
        defer { explicit.stop() }
        #expect(explicit.firstLine.hasPrefix("正在 http://127.0.0.1:") && explicit.firstLine.contains("预览 2 个蓝图（按 Ctrl-C 停止）"))
        let english = try PreviewProcess(folder: folder, arguments: ["--language", "en"])
        defer { english.stop() }
        #expect(english.firstLine.hasPrefix("Previewing 2 blueprints at http://127.0.0.1:"))
        #expect(try Loopback.get("/", port: english.port).body.contains("<h1>Blueprint preview</h1>"))
    }

    @Test func aMissingPathIsAUsageErrorAndNothingListens() throws {
        let result = try CLI.run(["preview", "/nonexistent/blueprints", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/blueprints:1:1: error: no such file or directory"))
        #expect(result.stdout.isEmpty)
    }
}

/// `blueprint preview FOLDER --port 0` running in the background, with the port it printed.
private final class PreviewProcess {
    let process = Process()
    let port: UInt16
    /// The line it printed first, where it listens.
    let firstLine: String

    init(folder: URL, arguments: [String] = []) throws {
        process.executableURL = CLI.executable
        process.arguments = ["preview", folder.path, "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where it listens (after the first render; generous for a debug build).
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("\n"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
            let port = UInt16(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
        else {
            process.terminate()
            throw LoopbackError("no URL printed: \(text)")
        }
        self.port = port
        firstLine = String(text.prefix { $0 != "\n" })
    }

    /// Stops the server with SIGTERM (the command unblocks it), and SIGKILL if it is still running 5 s later.
    func stop() {
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Whether SIGTERM alone stopped it.
    var stoppedBySIGTERM: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM }
}

struct LoopbackError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// A minimal HTTP/1.1 client on a TCP socket to 127.0.0.1: the request line is sent exactly as
/// written (no client-side clean-up of `..`), which is what a traversal test needs.
enum Loopback {
    struct Response {
        var status: Int
        var body: String
    }

    static func connect(port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { close(fd); throw LoopbackError("connect failed") }
        return fd
    }

    static func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Reads what is available within `timeout` seconds (nil on timeout or end of stream).
    static func read(_ fd: Int32, timeout: TimeInterval) -> [UInt8]? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, timeout) * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? Array(buffer[..<n]) : nil
    }

    /// `GET path` on a new connection; reads the whole response (by its length, or to the close).
    static func get(_ path: String, port: UInt16) throws -> Response {
        let fd = try connect(port: port)
        defer { close(fd) }
        send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", to: fd)
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let chunk = read(fd, timeout: deadline.timeIntervalSinceNow) else { break }
            data += chunk
            if let response = complete(data) { return response }
        }
        return complete(data, closed: true) ?? Response(status: 0, body: "")
    }

    private static func complete(_ data: [UInt8], closed: Bool = false) -> Response? {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<end.lowerBound]
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = String(text[end.upperBound...])
        if let line = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
        {
            let headBytes = head.utf8.count + 4
            return data.count - headBytes >= length ? Response(status: status, body: String(decoding: data[headBytes...], as: UTF8.self)) : nil
        }
        return closed ? Response(status: status, body: body) : nil
    }

    /// An open connection whose text is read as it arrives (an event stream).
    final class Stream {
        let fd: Int32
        private var seen = ""

        init(path: String, port: UInt16) throws {
            fd = try Loopback.connect(port: port)
            Loopback.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", to: fd)
        }

        /// Reads until `marker` arrives after what earlier calls consumed, or `timeout` seconds pass.
        func read(until marker: String, timeout: TimeInterval) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let range = seen.range(of: marker) {
                    seen = String(seen[range.upperBound...])
                    return true
                }
                guard deadline > Date(), let chunk = Loopback.read(fd, timeout: deadline.timeIntervalSinceNow) else { return false }
                seen += String(decoding: chunk, as: UTF8.self)
            }
        }

        func close() { Glibc.close(fd) }
    }
}
