import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

@Suite("Radix sort of lead times")
struct RadixSortTests {
    @Test("gives exactly what sorted() gives for non-negative values, ties and zeros included")
    func sameAsSorted() {
        var random = SeededRandom(seed: 11)
        // Microseconds, as lead times are (the integer keys), up to a year.
        var values = (0..<5_000).map { _ in (random.uniform() * 86_400 * 1e6).rounded() / 1e6 }
        values += [0, 0, 31_536_000.000_001, 60, 60, 60, 0.000_001]
        #expect(RadixSort.sorted(values) == values.sorted())
        // Not microseconds: the bit patterns.
        values += [1e-300, 3.5e12, .infinity, 0.1 + 0.2]
        #expect(RadixSort.sorted(values) == values.sorted())
        // Only the low digits differ: most passes are skipped.
        let close = (0..<1_000).map { 1_000 + Double($0 % 7) }
        #expect(RadixSort.sorted(close) == close.sorted())
    }

    @Test("falls back to sorted() for negative values and −0")
    func fallback() {
        let values = (0..<200).map { Double(100 - $0) } + [-0.0]
        let result = RadixSort.sorted(values)
        #expect(result == values.sorted())
        #expect(result.first == -99)
    }
}
