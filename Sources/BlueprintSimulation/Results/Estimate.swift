import Foundation

/// A figure estimated from several replications: their mean and a confidence interval for it
/// (Student t over the replications' values).
public struct Estimate: Sendable, Hashable, Codable {
    /// The mean over the replications.
    public var mean: Double
    /// The lower end of the confidence interval.
    public var lower: Double
    /// The upper end of the confidence interval.
    public var upper: Double
    /// How many replications gave a value.
    public var replications: Int

    /// Creates an estimate.
    public init(mean: Double, lower: Double, upper: Double, replications: Int) {
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.replications = replications
    }

    /// The estimate of the values that are finite (one per replication), or `nil` when none is.
    /// With one value the interval is that value.
    public init?(_ values: [Double], confidence: Double) {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let n = Double(finite.count)
        let mean = finite.reduce(0, +) / n
        var half = 0.0
        if finite.count > 1 {
            let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            half = StudentT.critical(confidence: confidence, degreesOfFreedom: finite.count - 1) * (variance / n).squareRoot()
        }
        self.init(mean: mean, lower: mean - half, upper: mean + half, replications: finite.count)
    }

    /// `true` when `value` lies in the interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The estimate with every number multiplied by `factor` (e.g. seconds to hours).
    public func scaled(by factor: Double) -> Estimate {
        Estimate(mean: mean * factor, lower: lower * factor, upper: upper * factor, replications: replications)
    }
}
