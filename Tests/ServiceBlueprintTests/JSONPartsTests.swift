import Testing

@_spi(Fuzzing) @testable import ServiceBlueprint

/// A large JSON file parsed with array items parsed ahead in parts (issue 13) gives exactly the tape,
/// or the error, of the serial parse, whatever the guessed cuts hit.
@Suite("JSON parsed in parts")
struct JSONPartsTests {
    typealias Parsed = (result: Result<DocumentTapeBuilder?, SyntaxFailure>, spliced: Int)

    /// `text` parsed serially, and with `parts` parts parsed ahead (all of them ready, or on other cores).
    static func parse(
        _ text: String, parts: Int, limits: ReadingLimits = .default, schedule: JSONSyntax.Schedule = .ahead
    ) -> (whole: Parsed, split: Parsed) {
        let bytes = Array(text.utf8)
        let syntax = JSONSyntax(source: SourceText(bytes: bytes, format: .json), limits: limits)
        return bytes.withUnsafeBufferPointer { buffer in
            (syntax.parseTape(buffer, parts: 1, schedule: .ahead), syntax.parseTape(buffer, parts: parts, schedule: schedule, cores: 4))
        }
    }

    /// Every entry of a tape, with its text, for readable differences.
    static func dump(_ result: Result<DocumentTapeBuilder?, SyntaxFailure>, _ text: String) -> [String] {
        switch result {
        case .failure(let failure):
            return ["error @\(failure.offset): \(Language.english.format(.phrase(failure.text)))"]
        case .success(nil):
            return ["empty"]
        case .success(let builder?):
            let tape = builder.tape(source: Array(text.utf8))
            return tape.entries.enumerated().map { index, entry in
                "\(index) \(entry.kind) @\(entry.offset) end \(entry.end) len \(entry.length) inText \(entry.inText) start \(entry.start)"
                    + (entry.kind == .plain || entry.kind == .quoted ? " '\(tape.string(at: index))'" : "")
            }
        }
    }

    /// Expects the split parse to equal the whole one; returns how many parts were spliced.
    @discardableResult
    static func expectSame(
        _ text: String, parts: Int, limits: ReadingLimits = .default, schedule: JSONSyntax.Schedule = .ahead,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Int {
        let (whole, split) = parse(text, parts: parts, limits: limits, schedule: schedule)
        #expect(JSONSyntax.same(whole.result, split.result), sourceLocation: sourceLocation)
        #expect(dump(split.result, text) == dump(whole.result, text), sourceLocation: sourceLocation)
        #expect(whole.spliced == 0, sourceLocation: sourceLocation)
        return split.spliced
    }

    /// Strings with escapes (decoded onto the tape's text), and with what looks like a cut.
    static let notes = [
        #""say \"hi\"""#, #""caf\u00e9 and \u00E9""#, #""smile \ud83d\ude00 \/ \\ \t""#,
        #""text with },{ and }, { and \"}\",{ inside""#, #""plain""#, "\"\"",
    ]

    /// A blueprint-shaped document: a few keys, then `steps` (objects with nested arrays and objects,
    /// empty ones, escaped strings, numbers, words), then `flows`; pretty-printed or minified.
    static func document(steps: Int, pretty: Bool, topLevelArray: Bool = false) -> String {
        func line(_ level: Int) -> String { pretty ? "\n" + String(repeating: "  ", count: level) : "" }
        let space = pretty ? " " : ""
        var items: [String] = []
        for index in 0..<steps {
            let l = topLevelArray ? 1 : 2
            var item = "{" + line(l + 1) + "\"id\":\(space)\"step-\(index)\","
            item += line(l + 1) + "\"title\":\(space)\"Step \(index)\","
            item += line(l + 1) + "\"notes\":\(space)\(notes[index % notes.count]),"
            item += line(l + 1) + "\"tags\":\(space)[\"a\",\(space)[\"b\",\(space)[]],\(space){}],"
            item += line(l + 1) + "\"numbers\":\(space)[-1.5e3,\(space)0,\(space)12.25,\(space)1E+2],"
            item += line(l + 1) + "\"ok\":\(space)\(index % 2 == 0 ? "true" : "false"),\(space)\"none\":\(space)null"
            if index % 9 == 0 { item += "," + line(l + 1) + "\"hours\":\(space){\"perDay\":\(space)8,\(space)\"list\":\(space)[{}]}" }
            item += line(l) + "}"
            items.append(item)
        }
        if topLevelArray { return "[" + line(1) + items.joined(separator: "," + line(1)) + line(0) + "]" + (pretty ? "\n" : "") }
        var flows: [String] = []
        for index in 0..<max(steps - 1, 0) {
            flows.append("{\"from\":\(space)\"step-\(index)\",\(space)\"to\":\(space)\"step-\(index + 1)\"}")
        }
        var text = "{" + line(1) + "\"id\":\(space)\"big\","
        text += line(1) + "\"title\":\(space)\"A big one \\u00e9\","
        text += line(1) + "\"stages\":\(space)[{\"id\":\(space)\"s1\"},\(space){\"id\":\(space)\"s2\"}],"
        text += line(1) + "\"empty\":\(space)[],"
        text += line(1) + "\"steps\":\(space)[" + line(2) + items.joined(separator: "," + line(2)) + line(1) + "],"
        text += line(1) + "\"flows\":\(space)[" + line(2) + flows.joined(separator: "," + line(2)) + line(1) + "]"
        return text + line(0) + "}" + (pretty ? "\n" : "")
    }

    @Test("steps then flows, pretty and minified: the parts' tape is the serial one", arguments: [true, false], [2, 3, 4, 8])
    func sameTape(pretty: Bool, parts: Int) {
        let text = Self.document(steps: 400, pretty: pretty)
        #expect(Self.expectSame(text, parts: parts) > 0)
    }

    @Test("a top-level array of objects", arguments: [true, false], [2, 5])
    func topLevelArray(pretty: Bool, parts: Int) {
        let text = Self.document(steps: 300, pretty: pretty, topLevelArray: true)
        #expect(Self.expectSame(text, parts: parts) > 0)
    }

    @Test("parsed on other cores while the whole parse runs, the tape is the same", arguments: 0..<6)
    func concurrent(round: Int) {
        let text = Self.document(steps: 600, pretty: round % 2 == 0)
        Self.expectSame(text, parts: 2 + round, schedule: JSONSyntax.Schedule.concurrent)
    }

    @Test("the reader's parse of a file over 1 MiB (parts on other cores, the tape reserved early) is the serial one")
    func readerParse() throws {
        let text = Self.document(steps: 5_000, pretty: true)
        let bytes = Array(text.utf8)
        #expect(bytes.count > 1 << 20)
        let source = SourceText(bytes: bytes, format: .json)
        let syntax = JSONSyntax(source: source, limits: .default)
        let serial = try #require(try bytes.withUnsafeBufferPointer { buffer in
            try syntax.parseTape(buffer, parts: 1, schedule: .ahead).result.get()
        })
        let parsed = try #require(try syntax.parse().get())
        #expect(DocumentTapeTests.plain(parsed) == DocumentTapeTests.plain(serial.tape(source: bytes).node(at: 0)))
        let split = bytes.withUnsafeBufferPointer { buffer in
            syntax.parseTape(buffer, parts: JSONSyntax.partCount(forBytes: buffer.count, cores: 2), schedule: .concurrent, cores: 2)
        }
        #expect(JSONSyntax.same(split.result, .success(serial)))
    }

    @Test("a large file is cut without a scan of the whole text; a small one, or on one core, is not")
    func partCount() {
        #expect(JSONSyntax.partCount(forBytes: 64 << 20, cores: 2) == 8)
        #expect(JSONSyntax.partCount(forBytes: 600 << 10, cores: 4) == 2)
        #expect(JSONSyntax.partCount(forBytes: 100 << 10, cores: 8) == 1)
        #expect(JSONSyntax.partCount(forBytes: 64 << 20, cores: 1) == 1)
    }

    @Test("cuts are item starts after `}` `,` near even shares, ascending; none without one nearby")
    func cuts() throws {
        for pretty in [true, false] {
            let bytes = Array(Self.document(steps: 200, pretty: pretty).utf8)
            let cuts = bytes.withUnsafeBufferPointer { JSONSyntax.cuts(in: $0, from: 0, parts: 4) }
            #expect(cuts.count == 3)
            #expect(cuts == cuts.sorted() && Set(cuts).count == cuts.count)
            #expect(cuts.allSatisfy { bytes[$0] == UInt8(ascii: "{") })
        }
        let flat = Array(("[" + Array(repeating: "1", count: 5_000).joined(separator: ", ") + "]").utf8)
        #expect(flat.withUnsafeBufferPointer { JSONSyntax.cuts(in: $0, from: 0, parts: 4) }.isEmpty)
        // A cut is looked for only a window past its share.
        let late = Array(("[" + String(repeating: " ", count: 10_000) + "{},{}]").utf8)
        #expect(late.withUnsafeBufferPointer { JSONSyntax.cuts(in: $0, from: 0, parts: 2, window: 100) }.isEmpty)
        #expect(late.withUnsafeBufferPointer { JSONSyntax.cuts(in: $0, from: 0, parts: 2) } == [late.count - 3])
    }

    @Test("a cut guessed inside a string is never spliced", arguments: [2, 3, 4])
    func cutInsideString(parts: Int) {
        // Most of the text is one string full of `},{` and `}, {`, so every guess lands inside it.
        let inside = Array(repeating: #"{\"x\": 1},{\"y\": 2}, }, {} ,{ "#, count: 2_000).joined()
        let text = "{\"steps\": [{\"a\": \"\(inside)\"}, {\"b\": 1}], \"more\": [{}, {}]}"
        #expect(Self.expectSame(text, parts: parts) == 0)
        // The same with the string's quotes unescaped: the guesses are then item starts, but wrong ones.
        let items = "{\"steps\": [" + Array(repeating: "{\"x\": 1}, {\"y\": [{}, {}]}", count: 2_000).joined(separator: ", ") + "]}"
        #expect(Self.expectSame(items, parts: parts) > 0)
    }

    /// Texts where guessed cuts are items of nested arrays, or cannot be items at all.
    static let guessTexts: [String] = {
        let repeated: (String, Int, String) -> String = { item, count, separator in
            Array(repeating: item, count: count).joined(separator: separator)
        }
        return [
            // Arrays of objects nested in an item: the guess is an item of the inner array.
            "{\"s\": [" + repeated("{\"in\": [{}, {\"k\": [1, {}]}, {}]}", 3_000, ",") + "]}",
            // Objects in an object: `}, {` cannot be an item there; this is an error at the first one.
            "{\"a\": {" + repeated("\"k\": {}, {}", 3_000, ", ") + "}}",
            // Not an array at all.
            repeated("{}, {}", 3_000, " "),
            // A top-level array of arrays with objects.
            "[" + repeated("[{}, {\"x\": [{}, {}]}]", 3_000, ", ") + "]",
        ]
    }()

    @Test("a guess inside an object's value, a nested array or in text that is not JSON", arguments: Self.guessTexts, [2, 3, 7])
    func guesses(text: String, parts: Int) {
        Self.expectSame(text, parts: parts)
    }

    @Test("empty arrays and objects as items and around cuts", arguments: [2, 3, 6])
    func empties(parts: Int) {
        let text = "{\"a\": [], \"steps\": [" + Array(repeating: "{}, {\"e\": []}, {\"o\": {}}, []", count: 2_000).joined(separator: ",\n ")
            + "], \"b\": {}, \"c\": [[]]}"
        #expect(Self.expectSame(text, parts: parts) > 0)
        let bare = "[" + Array(repeating: "{}", count: 5_000).joined(separator: ",") + "]"
        #expect(Self.expectSame(bare, parts: parts) == parts - 1)
    }

    @Test("an error in a later part is the serial parse's, word for word and at its place", arguments: [
        ("\"to\": \"step-300\"", "\"to\": \"step-300\" 1"),  // a value where `,` or `}` is expected
        ("\"id\": \"step-350\"", "\"id\": \"step-\\x\""),  // an unknown escape
        ("\"id\": \"step-351\"", "\"id\": \"step-\\ud83d\""),  // a lone high surrogate
        ("\"id\": \"step-352\"", "\"id\": [1,]"),  // a trailing comma
        ("\"title\": \"Step 399\"", "\"title\": 01"),  // an invalid number
        ("\"id\": \"step-370\"", "\"id\": \"step\n\""),  // a line break in a string
        ("\"to\": \"step-399\"}", "\"to\": \"step-399\""),  // an unclosed object: the error is at the end
        ("\"ok\": true", "\"ok\": tru"),  // the first `ok` is in step 0, before any part
        ("\"none\": null\n    }\n  ]", "\"none\": null\n    },\n  ]"),  // a trailing comma at the end of the steps
    ])
    func errorInALaterPart(damage: (String, String)) throws {
        var text = Self.document(steps: 400, pretty: true)
        let range = try #require(text.range(of: damage.0))
        text.replaceSubrange(range, with: damage.1)
        let (whole, _) = Self.parse(text, parts: 1)
        guard case .failure = whole.result else {
            Issue.record("the damage should be an error: \(damage.1)")
            return
        }
        for parts in [2, 3, 5, 8] {
            Self.expectSame(text, parts: parts)
            Self.expectSame(text, parts: parts, schedule: JSONSyntax.Schedule.concurrent)
        }
    }

    @Test("damage anywhere: the parts agree with the serial parse", arguments: 0..<40)
    func damaged(seed: Int) {
        var text = Array(Self.document(steps: 150, pretty: seed % 2 == 0).utf8)
        SeededNumbers.damage(&text, seed: seed, alphabet: "\"\\{}[],: \n1e-u")
        let string = String(decoding: text, as: UTF8.self)
        for parts in [2, 3, 4] { Self.expectSame(string, parts: parts) }
        #expect(BlueprintDocument.jsonPartsAgreeWithWhole(string, parts: 2 + seed % 2))
    }

    /// Items `{"d": [[…[1]…]]}` with `nesting` brackets, in `steps` under a top-level object.
    static func nested(items: Int, nesting: Int, deeperAt: Int? = nil) -> String {
        let list = (0..<items).map { index in
            let levels = index == deeperAt ? nesting + 1 : nesting
            return "{\"d\": " + String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels) + "}"
        }
        return "{\"steps\": [\n" + list.joined(separator: ",\n") + "\n]}"
    }

    @Test("nesting at, and one past, the depth limit near cuts", arguments: [2, 3, 4])
    func depthLimit(parts: Int) {
        // Object 1, steps 2, item 3, then `nesting` arrays: 3 + nesting levels in all.
        let text = Self.nested(items: 2_000, nesting: 4)
        #expect(Self.expectSame(text, parts: parts, limits: ReadingLimits(maximumDepth: 7)) > 0)
        // One level less: the serial error at the first item's deepest bracket.
        Self.expectSame(text, parts: parts, limits: ReadingLimits(maximumDepth: 6))
        // Only an item in a later part is too deep: the parts before it are spliced, the error is the serial one.
        let late = Self.nested(items: 2_000, nesting: 4, deeperAt: 1_900)
        let (whole, _) = Self.parse(late, parts: 1, limits: ReadingLimits(maximumDepth: 7))
        guard case .failure(let failure) = whole.result else {
            Issue.record("one item is one level too deep")
            return
        }
        #expect(Language.english.format(.phrase(failure.text)).contains("7"))
        Self.expectSame(late, parts: parts, limits: ReadingLimits(maximumDepth: 7))
        // The same array one level deeper in the document: a part that fits alone does not fit there.
        let deeper = "[" + late + "]"
        Self.expectSame(deeper, parts: parts, limits: ReadingLimits(maximumDepth: 8))
        Self.expectSame(deeper, parts: parts, limits: ReadingLimits(maximumDepth: 9))
    }

    @Test("the fuzz check agrees on valid, broken and odd texts", arguments: [
        "", " ", "[]", "[{},{}]", "{\"a\": [{}, {}, {\"b\": \"},{\"}]}", "[{}, {}", "[{},,{}]", "[{}, {}]]", "[{\"x\":1},\n{\"y\":[[[[[[1]]]]]]}]",
        "\u{FEFF}[{}, {}]",
    ], [2, 3])
    func fuzzCheck(text: String, parts: Int) {
        #expect(BlueprintDocument.jsonPartsAgreeWithWhole(text, parts: parts))
    }
}
