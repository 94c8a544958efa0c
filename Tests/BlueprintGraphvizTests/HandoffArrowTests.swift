import BlueprintGraphviz
import Foundation
import ServiceBlueprint
import Testing

/// Graphviz 2.42's orthogonal router swaps the ends of `dir=both` edges; the writer compensates so
/// a hand-off's dot sits at its source and its arrow at its target, whatever the routing.
@Suite("Hand-off arrows point the right way")
struct HandoffArrowTests {
    @Test(arguments: [EdgeRouting.orthogonal, .straight])
    func dotAtSourceArrowAtTarget(routing: EdgeRouting) throws {
        let blueprint = Blueprint(
            id: "handoff", stages: [Stage(id: "s")],
            steps: [
                Step(id: "left", title: "Agent prepares", lane: .backstage, stage: "s"),
                Step(id: "right", title: "Billing codes", lane: .backstage, stage: "s"),
            ],
            flows: [Flow(from: "left", to: "right", kind: .handoff)])
        let data = try GraphvizRenderer.shared.render(blueprint, format: .svg, options: RenderOptions(edgeRouting: routing, showLegend: false))
        let svg = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "&#45;", with: "-")
        let start = try #require(svg.range(of: "flow-left--right--handoff"))
        let rest = svg[start.upperBound...]
        let group = String(rest[..<(rest.range(of: "</g>")?.lowerBound ?? rest.endIndex)])
        /// The text of attribute `name` on the first `element` in the edge's group.
        func attribute(_ name: String, of element: String) -> String? {
            guard let tag = group.range(of: "<\(element) ") else { return nil }
            let tail = group[tag.upperBound...]
            guard let attribute = tail.range(of: "\(name)=\"") else { return nil }
            return String(tail[attribute.upperBound...].prefix { $0 != "\"" })
        }
        let dotX = try #require(attribute("cx", of: "ellipse").flatMap(Double.init))
        let points = try #require(attribute("points", of: "polygon"))
            .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        let arrowX = try #require(stride(from: 0, to: points.count, by: 2).map { points[$0] }.max())
        #expect(dotX < arrowX, "the dot (x \(dotX)) belongs at the source on the left, the arrow (x \(arrowX)) at the target")
    }
}
