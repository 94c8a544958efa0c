#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The worker side of ``LayoutWorkerPool``: a process that lays out and renders DOT text for another.
///
/// `blueprint __layout-worker` (hidden) runs ``serve()``: it reads requests on standard input and answers
/// each on standard output with the in-process renderer, `GraphvizRenderer.render(dot:format:engine:)`, so
/// a drawing rendered by a worker has exactly the bytes it would have had in the parent. It ends when its
/// input ends (the parent closed it, or died).
public enum LayoutWorker {
    /// Serves requests from standard input until it ends, and returns the exit status: 0 at a clean end,
    /// 2 when the stream broke or did not follow the protocol.
    ///
    /// Standard output is kept for the answers alone: it is moved to a private descriptor and the process's
    /// standard output then points at standard error, so nothing Graphviz or a library might print can
    /// corrupt the stream.
    public static func serve() -> Int {
        let answers = dup(STDOUT_FILENO)
        guard answers >= 0 else { return 2 }
        _ = dup2(STDERR_FILENO, STDOUT_FILENO)
        return serve(input: STDIN_FILENO, output: answers)
    }

    /// Serves requests read from `input`, answering on `output`, until `input` ends; the exit status as for
    /// ``serve()``. Neither descriptor is closed.
    static func serve(input: Int32, output: Int32) -> Int {
        let killedAt = ProcessInfo.processInfo.environment[killedAtVariable].flatMap(Int.init)
        var served = 0
        while true {
            let request: LayoutWorkerProtocol.Request
            do {
                guard let next = try LayoutWorkerProtocol.readRequest(from: input) else { return 0 }
                request = next
            } catch {
                // A stream that breaks mid-message cannot be resynchronised: the parent falls back.
                return 2
            }
            served += 1
            // Tests of the parent's fallback: die the way a crash in Graphviz would, mid-request.
            if served == killedAt { kill(getpid(), SIGKILL) }
            let result = Result { () throws(RenderError) -> Data in
                try GraphvizRenderer.shared.render(dot: request.dot, format: request.format, engine: request.engine)
            }
            do {
                try LayoutWorkerProtocol.write(LayoutWorkerProtocol.encode(result), to: output)
            } catch {
                return 2
            }
        }
    }

    /// For tests only: a worker whose environment sets this to N is killed (`SIGKILL`) on its N-th request,
    /// after reading it and before answering, as a crash inside Graphviz would end it. The parent then
    /// renders that request itself; the output must not change.
    public static let killedAtVariable = "BLUEPRINT_TEST_LAYOUT_WORKER_KILLED_AT"
}
