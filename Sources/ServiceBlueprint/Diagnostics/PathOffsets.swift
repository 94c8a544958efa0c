/// Where each model path was read from, stored compactly: tries of path components whose nodes
/// hold byte offsets (about 20 bytes a path, against some 160 for a `[ModelPath: SourceLocation]`
/// entry), so the source map of a 100 000-step blueprint stays small. Lines and columns are worked
/// out from the offsets, by ``SourceText``, only when a location is asked for.
///
/// The records are kept in one or more tries, oldest first: ``merge(_:)`` appends another reader's
/// tries instead of copying their nodes into this one (which, for a long list read on several cores,
/// was a serial pass over millions of nodes), and later records go into a fresh trie. A lookup asks
/// every trie, so the answer is the one a single trie holding every record in order would give.
struct PathOffsets: Sendable {
    /// No offset recorded for a trie node (it only leads to deeper ones).
    static let none = UInt32.max

    /// The codes of every key a schema knows (``DocumentKeys/every``), numbered in that order
    /// before reading, so the reader records a value under the code its ``KeySchema`` holds.
    static let knownKeyCodes: [String: UInt32] = {
        var codes: [String: UInt32] = [:]
        for name in DocumentKeys.every where codes[name] == nil { codes[name] = UInt32(codes.count) }
        return codes
    }()

    /// Tries whose records all came before ``current``'s, oldest first.
    private var earlier: [Trie] = []
    /// The trie new records go into. Its node numbers (from ``node(for:)``) are valid until the next ``merge(_:)``.
    private var current = Trie()

    /// Makes room for about `count` more trie nodes, so a reader that knows how much it will record
    /// does not rehash on the way.
    mutating func reserve(nodes count: Int) {
        current.children.reserve(current.children.count + count)
        current.offsets.reserveCapacity(current.offsets.count + count)
    }

    /// Records `offset` for `path` (a later record of the same path wins).
    mutating func record(_ offset: UInt32, at path: ModelPath) {
        current.record(offset, at: path)
    }

    /// Records `offset` for the key `key` of the mapping at `parent`, which the reader does for
    /// every value it reads: without building the child's ``ModelPath``.
    mutating func record(_ offset: UInt32, in parent: UInt32, key: String) {
        current.record(offset, in: parent, key: key)
    }

    /// Records `offset` for the key whose code is `code` (from ``knownKeyCodes``) of the mapping at `parent`.
    mutating func record(_ offset: UInt32, in parent: UInt32, code: UInt32) {
        current.record(offset, in: parent, code: code)
    }

    /// Records `offset` for item `index` of the list at `parent`.
    mutating func record(_ offset: UInt32, in parent: UInt32, index: Int) {
        current.record(offset, in: parent, index: index)
    }

    /// The trie node of `path`, made if new; `nil` for a path that cannot be stored (an index
    /// beyond 2³¹, or more than 2³¹ distinct keys). The node stays valid until the next ``merge(_:)``.
    mutating func node(for path: ModelPath) -> UInt32? {
        current.node(for: path)
    }

    /// The offset of `path` or of its nearest ancestor that has one, with the number of
    /// components of the path it belongs to.
    func offset(of path: ModelPath) -> (offset: UInt32, depth: Int)? {
        // The deepest recorded ancestor in any trie; at equal depth the later trie's record is the
        // later one, so the tries are asked latest first, and a record of the whole path ends the search.
        var best = current.offset(of: path)
        for trie in earlier.reversed() where best?.depth != path.components.count {
            guard let found = trie.offset(of: path), found.depth > best?.depth ?? -1 else { continue }
            best = found
        }
        return best
    }

    /// Adds what `other` recorded, exactly as if its records had been made here, after this one's:
    /// its tries join this one's list, and later records start a fresh trie. A reader reading a
    /// chunk of a list's items into an empty ``PathOffsets`` merges it into its own this way
    /// (``DocumentReader``). Node numbers from ``node(for:)`` made before the merge are not valid after it.
    mutating func merge(_ other: PathOffsets) {
        if !current.isEmpty { earlier.append(current) }
        earlier += other.earlier
        if !other.current.isEmpty { earlier.append(other.current) }
        current = Trie()
    }

    /// Every recorded path with its offset, in the order a single trie holding every record would
    /// have made their nodes (for the dictionary view of ``SourceMap/locations``).
    func all() -> [(path: ModelPath, offset: UInt32)] {
        guard !earlier.isEmpty else { return current.nodes().compactMap { $0.offset == Self.none ? nil : ($0.path, $0.offset) } }
        var position: [ModelPath: Int] = [:]
        var merged: [(path: ModelPath, offset: UInt32)] = []
        for trie in earlier + [current] {
            for (path, offset) in trie.nodes() {
                if let known = position[path] {
                    if offset != Self.none { merged[known].offset = offset }
                } else {
                    position[path] = merged.count
                    merged.append((path, offset))
                }
            }
        }
        return merged.filter { $0.offset != Self.none }
    }
}

extension PathOffsets {
    /// One trie of path components, numbered in the order they were first recorded.
    fileprivate struct Trie: Sendable {
        /// Interned mapping keys: the known ones, then others in the order met.
        private var keyIDs = PathOffsets.knownKeyCodes
        /// Child node by `parent << 32 | component code`.
        var children = ChildTable()
        /// Offset by node; node 0 is the root.
        var offsets: [UInt32] = [PathOffsets.none]

        /// The components of the last recorded path and the trie node each leads to: the reader records
        /// paths in file order, so the next one mostly shares a prefix (`steps[7]`) that need not be
        /// looked up again.
        private var lastPath: [ModelPath.Component] = []
        private var lastNodes: [UInt32] = []

        /// Whether nothing was recorded or made here.
        var isEmpty: Bool { offsets.count == 1 && offsets[0] == PathOffsets.none }

        private func code(_ component: ModelPath.Component) -> UInt32? {
            switch component {
            case .key(let key): keyIDs[key]
            case .index(let index): index >= 0 && index < 1 << 31 ? UInt32(index) | 1 << 31 : nil
            }
        }

        private mutating func internedCode(_ component: ModelPath.Component) -> UInt32? {
            if case .key(let key) = component, keyIDs[key] == nil {
                guard keyIDs.count < 1 << 31 else { return nil }
                keyIDs[key] = UInt32(keyIDs.count)
            }
            return code(component)
        }

        mutating func record(_ offset: UInt32, at path: ModelPath) {
            guard let node = node(for: path) else { return }
            offsets[Int(node)] = offset
        }

        mutating func record(_ offset: UInt32, in parent: UInt32, key: String) {
            guard let code = internedCode(.key(key)) else { return }
            offsets[Int(child(of: parent, code: code))] = offset
        }

        mutating func record(_ offset: UInt32, in parent: UInt32, code: UInt32) {
            offsets[Int(child(of: parent, code: code))] = offset
        }

        mutating func record(_ offset: UInt32, in parent: UInt32, index: Int) {
            guard let code = code(.index(index)) else { return }
            offsets[Int(child(of: parent, code: code))] = offset
        }

        mutating func node(for path: ModelPath) -> UInt32? {
            let components = path.components
            var shared = 0
            while shared < components.count, shared < lastPath.count, components[shared] == lastPath[shared] { shared += 1 }
            var node: UInt32 = shared == 0 ? 0 : lastNodes[shared - 1]
            lastPath.removeSubrange(shared...)
            lastNodes.removeSubrange(shared...)
            for component in components[shared...] {
                guard let code = internedCode(component) else {
                    lastPath = []
                    lastNodes = []
                    return nil
                }
                node = child(of: node, code: code)
                lastPath.append(component)
                lastNodes.append(node)
            }
            return node
        }

        /// The child of `node` along `code`, made if new.
        private mutating func child(of node: UInt32, code: UInt32) -> UInt32 {
            let new = UInt32(offsets.count)
            let child = children.value(for: UInt64(node) << 32 | UInt64(code), orInsert: new)
            if child == new { offsets.append(PathOffsets.none) }
            return child
        }

        func offset(of path: ModelPath) -> (offset: UInt32, depth: Int)? {
            var node: UInt32 = 0
            var found: (offset: UInt32, depth: Int)? = offsets[0] == PathOffsets.none ? nil : (offsets[0], 0)
            for (depth, component) in path.components.enumerated() {
                guard let code = code(component), let child = children.value(for: UInt64(node) << 32 | UInt64(code)) else { break }
                node = child
                if offsets[Int(node)] != PathOffsets.none { found = (offsets[Int(node)], depth + 1) }
            }
            return found
        }

        /// Every node's path and offset (``PathOffsets/none`` for a node that only leads to deeper
        /// ones), in the order the nodes were made.
        func nodes() -> [(path: ModelPath, offset: UInt32)] {
            var names = [String](repeating: "", count: keyIDs.count)
            for (key, id) in keyIDs { names[Int(id)] = key }
            var parents = [(parent: UInt32, component: ModelPath.Component)](
                repeating: (0, .index(0)), count: offsets.count)
            children.forEach { key, child in
                let code = UInt32(truncatingIfNeeded: key)
                let component: ModelPath.Component =
                    code & 1 << 31 != 0 ? .index(Int(code & ~(1 << 31))) : .key(names[Int(code)])
                parents[Int(child)] = (UInt32(key >> 32), component)
            }
            // Parents are always created before their children, so one pass in node order builds every path.
            var paths = [ModelPath](repeating: ModelPath(), count: offsets.count)
            var result: [(path: ModelPath, offset: UInt32)] = []
            result.reserveCapacity(offsets.count)
            for node in offsets.indices {
                if node > 0 {
                    let (parent, component) = parents[node]
                    paths[node] = ModelPath(paths[Int(parent)].components + [component])
                }
                result.append((paths[node], offsets[node]))
            }
            return result
        }
    }
}

/// An open-addressing hash table from trie edges (`parent << 32 | component code`) to child nodes.
/// The reader adds an edge for nearly every value of a file, and `Dictionary`'s seeded SipHash
/// costs several times more.
///
/// The table of a large file is larger than the caches, so where an edge goes decides the speed.
/// The edges live in two tables of linear-probed slots:
/// - ``near``: a key's edge, or the edge of one of a list's first 16 items, is looked for in a
///   window of 32 slots from twice its parent's node number (the code choosing where in the
///   window). Nodes are numbered in file order and a mapping's keys (a short list's items) are
///   recorded together, so consecutive records touch the same few cache lines instead of one random
///   line each. Windows fill densely, which is why nothing else is put there.
/// - ``hashed``: a later item's edge (index 16 and on, whose parent may be far behind), or an edge
///   whose window is full, goes where a multiplicative hash of the whole edge says. A long list's
///   items spread over it, and a mapping with a great many keys (hostile input) overflows its window
///   into ordinary hashing, not into a long run.
/// Windows only fill up (nothing is removed), so a lookup that meets a free slot in the window knows
/// the edge is not in ``hashed``. The keys are numbers the reader hands out in file order, not
/// text, so a file cannot choose them to collide.
struct ChildTable: Sendable {
    /// Linear-probed slots of three words: the key's low and high halves, then the value. A free
    /// slot's key is all ones (no real key is: node and code are < 2³²−1).
    private struct Slots: Sendable {
        var words: [UInt32] = []
        var count = 0
        var capacity: Int { words.count / 3 }

        init(capacity: Int = 0) {
            words = [UInt32](repeating: UInt32.max, count: 3 * capacity)
        }

        /// Whether one more key still keeps three slots in four free or fewer taken.
        var isFull: Bool { (count + 1) * 4 > capacity * 3 }
    }

    private var near = Slots()
    private var hashed = Slots()
    /// The number of edges.
    var count: Int { near.count + hashed.count }
    /// Slots a window spans.
    private static let window = 32

    /// Where an edge's window in ``near`` starts; `nil` for the edge of a later item of a list.
    private static func windowSlot(for key: UInt64, mask: Int) -> Int? {
        let code = UInt32(truncatingIfNeeded: key)
        guard code & 1 << 31 == 0 || code & ~(1 << 31) < 16 else { return nil }
        let parent = Int(truncatingIfNeeded: key >> 32)
        return (parent << 1 &+ Int((code &* 0x9E37_79B1) >> 28)) & mask
    }

    private static func key(at slot: Int, in words: UnsafeBufferPointer<UInt32>) -> UInt64 {
        UInt64(words[3 * slot]) | UInt64(words[3 * slot + 1]) << 32
    }

    /// Where `key` is in its window, or the free slot it would take there; `nil` when it has no
    /// window or the window is full.
    private static func nearSlot(_ key: UInt64, in words: UnsafeBufferPointer<UInt32>) -> (slot: Int, found: Bool)? {
        guard !words.isEmpty, var index = windowSlot(for: key, mask: words.count / 3 - 1) else { return nil }
        let mask = words.count / 3 - 1
        for _ in 0..<window {
            let stored = Self.key(at: index, in: words)
            if stored == key { return (index, true) }
            if stored == UInt64.max { return (index, false) }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Where `key` is in ``hashed``, or the free slot it would take.
    private static func hashedSlot(_ key: UInt64, in words: UnsafeBufferPointer<UInt32>) -> (slot: Int, found: Bool) {
        let mask = words.count / 3 - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let stored = Self.key(at: index, in: words)
            if stored == key { return (index, true) }
            if stored == UInt64.max { return (index, false) }
            index = (index + 1) & mask
        }
    }

    /// The value stored for `key`.
    func value(for key: UInt64) -> UInt32? {
        let inWindow = near.words.withUnsafeBufferPointer { words -> UInt32?? in
            guard let (slot, found) = Self.nearSlot(key, in: words) else { return .none }
            return .some(found ? words[3 * slot + 2] : nil)
        }
        if let inWindow { return inWindow }
        guard hashed.count > 0 else { return nil }
        return hashed.words.withUnsafeBufferPointer { words in
            let (slot, found) = Self.hashedSlot(key, in: words)
            return found ? words[3 * slot + 2] : nil
        }
    }

    /// The value stored for `key`; if there is none, stores `new` and returns it.
    mutating func value(for key: UInt64, orInsert new: UInt32) -> UInt32 {
        // Two slots a node: a step's keys and those of its nested mappings share the stretch of
        // slots its nodes' numbers span, at about half density. Past the end, windows would wrap
        // onto the first parents', so the table grows first.
        if near.isFull || Int(truncatingIfNeeded: key >> 32) << 1 >= near.capacity {
            grow(nearTo: max(64, near.capacity * 2))
        }
        if let (slot, found) = near.words.withUnsafeBufferPointer({ Self.nearSlot(key, in: $0) }) {
            if found { return near.words[3 * slot + 2] }
            Self.store(key, new, at: slot, in: &near)
            return new
        }
        if hashed.isFull { grow(hashedTo: max(64, hashed.capacity * 2)) }
        let (slot, found) = hashed.words.withUnsafeBufferPointer { Self.hashedSlot(key, in: $0) }
        if found { return hashed.words[3 * slot + 2] }
        Self.store(key, new, at: slot, in: &hashed)
        return new
    }

    private static func store(_ key: UInt64, _ value: UInt32, at slot: Int, in slots: inout Slots) {
        slots.words.withUnsafeMutableBufferPointer { words in
            words[3 * slot] = UInt32(truncatingIfNeeded: key)
            words[3 * slot + 1] = UInt32(truncatingIfNeeded: key >> 32)
            words[3 * slot + 2] = value
        }
        slots.count += 1
    }

    /// Makes room for `total` edges in all without growing on the way (most go near their parent,
    /// two slots a node).
    mutating func reserve(_ total: Int) {
        var capacity = max(near.capacity, 64)
        while 2 * total > capacity { capacity *= 2 }
        if capacity > near.capacity { grow(nearTo: capacity) }
    }

    /// Rebuilds the tables with `near` at `capacity`, putting every edge back as inserting it would.
    private mutating func grow(nearTo capacity: Int) {
        let old = (near, hashed)
        near = Slots(capacity: capacity)
        hashed = Slots(capacity: old.1.capacity)
        for slots in [old.0, old.1] { Self.forEach(in: slots) { key, value in _ = self.value(for: key, orInsert: value) } }
    }

    /// Rebuilds ``hashed`` at `capacity`.
    private mutating func grow(hashedTo capacity: Int) {
        let old = hashed
        hashed = Slots(capacity: capacity)
        Self.forEach(in: old) { key, value in
            let slot = hashed.words.withUnsafeBufferPointer { Self.hashedSlot(key, in: $0).slot }
            Self.store(key, value, at: slot, in: &hashed)
        }
    }

    private static func forEach(in slots: Slots, _ body: (UInt64, UInt32) -> Void) {
        let words = slots.words
        for start in stride(from: 0, to: words.count, by: 3) where words[start] != UInt32.max || words[start + 1] != UInt32.max {
            body(UInt64(words[start]) | UInt64(words[start + 1]) << 32, words[start + 2])
        }
    }

    /// Calls `body` with every key and value.
    func forEach(_ body: (UInt64, UInt32) -> Void) {
        Self.forEach(in: near, body)
        Self.forEach(in: hashed, body)
    }
}
