import Testing
@testable import ServiceBlueprint

@Suite("Graph: id table")
struct IDTableTests {
    @Test("positions follow first insertion, repeats keep theirs, unknown ids have none")
    func positions() {
        var table = IDTable()
        // Enough ids to grow the table several times, of every length around the 8-byte word.
        let ids = (0..<5_000).map { "step-\($0)-" + String(repeating: "x", count: $0 % 19) }
        for (k, id) in ids.enumerated() {
            let added = table.insert(id)
            #expect(added.position == Int32(k) && added.inserted)
        }
        #expect(table.insert(ids[42]) == (position: 42, inserted: false))
        #expect(table.count == ids.count)
        for (k, id) in ids.enumerated() where k % 7 == 0 { #expect(table[id] == Int32(k)) }
        #expect(table["step-1-"] == nil)
        #expect(table[""] == nil)
        #expect(table.keys == ids)
    }

    @Test("ids compare as strings do: canonically equivalent spellings are one id, like dictionary keys")
    func canonicalEquivalence() {
        var table = IDTable()
        table.insert("K")
        table.insert("caf\u{E9}")
        table.insert("\u{6E05}\u{6D01}")
        // The Kelvin sign is `K`; e + combining acute is é.
        #expect(table["\u{212A}"] == 0)
        #expect(table["cafe\u{301}"] == 1)
        #expect(table["\u{6E05}\u{6D01}"] == 2)
        #expect(table.insert("cafe\u{301}") == (position: 1, inserted: false))
        let dictionary: [String: Int] = ["K": 0, "caf\u{E9}": 1]
        #expect(dictionary["\u{212A}"] == 0 && dictionary["cafe\u{301}"] == 1)
    }
}
