/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output depends only on the seed,
/// on every platform and Swift version. The package's one copy: it seeds ``SeededRandom``, drives the
/// log generator, and makes the benchmarks' and tests' generated inputs reproducible.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state.
    package var state: UInt64

    /// Creates a generator; any seed, even 0, works.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
