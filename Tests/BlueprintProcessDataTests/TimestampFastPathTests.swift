import Foundation
import Testing
@testable import BlueprintProcessData

/// ``TimestampParser/parseISO(_:)`` reads the common shape at fixed places; every value it reads
/// must come out bit for bit as the general scanner reads it, and everything else is left to it.
@Suite("Timestamp fast path")
struct TimestampFastPathTests {
    private func both(_ text: String, _ parser: TimestampParser = TimestampParser()) -> (fast: Double?, general: Double?) {
        var copy = text
        return copy.withUTF8 { (parser.parse(bytes: $0), parser.scan($0)) }
    }

    @Test func fastPathAgreesBitForBit() {
        var random = SystemRandomNumberGenerator()
        let zones = ["", "Z", "+01:00", "-05:30", "+14:00", "-00:00", "+15:00", "z", "+0100", " Z", "Z "]
        let fractions = ["", ".5", ".250", ",1", ".123456789", ".1234567891234", ".", ".x"]
        let berlin = TimestampParser(defaultZone: TimeZone(identifier: "Europe/Berlin")!)
        for _ in 0..<3000 {
            let year = Int.random(in: 1...9999, using: &random), month = Int.random(in: 0...13, using: &random)
            let day = Int.random(in: 0...32, using: &random), hour = Int.random(in: 0...25, using: &random)
            let minute = Int.random(in: 0...61, using: &random), second = Int.random(in: 0...61, using: &random)
            let mark = ["T", " ", "t"].randomElement(using: &random)!
            let text = String(format: "%04d-%02d-%02d%@%02d:%02d:%02d", year, month, day, mark, hour, minute, second)
                + fractions.randomElement(using: &random)! + zones.randomElement(using: &random)!
            for parser in [TimestampParser(), berlin] {
                let (fast, general) = both(text, parser)
                #expect(fast?.bitPattern == general?.bitPattern, "\(text)")
            }
        }
    }

    @Test func fastPathReadsTheCommonShapesOnly() {
        var text = "2024-03-01T09:15:00.250+01:00"
        #expect(text.withUTF8 { TimestampParser.parseISO($0) }?.zoneOffset == 3600)
        for other in ["2024-03-01 09:15", "2024-3-01T09:15:00Z", "01.03.2024 09:15:00", "2024-03-01T09:15:00 PM", "1709283600"] {
            text = other
            #expect(text.withUTF8 { TimestampParser.parseISO($0) } == nil, "\(other)")
            #expect(both(other).fast == both(other).general, "\(other)")
        }
        #expect(TimestampParser.powersOfTen.enumerated().allSatisfy { $0.element == pow(10, Double($0.offset)) })
    }
}
