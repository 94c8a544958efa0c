import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Checks the picture's structure on the rendered SVG, since looking at it cannot run in CI: lane bands in
/// canonical order, every step inside its lane band and its stage column, no overlapping cards, and the
/// three lines between the right bands.
@Suite("Blueprint layout structure in SVG")
struct LayoutStructureTests {
    struct Box {
        var minX: Double
        var minY: Double
        var maxX: Double
        var maxY: Double
        var midX: Double { (minX + maxX) / 2 }
        var midY: Double { (minY + maxY) / 2 }

        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX - 0.01 && other.minX < maxX - 0.01 && minY < other.maxY - 0.01 && other.minY < maxY - 0.01
        }
    }

    static var cases: [(String, RenderOptions, RenderOverlay?)] {
        var topDown = RenderOptions()
        topDown.direction = .topToBottom
        var bare = RenderOptions(theme: .monochrome)
        bare.showTimes = false
        bare.showStandards = false
        bare.showBadges = false
        bare.showLegend = false
        bare.showTitle = false
        bare.edgeRouting = .straight
        return [
            ("left to right", RenderOptions(), nil),
            ("left to right with overlay", RenderOptions(), Fixtures.repairOverlay),
            ("top to bottom", topDown, nil),
            ("top to bottom with overlay", topDown, Fixtures.repairOverlay),
            ("monochrome, nothing optional, straight flows", bare, nil),
        ]
    }

    @Test("Repair blueprint", arguments: 0..<5) func repair(caseIndex: Int) throws {
        let (name, options, overlay) = Self.cases[caseIndex]
        try checkStructure(of: Fixtures.repair, options: options, overlay: overlay, name: name)
    }

    @Test("Generated blueprints", arguments: [7, 21, 42]) func generated(seed: UInt64) throws {
        let blueprint = GeneratedBlueprint.make(steps: 60, stages: 5, seed: seed)
        try checkStructure(of: blueprint, options: RenderOptions(), overlay: nil, name: "seed \(seed)")
        var topDown = RenderOptions()
        topDown.direction = .topToBottom
        try checkStructure(of: blueprint, options: topDown, overlay: nil, name: "seed \(seed) top to bottom")
    }

    private func checkStructure(
        of blueprint: Blueprint, options: RenderOptions, overlay: RenderOverlay?, name: String
    ) throws {
        let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg, options: options, overlay: overlay)
        let tree = try SVGTree.parse(svg)
        // Graphviz writes colours in lower case.
        let theme = options.theme
        let horizontal = options.direction == .leftToRight
        func box(_ index: Int) -> Box? {
            tree.boundingBox(of: index).map { Box(minX: $0.minX, minY: $0.minY, maxX: $0.maxX, maxY: $0.maxY) }
        }
        let polygons = tree.elements.indices.filter { tree.elements[$0].name == "polygon" }

        // Lane bands: the one polygon per lane filled with the lane's band colour.
        var bands: [Lane: Box] = [:]
        for lane in Lane.allCases {
            let color = DOTText.color(theme.colors(for: lane).band).lowercased()
            let matches = polygons.filter { tree.elements[$0].attributes["fill"] == color }
            #expect(matches.count == 1, "\(name): \(matches.count) bands for \(lane)")
            bands[lane] = matches.first.flatMap(box)
        }
        // Canonical order, adjacent, no overlap: top to bottom (columns left to right when time runs down).
        for (upper, lower) in zip(Lane.allCases, Lane.allCases.dropFirst()) {
            let a = try #require(bands[upper])
            let b = try #require(bands[lower])
            if horizontal {
                #expect(abs(a.maxY - b.minY) < 0.5, "\(name): \(upper) band does not end where \(lower) begins")
            } else {
                #expect(abs(a.maxX - b.minX) < 0.5, "\(name): \(upper) band does not end where \(lower) begins")
            }
        }

        // Stage columns: the header boxes, in stage order along the flow axis.
        let headerFill = DOTText.color(theme.stageHeaderFill).lowercased()
        let headers = polygons.filter { tree.elements[$0].attributes["fill"] == headerFill }.compactMap(box)
            .filter { $0.maxX - $0.minX > 40 && $0.maxY - $0.minY > 20 }  // not arrowheads of the same colour
            .sorted { horizontal ? $0.minX < $1.minX : $0.minY < $1.minY }
        let stageIDs = BlueprintScene(blueprint).stages.map(\.id)
        #expect(headers.count == stageIDs.count, "\(name): \(headers.count) headers for \(stageIDs.count) stages")

        // Steps: inside their band and column, never overlapping.
        let stepGroups = tree.elements(withClass: "step")
        #expect(stepGroups.count == Set(blueprint.steps.map(\.id)).count)
        var cards: [(id: String, box: Box)] = []
        for group in stepGroups {
            let shapes = tree.descendants(of: group).compactMap(box)
            let outline = try #require(shapes.first, "\(name): step without outline")
            let id = try #require(tree.elements[group].attributes["id"])
            let step = try #require(blueprint.steps.first { "step-" + DOTText.token($0.id) == id })
            let band = try #require(bands[step.lane])
            if horizontal {
                #expect(outline.minY >= band.minY - 0.5 && outline.maxY <= band.maxY + 0.5, "\(name): \(step.id) outside its lane")
            } else {
                #expect(outline.minX >= band.minX - 0.5 && outline.maxX <= band.maxX + 0.5, "\(name): \(step.id) outside its lane")
            }
            let stageIndex = try #require(stageIDs.firstIndex(of: step.stage))
            if headers.indices.contains(stageIndex) {
                let header = headers[stageIndex]
                if horizontal {
                    #expect(outline.midX > header.minX && outline.midX < header.maxX, "\(name): \(step.id) outside its stage column")
                } else {
                    #expect(outline.midY > header.minY && outline.midY < header.maxY, "\(name): \(step.id) outside its stage row")
                }
            }
            // Every shape of the card (badges, cells) lies within the outline.
            for shape in shapes.dropFirst() {
                #expect(shape.minX >= outline.minX - 1 && shape.maxX <= outline.maxX + 1
                        && shape.minY >= outline.minY - 1 && shape.maxY <= outline.maxY + 1,
                        "\(name): content of \(step.id) spills out of its card")
            }
            cards.append((step.id, outline))
        }
        for first in cards.indices {
            for second in cards.indices where second > first {
                #expect(!cards[first].box.overlaps(cards[second].box), "\(name): \(cards[first].id) overlaps \(cards[second].id)")
            }
        }

        // The three lines: full-length polylines in the line's colour on the boundary between its two lanes.
        let polylines = tree.elements.indices.filter { tree.elements[$0].name == "polyline" }
        for line in BlueprintLine.allCases {
            let color = DOTText.color(theme.color(for: line)).lowercased()
            let above = try #require(bands[line.laneAbove])
            let below = try #require(bands[line.laneBelow])
            let boundary = horizontal ? below.minY : below.minX
            let found = polylines.compactMap { index -> Box? in
                guard tree.elements[index].attributes["stroke"] == color, let shape = box(index) else { return nil }
                return shape
            }.filter { shape in
                horizontal
                    ? abs(shape.minY - boundary) < 0.5 && abs(shape.maxY - boundary) < 0.5 && shape.maxX - shape.minX >= above.maxX - above.minX - 1
                    : abs(shape.minX - boundary) < 0.5 && abs(shape.maxX - boundary) < 0.5 && shape.maxY - shape.minY >= above.maxY - above.minY - 1
            }
            #expect(found.count == 1, "\(name): \(line) not found on the \(line.laneAbove)/\(line.laneBelow) boundary")
        }
    }
}
