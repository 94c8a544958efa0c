extension KPIMeasurement {
    /// The figure in the KPI's unit: ``value`` when given, else computed from ``scores``.
    ///
    /// - NPS: % promoters (9–10) − % detractors (0–6) of 11 counts for 0…10.
    /// - CSAT: % of 4–5 answers of 5 counts for 1…5.
    /// - CES and custom scores: the mean answer, counts from 1 up.
    /// Process KPIs have no score distribution: their figure is ``value``.
    public func figure(for kind: KPIKind) -> Double? {
        if let value { return value }
        let total = scores.reduce(0, +)
        guard total > 0, scores.allSatisfy({ $0 >= 0 }) else { return nil }
        let count = Double(total)
        switch kind {
        case .nps:
            guard scores.count == 11 else { return nil }
            let promoters = scores[9] + scores[10]
            let detractors = scores[0...6].reduce(0, +)
            return Double(promoters - detractors) / count * 100
        case .csat:
            guard scores.count == 5 else { return nil }
            return Double(scores[3] + scores[4]) / count * 100
        case .ces, .custom:
            return mean(from: kind.lowestScore)
        default:
            return nil
        }
    }

    /// The mean answer, counting ``scores`` from `lowest` up.
    func mean(from lowest: Int) -> Double? {
        let total = scores.reduce(0, +)
        guard total > 0 else { return nil }
        let sum = scores.enumerated().reduce(0) { $0 + ($1.offset + lowest) * $1.element }
        return Double(sum) / Double(total)
    }

    /// How many answers a survey figure needs to be compared with another at 95 % confidence: a margin of
    /// ±10 points for NPS and CSAT, ±0.5 for mean scores (CES, custom). `nil` for process KPIs.
    ///
    /// n = z² · variance / margin², z = 1.96, with the variance of one answer taken from ``scores`` when
    /// they are given, else the worst case: NPS 1 (every answer +100 or −100), CSAT 0.25 (half satisfied),
    /// mean scores a standard deviation of 1.5.
    public func requiredSample(for kind: KPIKind) -> Int? {
        let z2 = 1.96 * 1.96
        let total = Double(scores.reduce(0, +))
        let variance: Double
        let margin: Double
        switch kind {
        case .nps:
            margin = 0.1
            if scores.count == 11, total > 0 {
                let promoters = Double(scores[9] + scores[10]) / total
                let detractors = Double(scores[0...6].reduce(0, +)) / total
                variance = max(promoters + detractors - (promoters - detractors) * (promoters - detractors), 0.01)
            } else {
                variance = 1
            }
        case .csat:
            margin = 0.1
            let share = (figure(for: .csat) ?? 50) / 100
            variance = max(share * (1 - share), 0.01)
        case .ces, .custom:
            margin = 0.5
            if let mean = mean(from: kind.lowestScore), total > 1 {
                let squares = scores.enumerated().reduce(0.0) {
                    let x = Double($1.offset + kind.lowestScore) - mean
                    return $0 + x * x * Double($1.element)
                }
                variance = max(squares / (total - 1), 0.01)
            } else {
                variance = 1.5 * 1.5
            }
        default:
            return nil
        }
        return Int((z2 * variance / (margin * margin)).rounded(.up))
    }
}

extension KPI {
    /// The current measurement: the last one.
    public var current: KPIMeasurement? { measured.last }

    /// The current figure, if measured.
    public var currentFigure: Double? { current?.figure(for: kind) }

    /// `true` when `value` misses ``target`` (below it, or above it when lower is better); `false` when
    /// either is unknown.
    public func misses(_ value: Double?) -> Bool {
        guard let value, let target else { return false }
        return kind.higherIsBetter ? value < target : value > target
    }
}
