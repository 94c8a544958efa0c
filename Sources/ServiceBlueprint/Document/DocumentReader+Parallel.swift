import Foundation

/// How ``DocumentReader`` splits the items of a long list (`steps`, `flows`) across cores.
///
/// Each item of a list is read on its own (a step never looks at another step), so the items can
/// be read in contiguous chunks at once, each by a copy of the reader that starts with nothing
/// found, and the copies' findings merged back in chunk order: the blueprint, diagnostics, source
/// offsets and unreadable parts are exactly those of reading the items one after the other.
struct ReadingChunks: Sendable, Equatable {
    /// Lists of more items than this are split; shorter ones are not worth a thread.
    var threshold: Int
    /// The most chunks a list is split into (1: read serially).
    var count: Int

    /// One chunk per core (at most 8), for lists of more than 2 048 items.
    static let automatic = ReadingChunks(threshold: 2_048, count: min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8))
    /// Every list read on the calling thread.
    static let serial = ReadingChunks(threshold: .max, count: 1)

    /// The contiguous, ascending ranges of a list of `itemCount` items to read apart.
    func ranges(of itemCount: Int) -> [Range<Int>] {
        guard itemCount > threshold, count > 1 else { return [0..<itemCount] }
        let chunks = min(count, itemCount)
        return (0..<chunks).map { chunk in chunk * itemCount / chunks..<(chunk + 1) * itemCount / chunks }
    }
}

extension DocumentReader {
    /// A list item and its model path, as ``items(_:at:_:)`` gives them.
    typealias ListItem = (node: Node, path: ModelPath)

    /// The items of ``collection(_:_:idSpace:placeholder:read:)``, read in order, or in chunks at
    /// once (``chunking``) when the list is long: this reader reads the first chunk while a thread
    /// per other chunk reads it with a ``chunkReader()``, and the others' findings are then merged
    /// in chunk order, so the result does not depend on which thread finishes first. Each chunk's
    /// values are moved straight into their places in the result, not copied there afterwards.
    ///
    /// The threads have the reading thread's large stack (``LargeStack``), though an item is read
    /// to the schema's fixed depth: nesting limits are the parser's, checked before reading.
    mutating func readItems<Value: Sendable>(
        _ items: [ListItem], idSpace: String?, placeholder: @escaping @Sendable () -> Value,
        read: @escaping @Sendable (inout Self, Node, ModelPath) -> Value?
    ) -> [Value] {
        let chunks = chunking.ranges(of: items.count)
        guard chunks.count > 1 else {
            offsets.reserve(nodes: Self.expectedNodes(items[...]))
            var values: [Value] = []
            values.reserveCapacity(items.count)
            readChunk(items[...], idSpace: idSpace, placeholder: placeholder, read: read) { values.append($0) }
            return values
        }
        let start = chunkReader()
        return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let destination = Destination(buffer: buffer)
            let others = chunks.dropFirst().map { range in
                let chunk = items[range]
                return SecondThread.start(stackSize: LargeStack.stackSize) {
                    var reader = start
                    reader.offsets.reserve(nodes: Self.expectedNodes(chunk))
                    var next = range.lowerBound
                    reader.readChunk(chunk, idSpace: idSpace, placeholder: placeholder, read: read) { value in
                        destination.initialize(next, to: value)
                        next += 1
                    }
                    return reader
                }
            }
            offsets.reserve(nodes: Self.expectedNodes(items[chunks[0]]))
            var next = 0
            readChunk(items[chunks[0]], idSpace: idSpace, placeholder: placeholder, read: read) { value in
                destination.initialize(next, to: value)
                next += 1
            }
            // Every chunk's thread has initialized its whole range once its reader is back.
            for other in others { merge(other.wait()) }
            initialized = items.count
        }
    }

    /// The result buffer of ``readItems(_:idSpace:placeholder:read:)``, which each chunk's thread
    /// initializes in its own range of positions, all before the buffer's array is returned.
    private struct Destination<Value>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Value>

        func initialize(_ index: Int, to value: consuming Value) {
            (buffer.baseAddress.unsafelyUnwrapped + index).initialize(to: value)
        }
    }

    /// About how many source-map nodes reading `items` makes: one a value, and a value is about every
    /// other entry of the items' stretch of the tape (a key and its value). Reserving them up front
    /// spares the trie's table its rehashes, each a pass over memory larger than the caches.
    private static func expectedNodes(_ items: ArraySlice<ListItem>) -> Int {
        guard let first = items.first?.node.tapeEntries, let last = items.last?.node.tapeEntries else { return 0 }
        return (last.upperBound - first.lowerBound) / 2 + items.count
    }

    /// Reads `items` one after the other, handing each value (or the placeholder) to `store` in order.
    private mutating func readChunk<Value>(
        _ items: ArraySlice<ListItem>, idSpace: String?, placeholder: () -> Value,
        read: (inout Self, Node, ModelPath) -> Value?, store: (consuming Value) -> Void
    ) {
        for item in items {
            offsets.record(item.node.offset, at: item.path)
            let value = read(&self, item.node, item.path)
            if let idSpace, value == nil || (!unreadable.paths.isEmpty && unreadable.paths.contains(item.path.appending("id"))) {
                unreadable.incompleteIDs.insert(idSpace)
            }
            store(value ?? placeholder())
        }
    }

    /// A copy of this reader that has found nothing yet, to read a chunk of items. It keeps what
    /// only speeds reading up (the parsed durations) and the unreadable parts (which reading an
    /// item may consult for the item's ancestors), and reads nested lists serially.
    private func chunkReader() -> DocumentReader {
        var reader = self
        reader.diagnostics = []
        reader.offsets = PathOffsets()
        reader.blueprint = Blueprint(id: "")
        reader.chunking = .serial
        return reader
    }

    /// Adds what `chunk` (a ``chunkReader()`` that has read its items) found, as if this reader had read them next.
    private mutating func merge(_ chunk: DocumentReader) {
        diagnostics += chunk.diagnostics
        offsets.merge(chunk.offsets)
        unreadable.merge(chunk.unreadable)
    }
}

extension UnreadableParts {
    /// Adds the parts `other` could not read.
    mutating func merge(_ other: UnreadableParts) {
        // Into the larger set: a chunk reader's set holds this one's as it was when the chunk began.
        if other.paths.count > paths.count {
            var merged = other.paths
            merged.formUnion(paths)
            paths = merged
        } else {
            paths.formUnion(other.paths)
        }
        incompleteIDs.formUnion(other.incompleteIDs)
    }
}

extension DocumentNode {
    /// The node's entries on its tape: itself and its subtree.
    fileprivate var tapeEntries: Range<Int> {
        switch self {
        case .scalar(let scalar): scalar.index..<scalar.index + 1
        case .sequence(let sequence): sequence.index..<sequence.tape.end(of: sequence.index)
        case .mapping(let mapping): mapping.index..<mapping.tape.end(of: mapping.index)
        }
    }
}
