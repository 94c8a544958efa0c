import Foundation
import Testing

@_spi(Fuzzing) @testable import ServiceBlueprint

/// A large YAML file parsed in parts on several cores (issue 13) gives exactly the tape of parsing
/// it whole, and any file a cut could change is parsed whole.
@Suite("YAML parsed in parts")
struct YAMLPartsTests {
    /// Every entry of the tape of `text`, parsed whole or in `parts` (`nil` when not cut).
    static func tape(_ text: String, parts: Int?) -> [String]? {
        let bytes = Array(text.utf8)
        let syntax = YAMLSyntax(source: SourceText(bytes: bytes, format: .yaml), limits: .default)
        return bytes.withUnsafeBufferPointer { buffer -> [String]? in
            let builder: DocumentTapeBuilder
            let root: Int
            if let parts {
                guard let joined = syntax.parseInParts(buffer, base: 0, parts: parts) else { return nil }
                (builder, root) = (joined, 0)
            } else {
                guard case .success(let parsed?) = syntax.parse(buffer, base: 0) else { return nil }
                (builder, root) = parsed
            }
            let tape = builder.tape(source: bytes)
            return [DocumentTapeTests.plain(tape.node(at: root))] + tape.entries.enumerated().map { index, entry in
                "\(index) \(entry.kind) @\(entry.offset) end \(entry.end) len \(entry.length)"
                    + (entry.kind == .plain || entry.kind == .quoted ? " '\(tape.string(at: index))'" : "")
            }
        }
    }

    /// A blueprint-shaped document with long lists, quoted, multi-line and block scalars, nested
    /// lists and comments, in `style` (lists at column 0 or 2).
    static func document(steps: Int, indent: String) -> String {
        var text = "id: big\ntitle: \"A big one\"\n# a comment at the top level\nstages:\n\(indent)- {id: s1, title: One}\n"
        text += "steps:\n"
        for index in 0..<steps {
            text += "\(indent)- id: step-\(index)\n\(indent)  title: 'Step \(index)'\n\(indent)  lane: frontstage\n"
            if index % 7 == 0 { text += "\(indent)  notes: |\n\(indent)    first line\n\n\(indent)    - not an item\n" }
            if index % 5 == 0 { text += "\(indent)  tags:\n\(indent)  - a\n\(indent)  - \"b c\"\n" }
            if index % 11 == 0 { text += "\n# between steps\n" }
            if index % 13 == 0 { text += "\(indent)  summary: a plain scalar\n\(indent)    on two lines\n" }
        }
        text += "flows:\n"
        for index in 0..<(steps - 1) { text += "\(indent)- {from: step-\(index), to: step-\(index + 1)}\n" }
        text += "language: en\n"
        return text
    }

    @Test("cut at top-level keys and list items, the tape is the whole parse's", arguments: ["", "  "], [2, 3, 4, 7])
    func sameTape(indent: String, parts: Int) throws {
        let text = Self.document(steps: 300, indent: indent)
        let whole = try #require(Self.tape(text, parts: nil))
        let joined = try #require(Self.tape(text, parts: parts))
        #expect(joined == whole)
        let cuts = try #require(text.utf8.withContiguousStorageIfAvailable { YAMLSyntax.cuts(in: $0, parts: parts) } ?? nil)
        #expect(cuts.count >= parts - 1)
        #expect(cuts.contains { $0.listColumn == indent.count })
    }

    @Test("a cut inside a quoted scalar spanning lines falls back to the whole parse")
    func quotedScalarAcrossTheCut() throws {
        var text = Self.document(steps: 100, indent: "  ")
        // A double-quoted scalar whose second line, at column 0, looks like a top-level key.
        let middle = try #require(text.range(of: "  - id: step-50\n"))
        text.replaceSubrange(middle, with: "  - id: step-50\n    title2: \"begins here\nflows: still the scalar\"\n")
        let split = Self.tape(text, parts: 2)
        #expect(split == nil || split == Self.tape(text, parts: nil))
    }

    @Test("anchors, aliases, documents and directives are parsed whole", arguments: [
        "a: &x 1\nb: *x\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n", "\"q\": 1\nb: 2\n",
    ])
    func notCut(prefix: String) {
        let text = prefix + Self.document(steps: 50, indent: "  ")
        #expect(text.utf8.withContiguousStorageIfAvailable { YAMLSyntax.cuts(in: $0, parts: 2) } ?? nil == nil)
    }

    @Test("a document whose root is indented is parsed whole: a key at column 0 ends it")
    func indentedRootNotCut() {
        // Parts would each parse (the first as an indented mapping, the next from `id:`), though the
        // whole file does not.
        let text = "# comment\n    lane: custmer\n    stage: contact\n" + Self.document(steps: 50, indent: "  ")
        #expect(text.utf8.withContiguousStorageIfAvailable { YAMLSyntax.cuts(in: $0, parts: 2) } ?? nil == nil)
        #expect(BlueprintDocument.yamlPartsAgreeWithWhole(text, parts: 2))
        let leading = "\n# comment\n\n" + Self.document(steps: 50, indent: "  ")
        #expect(leading.utf8.withContiguousStorageIfAvailable { YAMLSyntax.cuts(in: $0, parts: 2) } ?? nil != nil)
    }

    @Test("the fuzzer's input with an indented root and invalid UTF-8 agrees with the whole parse")
    func fuzzedIndentedRoot() throws {
        let data = try #require(Data(base64Encoded: "IyBBIGJyb2tlbiBibHVlcHJpbnQgZm9yIG5lZ2F0aXZlIHRlc3RlICB0aXRsZTogQ3VzdG9tZXIgY2FsbHMKICAgIGxhbmU6IGN1c3RtZXIgICAgICAgICAgICAjIGVycm9yOiB1bmtub3duIGxhbmUKICAgIHN0YYKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKClYKCgoKCgoKCgoKCgoKCgoKCgoKCZ2U6IGNvbnRhY3QKICAgIGRuc3dlciwgcHJvYmFiaWxpdHk6IDAuNX0gICAjIGVycm9yOiBwcm9iYWJpbGl0eSBvdXQgb2ZzOiBldmVyeSBsaW5lIG1hcmtlZCAiZXJyb3IiID9pcyBvbmUgZGlhZ25vc3RpYy4KaWQ6IGJyb2tlbgp0aXRsZTogQnJva2VuIG9uIHB1cnBvc2UKc3RhZ2VzOgogIC0gaWQ6IGNvbnRhY3QKc3RlcHM6CiAgLSBpZDogY2FsbAogICAgdGl0bGU6IEN1c3RvbWVyIGNhbGxzCiAgICBsYW5lOiBjdXN0bWVyICAgICAgICAgICAgIyBlcnJvcjogdW5rbm93biBsYW5lCiAgICBzdGGCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgpWCgoKCgoKCgoKCgoKCgoKCgoKCgmdlOiBjb250YWN0CiAgICBkbnN3ZXIsIHByb2JhYmlsaXR5OiAwLjV9ICAgIyBlcnJvcjogcHJvYmFiaWxpdHkgb3V0IG9mIHJhbmdlCg=="))
        let text = String(decoding: data, as: UTF8.self)
        for parts in 2...3 { #expect(BlueprintDocument.yamlPartsAgreeWithWhole(text, parts: parts)) }
    }

    @Test("a list nested in an item is never cut at")
    func nestedListNotCut() throws {
        var text = "journeys:\n  - id: j\n    steps:\n"
        for index in 0..<400 { text += "    - step-\(index)\n" }
        text += "id: x\n"
        let cuts = try #require(text.utf8.withContiguousStorageIfAvailable { YAMLSyntax.cuts(in: $0, parts: 2) } ?? nil)
        #expect(cuts.allSatisfy { $0.listColumn == nil })
        #expect(Self.tape(text, parts: 2) == nil || Self.tape(text, parts: 2) == Self.tape(text, parts: nil))
    }

    @Test("errors anywhere are reported as by the whole parse", arguments: 0..<40)
    func brokenFilesFallBack(seed: Int) {
        var text = Array(Self.document(steps: 120, indent: seed % 2 == 0 ? "  " : "").utf8)
        // Deterministic damage: a few bytes changed to characters that break YAML structure.
        SeededNumbers.damage(&text, seed: seed, alphabet: "\"'[{:- \n\t#&*|>")
        let source = SourceText(bytes: text, format: .yaml)
        let whole = DocumentSyntax(source: source, path: "t", limits: .default)
        let syntax = YAMLSyntax(source: source, limits: .default)
        if text.withUnsafeBufferPointer({ syntax.parseInParts($0, base: 0, parts: 3) }) != nil {
            // When the parts parse, the whole file parses to the same tape.
            #expect(whole.error == nil)
            let string = String(decoding: text, as: UTF8.self)
            #expect(Self.tape(string, parts: 3) == Self.tape(string, parts: nil))
        }
    }
}
