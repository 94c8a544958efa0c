import Foundation
import ServiceBlueprint
import Testing

/// The rules article must not drift from the registry: every built-in rule has its own section.
@Suite("Documentation")
struct DocumentationTests {
    @Test("every built-in rule has a section in the Analyzers and rules article")
    func everyRuleDocumented() throws {
        let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ServiceBlueprint/ServiceBlueprint.docc/AnalyzersAndRules.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        for rule in RuleRegistry.builtIn {
            #expect(text.contains("\n### \(rule.id)\n"), "no section for \(rule.id)")
            #expect(text.contains("| `\(rule.id)` | \(rule.defaultSeverity) |"), "no table row for \(rule.id)")
        }
    }
}
