import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// BPMN export: valid against the OMG XSDs, laid out, deterministic, and lossless on import.
@Suite("BPMN export")
struct BPMNExportTests {
    static func load(_ path: String) throws -> Blueprint { try BlueprintDocument.read(from: path).blueprint }

    @Test("every repository blueprint round-trips through BPMN to an equal blueprint", arguments: TestSupport.repositoryBlueprints())
    func roundTrip(path: String) throws {
        let original = try Self.load(path)
        let xml = BPMNExporter.text(for: original)
        let back = try BPMNImporter.importBPMN(Data(xml.utf8), path: "export.bpmn")
        #expect(back.blueprint == original)
        #expect(back.diagnostics.allSatisfy { $0.severity != .error })
    }

    @Test("with lanes per actor the round trip is equal too", arguments: TestSupport.repositoryBlueprints())
    func roundTripByActor(path: String) throws {
        let original = try Self.load(path)
        let xml = BPMNExporter.text(for: original, options: BPMNExportOptions(lanes: .actor))
        #expect(try BPMNImporter.importBPMN(Data(xml.utf8), path: "export.bpmn").blueprint == original)
    }

    @Test("without extensions, the plain BPMN keeps steps, lanes, flows and data", arguments: TestSupport.repositoryBlueprints())
    func plainRoundTrip(path: String) throws {
        let original = try Self.load(path)
        let xml = BPMNExporter.text(for: original)
        let plain = try BPMNImporter.importBPMN(Data(xml.utf8), path: "export.bpmn", options: BPMNImportOptions(useExtensions: false)).blueprint
        #expect(plain.steps.map(\.id) == original.steps.map(\.id))
        #expect(plain.steps.map(\.title) == original.steps.map(\.title))
        #expect(plain.steps.map(\.lane) == original.steps.map(\.lane))
        #expect(Set(plain.flows.map(\.id)) == Set(original.flows.map(\.id)))
        #expect(plain.steps.map(\.needs.count) == original.steps.map { $0.kind == .wait ? 0 : $0.needs.count })
    }

    @Test("export is deterministic")
    func deterministic() throws {
        let blueprint = try Self.load(try #require(TestSupport.repositoryBlueprints().first))
        #expect(BPMNExporter.text(for: blueprint) == BPMNExporter.text(for: blueprint))
    }

    @Test("ids that are not XML names are escaped and restored; text is escaped")
    func escaping() throws {
        var blueprint = Blueprint(id: "1.odd-id", title: "A <b> & \"c\"", stages: [Stage(id: "s")])
        blueprint.steps = [
            Step(id: "2go", title: "Ask <why> & \"how\"", lane: .customer, stage: "s"),
            Step(id: "3-next", title: "Then", lane: .frontstage, stage: "s", channel: .chat),
        ]
        blueprint.flows = [Flow(from: "2go", to: "3-next", label: "a & b")]
        let xml = BPMNExporter.text(for: blueprint)
        #expect(xml.contains("id=\"_2go\""))
        #expect(xml.contains("Ask &lt;why&gt; &amp; &quot;how&quot;"))
        #expect(try BPMNImporter.importBPMN(Data(xml.utf8), path: "x.bpmn").blueprint == blueprint)
    }

    @Test("exports validate against the OMG BPMN 2.0 XSDs (xmllint)", arguments: TestSupport.repositoryBlueprints())
    func validatesAgainstXSD(path: String) throws {
        guard let xmllint = TestSupport.executable("xmllint") else {
            print("SKIPPED: xmllint is not installed (apt-get install libxml2-utils); the XSD check did not run")
            return
        }
        guard let schemas = TestSupport.schemas else {
            print("SKIPPED: the OMG BPMN 2.0 XSDs are not in shared/schemas/bpmn-2.0 beside the repository; the XSD check did not run")
            return
        }
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, options) in [("lanes", BPMNExportOptions()), ("actors", BPMNExportOptions(lanes: .actor))] {
            let file = folder.appendingPathComponent("\(name).bpmn").path
            try BPMNExporter.write(try Self.load(path), to: file, options: options)
            let schema = schemas.appendingPathComponent("BPMN20.xsd").path
            let result = TestSupport.run(xmllint, ["--noout", "--nonet", "--schema", schema, file])
            #expect(result.status == 0, "\(result.output)")
        }
    }
}
