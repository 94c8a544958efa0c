/// Where each model path was read from, stored compactly: a trie of path components whose nodes
/// hold byte offsets (about 20 bytes a path, against some 160 for a `[ModelPath: SourceLocation]`
/// entry), so the source map of a 100 000-step blueprint stays small. Lines and columns are worked
/// out from the offsets, by ``SourceText``, only when a location is asked for.
struct PathOffsets: Sendable {
    /// No offset recorded for a trie node (it only leads to deeper ones).
    static let none = UInt32.max

    /// Interned mapping keys.
    private var keyIDs: [String: UInt32] = [:]
    /// Child node by `parent << 32 | component code`.
    private var children: [UInt64: UInt32] = [:]
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
                return
            }
            let key = UInt64(node) << 32 | UInt64(code)
            if let child = children[key] {
                node = child
            } else {
                let child = UInt32(offsets.count)
                children[key] = child
                offsets.append(Self.none)
                node = child
            }
            lastPath.append(component)
            lastNodes.append(node)
        }
        offsets[Int(node)] = offset
    }

    /// The offset of `path` or of its nearest ancestor that has one, with the number of
    /// components of the path it belongs to.
    func offset(of path: ModelPath) -> (offset: UInt32, depth: Int)? {
        var node: UInt32 = 0
        var found: (offset: UInt32, depth: Int)? = offsets[0] == Self.none ? nil : (offsets[0], 0)
        for (depth, component) in path.components.enumerated() {
            guard let code = code(component), let child = children[UInt64(node) << 32 | UInt64(code)] else { break }
            node = child
            if offsets[Int(node)] != Self.none { found = (offsets[Int(node)], depth + 1) }
        }
        return found
    }

    /// Every recorded path with its offset (for the dictionary view of ``SourceMap/locations``).
    func all() -> [(path: ModelPath, offset: UInt32)] {
        var names = [String](repeating: "", count: keyIDs.count)
        for (key, id) in keyIDs { names[Int(id)] = key }
        var parents = [(parent: UInt32, component: ModelPath.Component)](
            repeating: (0, .index(0)), count: offsets.count)
        for (key, child) in children {
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
