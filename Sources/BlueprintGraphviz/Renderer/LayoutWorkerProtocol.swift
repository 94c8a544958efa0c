#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The byte protocol between a renderer and its layout worker processes (``LayoutWorkerPool``, ``LayoutWorker``).
///
/// Every field is a frame: a 4-byte little-endian length, then that many bytes.
/// - A request is a version byte (``version``), then three frames: the output format's raw value
///   (``OutputFormat``), the layout engine's raw value (``LayoutEngine``), and the DOT text in UTF-8.
/// - A response is a status byte, then for ``Status/rendered`` one frame with the output bytes, and for
///   ``Status/failed`` two frames: the ``RenderError/Code`` raw value and the message in UTF-8.
///
/// A length over the frame's limit (``maximumFrameLength``, or ``maximumNameLength`` for names and codes) is
/// refused before anything is allocated: a stream that says otherwise is broken, never trusted.
enum LayoutWorkerProtocol {
    /// The request layout this build speaks; a worker refuses any other (say, a binary replaced mid-run).
    static let version: UInt8 = 1

    /// The largest DOT text or output a frame may carry (1 GiB: far above any drawing the renderer allows).
    static let maximumFrameLength = 1 << 30

    /// The largest format, engine or error code name.
    static let maximumNameLength = 64

    /// The largest error message (Graphviz's are a few lines).
    static let maximumMessageLength = 1 << 20

    /// The first byte of a response.
    enum Status: UInt8 {
        case rendered = 0
        case failed = 1
    }

    /// Why a stream could not be read or written.
    enum StreamError: Error, Equatable {
        /// The other end closed the stream (or died) before a whole message arrived, or stopped reading.
        case closed
        /// A frame claimed more bytes than its limit.
        case tooLong(Int)
        /// Bytes that are not this protocol: unknown version, status, format, engine or code.
        case malformed(String)
        /// `read` or `write` failed with this `errno`.
        case system(Int32)
    }

    /// One layout job.
    struct Request: Equatable {
        var format: OutputFormat
        var engine: LayoutEngine
        var dot: String
    }

    // MARK: Encoding

    /// The bytes of `request`; `nil` when its DOT text is over ``maximumFrameLength`` (render it in process).
    static func encode(_ request: Request) -> [UInt8]? {
        let dot = Array(request.dot.utf8)
        guard dot.count <= maximumFrameLength else { return nil }
        var bytes: [UInt8] = [version]
        bytes.reserveCapacity(dot.count + 32)
        appendFrame(Array(request.format.rawValue.utf8), to: &bytes)
        appendFrame(Array(request.engine.rawValue.utf8), to: &bytes)
        appendFrame(dot, to: &bytes)
        return bytes
    }

    /// The bytes of a response carrying `result`. An output or message over its limit becomes a render error
    /// (the parent could not read it either).
    static func encode(_ result: Result<Data, RenderError>) -> [UInt8] {
        var bytes: [UInt8] = []
        switch result {
        case .success(let data) where data.count <= maximumFrameLength:
            bytes.reserveCapacity(data.count + 5)
            bytes.append(Status.rendered.rawValue)
            appendFrame(data, to: &bytes)
        case .success(let data):
            return encode(.failure(RenderError(.render, message: "the output (\(data.count) bytes) is too large")))
        case .failure(let error):
            bytes.append(Status.failed.rawValue)
            appendFrame(Array(error.code.rawValue.utf8), to: &bytes)
            appendFrame(Array(error.message.utf8.prefix(maximumMessageLength)), to: &bytes)
        }
        return bytes
    }

    private static func appendFrame<Bytes: Collection<UInt8>>(_ payload: Bytes, to bytes: inout [UInt8]) {
        let count = UInt32(payload.count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: count >> UInt32(shift))) }
        bytes.append(contentsOf: payload)
    }

    // MARK: Decoding

    /// Reads one request from `descriptor`; `nil` at a clean end of stream (the parent closed it between requests).
    static func readRequest(from descriptor: Int32) throws(StreamError) -> Request? {
        var versionByte: UInt8 = 0
        guard try readExactly(descriptor, into: &versionByte, count: 1, endOK: true) else { return nil }
        guard versionByte == version else { throw .malformed("request version \(versionByte)") }
        let formatName = try readName(from: descriptor)
        let engineName = try readName(from: descriptor)
        guard let format = OutputFormat(rawValue: formatName) else { throw .malformed("format '\(formatName)'") }
        guard let engine = LayoutEngine(rawValue: engineName) else { throw .malformed("engine '\(engineName)'") }
        let dot = try readFrame(from: descriptor, limit: maximumFrameLength)
        return Request(format: format, engine: engine, dot: String(decoding: dot, as: UTF8.self))
    }

    /// Reads one response from `descriptor`.
    static func readResponse(from descriptor: Int32) throws(StreamError) -> Result<Data, RenderError> {
        var statusByte: UInt8 = 0
        _ = try readExactly(descriptor, into: &statusByte, count: 1, endOK: false)
        switch Status(rawValue: statusByte) {
        case .rendered:
            return .success(try readFrame(from: descriptor, limit: maximumFrameLength))
        case .failed:
            let codeName = try readName(from: descriptor)
            guard let code = RenderError.Code(rawValue: codeName) else { throw .malformed("error code '\(codeName)'") }
            let message = try readFrame(from: descriptor, limit: maximumMessageLength)
            return .failure(RenderError(code, message: String(decoding: message, as: UTF8.self)))
        case nil:
            throw .malformed("response status \(statusByte)")
        }
    }

    private static func readName(from descriptor: Int32) throws(StreamError) -> String {
        String(decoding: try readFrame(from: descriptor, limit: maximumNameLength), as: UTF8.self)
    }

    /// Reads a frame's length, refuses it when over `limit`, then reads its bytes.
    static func readFrame(from descriptor: Int32, limit: Int) throws(StreamError) -> Data {
        var header: UInt32 = 0
        _ = try readExactly(descriptor, into: &header, count: 4, endOK: false)
        let length = Int(UInt32(littleEndian: header))
        guard length <= limit else { throw .tooLong(length) }
        var data = Data(count: length)
        guard length > 0 else { return data }
        // `withUnsafeMutableBytes` rethrows untyped errors: carry ours out as a value.
        let failure = data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> StreamError? in
            guard let base = buffer.baseAddress else { return nil }
            do throws(StreamError) {
                try readExactly(descriptor, into: base, count: length, endOK: false)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return data
    }

    // MARK: System calls

    /// Reads exactly `count` bytes. Returns `false` when the stream ended before the first byte and `endOK`;
    /// throws ``StreamError/closed`` when it ended anywhere else.
    @discardableResult
    private static func readExactly(
        _ descriptor: Int32, into pointer: UnsafeMutableRawPointer, count: Int, endOK: Bool
    ) throws(StreamError) -> Bool {
        var done = 0
        while done < count {
            let got = read(descriptor, pointer + done, count - done)
            if got > 0 {
                done += got
            } else if got == 0 {
                if done == 0 && endOK { return false }
                throw .closed
            } else if errno == ECONNRESET {
                throw .closed
            } else if errno != EINTR {
                throw .system(errno)
            }
        }
        return true
    }

    /// Writes all of `bytes`. A reader that is gone gives ``StreamError/closed`` (`EPIPE`), never `SIGPIPE`: on a
    /// socket (the pool's channels are socket pairs) the write asks for no signal, so the process keeps the
    /// default `SIGPIPE` disposition its other output relies on (Foundation's `FileHandle.write` traps on
    /// `EPIPE`, while a quiet `SIGPIPE` death is what `blueprint … | head` expects). On a pipe, a plain write.
    static func write(_ bytes: [UInt8], to descriptor: Int32) throws(StreamError) {
        // `withUnsafeBytes` rethrows untyped errors: carry ours out as a value.
        let failure = bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> StreamError? in
            guard let base = buffer.baseAddress else { return nil }
            var done = 0
            var isSocket = true
            while done < buffer.count {
                let wrote = isSocket
                    ? send(descriptor, base + done, buffer.count - done, noSignal)
                    : systemWrite(descriptor, base + done, buffer.count - done)
                if wrote >= 0 {
                    done += wrote
                } else if errno == ENOTSOCK && isSocket {
                    isSocket = false
                } else if errno == EPIPE || errno == ECONNRESET {
                    return .closed
                } else if errno != EINTR {
                    return .system(errno)
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        Glibc.write(descriptor, pointer, count)
    }
    #else
    // Darwin has no MSG_NOSIGNAL (sockets there take SO_NOSIGPIPE); the pool starts no workers there.
    private static let noSignal: Int32 = 0
    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        Darwin.write(descriptor, pointer, count)
    }
    #endif
}
