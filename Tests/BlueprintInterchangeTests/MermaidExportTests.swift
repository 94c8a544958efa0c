import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// Mermaid flowchart and journey: golden files, lane order, classes, escaping.
@Suite("Mermaid export")
struct MermaidExportTests {
    static func clinic() throws -> Blueprint {
        try BlueprintDocument.read(from: TestSupport.repositoryRoot.appendingPathComponent("blueprints/clinic-visit.yaml").path).blueprint
    }

    @Test("flowchart of the clinic visit matches its golden file")
    func flowchartGolden() throws {
        let blueprint = try Self.clinic()
        let text = MermaidExporter.flowchart(for: blueprint, findings: Analyzer().analyze(blueprint).findings)
        #expect(TestSupport.matchesGolden(text, "clinic-visit.mmd"))
    }

    @Test("journey of the clinic visit matches its golden file")
    func journeyGolden() throws {
        #expect(TestSupport.matchesGolden(MermaidExporter.journey(for: try Self.clinic()), "clinic-visit.journey.mmd"))
    }

    static let small: Blueprint = {
        var blueprint = Blueprint(id: "b", title: "Small: \"test\"", stages: [Stage(id: "s", title: "Start", emotion: -1)])
        blueprint.steps = [
            Step(id: "back", title: "Prepare", lane: .backstage, stage: "s"),
            Step(id: "ask", title: "Ask \"why\" <now>", lane: .customer, stage: "s", emotion: 2),
            Step(id: "answer", title: "Answer", lane: .frontstage, stage: "s", channel: .chat),
            Step(id: "wait", title: "Wait: a bit", lane: .customer, stage: "s", kind: .wait),
        ]
        blueprint.flows = [
            Flow(from: "ask", to: "answer"), Flow(from: "answer", to: "wait", label: "then", probability: 0.5),
            Flow(from: "back", to: "answer", kind: .information),
        ]
        return blueprint
    }()

    @Test("lanes are subgraphs in canonical order, whatever the step order")
    func laneOrder() {
        let text = MermaidExporter.flowchart(for: Self.small)
        let customer = text.range(of: "subgraph customer")?.lowerBound
        let frontstage = text.range(of: "subgraph frontstage")?.lowerBound
        let backstage = text.range(of: "subgraph backstage")?.lowerBound
        #expect(customer != nil && frontstage != nil && backstage != nil)
        if let customer, let frontstage, let backstage { #expect(customer < frontstage && frontstage < backstage) }
        #expect(!text.contains("subgraph support"))
    }

    @Test("touchpoints and findings are classes; flows keep kind, label and probability")
    func classes() {
        let finding = Finding(ruleID: "r", severity: .warning, message: "m", stepIDs: ["back"])
        let text = MermaidExporter.flowchart(for: Self.small, findings: [finding])
        #expect(text.contains("class s3 touchpoint"))
        #expect(text.contains("class s1 finding-warning"))
        #expect(!text.contains("finding-error\n  class"))
        #expect(text.contains("s3 -- \"then 50%\" --> s4"))
        #expect(text.contains("s1 -.-> s3"))
    }

    @Test("labels cannot break out of their quotes")
    func escaping() {
        let text = MermaidExporter.flowchart(for: Self.small)
        #expect(text.contains("s2[\"Ask #quot;why#quot; #lt;now#gt;\"]"))
        let journey = MermaidExporter.journey(for: Self.small)
        #expect(journey.contains("title Small  \"test\""))
        #expect(journey.contains("Wait  a bit: 2: Customer"))
    }

    @Test("journey scores come from step emotions, else the stage's")
    func scores() {
        let journey = MermaidExporter.journey(for: Self.small)
        #expect(journey.contains("Ask \"why\" <now>: 5: Customer"))
        #expect(journey.contains("section Start"))
        #expect(!journey.contains("Prepare"))
    }
}
