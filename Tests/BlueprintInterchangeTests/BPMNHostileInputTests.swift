import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// Hostile or broken XML is refused with a clear, located error; nothing is fetched.
@Suite("BPMN hostile input")
struct BPMNHostileInputTests {
    func failure(_ xml: String, limits: XMLLimits = .standard) -> String? {
        do {
            _ = try BPMNImporter.importBPMN(Data(xml.utf8), path: "in.bpmn", options: BPMNImportOptions(limits: limits))
            return nil
        } catch {
            return error.description
        }
    }

    static let minimal = """
        <?xml version="1.0"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
        <process id="p"><task id="t" name="Only task"/></process></definitions>
        """

    @Test("a minimal valid file imports (the near miss of every case below)")
    func minimal() throws {
        let result = try BPMNImporter.importBPMN(Data(Self.minimal.utf8), path: "in.bpmn")
        #expect(result.blueprint.steps.map(\.id) == ["t"])
    }

    @Test("a processing instruction without data is refused before the parser crashes on it")
    func processingInstructionWithoutData() throws {
        let message = failure("<?xml version=\"1.0\"?>\n<?pi?>\n" + Self.minimal.split(separator: "\n").dropFirst().joined(separator: "\n"))
        #expect(message?.contains("in.bpmn:2:1: error: a processing instruction without data") == true)
        // The fuzzer's inputs, and a near miss that imports.
        #expect(failure("<?x?>\0\0PE ENTions>\n")?.contains("in.bpmn:1:1: error: a processing instruction") == true)
        // A start tag broken by `<?xml …` that runs on to a later `<?x?>`: libxml2 recovers from the
        // tag and parses `<?x?>`, so the scan must not take it for the end of the first instruction.
        let broken = Self.minimal.replacingOccurrences(of: "<process", with: "<a i<?xml v=\"1\" x=\"y\">\n<?x?>\u{0}\u{0}</a><process")
        #expect(failure(broken)?.contains("error: a processing instruction without data") == true)
        // Refused wherever it is, even in a comment: a malformed file can make libxml2 read it elsewhere.
        let commented = Self.minimal.replacingOccurrences(of: "<process", with: "<!-- <?pi?> --><process")
        #expect(failure(commented)?.contains("error: a processing instruction without data") == true)
        let withData = Self.minimal.replacingOccurrences(of: "<process", with: "<?pi data?><!-- <?pi data?> --><process")
        #expect(try BPMNImporter.importBPMN(Data(withData.utf8), path: "in.bpmn").blueprint.steps.map(\.id) == ["t"])
    }

    @Test("entity expansion (billion laughs) is refused before parsing")
    func billionLaughs() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="t" name="&lol2;"/></process></definitions>
            """
        let message = failure(xml)
        #expect(message?.contains("in.bpmn:2:1: error:") == true)
        #expect(message?.contains("DTDs and entities are refused") == true)
    }

    @Test("external entities are refused and nothing is fetched")
    func externalEntity() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/secret">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="t" name="&xxe;"/></process></definitions>
            """
        #expect(failure(xml)?.contains("refused") == true)
    }

    @Test("a DOCTYPE inside a comment is not a DOCTYPE")
    func doctypeInComment() throws {
        let xml = Self.minimal.replacingOccurrences(of: "<process", with: "<!-- <!DOCTYPE x> --><process")
        #expect(failure(xml) == nil)
    }

    @Test("deep nesting, too many elements and oversize files are refused")
    func limits() {
        let deep = "<definitions>" + String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200) + "</definitions>"
        #expect(failure(deep)?.contains("nested more than 128 deep") == true)
        let many = "<definitions>" + String(repeating: "<a/>", count: 50) + "</definitions>"
        #expect(failure(many, limits: XMLLimits(maxElements: 20))?.contains("more than 20 elements") == true)
        #expect(failure(Self.minimal, limits: XMLLimits(maxBytes: 10))?.contains("more than the limit of 10 bytes") == true)
    }

    @Test("invalid UTF-8 is refused before the parser sees it (the fuzzer's crash)")
    func invalidUTF8() throws {
        var bytes = Array(Self.minimal.utf8)
        bytes.insert(contentsOf: [0xFF, 0xFF], at: bytes.count - 30)
        do {
            _ = try BPMNImporter.importBPMN(Data(bytes), path: "in.bpmn")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("in.bpmn:3:") && error.description.contains("not valid UTF-8"))
        }
    }

    @Test("malformed XML and non-BPMN roots are located errors")
    func malformed() {
        #expect(failure("<definitions><process>")?.contains("not well-formed XML") == true)
        #expect(failure("<definitions><process></definitions>")?.contains("not well-formed XML") == true)
        #expect(failure("<svg/>")?.contains("in.bpmn:1:") == true)
        #expect(failure("<svg/>")?.contains("expected 'definitions'") == true)
    }
}
