import Foundation
import ServiceBlueprint

/// The simulation's random numbers: ``SeededRandom``'s stream (the Monte Carlo's generator, the
/// same words in the same order) read from a buffer of 256 words that the generator refills in one
/// call. `SeededRandom`'s own methods are not inlined across modules, and a call per draw cost 8 %
/// of the year benchmark; the conversions below are its `uniform`, `openUniform` and
/// `exponential`, so a seed gives the same run either way.
struct RandomStream {
    private var source: SeededRandom
    private var words = [UInt64](repeating: 0, count: 256)
    private var index = 256

    init(seed: UInt64) {
        source = SeededRandom(seed: seed)
    }

    /// A stream without a buffer, to swap a running stream with (no allocation, no seeding).
    static let idle: RandomStream = {
        var stream = RandomStream(seed: 0)
        stream.words = []
        stream.index = 0
        return stream
    }()

    @inline(__always)
    mutating func next() -> UInt64 {
        if index == words.count {
            words.withUnsafeMutableBufferPointer { source.fill($0) }
            index = 0
        }
        let word = words[index]
        index += 1
        return word
    }

    /// A uniform number in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// An exponential deviate with the given rate (mean 1 / rate), from a uniform in (0, 1).
    @inline(__always)
    mutating func exponential(rate: Double) -> Double { -log((Double(next() >> 11) + 0.5) * 0x1.0p-53) / rate }
}
