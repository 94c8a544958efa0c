/// A set of step indices of a ``BlueprintGraph``, stored as a bitset.
///
/// Iteration is in ascending index order, which is blueprint step order, so results that come
/// out of a `StepSet` are deterministic.
package struct StepSet: Sendable, Hashable, Sequence {
    /// 64 steps per word.
    private(set) var words: [UInt64]
    /// The number of indices the set can hold (the graph's step count).
    package let capacity: Int

    /// Creates an empty set for a graph of `capacity` steps.
    package init(capacity: Int) {
        self.capacity = Swift.max(0, capacity)
        words = [UInt64](repeating: 0, count: (self.capacity + 63) / 64)
    }

    /// Creates a set holding every index in `0..<capacity`.
    package static func full(capacity: Int) -> StepSet {
        var set = StepSet(capacity: capacity)
        for word in set.words.indices { set.words[word] = ~0 }
        let spare = set.words.count * 64 - set.capacity
        if spare > 0, !set.words.isEmpty { set.words[set.words.count - 1] >>= UInt64(spare) }
        return set
    }

    /// Creates a set of `capacity` holding the given indices (out-of-range indices are ignored).
    package init(capacity: Int, members: some Sequence<Int32>) {
        self.init(capacity: capacity)
        for member in members { insert(member) }
    }

    /// `true` when `index` is in the set; `false` for out-of-range indices.
    @inline(__always)
    package func contains(_ index: Int32) -> Bool {
        let i = Int(index)
        guard i >= 0, i < capacity else { return false }
        return words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// Adds `index`; returns `true` when it was not there before. Out-of-range indices are ignored.
    @inline(__always)
    @discardableResult
    package mutating func insert(_ index: Int32) -> Bool {
        let i = Int(index)
        guard i >= 0, i < capacity else { return false }
        let bit: UInt64 = 1 << UInt64(i & 63)
        if words[i >> 6] & bit != 0 { return false }
        words[i >> 6] |= bit
        return true
    }

    /// Removes `index`.
    @inline(__always)
    package mutating func remove(_ index: Int32) {
        let i = Int(index)
        guard i >= 0, i < capacity else { return }
        words[i >> 6] &= ~(1 << UInt64(i & 63))
    }

    /// The number of members.
    package var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
    /// `true` when the set has no members.
    package var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The members in ascending order.
    package var members: [Int32] { Array(self) }

    /// Members of both sets.
    package func intersection(_ other: StepSet) -> StepSet {
        var result = self
        for i in result.words.indices { result.words[i] &= i < other.words.count ? other.words[i] : 0 }
        return result
    }

    /// Members of either set (capacity of `self`).
    package func union(_ other: StepSet) -> StepSet {
        var result = self
        for i in result.words.indices where i < other.words.count { result.words[i] |= other.words[i] }
        return result
    }

    /// Members of `self` that are not in `other`.
    package func subtracting(_ other: StepSet) -> StepSet {
        var result = self
        for i in result.words.indices where i < other.words.count { result.words[i] &= ~other.words[i] }
        return result
    }

    /// Iterates the members in ascending order.
    package func makeIterator() -> Iterator { Iterator(words: words) }

    /// Iterates the members of a ``StepSet`` in ascending order.
    package struct Iterator: IteratorProtocol {
        let words: [UInt64]
        var wordIndex = 0
        var current: UInt64

        init(words: [UInt64]) {
            self.words = words
            current = words.first ?? 0
        }

        /// The next member, or `nil`.
        package mutating func next() -> Int32? {
            while current == 0 {
                wordIndex += 1
                guard wordIndex < words.count else { return nil }
                current = words[wordIndex]
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return Int32(wordIndex * 64 + bit)
        }
    }
}
