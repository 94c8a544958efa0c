import Testing

@testable import ServiceBlueprint

/// The flat document tape the syntax layers build (issue 13): nodes are handles into one array,
/// collections skip their children's subtrees, aliases point at their anchors.
@Suite("Document tape")
struct DocumentTapeTests {
    static func parse(_ text: String, _ format: DocumentFormat, limits: ReadingLimits = .default) -> DocumentNode? {
        let syntax = DocumentSyntax(source: SourceText(bytes: Array(text.utf8), format: format), path: "t", limits: limits)
        #expect(syntax.error == nil, "\(String(describing: syntax.error))")
        return syntax.root
    }

    /// The node as nested Swift values, to compare whole trees at once.
    static func plain(_ node: DocumentNode) -> String {
        switch node {
        case .scalar(let scalar): return (scalar.isPlain ? "" : "'") + scalar.string + "@\(scalar.offset)"
        case .sequence(let sequence):
            return "[" + sequence.map(plain).joined(separator: ",") + "]#\(sequence.count)@\(sequence.offset)"
        case .mapping(let mapping):
            return "{" + mapping.entries.map { plain($0.key) + ":" + plain($0.value) }.joined(separator: ",")
                + "}#\(mapping.count)@\(mapping.offset)"
        }
    }

    @Test("JSON: nesting, escapes, numbers and words, with their offsets")
    func json() throws {
        let text = #"{"a": [1, "x\ny", {"b": null}], "c": {}, "d": [], "é": -2.5e3, "a": true}"#
        let root = try #require(Self.parse(text, .json))
        #expect(
            Self.plain(root)
                == "{'a@1:[1@7,'x\ny@10,{'b@19:null@24}#1@18]#3@6,'c@32:{}#0@37,'d@41:[]#0@46,'é@50:-2.5e3@56,'a@64:true@69}#5@0")
    }

    @Test("YAML: an alias is its anchor's node, at the anchor's place")
    func yamlAlias() throws {
        let text = "a: &x {k: v, n: [1, 2]}\nb: *x\nc: &s text\nd: [*s, *x]\n"
        let root = try #require(Self.parse(text, .yaml))
        guard case .mapping(let mapping) = root else {
            Issue.record("not a mapping")
            return
        }
        let keys = mapping.entries.map { Self.plain($0.key) }
        let values = mapping.entries.map { Self.plain($0.value) }
        #expect(keys == ["a@0", "b@24", "c@30", "d@41"])
        #expect(values[0].hasPrefix("{k@7:v@10,n@13:[1@17,2@20]#2@16}#2@"))
        #expect(values[1] == values[0])
        #expect(values[2].hasPrefix("text@"))
        #expect(values[3] == "[\(values[2]),\(values[0])]#2@44")
    }

    @Test("an empty document has no root; a scalar document is its one node")
    func empty() {
        let empty = DocumentSyntax(source: SourceText(bytes: Array("  \n".utf8), format: .json), path: "t", limits: .default)
        #expect(empty.root == nil && empty.error == nil)
        #expect(Self.parse("\"only\"", .json).map(Self.plain) == "'only@0")
        #expect(Self.parse("'only'", .yaml).map(Self.plain) == "'only@0")
    }

    @Test("a document nested far deeper than any stack is built and freed without recursion")
    func deepNesting() throws {
        let depth = 200_000
        let limits = ReadingLimits(maximumDepth: depth + 1)
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        var node = try #require(Self.parse(text, .json, limits: limits))
        var levels = 0
        while case .sequence(let sequence) = node, let first = Array(sequence).first {
            node = first
            levels += 1
        }
        #expect(levels == depth)
        #expect(node.string == "1")
    }
}
