import Foundation
import ServiceBlueprint

/// An exact sampler of one PERT-beta shape by rejection from a table: about three random words per
/// draw instead of the Monte Carlo's two Marsaglia–Tsang gamma deviates (two logarithms, a sine and
/// a cosine each), which dominated long runs.
///
/// The unit interval is cut into 256 bins of equal width. Bin *i* is proposed with probability
/// proportional to `upper[i]`, the largest value of the (unnormalized) beta density
/// g(x) = x^(α−1)(1−x)^(β−1) on the bin, through Walker's alias table; the point is uniform in the
/// bin and kept when a uniform height below `upper[i]` falls under g(x). Because g is unimodal for
/// α, β ≥ 1, its extremes on a bin are at the bin's ends or the mode, so `upper` bounds g (padded by
/// 1e-9 against rounding) and `lower` (its smallest value there) accepts about 98 % of draws
/// without evaluating g. Rejection from an envelope that bounds the density is exact: the kept
/// points follow Beta(α, β), whatever the bins; only the alias thresholds are rounded (to 2⁻⁵⁶).
/// About 1 % of proposals are rejected.
struct PERTTable: Sendable {
    static let binBits = 8
    static let bins = 1 << binBits

    /// One bin: the alias entry of slot i and the envelope of bin i.
    struct Bin: Sendable {
        /// Keep slot i when the low 56 bits of the draw are below this; else take `alias`.
        var keep: UInt64
        var alias: Int32
        /// The largest and smallest value of g on the bin.
        var upper: Double
        var lower: Double
    }

    /// The beta density over its peak, g(x) / g(mode): 1 at the mode, 0 where it vanishes.
    struct Density: Sendable {
        let a1: Double   // α − 1
        let b1: Double   // β − 1
        let logPeak: Double

        @inline(__always)
        func callAsFunction(_ x: Double) -> Double {
            var l = -logPeak
            if a1 > 0 { l += a1 * log(x) }
            if b1 > 0 { l += b1 * log1p(-x) }
            return exp(l)
        }
    }

    let density: Density
    private(set) var table: [Bin] = []

    /// The table of Beta(α, β) for α, β ≥ 1.
    init(alpha: Double, beta: Double) {
        let a1 = max(0, alpha - 1), b1 = max(0, beta - 1)
        let mode = a1 + b1 > 0 ? a1 / (a1 + b1) : 0.5
        let density = Density(a1: a1, b1: b1, logPeak: (a1 > 0 ? a1 * log(mode) : 0) + (b1 > 0 ? b1 * log1p(-mode) : 0))
        self.density = density
        let n = Self.bins
        var upper = [Double](repeating: 0, count: n), lower = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let left = Double(i) / Double(n), right = Double(i + 1) / Double(n)
            let gl = density(left), gr = density(right)
            upper[i] = ((left <= mode && mode <= right) ? max(1, gl, gr) : max(gl, gr)) * (1 + 1e-9)
            lower[i] = min(gl, gr) * (1 - 1e-9)
        }
        // Vose's alias method on the weights `upper`.
        let total = upper.reduce(0, +)
        var scaled = upper.map { $0 * Double(n) / total }
        var keep = [UInt64](repeating: 1 << 56, count: n), alias = [Int32](repeating: 0, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        var small = (0..<n).filter { scaled[$0] < 1 }, large = (0..<n).filter { scaled[$0] >= 1 }
        while let s = small.popLast(), let l = large.last {
            keep[s] = UInt64(scaled[s] * 0x1p56)
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left has weight 1 up to rounding: always kept.
        table = (0..<n).map { Bin(keep: keep[$0], alias: alias[$0], upper: upper[$0], lower: lower[$0]) }
    }

    /// One Beta(α, β) deviate in [0, 1).
    func sample(_ random: inout RandomStream) -> Double {
        Self.draw(table, at: 0, density, &random)
    }

    /// One deviate of the table stored in `bins[offset..<offset + 256]` (the plan keeps every
    /// shape's bins in one array).
    @inline(__always)
    static func draw(_ bins: [Bin], at offset: Int, _ density: Density, _ random: inout RandomStream) -> Double {
        while true {
            let r = random.next()
            let slot = Int(r >> 56)
            let entry = bins[offset + slot]
            let b = r & (1 << 56 - 1) < entry.keep ? slot : Int(entry.alias)
            let x = (Double(b) + random.uniform()) * (1.0 / Double(Self.bins))
            let bin = bins[offset + b]
            let y = random.uniform() * bin.upper
            if y < bin.lower || y < density(x) { return x }
        }
    }
}
