import Foundation
import ServiceBlueprint

/// The headline numbers of one blueprint, as shown by `report` and compared by `diff`.
struct MetricsSummary {
    var steps: Int
    /// The main journey (``BlueprintMetrics/mainJourney(of:)``).
    var main: JourneyMetrics?
    var journeys: [JourneyMetrics]
    var findingCounts: [Severity: Int]

    /// `diagnostics` are the reading and validation problems of the file: counted with the findings,
    /// as `check` counts them, so every command gives the same totals.
    init(blueprint: Blueprint, report: AnalysisReport, diagnostics: [Diagnostic] = []) {
        steps = blueprint.steps.count
        journeys = report.metrics.journeys
        main = report.metrics.mainJourney(of: blueprint)
        let severities = diagnostics.map(\.severity) + report.findings.map(\.severity)
        findingCounts = Dictionary(grouping: severities, by: { $0 }).mapValues(\.count)
    }

    func count(_ severity: Severity) -> Int { findingCounts[severity] ?? 0 }
    var touchpoints: Int { main?.touchpoints ?? 0 }
    var handoffs: Int { main?.handoffsBetweenActors ?? 0 }
    /// The main journey's lead time in `language` (`2h 15min`, `2小时15分钟`).
    func leadTimeText(in language: Language) -> String { main.map { language.duration($0.leadTime) } ?? "–" }
    /// Says which time the lead-time figures are (issue 11: every printed time says what it is).
    static func leadTimeNote(in language: Language) -> String { LocalizedText("report.leadTimeNote").rendered(in: language) }
    /// The main journey's process cycle efficiency as `language` writes shares (`22.9 %`, `22.9%`).
    func efficiencyText(in language: Language) -> String { main.map { language.format(.percent($0.processCycleEfficiency)) } ?? "–" }

    struct Row {
        var name: String
        var value: String
    }

    /// Rows for the report's metrics table: per journey lead time against target, efficiency, waits, counts.
    /// Each name and value is a whole phrase of the catalog in `language`.
    func rows(in language: Language) -> [Row] {
        func text(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
            LocalizedText("report.metric.\(key)", arguments).rendered(in: language)
        }
        var rows = [Row(name: text("steps"), value: "\(steps)")]
        for journey in journeys {
            let prefixed = journeys.count > 1 || journey.journey != nil
            func name(_ key: String) -> String {
                prefixed ? text("journey", ["journey": .verbatim(journey.title), "metric": .verbatim(text(key))]) : text(key)
            }
            var lead = language.duration(journey.leadTime)
            if let target = journey.target {
                lead = text(journey.meetsTarget == true ? "leadTime.met" : "leadTime.missed", [
                    "leadTime": .duration(journey.leadTime), "target": .duration(target),
                ])
            }
            rows.append(Row(name: name("leadTime"), value: lead))
            if let followUp = journey.followUpLeadTime {
                rows.append(Row(
                    name: name("followUpLeadTime"),
                    value: text("followUps", ["duration": .duration(followUp), "count": .integer(journey.followUps.count)])))
            }
            rows.append(Row(name: name("efficiency"), value: language.format(.percent(journey.processCycleEfficiency))))
            rows.append(Row(name: name("customerWaiting"), value: language.duration(journey.customerWaitingTime)))
            rows.append(Row(name: name("touchpoints"), value: "\(journey.touchpoints)"))
            rows.append(Row(name: name("handoffs"), value: "\(journey.handoffsBetweenActors) / \(journey.handoffsBetweenDepartments)"))
            rows.append(Row(name: name("criticalPath"), value: journey.criticalPath.joined(separator: " → ")))
        }
        rows.append(Row(name: text("findings"), value: "\(count(.error)) / \(count(.warning)) / \(count(.note))"))
        return rows
    }

    /// One metric compared between two versions: numbers for tools, text for people.
    ///
    /// JSON gets `old`, `new` and `change` as numbers in `unit` (`count`, `seconds` or `percent`;
    /// `null` when a version has no value) and the same figures as text under `display`.
    struct Delta: Encodable {
        enum Unit: String, Encodable {
            case count, seconds, percent
        }
        struct Display: Encodable {
            var old: String
            var new: String
            var change: String
        }
        var metric: String
        var unit: Unit
        var old: Double?
        var new: Double?
        var display: Display

        var change: Double? {
            guard let old, let new else { return nil }
            return new - old
        }

        enum CodingKeys: String, CodingKey {
            case metric, unit, old, new, change, display
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metric, forKey: .metric)
            try container.encode(unit, forKey: .unit)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
            try container.encode(change, forKey: .change)
            try container.encode(display, forKey: .display)
        }
    }

    /// The metrics compared; names and the text under `display` in `language` (JSON keeps English).
    static func deltas(from old: MetricsSummary, to new: MetricsSummary, language: Language = .english) -> [Delta] {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { language.cli("diff.\(key)", arguments) }
        let noChange = t("delta.noChange")
        func duration(_ name: String, _ a: BlueprintDuration?, _ b: BlueprintDuration?) -> Delta {
            let change: String
            if let a, let b {
                change = b < a ? "−\(language.duration(a - b))" : b > a ? "+\(language.duration(b - a))" : noChange
            } else { change = "–" }
            return Delta(
                metric: name, unit: .seconds, old: a?.seconds, new: b?.seconds,
                display: .init(old: a.map(language.duration) ?? "–", new: b.map(language.duration) ?? "–", change: change))
        }
        func integer(_ name: String, _ a: Int, _ b: Int) -> Delta {
            Delta(
                metric: name, unit: .count, old: Double(a), new: Double(b),
                display: .init(old: "\(a)", new: "\(b)", change: b == a ? noChange : (b > a ? "+\(b - a)" : "−\(a - b)")))
        }
        var deltas = [
            integer(t("delta.steps"), old.steps, new.steps),
            duration(t("delta.leadTime"), old.main?.leadTime, new.main?.leadTime),
            duration(t("delta.customerWaiting"), old.main?.customerWaitingTime, new.main?.customerWaitingTime),
        ]
        let oldEfficiency = old.main?.processCycleEfficiency, newEfficiency = new.main?.processCycleEfficiency
        let points = (oldEfficiency != nil && newEfficiency != nil)
            ? t("delta.points", ["points": .verbatim(String(format: "%+.1f", ((newEfficiency ?? 0) - (oldEfficiency ?? 0)) * 100))]) : "–"
        deltas.append(Delta(
            metric: t("delta.efficiency"), unit: .percent,
            old: oldEfficiency.map { $0 * 100 }, new: newEfficiency.map { $0 * 100 },
            display: .init(
                old: oldEfficiency.map { language.format(.percent($0)) } ?? "–", new: newEfficiency.map { language.format(.percent($0)) } ?? "–",
                change: points)))
        deltas.append(integer(t("delta.touchpoints"), old.touchpoints, new.touchpoints))
        deltas.append(integer(t("delta.handoffs"), old.handoffs, new.handoffs))
        deltas.append(integer(t("delta.errors"), old.count(.error), new.count(.error)))
        deltas.append(integer(t("delta.warnings"), old.count(.warning), new.count(.warning)))
        deltas.append(integer(t("delta.notes"), old.count(.note), new.count(.note)))
        return deltas
    }
}
