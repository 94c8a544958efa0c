import Foundation
import Testing

import ServiceBlueprint

/// The public surface speaks in steps, not in raw graph nodes (issue 12).
@Suite struct PublicAPITests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let blueprint = Blueprint(
        id: "desk", title: "Desk",
        stages: [Stage(id: "s", title: "S")],
        steps: [
            Step(id: "ask", title: "Ask", lane: .customer, stage: "s"),
            Step(id: "answer", title: "Answer", lane: .frontstage, stage: "s"),
            Step(id: "file", title: "File", lane: .backstage, stage: "s"),
        ],
        flows: [Flow(from: "ask", to: "answer"), Flow(from: "answer", to: "file")])

    @Test("a step index converts to and from a position in blueprint.steps and a step id")
    func stepIndexConversions() {
        let graph = BlueprintGraph(Self.blueprint)
        let answer = StepIndex(1)
        #expect(answer.position == 1)
        #expect(graph.stepIndex(of: "answer") == answer)
        #expect(graph.stepIndex(of: "nope") == nil)
        #expect(graph.id(of: answer) == "answer")
        #expect(graph.successors(of: answer) == [StepIndex(2)])
        #expect(graph.predecessors(of: answer) == [StepIndex(0)])
        #expect(StepIndex(0) < StepIndex(2))
        #expect(answer.description == "1")
    }

    /// A custom rule written with step indices only, as the DocC article shows it.
    struct BackstageRule: BlueprintRule {
        let id = "acme-backstage-after-frontstage"
        let title = "Backstage step after a frontstage step"
        let defaultSeverity = Severity.note
        let rationale = "Test."
        let howToFix = "Test."
        func analyze(_ context: AnalysisContext) -> [Finding] {
            context.blueprint.steps.indices.compactMap { position in
                let index = StepIndex(position)
                guard context.step(index).lane == .backstage else { return nil }
                let before = context.graph.predecessors(of: index).filter { context.step($0).lane == .frontstage }
                guard !before.isEmpty, context.scopes.allSatisfy({ $0.contains(index) }) else { return nil }
                return context.finding(
                    "\(context.name(ofStep: index)) follows \(context.names(ofSteps: before)).", steps: [index] + before,
                    flows: [1])
            }
        }
    }

    @Test("a custom rule made of step indices makes located findings")
    func customRuleWithStepIndices() throws {
        let report = Analyzer(rules: [BackstageRule()]).analyze(Self.blueprint)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.message == "'File' (file) follows 'Answer' (answer).")
        #expect(finding.stepIDs == ["file", "answer"])
        #expect(finding.flowIDs == ["answer->file"])
        #expect(finding.path == ["steps", 2])
    }

    /// Public declarations, joined across lines until their parentheses close.
    static func publicSignatures(in folder: String) throws -> [(file: String, signature: String)] {
        let root = repositoryRoot.appendingPathComponent(folder)
        let files = try #require(FileManager.default.enumerator(atPath: root.path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        var result: [(String, String)] = []
        for file in files {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var i = 0
            while i < lines.count {
                let words = lines[i].split(separator: " ").prefix { $0.hasPrefix("@") || $0 == "public" || $0 == "nonisolated" }
                if words.contains("public") {
                    var signature = lines[i]
                    var depth = lines[i].count { $0 == "(" } - lines[i].count { $0 == ")" }
                    var j = i
                    while depth > 0, j + 1 < lines.count {
                        j += 1
                        signature += " " + lines[j]
                        depth += lines[j].count { $0 == "(" } - lines[j].count { $0 == ")" }
                    }
                    result.append((file, String(signature.prefix { $0 != "{" })))
                }
                i += 1
            }
        }
        return result
    }

    @Test("no public signature uses Int32", arguments: ["Sources/ServiceBlueprint", "Sources/BlueprintGraphviz", "Sources/BlueprintInterchange", "Sources/BlueprintProcessData"])
    func noInt32InPublicSignatures(folder: String) throws {
        let signatures = try Self.publicSignatures(in: folder)
        #expect(signatures.count > 50)
        let offending = signatures.filter { $0.signature.contains("Int32") }.map { "\($0.file): \($0.signature)" }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }
}
