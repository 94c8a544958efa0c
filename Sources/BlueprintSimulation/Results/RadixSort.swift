/// Sorting lead times, which are non-negative doubles: their bit patterns order as unsigned
/// integers, so a least-significant-digit radix sort (8 passes of 8 bits, each skipped when every
/// value shares the digit) gives the same array as `sorted()` in linear time. Sorting with
/// `sorted()` took 18 % of a one-replication M/M/c run.
enum RadixSort {
    /// `values` in ascending order; falls back to `sorted()` when one is negative, −0 or NaN.
    static func sorted(_ values: [Double]) -> [Double] {
        guard values.count > 64, values.allSatisfy({ $0 >= 0 && $0.sign == .plus }) else { return values.sorted() }
        var keys = values.map(\.bitPattern)
        var other = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: 0, to: 64, by: 8) {
            for k in counts.indices { counts[k] = 0 }
            for key in keys { counts[Int(truncatingIfNeeded: key >> UInt64(shift)) & 0xFF] += 1 }
            if counts.contains(keys.count) { continue }
            var total = 0
            for k in counts.indices {
                let c = counts[k]
                counts[k] = total
                total += c
            }
            keys.withUnsafeBufferPointer { source in
                other.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { next in
                        for key in source {
                            let digit = Int(truncatingIfNeeded: key >> UInt64(shift)) & 0xFF
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
