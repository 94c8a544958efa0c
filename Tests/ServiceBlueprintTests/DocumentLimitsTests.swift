import Foundation
import Testing

@testable import ServiceBlueprint

/// Hostile and huge input (issue 10): limits refuse it quickly, with a located error.
@Suite("Document reader limits")
struct DocumentLimitsTests {
    /// `line:column: error: message` of every diagnostic of `text` read under `limits`.
    func lines(_ text: String, format: DocumentFormat = .yaml, limits: ReadingLimits = .default) -> [String] {
        do {
            return try BlueprintDocument.parse(text, path: "t", format: format, limits: limits).diagnostics.map(\.description)
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: "t:", with: "", options: .anchored) }
        }
    }

    // MARK: File size

    @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sparse 200 MB file: reading it whole would take seconds and gigabytes.
        let huge = folder.appendingPathComponent("huge.yaml")
        try Data("id: x\n".utf8).write(to: huge)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 200_000_000)
        try handle.close()
        #expect(throws: BlueprintError.self) { try BlueprintDocument.read(from: huge.path) }
        do {
            _ = try BlueprintDocument.read(from: huge.path)
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(huge.path):1:1: error: the file is too large (more than 128 MiB, the limit on file size); it was not read"
            ])
        }
        // Near miss: the same limit lets a file of exactly that size through to the parser.
        let small = folder.appendingPathComponent("small.yaml")
        try Data(baseDocument.utf8).write(to: small)
        let exact = ReadingLimits(maximumFileSize: baseDocument.utf8.count)
        #expect(try BlueprintDocument.read(from: small.path, limits: exact).blueprint.steps.count == 2)
        #expect(throws: BlueprintError.self) {
            try BlueprintDocument.read(from: small.path, limits: ReadingLimits(maximumFileSize: baseDocument.utf8.count - 1))
        }
    }

    @Test func parsedTextHasTheSameLimit() {
        #expect(lines("id: x\n", limits: ReadingLimits(maximumFileSize: 5)) == [
            "1:1: error: the file is too large (more than 5 bytes, the limit on file size); it was not read"
        ])
    }

    // MARK: Aliases

    @Test func oneBigStringRepeatedByAliasIsRefusedAtTheAliasThatCrossesTheLimit() {
        // 112 KB of text naming a 100 KB string 1 001 times: 100 MB once expanded.
        let big = String(repeating: "a", count: 100_000)
        let text = "id: x\ntitle: &big \(big)\nsteps:\n" + String(repeating: "  - *big\n", count: 1_001)
        let diagnostics = lines(text)
        // Each alias adds 100 001 bytes: the 168th crosses 16 MiB (16 777 216 bytes); it is on line 171.
        #expect(diagnostics == [
            "171:5: error: aliases expand the document beyond 16 MiB of text (the limit on alias expansion)"
        ])
        // Near miss: a few aliases of the same string are fine (the step errors are the validator's).
        let few = "id: x\ntitle: &big \(big)\nsteps:\n" + String(repeating: "  - *big\n", count: 3)
        #expect(!lines(few).contains { $0.contains("alias") })
    }

    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [" + Array(repeating: previous, count: 10).joined(separator: ", ") + "]\n"
        }
        let diagnostics = lines(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("aliases expand the document beyond 16 MiB") == true)
    }

    @Test func aliasLimitIsOverridable() {
        let text = "id: &name somewhat-long-id\ntitle: *name\nsummary: *name\n"
        #expect(lines(text, limits: ReadingLimits(maximumAliasExpansion: 20)) == [
            "3:10: error: aliases expand the document beyond 20 bytes of text (the limit on alias expansion)"
        ])
        #expect(!lines(text, limits: ReadingLimits(maximumAliasExpansion: 40)).contains { $0.contains("alias") })
    }

    // MARK: Nesting

    @Test func jsonNestingErrorIsLocatedWhereItHappens() {
        let deep = "\n  " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(lines(deep, format: .json) == ["2:1003: error: the document is nested too deeply (more than 1000 levels)"])
        let shallow = #"{"id": "x", "steps": [[[1]]]}"#
        #expect(lines(shallow, format: .json, limits: ReadingLimits(maximumDepth: 3)) == [
            "1:24: error: the document is nested too deeply (more than 3 levels)"
        ])
        #expect(lines("id: x\nsteps: [[[1]]]\n", limits: ReadingLimits(maximumDepth: 3)) == [
            "2:10: error: the document is nested too deeply (more than 3 levels)"
        ])
        // Near miss: exactly at the limit is read (and the reader's own error follows).
        #expect(lines(shallow, format: .json, limits: ReadingLimits(maximumDepth: 4)) == [
            "1:23: error: a step must be a mapping, found a list"
        ])
    }

    // MARK: Lines and columns

    /// The blueprint-level error every test document below also gets (it has no steps).
    let noSteps = "1:1: error: the blueprint has no steps; add at least one step"

    @Test func lineAndParagraphSeparatorsAreNotLineBreaksInJSON() {
        let json = "{\"id\": \"x\", \"summary\": \"x\u{2028}y\u{2029}z\", \"title\": 5}"
        #expect(lines(json, format: .json) == [noSteps, "1:42: error: 'title' must be a string, found the number 5; put it in quotes"])
        // YAML counts them as breaks, as libyaml does.
        let yaml = "id: x\nsummary: \"x\u{2028}y\"\ntitle: 5\n"
        #expect(lines(yaml) == [noSteps, "4:8: error: 'title' must be a string, found the number 5; put it in quotes"])
    }

    @Test func columnsCountCharactersNotBytes() {
        let json = "{\"id\": \"x\", \"summary\": \"修理😀\", \"title\": 5}"
        #expect(lines(json, format: .json) == [noSteps, "1:40: error: 'title' must be a string, found the number 5; put it in quotes"])
        // A byte-order mark is not a column.
        #expect(lines("\u{FEFF}{\"id\": 5}", format: .json).contains("1:8: error: 'id' must be a string, found the number 5; put it in quotes"))
        #expect(lines("\u{FEFF}id: 5\n").contains("1:5: error: 'id' must be a string, found the number 5; put it in quotes"))
    }

    // MARK: Numbers

    @Test func hugeNumbersInJSONAreLocatedErrors() {
        /// A two-step JSON blueprint with `extra` added to its flow and its actor.
        func json(flow: String = "", actor: String = "") -> String {
            #"{"id": "x", "stages": [{"id": "s"}], "actors": [{"id": "p"\#(actor)}], "steps": ["#
                + #"{"id": "a", "title": "A", "lane": "customer", "stage": "s"}, {"id": "b", "title": "B", "lane": "customer", "stage": "s"}], "#
                + #""flows": [{"from": "a", "to": "b"\#(flow)}]}"#
        }
        /// The 1-based column of `word` in the one-line `text`.
        func column(of word: String, in text: String) -> Int {
            text.distance(from: text.startIndex, to: text.range(of: word)?.lowerBound ?? text.startIndex) + 1
        }
        let infinite = json(flow: #", "probability": 1e400"#)
        #expect(lines(infinite, format: .json) == ["1:\(column(of: "1e400", in: infinite)): error: 'probability' is too large: 1e400"])
        let wide = json(actor: #", "capacity": 12345678901234567890"#)
        #expect(lines(wide, format: .json) == [
            "1:\(column(of: "1234", in: wide)): error: 'capacity' is too large: 12345678901234567890"
        ])
        // Near misses: numbers that fit are read.
        #expect(lines(json(flow: #", "probability": 1e-400"#, actor: #", "capacity": 1234567890"#), format: .json).isEmpty)
        #expect(lines(json(flow: #", "probability": 0.5e0"#), format: .json).isEmpty)
    }

    @Test func invalidJSONNumbersAreSyntaxErrors() {
        #expect(lines(#"{"id": 01}"#, format: .json) == ["1:8: error: JSON syntax error: invalid number '01'"])
        #expect(lines(#"{"id": -}"#, format: .json) == ["1:8: error: JSON syntax error: invalid number '-'"])
        #expect(lines(#"{"id": 1.}"#, format: .json) == ["1:8: error: JSON syntax error: invalid number '1.'"])
    }

    @Test func strictJSONErrorsAreLocated() {
        #expect(lines("{\"id\": \"x\",}", format: .json) == [
            "1:12: error: JSON syntax error: found '}' after ','; remove the trailing comma"
        ])
        #expect(lines("{\"id\": \"x\"} x", format: .json) == [
            "1:13: error: JSON syntax error: found more text after the end of the document"
        ])
        #expect(lines("{\"id\": \"a\nb\"}", format: .json) == [
            "1:10: error: JSON syntax error: found a line break inside a string; write it as \\n (while scanning a string at line 1, column 8)"
        ])
        #expect(lines("{\"id\": \"x\"", format: .json) == [
            "1:11: error: JSON syntax error: did not find expected ',' or '}' (while parsing an object at line 1, column 1)"
        ])
    }
}
