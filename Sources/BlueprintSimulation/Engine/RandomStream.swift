import Foundation
import ServiceBlueprint

/// The simulation's random numbers: ``SeededRandom``'s stream (the Monte Carlo's generator, the
/// same words in the same order) read from a buffer of 256 words that the generator refills in one
/// call. `SeededRandom`'s own methods are not inlined across modules, and a call per draw cost 8 %
/// of the year benchmark. `uniform` and `openUniform` are `SeededRandom`'s; `exponential` is a
/// ziggurat (the same distribution, other draws).
struct RandomStream {
    private var source: SeededRandom
    // A Column, so that a copy of the stream (the walk keeps one in registers) shares the buffer
    // without a copy-on-write; only one copy is used at a time.
    private let words = Column<UInt64>(repeating: 0, count: 256)
    private var index = 256
    // The ziggurat's tables, held here: reading a static costs a call (swift_once) per draw, and
    // an array a retain.
    private let zigguratX = Ziggurat.x, zigguratF = Ziggurat.f

    init(seed: UInt64) {
        source = SeededRandom(seed: seed)
    }


    @inline(__always)
    mutating func next() -> UInt64 {
        if index == 256 {
            source.fill(UnsafeMutableBufferPointer(start: words.base, count: 256))
            index = 0
        }
        let word = words.base[index]
        index += 1
        return word
    }

    /// A uniform number in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform number in (0, 1), safe to take the logarithm of.
    @inline(__always)
    mutating func openUniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }

    /// An exponential deviate with the given rate (mean 1 / rate), by Marsaglia and Tsang's
    /// ziggurat: one word and a table look-up for 98.9 % of draws, where −log(u) cost a logarithm
    /// each (7 % of an M/M/c run). Exact: the layers cover the density, the wedges and the tail
    /// beyond r are sampled by rejection and by −log.
    @inline(__always)
    mutating func exponential(rate: Double) -> Double { standardExponential() / rate }

    @inline(__always)
    mutating func standardExponential() -> Double {
        let x = zigguratX, f = zigguratF
        while true {
            let word = next()
            let i = Int(word & 0xFF)
            let u = Double(word >> 11) * 0x1.0p-53
            let value = u * x[i]
            if value < x[i + 1] { return value }
            if i == 0 { return Ziggurat.r - log(openUniform()) }
            if f[i + 1] + (f[i] - f[i + 1]) * uniform() < exp(-value) { return value }
        }
    }
}

/// The exponential ziggurat's 256 layers of equal area v: `x[i]` is layer i's right edge
/// (x[0] = v / f(r) for the base layer with its tail, x[1] = r, x[256] = 0), `f[i] = exp(−x[i])`.
private enum Ziggurat {
    static let r = 7.697117470131487
    /// Allocated once and never freed (4 KB for the process), so that a stream holds plain pointers.
    nonisolated(unsafe) static let x: UnsafePointer<Double> = {
        let v = 0.0039496598225815571993
        let x = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        x.initialize(repeating: 0, count: 257)
        x[0] = v / exp(-r)
        x[1] = r
        for i in 2..<256 { x[i] = -log(v / x[i - 1] + exp(-x[i - 1])) }
        return UnsafePointer(x)
    }()
    nonisolated(unsafe) static let f: UnsafePointer<Double> = {
        let f = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        for i in 0..<257 { (f + i).initialize(to: exp(-x[i])) }
        return UnsafePointer(f)
    }()
}
