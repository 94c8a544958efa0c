/// Where each model path was read from, stored compactly: a trie of path components whose nodes
/// hold byte offsets (about 20 bytes a path, against some 160 for a `[ModelPath: SourceLocation]`
/// entry), so the source map of a 100 000-step blueprint stays small. Lines and columns are worked
/// out from the offsets, by ``SourceText``, only when a location is asked for.
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

    /// Interned mapping keys: the known ones, then others in the order met.
    private var keyIDs = Self.knownKeyCodes
    /// Child node by `parent << 32 | component code`.
    private var children = ChildTable()
    /// Offset by node; node 0 is the root.
    private var offsets: [UInt32] = [none]


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

    /// The components of the last recorded path and the trie node each leads to: the reader records
    /// paths in file order, so the next one mostly shares a prefix (`steps[7]`) that need not be
    /// looked up again.
    private var lastPath: [ModelPath.Component] = []
    private var lastNodes: [UInt32] = []

    /// Records `offset` for `path` (a later record of the same path wins).
    mutating func record(_ offset: UInt32, at path: ModelPath) {
        guard let node = node(for: path) else { return }
        offsets[Int(node)] = offset
    }

    /// Records `offset` for the key `key` of the mapping at `parent`, which the reader does for
    /// every value it reads: without building the child's ``ModelPath``.
    mutating func record(_ offset: UInt32, in parent: UInt32, key: String) {
        guard let code = internedCode(.key(key)) else { return }
        offsets[Int(child(of: parent, code: code))] = offset
    }

    /// Records `offset` for the key whose code is `code` (from ``knownKeyCodes``) of the mapping at `parent`.
    mutating func record(_ offset: UInt32, in parent: UInt32, code: UInt32) {
        offsets[Int(child(of: parent, code: code))] = offset
    }

    /// Records `offset` for item `index` of the list at `parent`.
    mutating func record(_ offset: UInt32, in parent: UInt32, index: Int) {
        guard let code = code(.index(index)) else { return }
        offsets[Int(child(of: parent, code: code))] = offset
    }

    /// The trie node of `path`, made if new; `nil` for a path that cannot be stored (an index
    /// beyond 2³¹, or more than 2³¹ distinct keys).
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
        if child == new { offsets.append(Self.none) }
        return child
    }

    /// The offset of `path` or of its nearest ancestor that has one, with the number of
    /// components of the path it belongs to.
    func offset(of path: ModelPath) -> (offset: UInt32, depth: Int)? {
        var node: UInt32 = 0
        var found: (offset: UInt32, depth: Int)? = offsets[0] == Self.none ? nil : (offsets[0], 0)
        for (depth, component) in path.components.enumerated() {
            guard let code = code(component), let child = children.value(for: UInt64(node) << 32 | UInt64(code)) else { break }
            node = child
            if offsets[Int(node)] != Self.none { found = (offsets[Int(node)], depth + 1) }
        }
        return found
    }

    /// Adds what `other` recorded, exactly as if its records had been made here, after this trie's:
    /// `other`'s nodes are replayed in the order it made them (so this trie makes its new ones in
    /// the order serial reading would, and interns new keys in that order too), and an offset
    /// `other` recorded replaces this trie's (a later record wins). A reader reading a chunk of a
    /// list's items into an empty trie merges it into its own this way (``DocumentReader``).
    mutating func merge(_ other: PathOffsets) {
        let count = other.offsets.count
        // Each node of `other` by its edge: parent node << 32 | component code.
        var edges = [UInt64](repeating: 0, count: count)
        other.children.forEach { key, child in edges[Int(child)] = key }
        // Names of `other`'s interned keys past the known ones, and their codes here once met.
        let known = Self.knownKeyCodes.count
        var names = [String](repeating: "", count: max(other.keyIDs.count - known, 0))
        for (key, id) in other.keyIDs where Int(id) >= known { names[Int(id) - known] = key }
        var codes = [UInt32](repeating: Self.none, count: names.count)
        children.reserve(children.count + count)
        offsets.reserveCapacity(offsets.count + count)
        // `other`'s node → this trie's (`none`: a path that cannot be stored here).
        var nodes = [UInt32](repeating: Self.none, count: count)
        nodes[0] = 0
        if other.offsets[0] != Self.none { offsets[0] = other.offsets[0] }
        // Parents are always made before their children.
        for node in stride(from: 1, to: count, by: 1) {
            let edge = edges[node]
            let parent = nodes[Int(edge >> 32)]
            var code = UInt32(truncatingIfNeeded: edge)
            guard parent != Self.none else { continue }
            if code & 1 << 31 == 0, Int(code) >= known {
                let index = Int(code) - known
                if codes[index] == Self.none, let interned = internedCode(.key(names[index])) { codes[index] = interned }
                code = codes[index]
                guard code != Self.none else { continue }
            }
            let mine = child(of: parent, code: code)
            nodes[node] = mine
            if other.offsets[node] != Self.none { offsets[Int(mine)] = other.offsets[node] }
        }
    }

    /// Every recorded path with its offset (for the dictionary view of ``SourceMap/locations``).
    func all() -> [(path: ModelPath, offset: UInt32)] {
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
        for node in offsets.indices {
            if node > 0 {
                let (parent, component) = parents[node]
                paths[node] = ModelPath(paths[Int(parent)].components + [component])
            }
            if offsets[node] != Self.none { result.append((paths[node], offsets[node])) }
        }
        return result
    }
}

/// An open-addressing hash table from `UInt64` to `UInt32` for the trie's edges: a multiplicative
/// hash and linear probing over two flat arrays. The reader adds an edge for nearly every value of
/// a file, and `Dictionary`'s seeded SipHash costs several times more. The keys are trie node and
/// component numbers the reader hands out in file order, not text, so a file cannot choose them to
/// collide.
struct ChildTable: Sendable {
    /// Slot keys; `empty` marks a free slot (no real key is all ones: node and code are < 2³²−1).
    private var keys: [UInt64] = []
    private var values: [UInt32] = []
    private(set) var count = 0
    private static let empty = UInt64.max

    private func slot(for key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for `key`.
    func value(for key: UInt64) -> UInt32? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var index = slot(for: key, mask: mask)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == Self.empty { return nil }
            index = (index + 1) & mask
        }
    }

    /// The value stored for `key`; if there is none, stores `new` and returns it.
    mutating func value(for key: UInt64, orInsert new: UInt32) -> UInt32 {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let mask = keys.count - 1
        var index = slot(for: key, mask: mask)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == Self.empty { break }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = new
        count += 1
        return new
    }

    /// Makes room for `total` keys in all, growing as inserting them one by one would.
    mutating func reserve(_ total: Int) {
        var capacity = keys.count
        while (total + 1) * 4 > capacity * 3 { capacity = max(64, capacity * 2) }
        if capacity > keys.count { grow(to: capacity) }
    }

    private mutating func grow() { grow(to: max(64, keys.count * 2)) }

    private mutating func grow(to capacity: Int) {
        let old = (keys, values)
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (key, value) in zip(old.0, old.1) where key != Self.empty {
            var index = slot(for: key, mask: mask)
            while keys[index] != Self.empty { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
        }
    }

    /// Calls `body` with every key and value, in slot order.
    func forEach(_ body: (UInt64, UInt32) -> Void) {
        for (key, value) in zip(keys, values) where key != Self.empty { body(key, value) }
    }
}
