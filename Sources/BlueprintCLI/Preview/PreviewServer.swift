import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `blueprint preview`, on FlyingFox: listens on 127.0.0.1 only, answers `GET` for
/// the site's pages and its event stream, and 404 for everything else.
struct PreviewServer: Sendable {
    let site: PreviewSite
    /// How often the files are looked at.
    var interval: Duration = .milliseconds(200)

    /// Renders every file, starts listening on `port` (0: any free port), calls `ready` with the URL
    /// and the number of files, then serves and watches until the task is cancelled.
    func run(port: UInt16, ready: @Sendable (String, Int) -> Void) async throws {
        await site.refresh()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled, handler: ClosureHTTPHandler { [site] request in
            try await Self.respond(to: request, site: site)
        })
        let serving = PreviewOutcome()
        let task = Task {
            do { try await server.run() } catch { serving.fail(error) }
            serving.finish()
        }
        defer { task.cancel() }
        // Listening, or `run()` failed (a port that is taken) and its error says why.
        while await !server.isListening {
            if let error = serving.error { throw error }
            if serving.finished { throw PreviewError.notListening }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard case .ip4(_, let actual)? = await server.listeningAddress else { throw PreviewError.notListening }
        ready("http://127.0.0.1:\(actual)/", await site.count)
        var ticks = 0
        while !serving.finished {
            try await Task.sleep(for: interval)
            await site.refresh()
            ticks += 1
            if ticks % 75 == 0 { await site.ping() }  // every 15 s
        }
        if let error = serving.error { throw error }
    }

    static func respond(to request: HTTPRequest, site: PreviewSite) async throws -> HTTPResponse {
        guard request.method == .GET else { return HTTPResponse(statusCode: .methodNotAllowed) }
        if request.path == PreviewSite.eventsPath {
            let stream = await site.subscribe()
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }
        guard let html = await site.html(at: request.path) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("not found\n".utf8))
        }
        return HTTPResponse(
            statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(html.utf8))
    }
}

/// How a task ended, read from another task or thread: its error, and whether it finished.
final class PreviewOutcome: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var storedError: (any Error)?
    private var storedFinished = false

    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return storedError }
    var finished: Bool { lock.lock(); defer { lock.unlock() }; return storedFinished }
    func fail(_ error: any Error) { lock.lock(); storedError = error; lock.unlock() }
    func finish() { lock.lock(); storedFinished = true; lock.unlock() }
}

enum PreviewError: Error, CustomStringConvertible {
    case notListening
    var description: String { "the server is not listening" }
}

/// The bytes of an event stream as FlyingFox sends a body of unknown length (chunked): each event
/// is handed on as soon as it is yielded.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            while pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = Array(data)
            }
            let taken = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
