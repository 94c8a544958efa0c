import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// The text and JSON of `blueprint simulate`.
enum SimulationText {
    static func describe(_ report: SimulationReport, blueprint: Blueprint, path: String) -> String {
        var lines = ["\(blueprint.title) (\(path))"]
        var setup = "  simulated \(duration(report.horizonSeconds)) after a \(duration(report.warmUpSeconds)) warm-up, "
            + "\(report.replications) replications, seed \(report.seed), \(report.events) events"
        if report.demandFactor != 1 { setup += ", demand ×\(number(report.demandFactor))" }
        for (id, count) in report.servers.sorted(by: { $0.key < $1.key }) { setup += ", \(id) = \(count) servers" }
        lines.append(setup)
        lines.append("  figures: simulated (mean of the replications, \(PercentText.format(report.confidence)) confidence interval)")
        let findings = report.findings
        if !findings.isEmpty {
            lines.append("")
            lines.append(contentsOf: findings.map { "  • " + $0 })
        }
        if !report.journeys.isEmpty {
            lines.append("")
            lines.append(row(["journey", "per day", "P50", "P90", "P95", "target met", "abandoned"]))
            for group in report.journeys + report.segments {
                lines.append(row([
                    group.id, group.throughputPerDay.map { number($0.mean) } ?? "–",
                    group.leadTimeP50.map { duration($0.mean) } ?? "–", group.leadTimeP90.map { duration($0.mean) } ?? "–",
                    group.leadTimeP95.map { duration($0.mean) } ?? "–", PercentText.format(group.attainment?.mean),
                    PercentText.format(group.abandonment?.mean),
                ]))
            }
        }
        if !report.stations.isEmpty {
            lines.append("")
            lines.append(row(["queue", "utilization", "P(wait)", "mean wait", "queue", "served/day"]))
            for station in report.stations {
                lines.append(row([
                    station.id + (station.isResource ? " (resource)" : ""), PercentText.format(station.utilization?.mean),
                    PercentText.format(station.probabilityOfWaiting?.mean), station.meanWait.map { duration($0.mean) } ?? "–",
                    station.meanQueueLength.map { String(format: "%.1f", $0.mean) } ?? "–",
                    station.throughputPerDay.map { number($0.mean) } ?? "–",
                ]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON with sorted keys: the same seed gives the same bytes.
    static func json(_ report: SimulationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [22, 9, 11, 11, 11, 11, 10]
        var line = "  "
        for (k, cell) in cells.enumerated() {
            let width = k < widths.count ? widths[k] : 10
            line += k == 0 ? cell.padding(toLength: max(width, cell.count + 1), withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(1, width - cell.count)) + cell
        }
        return line
    }

    static func duration(_ seconds: Double) -> String { SimulationReport.duration(seconds) }

    static func number(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
