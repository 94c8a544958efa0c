import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// The journey-map view (`render --view journey`): stages as columns; goal, actions, touchpoints, the
/// emotion curve, pain points and moments of truth, opportunities and experience KPIs as rows.
@Suite("Journey map")
struct JourneyMapTests {
    /// The café of the customer-side tests, with KPIs at a touchpoint, a stage and the journey.
    static let cafe: Blueprint = {
        var blueprint = CustomerSideDrawingTests.cafe
        blueprint.kpis = [
            // NPS from answers: 6 promoters (9–10), 2 detractors (0–6) of 10 → +40, target 50: missed.
            KPI(id: "nps", kind: .nps, journey: "takeaway", target: 50,
                measured: [KPIMeasurement(scores: [0, 0, 0, 0, 0, 1, 1, 1, 1, 3, 3], period: "2026-Q2")]),
            KPI(id: "order-csat", title: "CSAT at the counter", kind: .csat, step: "queue", target: 80,
                measured: [KPIMeasurement(value: 86)]),
            KPI(id: "wait-time", title: "Wait for the cup", kind: .responseTime, stage: "wait", target: 4),
        ]
        return blueprint
    }()

    static func map(_ blueprint: Blueprint = cafe, options: RenderOptions = DOTWriterGoldenTests.golden, analysis: BlueprintAnalysis? = nil) -> JourneyMap {
        JourneyMap(drawing: DOTWriter(options: options).basis(for: blueprint), analysis: analysis)
    }

    @Test("Golden DOT of the café's journey map") func golden() throws {
        try GoldenFile.expect("journey-map", DOTWriter(options: DOTWriterGoldenTests.golden).journeyMapDOT(for: Self.cafe))
    }

    @Test("same input, same text; with the analysis too") func deterministic() {
        let analysis = Analyzer().run(Self.cafe)
        #expect(Self.map(analysis: analysis).dot() == Self.map(analysis: analysis).dot())
    }

    @Test("every customer action and touchpoint is in its stage's column, once") func columnsHoldTheirSteps() {
        let map = Self.map()
        #expect(map.columns.map(\.title) == ["Order", "Wait", "Enjoy"])
        #expect(map.columns[0].actions.map(\.text) == ["Customer queues and orders"])
        #expect(map.columns[1].actions.map(\.text) == ["Customer collects the cup"])
        #expect(map.columns[2].actions.map(\.text) == ["Customer sits down with the cup"])
        #expect(map.columns[0].touchpoints.map(\.text) == ["in-person: Customer queues and orders"])
        #expect(map.columns[0].goal.map(\.text) == ["Order fast"])
        // Step pain points first, then the stage's; moments of truth after them, with their own mark.
        #expect(map.columns[0].painPoints.map(\.text) == ["Cannot see the queue length", "Long queue", "Greeted by name"])
        #expect(map.columns[0].painPoints.map(\.mark) == [.painPoint, .painPoint, .momentOfTruth])
    }

    @Test("the emotion curve has a point per step with an emotion, in its column, between −2 and +2") func emotionCurve() {
        let points = Self.map().points
        #expect(points.map(\.column) == [0, 1, 2])
        #expect(points.map(\.emotion) == [-1, 0, 2])
        #expect(points[0].hasPainPoint)
        #expect(points.allSatisfy { $0.position > 0 && $0.position < 1 })
    }

    @Test("KPIs: a touchpoint's and a stage's in their columns, the journey's under the row title, a missed target marked")
    func kpis() {
        let map = Self.map()
        #expect(map.columns[0].kpis.map(\.text) == ["CSAT at the counter: 86 % (target 80 %)"])
        #expect(map.columns[0].kpis.map(\.mark) == [.bullet])
        #expect(map.columns[1].kpis.map(\.text) == ["Wait for the cup: not measured (target 4 min)"])
        #expect(map.overallKPIs.map(\.text) == ["NPS: 40 (target 50)"])
        #expect(map.overallKPIs.map(\.mark) == [.missedTarget])
    }

    @Test("with a journey, only its steps appear") func journeyOnly() {
        var options = DOTWriterGoldenTests.golden
        options.journey = "takeaway"
        let map = Self.map(options: options)
        // 'sit' (the only step of "Enjoy") is not on the takeaway journey: its stage is left out.
        #expect(map.columns.map(\.title) == ["Order", "Wait"])
        #expect(map.points.count == 2)
    }

    @Test("opportunities come from findings on the customer's side, at most three a stage, the most serious first")
    func opportunities() {
        let analysis = Analyzer().run(Self.cafe)
        let map = Self.map(analysis: analysis)
        let all = map.columns.flatMap(\.opportunities)
        #expect(!all.isEmpty)
        #expect(map.columns.allSatisfy { $0.opportunities.count <= JourneyMap.opportunitiesPerStage })
        #expect(Self.map().columns.allSatisfy { $0.opportunities.isEmpty }, "no analysis, no opportunities")
        // A finding only about a backstage step is not an opportunity on the customer's side.
        var backstage = Self.cafe
        backstage.steps = backstage.steps.map { var s = $0; if s.id == "brew" { s.title = "Barista brews the coffee again" }; return s }
        let brewOnly = Analyzer().run(backstage).findings.filter { $0.stepIDs == ["brew"] }
        let texts = Set(Self.map(backstage, analysis: Analyzer().run(backstage)).columns.flatMap(\.opportunities).map(\.text))
        for finding in brewOnly {
            #expect(!texts.contains(finding.fix?.summary ?? finding.message), "\(finding.ruleID) on a backstage step became an opportunity")
        }
    }

    @Test("in Chinese, the row titles come from the catalog") func chinese() {
        var options = DOTWriterGoldenTests.golden
        options.language = .simplifiedChinese
        let dot = Self.map(options: options).dot()
        for title in ["目标", "顾客行为", "触点与渠道", "顾客情绪", "改进机会", "体验指标", "顾客旅程图"] {
            #expect(dot.contains(title), "\(title) missing")
        }
    }

    @Test("a KPI target too large for an integer is written, not trapped on") func hugeKPI() {
        var blueprint = Self.cafe
        blueprint.kpis.append(KPI(id: "huge", kind: .custom, target: 1e20))
        let map = Self.map(blueprint)
        #expect(map.overallKPIs.contains { $0.text.contains("1e+20") })
    }

    @Test("the journey's own KPIs fit the row-title column they are listed in") func overallKPIsFit() throws {
        var blueprint = Self.cafe
        blueprint.kpis += (1...3).map { KPI(id: "k\($0)", title: "Net promoter score for the whole service, measured monthly", kind: .nps, target: 40) }
        let map = Self.map(blueprint)
        let geometry = map.geometry
        let kpiRow = geometry.rows[try #require(JourneyMap.Row.allCases.firstIndex(of: .kpis))]
        let needed = map.cellHeight(map.cells(map.overallKPIs, width: map.rowTitleWidth)) + Double(map.rowTitleLines(.kpis).count) * map.lineHeight
        #expect(kpiRow.height >= needed)
        for item in map.overallKPIs {
            for line in map.itemLines(item, width: map.rowTitleWidth) {
                #expect(map.drawing.metrics.width(line, size: map.itemSize) <= map.rowTitleWidth - map.markIndent + 0.01)
            }
        }
    }

    @Test("no text is wider than its column") func textFitsColumns() {
        let map = Self.map(CustomerSideDrawingTests.cafe, analysis: Analyzer().run(Self.cafe))
        for column in map.columns {
            for row in JourneyMap.Row.allCases {
                for item in column.items(row) {
                    for line in map.itemLines(item) {
                        #expect(map.drawing.metrics.width(line, size: map.itemSize) <= map.textWidth + 0.01, "'\(line)'")
                    }
                }
            }
        }
    }
}
