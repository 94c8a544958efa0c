import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// Issue 10 (resources): large and hostile blueprints are drawn within bounded time and memory, and
/// whatever the renderer changes to get there is said, on the drawing and to the caller.
@Suite("Render limits")
struct RenderLimitsTests {
    /// Issue 10.8: orthogonal routing of thousands of steps took minutes and gigabytes. Above the limit
    /// the DOT asks for straight lines and says so; at the limit it still routes orthogonally.
    @Test func largeBlueprintsUseStraightRoutingWithANote() {
        let limit = RenderOptions.defaultOrthogonalRoutingStepLimit
        let large = GeneratedBlueprint.make(steps: limit + 1, stages: 10, seed: 3)
        let writer = DOTWriter()
        let dot = writer.dot(for: large)
        #expect(dot.contains("splines=\"line\""))
        #expect(!dot.contains("splines=\"ortho\""))
        #expect(writer.notes(for: large).map(\.code) == [.straightRouting])
        #expect(dot.contains("Note: flows are drawn as straight lines"))

        let atLimit = GeneratedBlueprint.make(steps: limit, stages: 10, seed: 3)
        #expect(writer.dot(for: atLimit).contains("splines=\"ortho\""))
        #expect(writer.notes(for: atLimit).isEmpty)
        #expect(!writer.dot(for: atLimit).contains("Note:"))

        // The caller may insist on orthogonal routing.
        var insist = RenderOptions()
        insist.orthogonalRoutingStepLimit = .max
        #expect(DOTWriter(options: insist).dot(for: large).contains("splines=\"ortho\""))
        #expect(DOTWriter(options: insist).notes(for: large).isEmpty)
    }

    /// Issue 10.10 (drawing side): a long title is shortened on the drawing, with a note; the model is not.
    @Test func longTextsAreShortenedOnTheDrawingOnly() {
        var blueprint = Fixtures.minimal
        let long = String(repeating: "word ", count: 400) + "END-OF-TITLE"
        blueprint.steps[0].title = long
        blueprint.steps[0].notes = String(repeating: "n", count: 5_000)
        let writer = DOTWriter()
        let dot = writer.dot(for: blueprint)
        #expect(!dot.contains("END-OF-TITLE"))
        #expect(!dot.contains(String(repeating: "n", count: RenderOptions.defaultMaximumTextLength + 1)))
        #expect(dot.contains(String(repeating: "n", count: RenderOptions.defaultMaximumTextLength - 1) + "…"))
        #expect(writer.notes(for: blueprint).map(\.code) == [.textShortened])
        #expect(writer.notes(for: blueprint).first?.message.hasPrefix("2 texts are longer than 1000 characters") == true)
        #expect(dot.contains("Note: 2 texts are longer"))
        #expect(blueprint.steps[0].title == long)

        // Near miss: exactly at the limit nothing is shortened.
        var exact = Fixtures.minimal
        exact.steps[0].title = String(repeating: "t", count: RenderOptions.defaultMaximumTextLength)
        #expect(writer.notes(for: exact).isEmpty)
        #expect(writer.dot(for: exact).contains(exact.steps[0].title))

        // The limit is an option.
        var options = RenderOptions()
        options.maximumTextLength = 20_000
        #expect(DOTWriter(options: options).dot(for: blueprint).contains("END-OF-TITLE"))
    }

    /// Issue 10: a step-count limit per drawing, with a clear error and an override.
    @Test func tooManyStepsIsAClearErrorBeforeGraphvizRuns() throws {
        var options = RenderOptions()
        options.maximumSteps = 10
        let blueprint = GeneratedBlueprint.make(steps: 11, stages: 2, seed: 5)
        #expect {
            try GraphvizRenderer.shared.render(blueprint, format: .svg, options: options)
        } throws: { error in
            guard let error = error as? RenderError else { return false }
            return error.code == .tooLarge
                && error.description.hasPrefix("the blueprint has 11 steps, more than one drawing may have (10)")
        }
        options.maximumSteps = 11
        let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg, options: options)
        #expect(!svg.isEmpty)
    }

    /// Issue 10 (also): a 1 000-step PNG came out 32 767 × 483 pixels with Graphviz's "scaling by 0.21"
    /// on stderr. It is refused, before Graphviz runs, with a message that suggests SVG or PDF.
    @Test func hugePNGIsRefusedWithASuggestion() throws {
        let blueprint = GeneratedBlueprint.make(steps: 1_000, stages: 40, seed: 9)
        #expect {
            try GraphvizRenderer.shared.render(blueprint, format: .png)
        } throws: { error in
            guard let error = error as? RenderError else { return false }
            return error.code == .tooLarge && error.message.contains("render it as SVG or PDF")
        }
        // Near miss: a drawing just inside the limit is checked, not refused.
        let small = try GraphvizRenderer.checkedDrawing(Fixtures.minimal, format: .png, options: .init(), overlay: nil)
        #expect(small.pageSize.width * 96 / 72 <= Double(GraphvizRenderer.maximumBitmapSide))
    }
}
