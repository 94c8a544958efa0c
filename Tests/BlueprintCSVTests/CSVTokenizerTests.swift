import Testing
@testable import BlueprintCSV

@Suite("CSV tokenizer")
struct CSVTokenizerTests {
    private func fields(_ text: String, separator: CSVSeparator? = nil) throws -> [[String]] {
        try CSVTokenizer.records(in: Array(text.utf8), separator: separator).records.map(\.fields)
    }

    /// Feeds `bytes` in chunks of `size` and returns the fields, to prove chunk borders do not matter.
    private func chunked(_ bytes: [UInt8], size: Int) throws -> [[String]] {
        var tokenizer = CSVTokenizer()
        var out: [[String]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            try tokenizer.feed(Array(bytes[start..<end])) { out.append($0.fields) }
            start = end
        }
        try tokenizer.finish { out.append($0.fields) }
        return out
    }

    @Test func plainRecordsWithAndWithoutFinalNewline() throws {
        #expect(try fields("a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
        #expect(try fields("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try fields("a,b\n1,") == [["a", "b"], ["1", ""]])
    }

    @Test func quotedFieldsKeepSeparatorsNewlinesAndDoubledQuotes() throws {
        let text = "id,text\n1,\"a, b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n"
        #expect(try fields(text) == [["id", "text"], ["1", "a, b"], ["2", "line1\nline2"], ["3", "say \"hi\""], ["4", ""]])
    }

    @Test func crlfLfAndLoneCrEndRecords() throws {
        #expect(try fields("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try fields("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
        #expect(try fields("a\r\n\r\nb\n") == [["a"], ["b"]], "blank lines are skipped")
        // CRLF inside quotes is content.
        #expect(try fields("x\n\"1\r\n2\"\n") == [["x"], ["1\r\n2"]])
    }

    @Test func quotedEmptyRecordIsNotABlankLine() throws {
        #expect(try fields("h\n\"\"\n") == [["h"], [""]])
    }

    @Test func byteOrderMarkIsSkippedAndUTF8Kept() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("name;ort\nJürgen;Zürich\n".utf8)
        let result = try CSVTokenizer.records(in: bytes)
        #expect(result.records.map(\.fields) == [["name", "ort"], ["Jürgen", "Zürich"]])
        #expect(result.records[1].positions[1] == CSVPosition(line: 2, column: 8), "columns count characters, not bytes")
    }

    @Test func partialBOMPrefixIsData() throws {
        // 0xEF 0xBB followed by something else is not a BOM: the bytes are kept (as U+FFFD).
        let result = try CSVTokenizer.records(in: [0xEF, 0xBB, 0x41, 0x0A])
        #expect(result.records.count == 1)
        #expect(result.errors.map(\.kind) == [.invalidUTF8])
    }

    @Test func separatorDetection() throws {
        #expect(CSVSeparator.detect(header: Array("a;b;c,d".utf8)) == .semicolon)
        #expect(CSVSeparator.detect(header: Array("a\tb\tc".utf8)) == .tab)
        #expect(CSVSeparator.detect(header: Array("\"a;b;c\",d".utf8)) == .comma, "quoted separators do not count")
        #expect(CSVSeparator.detect(header: Array("single".utf8)) == .comma)
        #expect(CSVSeparator.detect(header: Array("a,b;c".utf8)) == .comma, "a tie goes to the comma")
        #expect(try fields("case;activity\n1;\"a;b\"\n") == [["case", "activity"], ["1", "a;b"]])
        #expect(try fields("case\tactivity\n1\tx y\n") == [["case", "activity"], ["1", "x y"]])
        // A given separator wins over detection.
        #expect(try fields("a;b\n", separator: .comma) == [["a;b"]])
    }

    @Test func chunkBordersDoNotChangeTheResult() throws {
        let text = "\u{FEFF}case;act;note\r\n1;\"a;\"\"x\"\"\r\ny\";ü\r\n2;b;\r\n"
        let bytes = Array(text.utf8)
        let whole = try chunked(bytes, size: bytes.count)
        #expect(whole == [["case", "act", "note"], ["1", "a;\"x\"\r\ny", "ü"], ["2", "b", ""]])
        for size in 1...7 { #expect(try chunked(bytes, size: size) == whole, "chunk size \(size)") }
    }

    @Test func fieldPositionsAreLineAndColumn() throws {
        let result = try CSVTokenizer.records(in: Array("a,bc\n\"x\ny\",z\n".utf8))
        #expect(result.records[0].positions == [CSVPosition(line: 1, column: 1), CSVPosition(line: 1, column: 3)])
        #expect(result.records[1].positions == [CSVPosition(line: 2, column: 1), CSVPosition(line: 3, column: 4)])
        #expect(result.records.map(\.number) == [1, 2])
    }

    @Test func malformedQuotesAreLocatedAndRecovered() throws {
        let result = try CSVTokenizer.records(in: Array("a,b\n1,x\"y\n2,\"q\"z\n3,\"open\n".utf8))
        #expect(result.records.map(\.fields) == [["a", "b"], ["1", "x\"y"], ["2", "qz"], ["3", "open\n"]])
        #expect(result.errors.map(\.kind) == [.quoteInUnquotedField, .textAfterClosingQuote, .unterminatedQuote])
        #expect(result.errors.map(\.position) == [CSVPosition(line: 2, column: 4), CSVPosition(line: 3, column: 6), CSVPosition(line: 4, column: 3)])
        #expect(result.errors[0].description.hasPrefix("2:4: "))
    }

    @Test func wellFormedInputHasNoErrors() throws {
        let result = try CSVTokenizer.records(in: Array("a,\"b\"\n\"1\"\"\",2\n".utf8))
        #expect(result.errors.isEmpty)
    }

    @Test func limitsStopHostileInput() throws {
        let small = CSVLimits(maxFieldBytes: 4, maxRecordBytes: 10, maxFieldsPerRecord: 3)
        #expect(throws: CSVError.self) { try CSVTokenizer.records(in: Array("abcde\n".utf8), limits: small) }
        #expect(throws: CSVError.self) { try CSVTokenizer.records(in: Array("abc,abc,abc,abc\n".utf8), limits: small) }
        #expect(throws: CSVError.self) { try CSVTokenizer.records(in: Array("a,b,c,d\n".utf8), limits: small) }
        // Near miss: exactly at the limits is fine.
        #expect(try CSVTokenizer.records(in: Array("abcd,ab,c\n".utf8), limits: small).records.count == 1)
        do {
            _ = try CSVTokenizer.records(in: Array("ok\n\"abcdefgh".utf8), limits: small)
            Issue.record("expected a limit error")
        } catch let error as CSVError {
            #expect(error.kind == .fieldTooLarge)
            #expect(error.position == CSVPosition(line: 2, column: 1))
        }
    }

    @Test func errorListIsBounded() throws {
        let text = String(repeating: "a\"b\n", count: 50)
        var tokenizer = CSVTokenizer(limits: CSVLimits(maxErrors: 5))
        try tokenizer.feed(Array(text.utf8)) { _ in }
        try tokenizer.finish { _ in }
        #expect(tokenizer.errors.count == 5)
        #expect(tokenizer.errorCount == 50)
    }

    @Test func writerRoundTrips() throws {
        let rows = [["id", "text"], ["1", "a, \"b\"\nc"], ["2", " padded "], ["3", "plain"]]
        let text = rows.map { CSVWriter.record($0) }.joined()
        #expect(text.hasPrefix("id,text\r\n1,\"a, \"\"b\"\"\nc\"\r\n"))
        #expect(try fields(text) == rows)
        #expect(CSVWriter.field("a;b", separator: .semicolon) == "\"a;b\"")
        #expect(CSVWriter.field("a;b", separator: .comma) == "a;b")
    }

    @Test func readsFilesInChunks() throws {
        let path = FileManagerless.temporaryPath("csv-tokenizer-test.csv")
        try FileManagerless.write("h1,h2\n" + String(repeating: "x,\"y\nz\"\n", count: 1000), to: path)
        var count = 0
        let errors = try CSVTokenizer.forEachRecord(inFileAtPath: path, chunkSize: 7) { record in
            count += 1
            if record.number > 1 { #expect(record.fields == ["x", "y\nz"]) }
        }
        #expect(count == 1001)
        #expect(errors.isEmpty)
        #expect(throws: (any Error).self) { try CSVTokenizer.forEachRecord(inFileAtPath: path + ".missing") { _ in } }
    }
}
