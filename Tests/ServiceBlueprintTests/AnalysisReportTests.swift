import Foundation
import Testing
@testable import ServiceBlueprint

@Suite("Analysis report")
struct AnalysisReportTests {
    @Test func locationsComeFromTheSourceMap() throws {
        let blueprint = RuleParallelizationTests.loanApplication()
        let map = SourceMap(path: "loan.yml", locations: [["steps", 1]: SourceLocation(path: "loan.yml", line: 12, column: 5)])
        let report = Analyzer(rules: [ParallelizableChainRule()]).analyze(blueprint, sourceMap: map)
        let finding = try #require(report.findings.first)
        #expect(finding.location == SourceLocation(path: "loan.yml", line: 12, column: 5))
        #expect(finding.description.hasPrefix("loan.yml:12:5: warning: 'Check for fraud' (check-fraud) waits for"))
        #expect(finding.description.hasSuffix("10min saved. [parallelizable-chain]"))
        let unlocated = Analyzer(rules: [ParallelizableChainRule()]).analyze(blueprint).findings[0]
        #expect(unlocated.location == nil)
        #expect(unlocated.description.hasPrefix("steps[1]: warning: "))
    }

    @Test func findingsSortByPathNumericallyThenRule() {
        let steps = (0..<12).map { Fixture.step("s\($0)", "Step \($0)", .backstage) }
        let blueprint = Fixture.blueprint(
            steps: steps, journeys: [Journey(id: "j", start: "s0")])
        // Grouping off: this test is about the order of one finding per step.
        var ungrouped = AnalysisConfiguration.default
        ungrouped.groupAbove = nil
        let report = Analyzer(configuration: ungrouped, rules: [MissingOwnerRule(), MissingJourneyTargetRule(), MissingTimeStandardRule()]).analyze(blueprint)
        let order = report.findings.map { "\($0.path!) \($0.ruleID)" }
        #expect(order.prefix(5) == [
            "journeys[0] missing-journey-target", "steps[0] missing-owner", "steps[0] missing-time-standard",
            "steps[1] missing-owner", "steps[1] missing-time-standard",
        ])
        #expect(order.last == "steps[11] missing-time-standard")
    }

    @Test func deterministicAndCodable() throws {
        let blueprint = Fixture.random(seed: 42, steps: 400)
        let first = Analyzer().analyze(blueprint)
        let second = Analyzer().analyze(blueprint)
        #expect(first == second)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(first)
        #expect(data == (try encoder.encode(second)))
        #expect(try JSONDecoder().decode(AnalysisReport.self, from: data) == first)
        #expect(first.findings.count > 100)
        #expect(first.count(of: .warning) + first.count(of: .note) + first.count(of: .error) == first.findings.count)
    }

    @Test func impactAndFixEncodeReadably() throws {
        let finding = Finding(
            ruleID: "x", severity: .note, message: "m",
            fix: SuggestedFix(.removeStep(step: "a"), summary: "Remove a."),
            impact: Impact(leadTimeSaved: .minutes(10), handoffsRemoved: 2))
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(json.contains("\"leadTimeSaved\":\"10min\""))
        #expect(json.contains("\"removeStep\":{\"step\":\"a\"}"))
        #expect(finding.impact?.description == "saves 10min of lead time, removes 2 hand-offs")
    }

    @Test func invalidBlueprintsNeverCrash() {
        let broken = Fixture.blueprint(
            steps: [
                Fixture.step("a", "A", .customer, channel: .phone, needs: ["ghost-item"]),
                Fixture.step("b", "B", .backstage, actor: "ghost-actor", kind: .approval, needs: ["x"], produces: ["x"]),
                Fixture.step("c", "C", .backstage, kind: .check, needs: ["x"]),
                Fixture.step("a", "Duplicate A", .frontstage),
            ],
            flows: [
                Flow(from: "a", to: "b"), Flow(from: "b", to: "c"), Flow(from: "c", to: "b"), Flow(from: "c", to: "nowhere"),
                Flow(from: "ghost", to: "a", kind: .rework), Flow(from: "c", to: "c", kind: .rework), Flow(from: "b", to: "a", kind: .rework),
            ],
            journeys: [Journey(id: "j", start: "missing", ends: ["nowhere"], steps: ["ghost"]), Journey(id: "k", start: "a")])
        let report = Analyzer().analyze(broken)
        #expect(report.metrics.journeys.count == 2)
        #expect(report.metrics.journey("j")?.stepCount == 0)
        #expect(report.metrics.journey("k")?.unscheduledSteps == ["b", "c"])
        #expect(!report.findings.isEmpty)
        #expect(Analyzer().analyze(Blueprint(id: "empty")).findings.isEmpty)
        _ = Analyzer().toBe(broken)
    }
}
