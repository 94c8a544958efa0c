import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// The customer's side of the drawing: evidence notes in the evidence lane in their step's column, the
/// servicescape row, the emotion band, personas in the title and `--journey` dimming.
@Suite("Customer side of the drawing")
struct CustomerSideDrawingTests {
    /// A small café visit with everything the customer's side draws.
    static let cafe = Blueprint(
        id: "cafe", title: "Café visit", version: "as-is",
        stages: [
            Stage(id: "order", title: "Order", goal: "Order fast", emotion: -1, painPoints: ["Long queue"],
                  momentsOfTruth: ["Greeted by name"], evidence: ["Menu board", "Queue rope"]),
            Stage(id: "wait", title: "Wait", emotion: 0),
            Stage(id: "enjoy", title: "Enjoy", emotion: 2, momentsOfTruth: ["First sip"], evidence: ["Tables and music"]),
        ],
        personas: [Persona(id: "commuter", title: "Morning commuter"), Persona(id: "student", title: "Student")],
        journeys: [
            Journey(id: "takeaway", title: "Takeaway", persona: "commuter", start: "queue", ends: ["collect"]),
            Journey(id: "stay", title: "Stay in", persona: "student", start: "queue", ends: ["sit"]),
        ],
        steps: [
            Step(id: "queue", title: "Customer queues and orders", lane: .customer, stage: "order", channel: .inPerson,
                 evidence: ["Menu board with prices", "Order number on the receipt"], emotion: -1,
                 painPoints: ["Cannot see the queue length"]),
            Step(id: "take-order", title: "Barista takes the order", lane: .frontstage, stage: "order",
                 evidence: ["Barista's name badge"]),
            Step(id: "brew", title: "Barista brews the coffee", lane: .backstage, stage: "wait"),
            Step(id: "collect", title: "Customer collects the cup", lane: .customer, stage: "wait",
                 evidence: ["Cup with the name written on it"], emotion: 0),
            Step(id: "sit", title: "Customer sits down with the cup", lane: .customer, stage: "enjoy", emotion: 2),
        ],
        flows: [
            Flow(from: "queue", to: "take-order"), Flow(from: "take-order", to: "brew"), Flow(from: "brew", to: "collect"),
            Flow(from: "collect", to: "sit"),
        ],
        evidence: ["Shop front", "Loyalty app"])

    static var topToBottom: RenderOptions {
        var options = DOTWriterGoldenTests.golden
        options.direction = .topToBottom
        return options
    }

    static var takeaway: RenderOptions {
        var options = DOTWriterGoldenTests.golden
        options.journey = "takeaway"
        return options
    }

    @Test("Golden DOT, left to right, journey highlighted") func goldenLeftToRight() throws {
        try GoldenFile.expect("customer-side", DOTWriter(options: Self.takeaway).dot(for: Self.cafe))
    }

    @Test("Golden DOT, top to bottom") func goldenTopToBottom() throws {
        try GoldenFile.expect("customer-side-top-down", DOTWriter(options: Self.topToBottom).dot(for: Self.cafe))
    }

    @Test("A blueprint without customer-side data draws no band, row or notes") func nothingModelled() {
        let dot = DOTWriter().dot(for: Fixtures.returns)
        #expect(!dot.contains("evidence-item"))
        #expect(!dot.contains("-emotion"))
        #expect(!dot.contains("-Servicescape"))
    }

    @Test("Every evidence note lies in the evidence band, in its step's column", arguments: [false, true])
    func evidenceInBandAndColumn(topDown: Bool) throws {
        let options = topDown ? Self.topToBottom : RenderOptions()
        let svg = try GraphvizRenderer.shared.render(Self.cafe, format: .svg, options: options)
        let tree = try SVGTree.parse(svg)
        let horizontal = !topDown
        let bandColor = DOTText.color(options.theme.colors(for: .evidence).band).lowercased()
        let band = try #require(tree.elements.indices.first {
            tree.elements[$0].name == "polygon" && tree.elements[$0].attributes["fill"] == bandColor
        }.flatMap { tree.boundingBox(of: $0) })
        let notes = tree.elements(withClass: "evidence-item")
        #expect(notes.count == 3)
        for note in notes {
            let id = try #require(tree.elements[note].attributes["id"])
            let stepID = String(id.dropFirst("evidence-".count))
            let noteBox = try #require(tree.descendants(of: note).compactMap { tree.boundingBox(of: $0) }.first)
            let stepGroup = try #require(tree.elements.indices.first { tree.elements[$0].attributes["id"] == "step-" + stepID })
            let stepBox = try #require(tree.descendants(of: stepGroup).compactMap { tree.boundingBox(of: $0) }.first)
            if horizontal {
                #expect(noteBox.minY >= band.minY - 0.5 && noteBox.maxY <= band.maxY + 0.5, "\(id) outside the evidence band")
                #expect(abs((noteBox.minX + noteBox.maxX) / 2 - (stepBox.minX + stepBox.maxX) / 2) < 1, "\(id) not in its step's column")
            } else {
                #expect(noteBox.minX >= band.minX - 0.5 && noteBox.maxX <= band.maxX + 0.5, "\(id) outside the evidence band")
                #expect(abs((noteBox.minY + noteBox.maxY) / 2 - (stepBox.minY + stepBox.maxY) / 2) < 1, "\(id) not in its step's row")
            }
        }
        // Each note is linked to its step.
        #expect(tree.elements(withClass: "evidence-link").count == 3)
    }

    @Test("The emotion band sits above the evidence lane and holds the curve and marks") func emotionBand() throws {
        let drawing = DOTWriter().drawing(for: Self.cafe)
        let band = try #require(drawing.layout.customerBand)
        let evidence = try #require(drawing.layout.lanes.first)
        #expect(abs(band.maxY - evidence.rect.minY) < 0.01)
        // Points: the steps with an emotion (queue −1, collect 0, sit +2), in flow order.
        #expect(drawing.customer.points.map(\.emotion) == [-1, 0, 2])
        let positions = drawing.customer.points.map { drawing.emotionPosition($0.emotion, band: band) }
        #expect(positions[0] > positions[1] && positions[1] > positions[2], "better is higher")
        for position in positions { #expect(position >= band.minY && position <= band.maxY) }
        // Labels: stage "order" lists its pain point, its moment of truth and the step's pain point.
        #expect(drawing.customer.labels[0].map(\.text) == ["Long queue", "Greeted by name", "Cannot see the queue length"])
        let background = drawing.background()
        #expect(background.contains("Customer"))
        #expect(background.contains(" B "), "the curve is a Bézier")
    }

    @Test("A stage's emotion stands in when none of its steps has one") func stageEmotion() {
        var blueprint = Self.cafe
        for index in blueprint.steps.indices { blueprint.steps[index].emotion = nil }
        let drawing = DOTWriter().drawing(for: blueprint)
        #expect(drawing.customer.points.map(\.emotion) == [-1, 0, 2])
        #expect(drawing.customer.points.map(\.anchor) == [.stage(0), .stage(1), .stage(2)])
    }

    @Test("Servicescape: blueprint and stage evidence in the row") func servicescape() throws {
        let drawing = DOTWriter().drawing(for: Self.cafe)
        #expect(drawing.layout.servicescape != nil)
        let background = drawing.background()
        #expect(background.contains("Throughout: Shop front · Loyalty app"))
        #expect(background.contains("Menu board · Queue rope"))
        #expect(background.contains("Tables and music"))
    }

    @Test("Personas in the title; the highlighted journey names its persona") func titleLine() {
        #expect(DOTWriter().drawing(for: Self.cafe).background().contains("Personas: Morning commuter · Student"))
        let highlighted = DOTWriter(options: Self.takeaway).drawing(for: Self.cafe).background()
        #expect(highlighted.contains("Journey: Takeaway · persona: Morning commuter"))
    }

    @Test("--journey dims the steps and flows off the journey, and the curve follows the journey") func journeyDims() {
        let dot = DOTWriter(options: Self.takeaway).dot(for: Self.cafe)
        // "sit" is off the takeaway journey (it ends at "collect"); the rest is on it.
        #expect(dot.contains("class=\"step lane-customer kind-action dimmed\""))
        #expect(dot.components(separatedBy: "kind-action dimmed").count - 1 == 1)
        #expect(dot.contains("class=\"flow flow-sequence dimmed\""))
        let drawing = DOTWriter(options: Self.takeaway).drawing(for: Self.cafe)
        #expect(drawing.customer.points.map(\.emotion) == [-1, 0, 2 /* the stage stands in for the dimmed step */])
        // Near miss: an unknown journey highlights nothing.
        var unknown = RenderOptions()
        unknown.journey = "no-such-journey"
        #expect(DOTWriter(options: unknown).dot(for: Self.cafe) == DOTWriter().dot(for: Self.cafe))
    }

    @Test("Same input, same text") func deterministic() {
        #expect(DOTWriter(options: Self.takeaway).dot(for: Self.cafe) == DOTWriter(options: Self.takeaway).dot(for: Self.cafe))
    }
}
