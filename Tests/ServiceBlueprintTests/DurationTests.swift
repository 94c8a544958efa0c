import Testing
@testable import ServiceBlueprint

@Suite("Durations")
struct DurationTests {
    @Test("human forms parse", arguments: [
        ("90s", 90.0), ("5min", 300), ("2h", 7_200), ("1.5d", 129_600), ("1h30min", 5_400), ("45", 45), ("10 m", 600),
    ])
    func parses(text: String, seconds: Double) throws {
        #expect(try BlueprintDuration(parsing: text).seconds == seconds)
    }

    @Test("malformed forms are rejected with the accepted units named", arguments: ["", "5 parsecs", "abc", "1..5h", "-3min", "h"])
    func rejects(text: String) {
        #expect(throws: DurationParseError.self) { try BlueprintDuration(parsing: text) }
    }

    @Test("canonical text round-trips", arguments: [1.0, 90, 300, 5_400, 7_200, 129_600, 0.5, 259_200, 4_894.737, 773_600, 0.1 + 0.2] as [Double])
    func roundTrips(seconds: Double) throws {
        let text = BlueprintDuration(seconds: seconds).description
        #expect(try BlueprintDuration(parsing: text).seconds == seconds)
    }

    @Test func canonicalUnits() {
        #expect(BlueprintDuration.minutes(5).description == "5min")
        #expect(BlueprintDuration.hours(36).description == "1d 12h")
        #expect(BlueprintDuration.seconds(90).description == "1min 30s")
        #expect(BlueprintDuration.seconds(773_600).description == "8d 22h 53min 20s")
        #expect(BlueprintDuration.seconds(0.5).description == "0.5s")
        #expect(BlueprintDuration.seconds(4_894.737).description == "4894.737s")
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test func typoGetsSuggestion() {
        #expect(Suggestion.closest(to: "backstge", in: Lane.allCases.map(\.rawValue)) == "backstage")
        #expect(Suggestion.closest(to: "zzzzzz", in: Lane.allCases.map(\.rawValue)) == nil)
        #expect(Suggestion.closest(to: "titel", in: ["title", "lane", "stage"]) == "title")
        #expect(Suggestion.closest(to: "c", in: ["a", "b"]) == nil, "one letter is too short to guess")
    }

    @Test func suggestionPrefersTheCandidateWithinItsLimit() {
        // "stag" is 3 edits from "stagger" (limit 2 for a 7-letter name) and 1 from "stage".
        #expect(Suggestion.closest(to: "stag", in: ["stagger", "stage"]) == "stage")
        // A candidate far longer than the word is never a typo of it, however close its prefix.
        #expect(Suggestion.closest(to: "ab", in: ["abcdefgh"]) == nil)
    }

    @Test func hostileLongWordIsRefusedWithoutComparingEveryLetter() {
        // 64 KiB key: every candidate differs in length by far more than any typo limit.
        let word = String(repeating: "backstage", count: 7_300)
        #expect(Suggestion.closest(to: word, in: Lane.allCases.map(\.rawValue)) == nil)
    }

    @Test func bandedDistanceAgreesWithTheFullTable() {
        // Reference: the full optimal-string-alignment table, no band, no early exit.
        func reference(_ a: [Character], _ b: [Character]) -> Int {
            if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in 1...a.count {
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                    }
                }
            }
            return d[a.count][b.count]
        }
        var random = SeededRandom(seed: 7)
        let alphabet: [Character] = ["a", "b", "c", "é", "字"]
        for _ in 0..<3_000 {
            let a = (0..<Int(random.next() % 9)).map { _ in alphabet[Int(random.next() % 5)] }
            let b = (0..<Int(random.next() % 9)).map { _ in alphabet[Int(random.next() % 5)] }
            let limit = Int(random.next() % 4)
            let expected = min(reference(a, b), limit + 1)
            #expect(Suggestion.editDistance(a, b, limit: limit) == expected, "\(String(a)) vs \(String(b)), limit \(limit)")
        }
        #expect(Suggestion.editDistance("titel", "title") == 1)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }

    @Test func linesCrossed() {
        #expect(BlueprintLine.crossed(from: .customer, to: .backstage) == [.interaction, .visibility])
        #expect(BlueprintLine.crossed(from: .support, to: .frontstage) == [.visibility, .internalInteraction])
        #expect(BlueprintLine.crossed(from: .evidence, to: .customer).isEmpty)
    }
}
