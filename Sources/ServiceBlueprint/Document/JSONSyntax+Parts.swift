import Dispatch
import Foundation

/// Parsing a large JSON file on several cores.
///
/// Most of a large blueprint's bytes are the items of a few long arrays of objects (`steps`,
/// `flows`). Such an array can be cut between two items, `}` `,` `{`, and the items after the cut
/// parsed on another core. Nothing scans the whole file first: the cuts are guesses, found near even
/// shares of the text by looking a bounded distance ahead, and checked by the whole parse itself.
///
/// - A part, from its guessed item start, parses "the items of some array": a value, then `,` and a
///   value, and so on, until the array's `]` or until the next part's start. A part with any syntax
///   error, or that runs past the next part's start, is dropped; its error is never reported.
/// - The whole parse runs from the file's start as always. Where it reaches a part's start at the
///   start of an array item, it appends the part's items to that array and goes on after the last
///   one. Everywhere else (a guess inside a string or an object, a dropped part, a part nested too
///   deep for the limit at that depth) it parses the text itself, so the tape, and any error with
///   its wording and place, are exactly those of a serial parse.
///
/// Each byte is parsed at most twice (once by its part, once by the whole parse), however the file
/// is written. The whole parse takes a part that no core has started yet over (parts are started
/// from the last one backwards), and waits only for a part a core is parsing.
extension JSONSyntax {
    /// Files smaller than this are parsed whole: a part must be worth a thread.
    static let partMinimumBytes = 256 * 1024

    /// How far past an even share of the text a cut is looked for.
    static let cutWindow = 64 * 1024

    /// How many parts a file of `count` bytes is cut into at most: 1 on one core; else one per
    /// 256 KiB, up to 8, even on two cores. A part ends where its array does (`steps` before `flows`),
    /// and the whole parse parses the rest up to the next part: shorter parts leave shorter gaps.
    static func partCount(forBytes count: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        guard cores > 1 else { return 1 }
        return max(1, min(8, count / partMinimumBytes))
    }

    /// When parts are parsed.
    enum Schedule {
        /// On the other cores while the whole parse runs.
        case concurrent
        /// Every part first, on the calling thread, so each one the whole parse reaches is ready (tests).
        case ahead
    }

    /// The tape of the file's bytes `buffer` (`nil` when only white space) or the first syntax error,
    /// exactly as a serial parse gives them, with `parts` parts parsed ahead; and how many were spliced.
    func parseTape(
        _ buffer: UnsafeBufferPointer<UInt8>, parts: Int, schedule: Schedule,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int) {
        let starts = parts > 1 ? Self.cuts(in: buffer, from: source.start, parts: parts) : []
        guard !starts.isEmpty else { return whole(buffer, board: nil) }
        let board = JSONPartBoard(starts: starts)
        let shared = SharedBytes(bytes: buffer)
        switch schedule {
        case .ahead:
            work(on: board, in: shared)
            return whole(buffer, board: board)
        case .concurrent:
            let outcome = Outcome()
            DispatchQueue.concurrentPerform(iterations: 1 + min(max(cores - 1, 1), starts.count)) { iteration in
                if iteration == 0 {
                    let parsed = whole(shared.bytes, board: board)
                    // Parts not started by now are not needed.
                    board.finish()
                    outcome.store(parsed)
                } else {
                    work(on: board, in: shared)
                }
            }
            return outcome.value ?? whole(buffer, board: nil)
        }
    }

    /// The serial parse from the file's start, splicing `board`'s parts.
    private func whole(
        _ buffer: UnsafeBufferPointer<UInt8>, board: JSONPartBoard?
    ) -> (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int) {
        var parser = Parser(buffer: buffer, index: source.start, source: source, limits: limits)
        do throws(SyntaxFailure) {
            guard try parser.document(board: board) else { return (.success(nil), parser.spliced) }
            return (.success(parser.tape), parser.spliced)
        } catch {
            return (.failure(error), parser.spliced)
        }
    }

    /// Parses parts not yet taken, the last first, until none is left.
    private func work(on board: JSONPartBoard, in shared: SharedBytes) {
        let buffer = shared.bytes
        while let number = board.nextToParse() {
            let end = number + 1 < board.starts.count ? board.starts[number + 1] : buffer.count
            // The part sees the text up to the next part's start: it cannot parse past it.
            var parser = Parser(
                buffer: UnsafeBufferPointer(rebasing: buffer[0..<end]), index: board.starts[number], source: source,
                limits: limits)
            let part = (try? parser.items()).map { items in
                JSONPart(tape: parser.tape, count: items.count, end: items.end, deepest: parser.deepest)
            }
            board.store(part, at: number)
        }
    }

    /// Up to `parts - 1` guessed item starts, ascending: for each even share of the text after
    /// `start`, the first `{` within ``cutWindow`` bytes that follows `}` `,` (white space around).
    static func cuts(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, parts: Int, window: Int = cutWindow) -> [Int] {
        guard parts > 1, buffer.count > start else { return [] }
        let length = buffer.count - start
        var cuts: [Int] = []
        for share in 1..<parts {
            let target = start + share * length / parts
            var at = max(target, (cuts.last ?? start) + 1)
            let limit = min(buffer.count, target + window)
            while at < limit {
                if buffer[at] == UInt8(ascii: ","), let item = itemStart(afterComma: at, in: buffer, from: start) {
                    cuts.append(item)
                    break
                }
                at += 1
            }
        }
        return cuts
    }

    /// The offset of the `{` when the comma at `comma` stands between `}` and `{`, with at most
    /// 1 KiB of white space on either side (so the look is bounded).
    private static func itemStart(afterComma comma: Int, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        let floor = max(start, comma - 1024)
        var before = comma - 1
        while before >= floor, isWhitespace(buffer[before]) { before -= 1 }
        guard before >= floor, buffer[before] == UInt8(ascii: "}") else { return nil }
        let ceiling = min(buffer.count, comma + 1024)
        var after = comma + 1
        while after < ceiling, isWhitespace(buffer[after]) { after += 1 }
        guard after < ceiling, buffer[after] == UInt8(ascii: "{") else { return nil }
        return after
    }

    /// Whether two parses agree: the same tape, entry for entry, and the same text; or the same error.
    static func same(
        _ one: Result<DocumentTapeBuilder?, SyntaxFailure>, _ other: Result<DocumentTapeBuilder?, SyntaxFailure>
    ) -> Bool {
        switch (one, other) {
        case (.success(nil), .success(nil)):
            return true
        case (.success(let one?), .success(let other?)):
            guard one.count == other.count, one.text == other.text else { return false }
            return zip(one.entries, other.entries).allSatisfy { a, b in
                a.offset == b.offset && a.end == b.end && a.start == b.start && a.length == b.length && a.kind == b.kind
                    && a.inText == b.inText
            }
        case (.failure(let one), .failure(let other)):
            return one.text == other.text && one.offset == other.offset
        default:
            return false
        }
    }
}

/// A part's items, parsed ahead: ``tape`` holds them under an array at entry 0.
struct JSONPart: Sendable {
    var tape: DocumentTapeBuilder
    /// How many items (at least one).
    var count: Int
    /// The offset just after the last item.
    var end: Int
    /// The deepest stack a collection was opened on, the part's array counting as one level.
    var deepest: Int
}

/// The parts of one parse: where each starts, and whether it is waiting, being parsed, parsed, or
/// no longer wanted. Shared by the whole parse and the threads parsing parts.
final class JSONPartBoard: @unchecked Sendable {
    /// The parts' starts, ascending.
    let starts: [Int]

    private enum State {
        case waiting, parsing
        /// Parsed; `nil` when the part failed.
        case parsed(JSONPart?)
        /// Taken or passed by the whole parse, or not needed any more.
        case closed
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var states: [State]

    init(starts: [Int]) {
        self.starts = starts
        states = Array(repeating: .waiting, count: starts.count)
    }

    /// The last part that is still waiting, now being parsed; `nil` when none is.
    func nextToParse() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard let number = states.lastIndex(where: { if case .waiting = $0 { true } else { false } }) else { return nil }
        states[number] = .parsing
        return number
    }

    /// Stores a parsed part (`nil`: it failed).
    func store(_ part: JSONPart?, at number: Int) {
        condition.lock()
        defer { condition.unlock() }
        if case .parsing = states[number] { states[number] = .parsed(part) }
        condition.broadcast()
    }

    /// The part `number` for the whole parse, which has reached its start: `nil` when it failed or
    /// was not started (then it never is: the whole parse parses that text itself). Waits for a part
    /// being parsed.
    func take(_ number: Int) -> JSONPart? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch states[number] {
            case .parsing:
                condition.wait()
            case .parsed(let part):
                states[number] = .closed
                return part
            case .waiting, .closed:
                states[number] = .closed
                return nil
            }
        }
    }

    /// The whole parse will not use part `number`.
    func abandon(_ number: Int) {
        condition.lock()
        defer { condition.unlock() }
        if case .parsing = states[number] { return }
        states[number] = .closed
    }

    /// The whole parse is over: no part waiting is started.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        for number in states.indices {
            if case .waiting = states[number] { states[number] = .closed }
        }
    }
}

/// The file's bytes, read (never written) by the threads parsing parts, all of which end before
/// ``JSONSyntax/parseTape(_:parts:schedule:cores:)`` returns, while the buffer is alive.
private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}

/// The whole parse's result, handed from the iteration that ran it.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stored: (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int)?

    func store(_ value: (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int)) {
        lock.withLock { stored = value }
    }

    var value: (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int)? {
        lock.withLock { stored }
    }
}

extension BlueprintDocument {
    /// For the fuzz target: `false` when parsing the JSON `text` with `parts` parts spliced in gives a
    /// tape or an error other than parsing it serially, with the default limits and with a nesting
    /// limit of 4 (so that parts near the limit are tried).
    @_spi(Fuzzing) public static func jsonPartsAgreeWithWhole(_ text: String, parts: Int) -> Bool {
        let bytes = Array(text.utf8)
        return [ReadingLimits.default, ReadingLimits(maximumDepth: 4)].allSatisfy { limits in
            let syntax = JSONSyntax(source: SourceText(bytes: bytes, format: .json), limits: limits)
            return bytes.withUnsafeBufferPointer { buffer in
                JSONSyntax.same(
                    syntax.parseTape(buffer, parts: 1, schedule: .ahead).result,
                    syntax.parseTape(buffer, parts: parts, schedule: .ahead).result)
            }
        }
    }
}
