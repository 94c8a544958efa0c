import Foundation
import ServiceBlueprint

extension SimulationReport {
    /// The report's headline results as sentences, each with its confidence interval:
    /// "premium journey meets its 8h target in 71 % of cases (95 % CI 68–74 %)".
    ///
    /// In order: target attainment and lead times per journey, then per segment; abandonment and its
    /// worst hour; utilization of actors and resources above 85 % with their busiest hour; the step
    /// with the longest mean wait.
    public var findings: [String] {
        var lines: [String] = []
        for (kind, groups) in [("journey", journeys), ("segment", segments)] {
            for group in groups {
                if let attainment = group.attainment, let target = group.targetSeconds {
                    var line = "\(group.id) \(kind) meets its \(Self.duration(target)) target in \(PercentText.format(attainment.mean)) of cases (\(interval(attainment)))"
                    if let required = group.requiredAttainment {
                        line += attainment.upper < required ? ", below the required \(PercentText.format(required))"
                            : attainment.lower >= required ? ", above the required \(PercentText.format(required))"
                            : ", not distinguishable from the required \(PercentText.format(required))"
                    }
                    lines.append(line)
                }
                if let p50 = group.leadTimeP50, let p90 = group.leadTimeP90, let p95 = group.leadTimeP95 {
                    lines.append(
                        "\(group.id) \(kind) lead time: P50 \(duration(p50)), P90 \(duration(p90)), P95 \(duration(p95))")
                }
                if let abandonment = group.abandonment, abandonment.mean > 0 {
                    var line = "\(PercentText.format(abandonment.mean)) of \(group.id) customers abandon (\(interval(abandonment)))"
                    if let (hour, worst) = group.abandonmentByHour.enumerated().compactMap({ h, e in e.map { (h, $0) } })
                        .max(by: { $0.1.mean < $1.1.mean }), worst.mean > abandonment.mean * 1.2
                    {
                        line += "; \(PercentText.format(worst.mean)) of those arriving between \(Self.clock(hour)) and "
                            + "\(Self.clock(hour + 1)) (\(interval(worst)))"
                    }
                    lines.append(line)
                }
            }
        }
        for station in stations {
            guard let utilization = station.utilization, utilization.mean >= 0.85 else { continue }
            var line = "\(station.id) is busy \(share(utilization)) of its time on duty"
            if let (hour, peak) = station.utilizationByHour.enumerated().compactMap({ h, e in e.map { (h, $0) } })
                .max(by: { $0.1.mean < $1.1.mean }), peak.mean > utilization.mean + 0.02
            {
                line += ", \(PercentText.format(peak.mean)) between \(Self.clock(hour)) and \(Self.clock(hour + 1))"
            }
            lines.append(line)
        }
        for station in stations {
            guard let overtime = station.overtimeHoursPerDay, overtime.mean >= 0.5 else { continue }
            let hours = { (value: Double) in String(format: "%.1f", max(0, value)) }
            lines.append(
                "\(station.id) works \(hours(overtime.mean)) server-hours a day past the end of its shifts "
                    + "(\(PercentText.format(confidence)) CI \(hours(overtime.lower))–\(hours(overtime.upper)))")
        }
        if let worst = steps.filter({ ($0.meanWait?.mean ?? 0) >= 1 }).max(by: { ($0.meanWait?.mean ?? 0) < ($1.meanWait?.mean ?? 0) }),
            let wait = worst.meanWait
        {
            lines.append("the longest mean wait is before \(worst.id): \(duration(wait))")
        }
        return lines
    }

    /// "71 % (95 % CI 68–74 %)".
    func share(_ estimate: Estimate) -> String { "\(PercentText.format(estimate.mean)) (\(interval(estimate)))" }

    /// "95 % CI 68–74 %".
    func interval(_ estimate: Estimate) -> String {
        let low = PercentText.format(max(0, estimate.lower)).replacingOccurrences(of: " %", with: "")
        return "\(PercentText.format(confidence)) CI \(low)–\(PercentText.format(min(1, estimate.upper)))"
    }

    /// "2h 10min (95 % CI 2h 5min–2h 15min)".
    func duration(_ estimate: Estimate) -> String {
        guard estimate.upper > estimate.lower else { return Self.duration(estimate.mean) }
        return "\(Self.duration(estimate.mean)) (\(PercentText.format(confidence)) CI "
            + "\(Self.duration(estimate.lower))–\(Self.duration(estimate.upper)))"
    }

    /// A duration rounded for reading, in the file syntax: whole seconds below 10 minutes, whole
    /// minutes below 10 hours, whole hours beyond.
    package static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "∞" }
        let unit: Double = seconds < 600 ? 1 : seconds < 36_000 ? 60 : 3_600
        return BlueprintDuration(seconds: (max(0, seconds) / unit).rounded() * unit).description
    }

    /// "09:00".
    static func clock(_ hour: Int) -> String { String(format: "%02d:00", hour % 24 == 0 && hour > 0 ? 24 : hour % 24) }
}
