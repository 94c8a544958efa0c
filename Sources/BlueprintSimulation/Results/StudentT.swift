/// Quantiles of Student's t distribution, for confidence intervals over a few replications.
enum StudentT {
    /// Two-sided critical values t(1 − α/2, df) for df = 1…30 at 90 %, 95 % and 99 % confidence.
    private static let table: [(confidence: Double, values: [Double])] = [
        (0.90, [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
                1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701,
                1.699, 1.697]),
        (0.95, [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
                2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
                2.045, 2.042]),
        (0.99, [63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169, 3.106, 3.055, 3.012, 2.977,
                2.947, 2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763,
                2.756, 2.750]),
    ]
    private static let normal: [(confidence: Double, z: Double)] = [(0.90, 1.6449), (0.95, 1.9600), (0.99, 2.5758)]

    /// The two-sided critical value for `confidence` (0.90, 0.95 or 0.99; others use the nearest)
    /// with `df` degrees of freedom. Beyond 30 the Cornish–Fisher expansion around the normal
    /// quantile is used (error below 0.001).
    static func critical(confidence: Double, degreesOfFreedom df: Int) -> Double {
        let row = table.min { abs($0.confidence - confidence) < abs($1.confidence - confidence) } ?? table[1]
        guard df > 30 else { return row.values[max(1, df) - 1] }
        let z = normal.min { abs($0.confidence - confidence) < abs($1.confidence - confidence) }?.z ?? 1.96
        let n = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
    }
}
