import Foundation
import Testing
@testable import ServiceBlueprint

@Suite("Analysis: rules on several threads")
struct AnalysisConcurrencyTests {
    @Test func concurrentMapKeepsIndexOrder() {
        for workers in [1, 2, 3, 8] {
            #expect(Analyzer.concurrentMap(100, workers: workers) { $0 * $0 } == (0..<100).map { $0 * $0 })
            #expect(Analyzer.concurrentMap(0, workers: workers) { $0 }.isEmpty)
            #expect(Analyzer.concurrentMap(1, workers: workers) { $0 + 1 } == [1])
        }
    }

    @Test func rulesOnSeveralThreadsFindWhatOneThreadFinds() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("blueprints")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 3)
        for file in files {
            let document = try BlueprintDocument.read(from: folder.appendingPathComponent(file).path)
            let analyzer = Analyzer()
            let one = analyzer.run(document.blueprint, sourceMap: document.sourceMap, workers: 1).report
            let many = analyzer.run(document.blueprint, sourceMap: document.sourceMap, workers: 3).report
            #expect(!one.findings.isEmpty, "\(file)")
            #expect(many == one, "\(file)")
            #expect(many.findings.map(\.text) == one.findings.map(\.text), "\(file)")
        }
    }

    @Test func workCountersFollowTheRulesOntoOtherThreads() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("blueprints")
        let document = try BlueprintDocument.read(from: folder.appendingPathComponent("after-sales-repair.yaml").path)
        var counts: [Int] = []
        for workers in [1, 3] {
            let counters = WorkCounters()
            WorkCounters.$current.withValue(counters) {
                _ = Analyzer().run(document.blueprint, sourceMap: document.sourceMap, workers: workers)
            }
            counts.append(counters.capacityRuns * 1000 + counters.graphBuilds * 10 + counters.variantGraphBuilds)
        }
        #expect(counts[0] > 0 && counts[1] == counts[0])
    }
}
