import Foundation
import ServiceBlueprint

extension SimulationReport {
    /// The report's headline results as English sentences, each with its confidence interval:
    /// "premium journey meets its 8h target in 71 % of cases (95 % CI 68–74 %)".
    ///
    /// The same as ``findingTexts`` rendered in English.
    public var findings: [String] { findings(in: .english) }

    /// The headline results in `language` (`simulate.finding.*` in the catalogs).
    /// - Parameter language: The language to write them in.
    public func findings(in language: Language) -> [String] { findingTexts.map { $0.rendered(in: language) } }

    /// The report's headline results as catalog texts, to show in any `Language` of ServiceBlueprint.
    ///
    /// In order: target attainment and lead times per journey, then per segment; abandonment and its
    /// worst hour; utilization of actors and resources above 85 % with their busiest hour; the step
    /// with the longest mean wait.
    public var findingTexts: [LocalizedText] {
        var lines: [LocalizedText] = []
        for (kind, groups) in [("journey", journeys), ("segment", segments)] {
            for group in groups {
                if let attainment = group.attainment, let target = group.targetSeconds {
                    var required: TextArgument = ""
                    if let share = group.requiredAttainment {
                        let verdict = attainment.upper < share ? "below" : attainment.lower >= share ? "above" : "indistinguishable"
                        required = .phrase(LocalizedText("simulate.finding.required.\(verdict)", ["required": .percent(share)]))
                    }
                    lines.append(LocalizedText("simulate.finding.attainment.\(kind)", [
                        "group": .verbatim(group.id), "target": Self.durationArgument(target), "share": .percent(attainment.mean),
                        "interval": interval(attainment), "required": required,
                    ]))
                }
                if let p50 = group.leadTimeP50, let p90 = group.leadTimeP90, let p95 = group.leadTimeP95 {
                    lines.append(LocalizedText("simulate.finding.leadTime.\(kind)", [
                        "group": .verbatim(group.id), "p50": duration(p50), "p90": duration(p90), "p95": duration(p95),
                    ]))
                }
                if let abandonment = group.abandonment, abandonment.mean > 0 {
                    var worstHour: TextArgument = ""
                    if let (hour, worst) = group.abandonmentByHour.enumerated().compactMap({ h, e in e.map { (h, $0) } })
                        .max(by: { $0.1.mean < $1.1.mean }), worst.mean > abandonment.mean * 1.2
                    {
                        worstHour = .phrase(LocalizedText("simulate.finding.abandonment.hour", [
                            "share": .percent(worst.mean), "from": .verbatim(Self.clock(hour)), "to": .verbatim(Self.clock(hour + 1)),
                            "interval": interval(worst),
                        ]))
                    }
                    lines.append(LocalizedText("simulate.finding.abandonment", [
                        "group": .verbatim(group.id), "share": .percent(abandonment.mean), "interval": interval(abandonment),
                        "hour": worstHour,
                    ]))
                }
            }
        }
        for station in stations {
            guard let utilization = station.utilization, utilization.mean >= 0.85 else { continue }
            var peakHour: TextArgument = ""
            if let (hour, peak) = station.utilizationByHour.enumerated().compactMap({ h, e in e.map { (h, $0) } })
                .max(by: { $0.1.mean < $1.1.mean }), peak.mean > utilization.mean + 0.02
            {
                peakHour = .phrase(LocalizedText("simulate.finding.busy.hour", [
                    "share": .percent(peak.mean), "from": .verbatim(Self.clock(hour)), "to": .verbatim(Self.clock(hour + 1)),
                ]))
            }
            lines.append(LocalizedText("simulate.finding.busy", ["station": .verbatim(station.id), "share": share(utilization), "hour": peakHour]))
        }
        for station in stations {
            guard let overtime = station.overtimeHoursPerDay, overtime.mean >= 0.5 else { continue }
            let hours = { (value: Double) in TextArgument.verbatim(String(format: "%.1f", max(0, value))) }
            lines.append(LocalizedText("simulate.finding.overtime", [
                "station": .verbatim(station.id), "hours": hours(overtime.mean), "confidence": .percent(confidence),
                "low": hours(overtime.lower), "high": hours(overtime.upper),
            ]))
        }
        if let worst = steps.filter({ ($0.meanWait?.mean ?? 0) >= 1 }).max(by: { ($0.meanWait?.mean ?? 0) < ($1.meanWait?.mean ?? 0) }),
            let wait = worst.meanWait
        {
            lines.append(LocalizedText("simulate.finding.longestWait", ["step": .verbatim(worst.id), "wait": duration(wait)]))
        }
        return lines
    }

    /// "71 % (95 % CI 68–74 %)".
    func share(_ estimate: Estimate) -> TextArgument {
        .phrase(LocalizedText("simulate.share", ["share": .percent(estimate.mean), "interval": interval(estimate)]))
    }

    /// "95 % CI 68–74 %": the lower end without its unit, as in English and Chinese ranges.
    func interval(_ estimate: Estimate) -> TextArgument {
        let low = PercentText.format(max(0, estimate.lower)).replacingOccurrences(of: " %", with: "")
        return .phrase(LocalizedText("simulate.interval", [
            "confidence": .percent(confidence), "low": .verbatim(low), "high": .percent(min(1, estimate.upper)),
        ]))
    }

    /// "2h 10min (95 % CI 2h 5min–2h 15min)".
    func duration(_ estimate: Estimate) -> TextArgument {
        guard estimate.upper > estimate.lower else { return Self.durationArgument(estimate.mean) }
        return .phrase(LocalizedText("simulate.durationInterval", [
            "duration": Self.durationArgument(estimate.mean), "confidence": .percent(confidence),
            "low": Self.durationArgument(estimate.lower), "high": Self.durationArgument(estimate.upper),
        ]))
    }

    /// A duration rounded for reading, in the file syntax: whole seconds below 10 minutes, whole
    /// minutes below 10 hours, whole hours beyond.
    package static func duration(_ seconds: Double) -> String {
        guard let rounded = rounded(seconds) else { return "∞" }
        return rounded.description
    }

    /// The same rounded duration as a catalog argument, written in the reader's units (`7d 14h`, `7天14小时`).
    package static func durationArgument(_ seconds: Double) -> TextArgument {
        rounded(seconds).map { .duration($0) } ?? .verbatim("∞")
    }

    /// `seconds` rounded as ``duration(_:)`` rounds it; `nil` for infinity.
    static func rounded(_ seconds: Double) -> BlueprintDuration? {
        guard seconds.isFinite else { return nil }
        let unit: Double = seconds < 600 ? 1 : seconds < 36_000 ? 60 : 3_600
        return BlueprintDuration(seconds: (max(0, seconds) / unit).rounded() * unit)
    }

    /// "09:00".
    static func clock(_ hour: Int) -> String { String(format: "%02d:00", hour % 24 == 0 && hour > 0 ? 24 : hour % 24) }
}
