/// A growable column of plain values that one replication owns alone.
///
/// Swift arrays check on every write that their buffer is not shared (a runtime call on Linux,
/// about 20 per simulated customer and 8 % of an M/M/c run); a column never leaves its
/// replication, so the check buys nothing. Reads and writes keep a bounds check (a compare, no
/// call), so a wrong index still stops the program instead of touching other memory.
final class Column<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count: Int
    private var capacity: Int

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        capacity = Swift.max(16, count)
        base = .allocate(capacity: capacity)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// A column holding `values`.
    init(_ values: [Element]) {
        capacity = Swift.max(16, values.count)
        base = .allocate(capacity: capacity)
        count = values.count
        _ = UnsafeMutableBufferPointer(start: base, count: capacity).initialize(from: values)
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "column index out of range")
            return base[index]
        }
        set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "column index out of range")
            base[index] = newValue
        }
    }

    var indices: Range<Int> { 0..<count }

    /// Adds `value` at the end.
    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Adds `count` copies of `value` at the end.
    func append(_ value: Element, count added: Int) {
        if count + added > capacity { grow(to: Swift.max(count + added, capacity * 2)) }
        (base + count).initialize(repeating: value, count: added)
        count += added
    }

    private func grow(to size: Int) {
        let new = UnsafeMutablePointer<Element>.allocate(capacity: size)
        new.moveInitialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = size
    }

    /// Removes and returns the last value, or `nil` when empty.
    func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    /// The values as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
