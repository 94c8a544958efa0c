import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// One analysis run per blueprint: the findings overlay and the drawing reuse the run's graph and
/// capacity analysis instead of rebuilding them (issue 12).
@Suite struct AnalysisRunRenderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ name: String) throws -> Blueprint {
        try BlueprintDocument.read(from: packageRoot.appendingPathComponent("blueprints/\(name)").path).blueprint
    }

    /// Runs `body` with fresh counters and returns them.
    static func counting(_ body: () async throws -> Void) async rethrows -> WorkCounters {
        let counters = WorkCounters()
        try await WorkCounters.$current.withValue(counters) { try await body() }
        return counters
    }

    @Test("a findings render builds one graph and runs capacity once", arguments: ["after-sales-repair.yaml", "clinic-visit.yaml"])
    func oneGraphOneCapacityRun(file: String) async throws {
        let blueprint = try Self.read(file)
        var svg = Data()
        let counters = try await Self.counting {
            let analysis = Analyzer().run(blueprint)
            svg = try await GraphvizRenderer.shared.render(analysis, format: .svg, options: RenderOptions())
        }
        #expect(!svg.isEmpty)
        #expect(counters.graphBuilds == 1)
        #expect(counters.capacityRuns == 1)
    }

    @Test("the DOT of a run builds one graph and runs capacity once")
    func dotOfRun() async throws {
        let blueprint = try Self.read("after-sales-repair.yaml")
        let counters = await Self.counting {
            _ = DOTWriter().dot(for: Analyzer().run(blueprint))
        }
        #expect(counters.graphBuilds == 1)
        #expect(counters.capacityRuns == 1)
    }

    /// The counters see every build: the old way (analysis, a capacity analysis for the heat, and a
    /// drawing that builds its own graph) counts three graphs and two capacity runs.
    @Test("the counters count every build")
    func countersSeeSeparateBuilds() async throws {
        let blueprint = try Self.read("after-sales-repair.yaml")
        let counters = await Self.counting {
            let report = Analyzer().analyze(blueprint)
            _ = CapacityAnalysis(blueprint)
            _ = DOTWriter().dot(for: blueprint, overlay: RenderOverlay(heat: [report.blueprintID: .init(value: 0.5)]))
        }
        #expect(counters.graphBuilds == 3)
        #expect(counters.capacityRuns == 2)
    }

    @Test("the overlay of a run carries heat, the main journey's critical path and finding badges")
    func overlayOfRun() throws {
        let analysis = Analyzer().run(try Self.read("after-sales-repair.yaml"))
        let overlay = RenderOverlay(analysis: analysis)
        #expect(!overlay.heat.isEmpty)
        #expect(overlay.heat.values.allSatisfy { $0.label.hasSuffix("busy") })
        #expect(overlay.criticalSteps == Set(analysis.mainJourney?.criticalPath ?? []))
        #expect(!overlay.criticalSteps.isEmpty)
        #expect(!overlay.findings.isEmpty)
    }

    /// A rule whose family is not what its id prefix says.
    struct FamilyRule: BlueprintRule {
        var id: String
        var family: RuleFamily
        let title = "Test rule"
        let defaultSeverity = Severity.warning
        let rationale = "Test."
        let howToFix = "Test."
        func analyze(_ context: AnalysisContext) -> [ServiceBlueprint.Finding] {
            guard let first = context.graph.index(of: "b") else { return [] }
            return [context.finding("repeats a", steps: [first])]
        }
    }

    @Test("the overlay sorts findings by rule family, not by id prefix")
    func overlayFiltersByFamily() {
        let blueprint = Blueprint(
            id: "family", title: "Family",
            stages: [Stage(id: "s", title: "S")],
            steps: [
                Step(id: "a", title: "A", lane: .frontstage, stage: "s"),
                Step(id: "b", title: "B", lane: .frontstage, stage: "s"),
            ],
            flows: [Flow(from: "a", to: "b")])
        let redundantByFamily = FamilyRule(id: "acme-repeat", family: .redundant)
        let redundantByPrefixOnly = FamilyRule(id: "redundant-lookalike", family: .custom)
        let marked = RenderOverlay(analysis: Analyzer(rules: [redundantByFamily]).run(blueprint))
        #expect(marked.redundant["b"] == "repeats a")
        let unmarked = RenderOverlay(analysis: Analyzer(rules: [redundantByPrefixOnly]).run(blueprint))
        #expect(unmarked.redundant.isEmpty)
        #expect(unmarked.findings["b"]?.map(\.message) == ["redundant-lookalike"])
    }
}
