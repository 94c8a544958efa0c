import Foundation
import Testing

@testable import ServiceBlueprint

/// The validator resolves each reference once (``ValidationRun/References``) and compares flows by
/// step positions where that is the same as comparing their ids `from->to` as text.
@Suite("Validation references")
struct ValidationReferencesTests {
    /// A blueprint with steps `ids` (lane customer, no stage) and flows `from → to`.
    private func blueprint(steps ids: [String], flows: [(String, String)]) -> Blueprint {
        Blueprint(
            id: "t", steps: ids.map { Step(id: $0, title: $0, lane: .customer, stage: Stage.implicitID) },
            flows: flows.map { Flow(from: $0.0, to: $0.1) })
    }

    private func references(of blueprint: Blueprint) -> ValidationRun.References {
        var run = ValidationRun(validator: BlueprintValidator(blueprint: blueprint))
        run.indexIDs()
        run.resolveReferences()
        return run.references
    }

    @Test("flows resolve to step positions; a repeated pair points at its first flow, per source")
    func firstFlowsByPosition() {
        let references = references(
            of: blueprint(
                steps: ["a", "b", "c"],
                flows: [("a", "b"), ("b", "c"), ("a", "c"), ("a", "b"), ("x", "b"), ("b", "c"), ("x", "b"), ("c", "a")]))
        #expect(references.flowSources == [0, 1, 0, 0, -1, 1, -1, 2])
        #expect(references.flowTargets == [1, 2, 2, 1, 1, 2, 1, 0])
        #expect(references.firstFlows == [0, 1, 2, 0, 4, 1, 4, 7])
    }

    @Test("ids with '>' meet across different ends: 'a->b' + 'c' is 'a' + 'b->c'")
    func arrowInsideAnID() {
        let references = references(
            of: blueprint(steps: ["a", "a->b", "c", "b->c"], flows: [("a->b", "c"), ("a", "b->c"), ("a", "c")]))
        #expect(references.firstFlows == [0, 0, 2])
        let text = """
            id: t
            title: T
            steps:
              - {id: a, title: A, lane: customer}
              - {id: 'a->b', title: B, lane: customer}
              - {id: c, title: C, lane: customer}
              - {id: 'b->c', title: D, lane: customer}
            flows:
              - {from: 'a->b', to: c}
              - {from: a, to: 'b->c'}

            """
        #expect(diagnosticLines(text).contains("10:5: error: duplicate flow 'a' -> 'b->c' (first defined at line 9)"))
    }

    @Test("'≯' decomposes to '>' and a combining mark, so it splits ids too")
    func notGreaterThanInsideAnID() {
        // "x-≯" + "->" + "\u{338}y" and "x" + "->" + "\u{338}-≯y" are canonically the same text.
        let steps = ["x", "x-\u{226F}", "\u{338}y", "\u{338}-\u{226F}y"]
        let references = references(of: blueprint(steps: steps, flows: [(steps[1], steps[2]), (steps[0], steps[3])]))
        #expect(references.firstFlows == [0, 0])
        #expect(ValidationRun.mayContainArrow("x-\u{226F}"))
        #expect(ValidationRun.mayContainArrow("a>b"))
        #expect(!ValidationRun.mayContainArrow("a-b"))
        #expect(!ValidationRun.mayContainArrow("\u{2270}\u{226E}"))  // ≰ and ≮: other symbols, no '>'
    }

    @Test("canonically equal ids are one step: 'café' written composed and decomposed")
    func canonicalEquivalence() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let references = references(
            of: blueprint(
                steps: [composed, "b"],
                flows: [(composed, "b"), (decomposed, "b"), (decomposed, "nowhere"), (composed, "nowhere")]))
        #expect(references.flowSources == [0, 0, 0, 0])
        #expect(references.firstFlows == [0, 0, 2, 2])
    }

    @Test("needs and produces resolve in step order, needs first")
    func informationInOrder() {
        var blueprint = blueprint(steps: ["a", "b"], flows: [("a", "b")])
        blueprint.information = [InformationItem(id: "form"), InformationItem(id: "serial")]
        blueprint.steps[0].produces = ["serial", "ghost"]
        blueprint.steps[1].needs = ["serial", "form"]
        blueprint.steps[1].produces = ["form"]
        #expect(references(of: blueprint).information == [1, -1, 1, 0, 0])
    }

    @Test("the ASCII byte check accepts exactly the ids the scalar check accepts")
    func asciiFastPathAgrees() {
        let ids = [
            "a", "A-z_0.9", ".", ".a", "a.", "a..b", "a.b.c", "-a", "_", "a b", "a/b", "a>b", "a\u{0}b", "tab\there",
            String(repeating: "a", count: 128), String(repeating: "a", count: 129), "caf\u{E9}", "售后", "\u{7F}",
        ]
        for id in ids {
            let scalars = Array(id.unicodeScalars)
            let valid = scalars.count <= BlueprintIdentifier.maximumLength && scalars.allSatisfy(BlueprintIdentifier.isAllowed)
                && !id.hasPrefix(".") && !id.contains("..")
            #expect(BlueprintIdentifier.isValidASCII(id) == (valid && id.allSatisfy(\.isASCII)), "\(id)")
            #expect((BlueprintIdentifier.problemText(with: id, kind: nil) == nil) == valid, "\(id)")
        }
    }
}
