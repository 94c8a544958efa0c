import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// The text and JSON of `blueprint simulate`. Every sentence and column heading comes from the
/// catalog (`simulate.*`); ids, numbers and JSON field names are never translated.
enum SimulationText {
    static func describe(_ report: SimulationReport, blueprint: Blueprint, path: String, language: Language = .english) -> String {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
            LocalizedText("simulate.\(key)", arguments).rendered(in: language)
        }
        var lines = [t("text.title", ["title": .verbatim(blueprint.title), "path": .verbatim(path)])]
        let demand = report.demandFactor == 1 ? "" : t("text.setup.demand", ["factor": .verbatim(number(report.demandFactor))])
        let servers = report.servers.sorted(by: { $0.key < $1.key }).map { id, count in
            t("text.setup.servers", ["station": .verbatim(id), "count": .integer(count)])
        }
        lines.append(t("text.setup", [
            "horizon": SimulationReport.durationArgument(report.horizonSeconds),
            "warmUp": SimulationReport.durationArgument(report.warmUpSeconds), "replications": .integer(report.replications),
            "seed": .verbatim(String(report.seed)), "events": .integer(report.events),
            "demand": .verbatim(demand), "servers": .verbatim(servers.joined()),
        ]))
        lines.append(t("text.figures", ["confidence": .percent(report.confidence)]))
        let findings = report.findings(in: language)
        if !findings.isEmpty {
            lines.append("")
            lines.append(contentsOf: findings.map { "  • " + $0 })
        }
        func percent(_ share: Double?) -> String { share.map { language.format(.percent($0)) } ?? "–" }
        func duration(_ seconds: Double?) -> String { seconds.map { language.format(SimulationReport.durationArgument($0)) } ?? "–" }
        if !report.journeys.isEmpty {
            lines.append("")
            // Percentile names read the same in every language.
            let header = [t("column.journey"), t("column.perDay"), "P50", "P90", "P95", t("column.targetMet"), t("column.abandoned")]
            lines += table(header, (report.journeys + report.segments).map { group in
                [
                    group.id, group.throughputPerDay.map { number($0.mean) } ?? "–",
                    duration(group.leadTimeP50?.mean), duration(group.leadTimeP90?.mean), duration(group.leadTimeP95?.mean),
                    percent(group.attainment?.mean), percent(group.abandonment?.mean),
                ]
            }, in: language)
        }
        if !report.stations.isEmpty {
            lines.append("")
            let header = ["queue", "utilization", "wait", "meanWait", "queueLength", "servedPerDay"].map { t("column.\($0)") }
            lines += table(header, report.stations.map { station in
                [
                    stationName(station, in: language), percent(station.utilization?.mean),
                    percent(station.probabilityOfWaiting?.mean), duration(station.meanWait?.mean),
                    station.meanQueueLength.map { String(format: "%.1f", $0.mean) } ?? "–",
                    station.throughputPerDay.map { number($0.mean) } ?? "–",
                ]
            }, in: language)
        }
        return lines.joined(separator: "\n")
    }

    /// The header and rows in fixed columns. English keeps its widths; other languages widen a
    /// column to keep two cells between neighbours, because `1小时14分钟` or `需等待概率` are wider than
    /// `1h 14min` or `P(wait)`.
    static func table(_ header: [String], _ rows: [[String]], in language: Language) -> [String] {
        var widths = [22, 9, 11, 11, 11, 11, 10]
        if language != .english {
            for cells in [header] + rows {
                for (k, cell) in cells.enumerated() where k > 0 && k < widths.count { widths[k] = max(widths[k], cell.terminalWidth + 2) }
            }
        }
        return ([header] + rows).map { row($0, widths: widths) }
    }

    /// The station's id, marked when it is a shared resource: `room (resource)`, `room（共享资源）`.
    static func stationName(_ station: SimulationReport.StationResult, in language: Language) -> String {
        station.isResource ? LocalizedText("simulate.resource", ["station": .verbatim(station.id)]).rendered(in: language) : station.id
    }

    /// The report as JSON with sorted keys: the same seed gives the same bytes.
    static func json(_ report: SimulationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// The cells in fixed columns, counted in terminal cells (a Chinese character takes two).
    private static func row(_ cells: [String], widths: [Int]) -> String {
        var line = "  "
        for (k, cell) in cells.enumerated() {
            let width = k < widths.count ? widths[k] : 10
            line += k == 0 ? cell.rightPadded(max(width, cell.terminalWidth + 1))
                : String(repeating: " ", count: max(1, width - cell.terminalWidth)) + cell
        }
        return line
    }

    static func number(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
