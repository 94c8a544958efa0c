import Foundation

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64: a small, fast generator whose output
/// depends only on the seed, on every platform and Swift version — unlike
/// `SystemRandomNumberGenerator`, which cannot be seeded. Package-visible so the discrete-event
/// simulation (BlueprintSimulation) samples exactly as the Monte Carlo does.
package struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The second normal deviate of the last Box–Muller pair, if unused.
    @usableFromInline var spareNormal: Double?

    /// Creates a generator; the four state words come from SplitMix64 so that any seed, even 0, works.
    package init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    @inlinable @inline(__always)
    package mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Fills `words` with the next `words.count` outputs of ``next()``, in order: a caller in
    /// another module reads them from its own buffer, since this toolchain does not inline
    /// `package` functions across modules (a call per word cost the simulation 8 %).
    package mutating func fill(_ words: UnsafeMutableBufferPointer<UInt64>) {
        for k in words.indices { words[k] = next() }
    }

    /// A uniform number in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    package mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform number in (0, 1), safe to take the logarithm of.
    @inlinable @inline(__always)
    package mutating func openUniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }

    /// A standard normal deviate (Box–Muller; the pair's second value is kept for the next call).
    @inlinable package mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let radius = (-2 * log(openUniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    /// A Gamma(shape, 1) deviate for shape ≥ 1 by Marsaglia & Tsang's method, with
    /// `d = shape − 1/3` and `c = 1 / √(9d)` precomputed by the caller.
    @inlinable package mutating func gamma(d: Double, c: Double) -> Double {
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUniform()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// An exponential deviate with the given rate (mean 1 / rate).
    @inlinable @inline(__always)
    package mutating func exponential(rate: Double) -> Double { -log(openUniform()) / rate }
}
