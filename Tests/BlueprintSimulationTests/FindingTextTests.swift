import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

/// The simulation's findings are catalog texts: English exactly as before, Chinese complete.
@Suite("Simulation findings in every language")
struct FindingTextTests {
    /// A report with one of each finding, its figures chosen so each sentence can be written by hand.
    static func report() -> SimulationReport {
        func e(_ mean: Double, _ lower: Double, _ upper: Double) -> Estimate { Estimate(mean: mean, lower: lower, upper: upper, replications: 10) }
        var abandonedByHour = [Estimate?](repeating: nil, count: 24)
        abandonedByHour[10] = e(0.3, 0.25, 0.35)
        var busyByHour = [Estimate?](repeating: nil, count: 24)
        busyByHour[9] = e(0.95, 0.93, 0.97)
        let journey = SimulationReport.GroupResult(
            id: "premium", targetSeconds: 8 * 3_600, requiredAttainment: 0.9, arrivals: nil, throughputPerDay: e(50, 48, 52),
            leadTimeP50: e(7_200, 7_000, 7_400), leadTimeP90: e(14_400, 14_400, 14_400), leadTimeP95: e(18_000, 17_000, 19_000),
            leadTimeMean: nil, attainment: e(0.71, 0.68, 0.74), abandonment: e(0.1, 0.08, 0.12), abandonmentByHour: abandonedByHour,
            unfinished: nil, leadTimeSample: [])
        let station = SimulationReport.StationResult(
            id: "agent", isResource: false, utilization: e(0.9, 0.88, 0.92), overtimeHoursPerDay: e(1.3, 1.1, 1.5),
            utilizationByHour: busyByHour, meanQueueLength: nil, queueLengthByHour: [], meanWait: nil, probabilityOfWaiting: nil,
            abandonment: nil, throughputPerDay: nil)
        let step = SimulationReport.StepResult(id: "answer", meanWait: e(600, 500, 700), probabilityOfWaiting: nil, abandonment: nil)
        return SimulationReport(
            blueprintID: "desk", horizonSeconds: 28 * 86_400, warmUpSeconds: 86_400, replications: 10, seed: 1, confidence: 0.95,
            events: 100, servers: [:], demandFactor: 1, journeys: [journey], segments: [], steps: [step], stations: [station])
    }

    @Test("English reads as it always did; findings is findings(in: .english)")
    func english() {
        let report = Self.report()
        #expect(report.findings == [
            "premium journey meets its 8h target in 71 % of cases (95 % CI 68–74 %), below the required 90 %",
            "premium journey lead time: P50 2h (95 % CI 1h 57min–2h 3min), P90 4h, P95 5h (95 % CI 4h 43min–5h 17min)",
            "10 % of premium customers abandon (95 % CI 8–12 %); 30 % of those arriving between 10:00 and 11:00 (95 % CI 25–35 %)",
            "agent is busy 90 % (95 % CI 88–92 %) of its time on duty, 95 % between 09:00 and 10:00",
            "agent works 1.3 server-hours a day past the end of its shifts (95 % CI 1.1–1.5)",
            "the longest mean wait is before answer: 10min (95 % CI 8min 20s–12min)",
        ])
        #expect(report.findings(in: .english) == report.findings)
        #expect(report.findingTexts.allSatisfy { $0.key.hasPrefix("simulate.finding.") })
    }

    @Test("Chinese: every sentence translated, durations and shares the Chinese way, ids as written")
    func chinese() {
        let lines = Self.report().findings(in: .simplifiedChinese)
        #expect(lines == [
            "旅程 premium 的 8小时 目标达成率为 71%（95% 置信区间 68–74%），低于要求的 90%",
            "旅程 premium 的交付周期：P50 2小时（95% 置信区间 1小时57分钟–2小时3分钟），P90 4小时，P95 5小时（95% 置信区间 4小时43分钟–5小时17分钟）",
            "premium 的顾客中有 10% 等不及而离开（95% 置信区间 8–12%）；在 10:00–11:00 到达的顾客中为 30%（95% 置信区间 25–35%）",
            "agent 忙碌时间占在岗时间的 90%（95% 置信区间 88–92%），09:00–10:00 达到 95%",
            "agent 每天在班次结束后加班 1.3 服务台小时（95% 置信区间 1.1–1.5）",
            "平均等待时间最长的是 answer 之前：10分钟（95% 置信区间 8分钟20秒–12分钟）",
        ])
        // Near miss: no English phrase is left once the ids are taken out.
        for line in lines {
            let own = line.replacingOccurrences(of: "premium", with: "").replacingOccurrences(of: "agent", with: "")
                .replacingOccurrences(of: "answer", with: "")
            #expect(!own.contains(/[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/), "\(line)")
        }
    }
}
