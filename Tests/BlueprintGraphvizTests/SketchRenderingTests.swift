import BlueprintGraphviz
import Foundation
import ServiceBlueprint
import Testing

/// Sketch-level blueprints render: steps without a stage, and undirected associations.
@Suite("Rendering sketches")
struct SketchRenderingTests {
    static let sketch = Blueprint(
        id: "sketch", stages: [Stage(id: "order", title: "Order")],
        steps: [
            Step(id: "board", title: "Menu board", lane: .evidence, stage: Stage.implicitID),
            Step(id: "order", title: "Customer orders", lane: .customer, stage: "order"),
            Step(id: "take", title: "Cashier takes the order", lane: .frontstage, stage: Stage.implicitID),
        ],
        flows: [Flow(from: "order", to: "take")],
        associations: [Association(between: "board", and: "order", label: "seen while ordering")])

    @Test func anAssociationIsADashedLineWithoutArrow() throws {
        let data = try GraphvizRenderer.shared.render(Self.sketch, format: .svg, options: RenderOptions(showLegend: false))
        let svg = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "&#45;", with: "-")
        let start = try #require(svg.range(of: "id=\"association-board--order\""))
        let rest = svg[start.upperBound...]
        let group = String(rest[..<(rest.range(of: "</g>")?.lowerBound ?? rest.endIndex)])
        #expect(group.contains("stroke-dasharray"))
        #expect(!group.contains("<polygon"), "no arrow head")
        // Only the flow has an arrow; the association is not a flow.
        #expect(svg.contains("flow-order--take--sequence"))
        #expect(!svg.contains("flow-board--order"))
    }

    @Test func stepsWithoutAStageRenderInAColumnWithoutHeader() throws {
        var blueprint = Self.sketch
        blueprint.stages = []
        blueprint.associations = []
        for index in blueprint.steps.indices { blueprint.steps[index].stage = Stage.implicitID }
        let data = try GraphvizRenderer.shared.render(blueprint, format: .svg, options: RenderOptions(showLegend: false))
        let svg = String(decoding: data, as: UTF8.self)
        #expect(svg.contains("Customer orders"))
        #expect(!svg.contains("Order<"), "no stage header text")
    }
}
