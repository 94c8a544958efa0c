/// Summary statistics of a sample of durations, in seconds.
///
/// Quantiles interpolate linearly between order statistics (NumPy's default, which PM4Py
/// uses), so the median of an even sample is the mean of the middle two.
public struct Distribution: Sendable, Hashable, Codable {
    /// Sample size.
    public var count: Int
    /// Arithmetic mean.
    public var mean: Double
    /// 50th percentile.
    public var median: Double
    /// 90th percentile.
    public var p90: Double
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double

    /// Summarises `values`; `nil` for an empty sample.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        mean = sorted.reduce(0, +) / Double(sorted.count)
        median = Self.quantile(sorted, 0.5)
        p90 = Self.quantile(sorted, 0.9)
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }

    /// The `q` quantile of an ascending, non-empty sample, interpolated linearly.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
