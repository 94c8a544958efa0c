import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

#if canImport(Glibc)
import Glibc
#endif

/// Graphviz layout in worker processes (issue 13): the protocol, and a pool that falls back to rendering in
/// process with the same bytes whenever a worker breaks.
@Suite("Layout worker processes")
struct LayoutWorkerTests {
    // Named graphs: Graphviz titles an anonymous graph `%N`, N counting the graphs the process has read, so
    // its output depends on the process's history (in process too). The renderer's drawings are all named.
    static let dot = "digraph g { a -> b; b -> c [label=\"two words\"] }"
    static let broken = "digraph g { a -> }"

    /// The `blueprint` tool built next to the tests (it runs the worker), if it was built.
    static let tool: String? = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("blueprint").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// A connected socket pair, closed by the caller.
    static func socketPair() throws -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        return (ends[0], ends[1])
    }

    /// Runs ``LayoutWorker/serve(input:output:)`` on a thread of its own over a socket pair, sends `requests`
    /// (raw bytes), closes the sending side, and returns the answers read and the worker's exit status.
    static func serve(_ requests: [[UInt8]], answers: Int) throws -> (responses: [Result<Data, RenderError>], status: Int) {
        let (parent, child) = try socketPair()
        defer { _ = close(parent) }
        let done = DispatchSemaphore(value: 0)
        let status = LockedStatus()
        Thread.detachNewThread {
            status.value = LayoutWorker.serve(input: child, output: child)
            _ = close(child)
            done.signal()
        }
        for request in requests { try LayoutWorkerProtocol.write(request, to: parent) }
        _ = shutdown(parent, Int32(SHUT_WR))
        var responses: [Result<Data, RenderError>] = []
        for _ in 0..<answers { responses.append(try LayoutWorkerProtocol.readResponse(from: parent)) }
        done.wait()
        return (responses, status.value)
    }

    @Test("Round trip: a worker's answers are the in-process renderer's bytes and errors")
    func roundTrip() throws {
        let requests: [LayoutWorkerProtocol.Request] = [
            .init(format: .svg, engine: .dot, dot: Self.dot),
            .init(format: .png, engine: .dot, dot: Self.dot),
            .init(format: .svg, engine: .dot, dot: Self.broken),
            .init(format: .plain, engine: .neato, dot: Self.dot),
        ]
        let encoded = try requests.map { try #require(LayoutWorkerProtocol.encode($0)) }
        let (responses, status) = try Self.serve(encoded, answers: requests.count)
        #expect(status == 0, "a clean end of input ends the worker cleanly")
        for (request, response) in zip(requests, responses) {
            let expected = Result { () throws(RenderError) -> Data in
                try GraphvizRenderer.shared.render(dot: request.dot, format: request.format, engine: request.engine)
            }
            #expect(response == expected, "\(request.format) \(request.engine)")
        }
        #expect(throws: RenderError.self) { try responses[2].get() }
        #expect((try? responses[1].get())?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true, "PNG bytes pass unchanged")
    }

    @Test("Responses encode and decode: output bytes, and error code with message")
    func responses() throws {
        let cases: [Result<Data, RenderError>] = [
            .success(Data([0, 1, 2, 255])), .success(Data()),
            .failure(RenderError(.layout, message: "Layout type: \"bogus\" not recognized — 中文")),
        ]
        for result in cases {
            let (reader, writer) = try Self.socketPair()
            defer { _ = close(reader); _ = close(writer) }
            try LayoutWorkerProtocol.write(LayoutWorkerProtocol.encode(result), to: writer)
            #expect(try LayoutWorkerProtocol.readResponse(from: reader) == result)
        }
    }

    @Test("An absurd length is refused before anything is read or allocated")
    func oversizedLength() throws {
        // A request whose format name claims 4 GiB - 1 bytes: the worker stops with status 2 at once.
        let request: [UInt8] = [LayoutWorkerProtocol.version, 0xFF, 0xFF, 0xFF, 0xFF]
        let (responses, status) = try Self.serve([request], answers: 0)
        #expect(responses.isEmpty)
        #expect(status == 2)
        // A frame over its limit is refused by length alone (nothing follows the header here).
        let (reader, writer) = try Self.socketPair()
        defer { _ = close(reader); _ = close(writer) }
        try LayoutWorkerProtocol.write([0x01, 0x00, 0x00, 0x40], to: writer)  // 1 GiB + 1
        #expect(throws: LayoutWorkerProtocol.StreamError.tooLong((1 << 30) + 1)) {
            _ = try LayoutWorkerProtocol.readFrame(from: reader, limit: LayoutWorkerProtocol.maximumFrameLength)
        }
        // Unknown version, format and status are refused too.
        let (versionAnswers, versionStatus) = try Self.serve([[9, 0, 0, 0, 0]], answers: 0)
        #expect(versionAnswers.isEmpty && versionStatus == 2)
        try LayoutWorkerProtocol.write([7], to: writer)
        #expect(throws: LayoutWorkerProtocol.StreamError.malformed("response status 7")) {
            _ = try LayoutWorkerProtocol.readResponse(from: reader)
        }
    }

    /// Renders `dot` through `pool` and checks the answer is the in-process one.
    static func expectSameAsInProcess(_ pool: LayoutWorkerPool, dot: String = dot, format: OutputFormat = .svg) async throws {
        let expected = Result { () throws(RenderError) -> Data in try GraphvizRenderer.shared.render(dot: dot, format: format) }
        // What the renderer does with the pool's answer: a `nil` answer is rendered in process.
        let result = await pool.render(dot: dot, format: format, engine: .dot) ?? expected
        #expect(result == expected)
    }

    @Test("Workers that die mid-request, exit at once or answer an absurd length: rendered in process, same bytes")
    func brokenWorkers() async throws {
        let scripts = [
            // Reads part of the request and dies by SIGKILL, as a crash in Graphviz would end it.
            "head -c 10 >/dev/null; kill -9 $$",
            // Never reads: the request's write fails (EPIPE, no SIGPIPE) or the read ends.
            "exit 0",
            // Says it rendered, with 2 GiB of output.
            "head -c 10 >/dev/null; printf '\\000\\377\\377\\377\\177'; cat >/dev/null",
        ]
        for script in scripts {
            let pool = LayoutWorkerPool(executable: "/bin/sh", arguments: ["-c", script], count: 1)
            defer { pool.shutdown() }
            #expect(pool.workerCount == 1)
            try await Self.expectSameAsInProcess(pool)
            #expect(pool.statistics.fallbacks == 1, "\(script)")
            #expect(pool.workerCount == 0, "a broken worker is stopped and not used again")
            #expect(await pool.render(dot: Self.dot, format: .svg, engine: .dot) == nil)
        }
    }

    @Test("An executable that cannot start leaves the pool empty")
    func cannotStart() async {
        let pool = LayoutWorkerPool(executable: "/nonexistent/blueprint", arguments: [], count: 2)
        #expect(pool.workerCount == 0)
        #expect(await pool.render(dot: Self.dot, format: .svg, engine: .dot) == nil)
        pool.shutdown()
    }

    @Test("Real workers: same bytes as in process; a worker killed mid-request falls back; shutdown reaps all",
          .enabled(if: tool != nil, "the blueprint tool is built by `swift build --build-tests`"))
    func realWorkers() async throws {
        let tool = try #require(Self.tool)
        let pool = LayoutWorkerPool(executable: tool, arguments: ["__layout-worker"], count: 2)
        #expect(pool.workerCount == 2)
        for format in [OutputFormat.svg, .png, .pdf, .plain] { try await Self.expectSameAsInProcess(pool, format: format) }
        try await Self.expectSameAsInProcess(pool, dot: Self.broken)
        #expect(pool.statistics == (answered: 5, fallbacks: 0))
        let workers = pool.processIDs
        pool.shutdown()
        for pid in workers { #expect(kill(pid, 0) == -1 && errno == ESRCH, "worker \(pid) is reaped, not a zombie") }

        // Killed on its second request: that one is rendered in process, the other worker carries on.
        let script = "\(LayoutWorker.killedAtVariable)=2 exec \"$0\" __layout-worker"
        let dying = LayoutWorkerPool(executable: "/bin/sh", arguments: ["-c", script, tool], count: 1)
        defer { dying.shutdown() }
        try await Self.expectSameAsInProcess(dying)
        try await Self.expectSameAsInProcess(dying)
        #expect(dying.statistics == (answered: 1, fallbacks: 1))
        #expect(dying.workerCount == 0)
    }
}

private final class LockedStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = -1
    var value: Int {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
