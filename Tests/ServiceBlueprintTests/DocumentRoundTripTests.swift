import Foundation
import Testing

@testable import ServiceBlueprint

@Suite("Document round trips")
struct DocumentRoundTripTests {
    @Test("every property survives YAML and JSON", arguments: DocumentFormat.allCases)
    func everyProperty(format: DocumentFormat) throws {
        let original = Samples.everyProperty
        let text = original.text(in: format)
        let document = try BlueprintDocument.parse(text, path: "every.\(format.rawValue)", format: format)
        #expect(document.blueprint == original)
        if document.blueprint != original { print(text) }
    }

    @Test func printSample() {
        print(Samples.everyProperty.yamlText())
        print(Samples.everyProperty.jsonText())
    }
}
