import Testing

@testable import BlueprintGraphviz

@Suite("DOT text escaping")
struct DOTTextTests {
    @Test func numbersAreShortAndStable() {
        #expect(DOTText.number(12.5) == "12.5")
        #expect(DOTText.number(-0.001) == "0")
        #expect(DOTText.number(3) == "3")
        #expect(DOTText.number(1.05) == "1.05")
    }
}
