import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// Hand-written SVG charts of a simulation: utilization by hour of the day per queue, and each
/// journey's lead-time histogram against its target. Text goes through ``HTML`` interpolation, so
/// ids are escaped by construction, and comes from the catalog (`simulate.chart.*`) in the reader's
/// language; files are written atomically.
enum SimulationCharts {
    static let width = 720.0
    static let font = "font-family=\"DejaVu Sans, Noto Sans CJK SC, sans-serif\""

    /// Writes the charts into `directory` (created if needed); returns the paths written.
    static func write(_ report: SimulationReport, blueprint: Blueprint, to directory: String, language: Language = .english) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        if !report.stations.isEmpty {
            let path = (directory as NSString).appendingPathComponent("\(OutputFileName.safeStem(blueprint.id)).utilization.svg")
            try AtomicFile.write(utilization(report, language: language).description, to: path)
            written.append(path)
        }
        for journey in report.journeys where !journey.leadTimeSample.isEmpty {
            let name = "\(OutputFileName.safeStem(blueprint.id)).\(OutputFileName.safeStem(journey.id)).lead-time.svg"
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.write(histogram(journey, confidence: report.confidence, language: language).description, to: path)
            written.append(path)
        }
        return written
    }

    /// One panel per queue: 24 bars of mean utilization with the confidence interval as a whisker.
    static func utilization(_ report: SimulationReport, language: Language = .english) -> HTML {
        func t(_ key: String, _ arguments: [String: TextArgument]) -> String { LocalizedText("simulate.chart.\(key)", arguments).rendered(in: language) }
        let panelHeight = 150.0, top = 40.0, left = 60.0, plotWidth = width - left - 20
        let height = top + Double(report.stations.count) * (panelHeight + 30) + 10
        var parts: [HTML] = [
            "<text x=\"\(fmt(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(t("utilization", ["confidence": .percent(report.confidence)]))</text>"
        ]
        for (k, station) in report.stations.enumerated() {
            let y0 = top + Double(k) * (panelHeight + 30) + 18
            let peak = max(1, station.utilizationByHour.compactMap { $0?.upper }.max() ?? 1)
            let scale = (panelHeight - 20) / peak
            let base = y0 + panelHeight - 20
            let overall: TextArgument = station.utilization.map { .percent($0.mean) } ?? "–"
            let label = t("utilization.station", ["station": .verbatim(SimulationText.stationName(station, in: language)), "share": overall])
            parts.append("<text x=\"\(fmt(left))\" y=\"\(fmt(y0 - 4))\" font-size=\"12\">\(label)</text>")
            parts.append("<line x1=\"\(fmt(left))\" y1=\"\(fmt(base))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(base))\" stroke=\"#444\"/>")
            let full = base - scale
            parts.append("<line x1=\"\(fmt(left))\" y1=\"\(fmt(full))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(full))\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>")
            parts.append("<text x=\"\(fmt(left - 6))\" y=\"\(fmt(full + 4))\" font-size=\"10\" text-anchor=\"end\">\(language.format(.percent(1)))</text>")
            parts.append("<text x=\"\(fmt(left - 6))\" y=\"\(fmt(base + 4))\" font-size=\"10\" text-anchor=\"end\">0</text>")
            let slot = plotWidth / 24
            for (h, estimate) in station.utilizationByHour.enumerated() {
                let x = left + Double(h) * slot
                if h % 3 == 0 {
                    parts.append("<text x=\"\(fmt(x + slot / 2))\" y=\"\(fmt(base + 14))\" font-size=\"10\" text-anchor=\"middle\">\(String(format: "%02d", h))</text>")
                }
                guard let estimate else { continue }
                let barTop = base - estimate.mean * scale
                let color = estimate.mean >= 0.85 ? "#d9822b" : "#4a7fb5"
                parts.append("<rect x=\"\(fmt(x + 2))\" y=\"\(fmt(barTop))\" width=\"\(fmt(slot - 4))\" height=\"\(fmt(base - barTop))\" fill=\"\(color)\"><title>\(String(format: "%02d:00", h)) \(language.format(.percent(estimate.mean)))</title></rect>")
                if estimate.upper > estimate.lower {
                    let cx = x + slot / 2
                    parts.append("<line x1=\"\(fmt(cx))\" y1=\"\(fmt(base - estimate.upper * scale))\" x2=\"\(fmt(cx))\" y2=\"\(fmt(base - max(0, estimate.lower) * scale))\" stroke=\"#222\"/>")
                }
            }
        }
        return document(width: width, height: height, parts)
    }

    /// The first replication's lead times in 30 bins, with the target as a line.
    static func histogram(_ journey: SimulationReport.GroupResult, confidence: Double, language: Language = .english) -> HTML {
        func t(_ key: String, _ arguments: [String: TextArgument]) -> String { LocalizedText("simulate.chart.\(key)", arguments).rendered(in: language) }
        func duration(_ seconds: Double) -> String { language.format(SimulationReport.durationArgument(seconds)) }
        let height = 300.0, top = 50.0, left = 60.0, bottom = 40.0, plotWidth = width - left - 20
        let sample = journey.leadTimeSample
        let highest = max(sample.last ?? 1, (journey.targetSeconds ?? 0) * 1.1, 1)
        let bins = 30
        var counts = [Int](repeating: 0, count: bins)
        for value in sample { counts[min(bins - 1, Int(value / highest * Double(bins)))] += 1 }
        let peak = Double(max(1, counts.max() ?? 1))
        let plotHeight = height - top - bottom
        let base = top + plotHeight
        var parts: [HTML] = [
            "<text x=\"\(fmt(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(t("leadTime", ["journey": .verbatim(journey.id)]))</text>"
        ]
        if let attainment = journey.attainment {
            parts.append("<text x=\"\(fmt(left))\" y=\"42\" font-size=\"12\">\(t("withinTarget", ["share": .percent(attainment.mean), "confidence": .percent(confidence), "low": .percent(max(0, attainment.lower)), "high": .percent(min(1, attainment.upper))]))</text>")
        }
        let slot = plotWidth / Double(bins)
        for (k, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / peak * plotHeight
            let start = Double(k) * highest / Double(bins)
            let fill = journey.targetSeconds.map { start + highest / Double(bins) <= $0 } ?? true ? "#4a7fb5" : "#d9822b"
            parts.append("<rect x=\"\(fmt(left + Double(k) * slot + 1))\" y=\"\(fmt(base - barHeight))\" width=\"\(fmt(slot - 2))\" height=\"\(fmt(barHeight))\" fill=\"\(fill)\"><title>\(duration(start))–\(duration(start + highest / Double(bins))): \(count)</title></rect>")
        }
        parts.append("<line x1=\"\(fmt(left))\" y1=\"\(fmt(base))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(base))\" stroke=\"#444\"/>")
        for k in 0...5 {
            let value = highest * Double(k) / 5
            let x = left + plotWidth * Double(k) / 5
            // A label that would run past the right edge (a wide Chinese duration) ends at its tick instead.
            let label = duration(value), overflows = k == 5 && Double(label.terminalWidth) * 2.75 > width - x
            parts.append("<text x=\"\(fmt(x))\" y=\"\(fmt(base + 16))\" font-size=\"10\" text-anchor=\"\(overflows ? "end" : "middle")\">\(label)</text>")
        }
        if let target = journey.targetSeconds {
            let x = left + target / highest * plotWidth
            parts.append("<line x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(base))\" stroke=\"#c33\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>")
            parts.append("<text x=\"\(fmt(x + 4))\" y=\"\(fmt(top + 12))\" font-size=\"11\" fill=\"#c33\">\(t("target", ["target": SimulationReport.durationArgument(target)]))</text>")
        }
        parts.append("<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(height - 6))\" font-size=\"11\" text-anchor=\"middle\">\(t("axis", ["count": .integer(sample.count)]))</text>")
        return document(width: width, height: height, parts)
    }

    private static func document(width: Double, height: Double, _ parts: [HTML]) -> HTML {
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" \(font)>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        return HTML(trustedMarkup: header) + HTML.joined(parts, separator: "\n") + "\n</svg>\n"
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
