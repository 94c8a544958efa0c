import Foundation
import Testing
@testable import ServiceBlueprint

@Suite("Localization: loading the catalogs")
struct LocalizationCatalogLoadingTests {
    private func parse(_ json: String) -> [String: String]? {
        Array(json.utf8).withUnsafeBufferPointer(FlatStringObject.parse)
    }

    @Test func theFlatParserReadsEachCatalogAsJSONDecoderDoes() throws {
        for language in Language.supported {
            let url = try #require(Catalog.bundle.url(forResource: language.identifier, withExtension: "json", subdirectory: "Catalogs"))
            let data = try Data(contentsOf: url)
            let decoded = try JSONDecoder().decode([String: String].self, from: data)
            let parsed = try #require(data.withUnsafeBytes { FlatStringObject.parse($0.bindMemory(to: UInt8.self)) })
            #expect(parsed == decoded, "\(language)")
            // What the shared catalog serves is the file's content.
            #expect(Catalog.shared.entries[language.identifier] == decoded, "\(language)")
        }
    }

    @Test func escapesAndOtherScriptsDecodeLikeJSON() throws {
        let json = #"{ "a" : "x\"y\\z\/\n\t\r\b\f", "b": "\u00e9\u6B65\ud83d\ude00 步骤", "" : "" }"#
        let parsed = try #require(parse(json))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(parsed == decoded)
        #expect(parsed["b"] == "é步😀 步骤")
        #expect(parse("{}") == [:] && parse(" {\n}\n") == [:])
    }

    @Test func whatIsNotAFlatObjectOfStringsIsLeftToJSONDecoder() {
        for json in [
            "", "[]", #"{"a": 1}"#, #"{"a": {"b": "c"}}"#, #"{"a": "b",}"#, #"{"a": "b""#, #"{"a": "b"} x"#,
            #"{"a": "b", "a": "c"}"#, #"{"a": "\x"}"#, #"{"a": "\ud83d"}"#, #"{"a": "\u12"}"#, "{\"a\": \"\u{1}\"}",
        ] {
            #expect(parse(json) == nil, "\(json)")
        }
        // Invalid UTF-8 is not repaired.
        #expect([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D].withUnsafeBufferPointer(FlatStringObject.parse) == nil)
        // Spaces around separators and escaped ASCII are read; the decoder refuses what is not a flat object of strings.
        #expect(parse(#"{"a": "b"  ,  "c": "d\u0041"}"#) == ["a": "b", "c": "dA"])
        #expect(Catalog.decode(Data(#"{"a": "b"}"#.utf8)) == ["a": "b"])
        #expect(Catalog.decode(Data(#"{"a": 1}"#.utf8)) == nil)
    }

    @Test func renderingWritesEachValueAsFormatWritesIt() {
        let arguments: [String: TextArgument] = [
            "step": .step(title: "Prüfen “x” 步骤", id: "check-1"), "item": .quoted("serial ‘no’"), "count": 3,
            "list": .list([.step(title: "a", id: "b"), .quoted("c"), "d"]), "wait": .duration(.minutes(135)), "raw": "v",
        ]
        let template = "%{step} %{item} %{count} %{list} %{wait} %{raw} %{missing} %{ 100 % done"
        for language in Language.supported {
            let expected = Catalog.fill(template) { name in arguments[name].map { language.format($0) } }
            #expect(Catalog.fill(template, arguments: arguments, in: language) == expected, "\(language)")
            for (_, argument) in arguments {
                var bytes: [UInt8] = []
                language.write(argument, into: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == language.format(argument))
            }
        }
        #expect(Language.english.format(.step(title: "T", id: "i")) == "'T' (i)")
        #expect(Language.simplifiedChinese.format(.quoted("x")) == "“x”")
    }

    @Test func eachLanguageLoadsOnFirstUse() {
        final class Reads: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func add() { lock.withLock { value += 1 } }
            var count: Int { lock.withLock { value } }
        }
        let reads = Reads()
        let table = Catalog.Table {
            reads.add()
            return ["k": "v"]
        }
        #expect(reads.count == 0)
        #expect(table.entries == ["k": "v"] && table.entries == ["k": "v"])
        #expect(reads.count == 1)
    }
}
