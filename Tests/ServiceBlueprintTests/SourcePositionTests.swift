import Testing

@testable import ServiceBlueprint

/// The compact position tables the reader and the source map use (issue 13): the source map keeps
/// line starts and only the non-ASCII lines, and must give the same line and column as the text.
@Suite("Source positions without the text")
struct SourcePositionTests {
    static let texts: [(String, DocumentFormat)] = [
        ("", .yaml),
        ("id: a\ntitle: b\n", .yaml),
        ("\u{FEFF}id: a\r\ntitle: 报修受理\r\nlane: customer", .yaml),
        ("a: 1\rb: 2\r\rc: é́x\n", .yaml),
        ("a: \"x\u{2028}y\"\nb: \u{85}c\u{2029}d: 顾客\n", .yaml),
        ("{\"id\": \"a\u{2028}b\",\n \"title\": \"前台 step\"\r\n}", .json),
        ("{\"t\": \"😀😀 emoji\", \"u\": \"plain ascii text that runs past eight bytes\"}\n\n", .json),
        (String(repeating: "ascii line\n", count: 40) + "ünïcode\n" + String(repeating: "x", count: 17), .yaml),
    ]

    @Test("every offset has the same line and column as the text gives")
    func sameAsTheText() {
        for (text, format) in Self.texts {
            let source = SourceText(bytes: Array(text.utf8), format: format)
            let compact = LinePositions(source)
            for offset in -1...(source.bytes.count + 1) {
                #expect(
                    compact.position(of: offset) == source.position(of: offset),
                    "offset \(offset) of \(text.debugDescription) (\(format))")
            }
        }
    }

    @Test("a trie edge table finds what it stored, across growth")
    func childTable() {
        var table = ChildTable()
        for key in 0..<10_000 as Range<UInt64> {
            #expect(table.value(for: key << 32 | key % 7, orInsert: UInt32(key)) == UInt32(key))
        }
        #expect(table.value(for: 5 << 32 | 5, orInsert: 99) == 5)
        #expect(table.value(for: 3 << 32 | 4) == nil)
        var seen = 0
        table.forEach { key, value in
            #expect(UInt64(value) == key >> 32)
            seen += 1
        }
        #expect(seen == 10_000)
    }
}
