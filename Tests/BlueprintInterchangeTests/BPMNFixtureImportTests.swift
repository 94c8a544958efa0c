import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// Import of public BPMN files we did not write (see Fixtures/SOURCES.md): every element is
/// mapped, warned about at a location, or read as part of another, with the counts pinned.
@Suite("BPMN import of public files")
struct BPMNFixtureImportTests {
    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var mapped: Int, warned: Int
        var steps: Int, flows: Int, information: Int, actors: Int, waits: Int
        var description: String { file }
    }

    static let expected: [Expected] = [
        .init(file: "bpmnjs-complex.bpmn", mapped: 311, warned: 13, steps: 46, flows: 57, information: 4, actors: 9, waits: 3),
        .init(file: "bpmnjs-kitchen-sink.bpmn", mapped: 95, warned: 18, steps: 23, flows: 2, information: 4, actors: 2, waits: 1),
        .init(file: "bpmnjs-collaboration-data-items.bpmn", mapped: 13, warned: 0, steps: 1, flows: 0, information: 3, actors: 1, waits: 0),
        .init(file: "bpmnjs-collapsed-sub-process.bpmn", mapped: 52, warned: 0, steps: 5, flows: 4, information: 0, actors: 0, waits: 0),
        .init(file: "bpmnjs-data-objects.bpmn", mapped: 16, warned: 3, steps: 2, flows: 0, information: 4, actors: 1, waits: 0),
        .init(file: "camunda-camunda-testing-job-announcement.bpmn", mapped: 22, warned: 0, steps: 6, flows: 6, information: 0, actors: 3, waits: 0),
        .init(file: "camunda-invoicePayment.bpmn", mapped: 16, warned: 0, steps: 3, flows: 2, information: 0, actors: 0, waits: 0),
        .init(file: "camunda-invokeRestService.bpmn", mapped: 14, warned: 0, steps: 3, flows: 2, information: 0, actors: 0, waits: 0),
        .init(file: "camunda-loan-granting.bpmn", mapped: 24, warned: 2, steps: 3, flows: 2, information: 0, actors: 0, waits: 0),
        .init(file: "camunda-order-handling.bpmn", mapped: 15, warned: 1, steps: 2, flows: 1, information: 0, actors: 0, waits: 0),
    ]

    @Test("counts of mapped and warned elements per file", arguments: expected)
    func counts(_ expected: Expected) throws {
        let path = TestSupport.fixture("bpmn/\(expected.file)")
        let result = try BPMNImporter.importFile(path)
        let blueprint = result.blueprint
        #expect(result.counts.mapped == expected.mapped)
        #expect(result.counts.warned == expected.warned)
        #expect(blueprint.steps.count == expected.steps)
        #expect(blueprint.flows.count == expected.flows)
        #expect(blueprint.information.count == expected.information)
        #expect(blueprint.actors.count == expected.actors)
        #expect(blueprint.steps.filter { $0.kind == .wait }.count == expected.waits)
        // Nothing dropped in silence: every element of the file is counted once.
        let tree = try XMLTreeReader.read(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        #expect(result.counts.total == tree.nodes.count)
        // Every element warning is located in the BPMN file.
        #expect(result.diagnostics.allSatisfy { $0.location?.path == path && ($0.location?.line ?? 0) > 0 })
        let elementWarnings = result.diagnostics.filter { !$0.message.contains("is in no flow") && !$0.message.contains("never needed") }
        #expect(elementWarnings.count == expected.warned)
    }

    @Test("two files have lanes, data objects and timers")
    func richFiles() throws {
        for name in ["bpmnjs-complex.bpmn", "bpmnjs-kitchen-sink.bpmn"] {
            let blueprint = try BPMNImporter.importFile(TestSupport.fixture("bpmn/\(name)")).blueprint
            #expect(blueprint.actors.contains { $0.kind == .role }, "\(name)")
            #expect(!blueprint.information.isEmpty, "\(name)")
            #expect(blueprint.steps.contains { $0.kind == .wait }, "\(name)")
            #expect(blueprint.steps.contains { !$0.needs.isEmpty || !$0.produces.isEmpty }, "\(name)")
        }
    }

    @Test("a file that fails the XSD still imports, with warnings")
    func offSchema() throws {
        // bpmnjs-complex.bpmn has isCollection on a dataObjectReference (xmllint rejects it).
        let result = try BPMNImporter.importFile(TestSupport.fixture("bpmn/bpmnjs-complex.bpmn"))
        #expect(result.blueprint.steps.count == 46)
        #expect(!result.diagnostics.isEmpty)
        // bpmnjs-data-objects.bpmn has data associations without references: warned, located.
        let data = try BPMNImporter.importFile(TestSupport.fixture("bpmn/bpmnjs-data-objects.bpmn"))
        #expect(data.diagnostics.contains { $0.message.contains("names no data object or store") && $0.location?.line == 99 })
    }

    @Test("a file with no task at all is a clear error, not an empty blueprint")
    func noSteps() {
        #expect(throws: BlueprintError.self) { try BPMNImporter.importFile(TestSupport.fixture("bpmn/bpmnjs-containers.bpmn")) }
    }
}
