/// Sorting lead times, which are non-negative doubles: their bit patterns order as unsigned
/// integers, so a least-significant-digit radix sort (6 passes of 11 bits, counted in one sweep,
/// each pass skipped when every value shares the digit) gives the same array as `sorted()` in
/// linear time. Sorting with `sorted()` took 18 % of a one-replication M/M/c run.
enum RadixSort {
    private static let bits = 11, passes = 6, radix = 1 << 11

    /// `values` in ascending order; falls back to `sorted()` when one is negative, −0 or NaN.
    ///
    /// Lead times are rounded to the microsecond, k / 10⁶ for an integer k: when every value is,
    /// the keys are those integers (an M/M/c run's fit in 30 bits, so the passes over the
    /// always-zero high digits are skipped), else the doubles' bit patterns.
    static func sorted(_ values: [Double]) -> [Double] {
        guard values.count > 64, values.allSatisfy({ $0 >= 0 && $0.sign == .plus }) else { return values.sorted() }
        var micros = [UInt64](repeating: 0, count: values.count)
        var exact = true
        for (i, value) in values.enumerated() {
            let scaled = value * 1e6
            // (x + 2⁵²) − 2⁵² is x to the nearest integer below 2⁵², without a call to round().
            let k = scaled < 0x1p52 ? (scaled + 0x1p52) - 0x1p52 : .nan
            guard k / 1e6 == value else {
                exact = false
                break
            }
            micros[i] = UInt64(k)
        }
        if exact { return radixSorted(micros).map { Double($0) / 1e6 } }
        return radixSorted(values.map(\.bitPattern)).map(Double.init(bitPattern:))
    }

    /// `keys` in ascending order.
    private static func radixSorted(_ input: [UInt64]) -> [UInt64] {
        var keys = input
        let n = keys.count
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
        return keys
    }
}
