/// Sorting lead times, which are non-negative doubles: their bit patterns order as unsigned
/// integers, so a least-significant-digit radix sort (6 passes of 11 bits, counted in one sweep,
/// each pass skipped when every value shares the digit) gives the same array as `sorted()` in
/// linear time. Sorting with `sorted()` took 18 % of a one-replication M/M/c run.
enum RadixSort {
    private static let bits = 11, passes = 6, radix = 1 << 11

    /// `values` in ascending order; falls back to `sorted()` when one is negative, −0 or NaN.
    static func sorted(_ values: [Double]) -> [Double] {
        guard values.count > 64, values.allSatisfy({ $0 >= 0 && $0.sign == .plus }) else { return values.sorted() }
        let n = values.count
        var keys = values.map(\.bitPattern)
        var other = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: passes * radix)
        counts.withUnsafeMutableBufferPointer { counts in
            for key in keys {
                for p in 0..<passes { counts[p * radix + Int(truncatingIfNeeded: key >> UInt64(p * bits)) & (radix - 1)] += 1 }
            }
        }
        for p in 0..<passes {
            let first = p * radix
            if counts[first..<(first + radix)].contains(n) { continue }
            var total = 0
            for k in first..<(first + radix) {
                let c = counts[k]
                counts[k] = total
                total += c
            }
            keys.withUnsafeBufferPointer { source in
                other.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { next in
                        for key in source {
                            let digit = first + Int(truncatingIfNeeded: key >> UInt64(p * bits)) & (radix - 1)
                            target[next[digit]] = key
                            next[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
        return keys.map(Double.init(bitPattern:))
    }
}
