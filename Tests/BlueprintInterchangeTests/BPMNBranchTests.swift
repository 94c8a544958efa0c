import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// Exclusive and parallel branches through BPMN import and export, rework marking, long ids and
/// probability spellings, on small hand-made files (the defects a realism run found).
@Suite("BPMN branches")
struct BPMNBranchTests {
    /// A process `A → split → B | C → join → D`; the split is `gateway`, the branches named by `names`.
    static func diamond(_ gateway: String, names: (String, String) = ("yes", "no"), conditions: (String?, String?) = (nil, nil)) -> String {
        func condition(_ text: String?) -> String {
            text.map { "<conditionExpression>\($0)</conditionExpression>" } ?? ""
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d1" targetNamespace="x">
              <process id="p1" name="Proc">
                <startEvent id="s1"/>
                <task id="A" name="A"/>
                <\(gateway) id="g1"/>
                <task id="B" name="Approve"/>
                <task id="C" name="Reject"/>
                <\(gateway) id="g2"/>
                <task id="D" name="Notify"/>
                <endEvent id="e1"/>
                <sequenceFlow id="f1" sourceRef="s1" targetRef="A"/>
                <sequenceFlow id="f2" sourceRef="A" targetRef="g1"/>
                <sequenceFlow id="f3" sourceRef="g1" targetRef="B" name="\(names.0)">\(condition(conditions.0))</sequenceFlow>
                <sequenceFlow id="f4" sourceRef="g1" targetRef="C" name="\(names.1)">\(condition(conditions.1))</sequenceFlow>
                <sequenceFlow id="f5" sourceRef="B" targetRef="g2"/>
                <sequenceFlow id="f6" sourceRef="C" targetRef="g2"/>
                <sequenceFlow id="f7" sourceRef="g2" targetRef="D"/>
                <sequenceFlow id="f8" sourceRef="D" targetRef="e1"/>
              </process>
            </definitions>
            """
    }

    /// A BPMN file with one process named `Proc` around `body` (flow elements).
    static func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d1" targetNamespace="x">
          <process id="p1" name="Proc">
        \(body)
          </process>
        </definitions>
        """
    }

    static func load(_ xml: String, path: String = "x.bpmn") throws -> BPMNImportResult {
        try BPMNImporter.importBPMN(Data(xml.utf8), path: path)
    }

    static func flow(_ blueprint: Blueprint, _ from: String, _ to: String) -> Flow? {
        blueprint.flows.first { $0.from == from && $0.to == to }
    }

    @Test("exclusive, inclusive and event-based branches without a share are `probability: unknown`", arguments: [
        "exclusiveGateway", "inclusiveGateway", "eventBasedGateway",
    ])
    func exclusiveIsUnknown(gateway: String) throws {
        let blueprint = try Self.load(Self.diamond(gateway)).blueprint
        for target in ["B", "C"] {
            let flow = try #require(Self.flow(blueprint, "A", target))
            #expect(flow.isProbabilityUnknown)
            #expect(flow.probability == nil)
        }
        // The join's outgoing flows are single: plain.
        #expect(Self.flow(blueprint, "B", "D")?.isProbabilityUnknown == false)
        #expect(Self.flow(blueprint, "C", "D")?.isProbabilityUnknown == false)
    }

    @Test("parallel branches stay plain (a fork); the two files no longer read the same")
    func parallelIsFork() throws {
        let parallel = try Self.load(Self.diamond("parallelGateway")).blueprint
        let exclusive = try Self.load(Self.diamond("exclusiveGateway")).blueprint
        #expect(Self.flow(parallel, "A", "B")?.isProbabilityUnknown == false)
        #expect(Self.flow(parallel, "A", "C")?.isProbabilityUnknown == false)
        #expect(Self.flow(parallel, "A", "B")?.probability == nil)
        #expect(parallel != exclusive)
    }

    @Test("a stated share wins over unknown: names (with a space before %), bare-number conditions, BIMP data")
    func statedShares() throws {
        let named = try Self.load(Self.diamond("exclusiveGateway", names: ("ok (70 %)", "not ok (30 %)"))).blueprint
        #expect(Self.flow(named, "A", "B")?.probability == 0.7)
        #expect(Self.flow(named, "A", "C")?.probability == 0.3)
        #expect(Self.flow(named, "A", "C")?.isProbabilityUnknown == false)
        let conditioned = try Self.load(Self.diamond("exclusiveGateway", conditions: ("0.25", "${amount > 1000}"))).blueprint
        #expect(Self.flow(conditioned, "A", "B")?.probability == 0.25)
        // Near miss: a real condition is no share, so that branch stays unknown.
        #expect(Self.flow(conditioned, "A", "C")?.isProbabilityUnknown == true)
        let simulated = Self.diamond("exclusiveGateway").replacingOccurrences(
            of: "</definitions>",
            with: """
                <extensionElements><qbp:processSimulationInfo xmlns:qbp="http://www.qbp-simulator.com/Schema201212"><qbp:sequenceFlows>
                <qbp:sequenceFlow elementId="f3" executionProbability="0.6"/><qbp:sequenceFlow elementId="f4" executionProbability="0.4"/>
                </qbp:sequenceFlows></qbp:processSimulationInfo></extensionElements></definitions>
                """)
        let bimp = try Self.load(simulated).blueprint
        #expect(Self.flow(bimp, "A", "B")?.probability == 0.6)
        #expect(Self.flow(bimp, "A", "C")?.probability == 0.4)
    }

    @Test("`30 %` and ` 30% ` read as 0.3; words do not")
    func percentSpelling() {
        #expect(BPMNVocabulary.probability(number: "30 %") == 0.3)
        #expect(BPMNVocabulary.probability(number: " 30% ") == 0.3)
        #expect(BPMNVocabulary.probability(stated: "not ok (30 %)") == 0.3)
        #expect(BPMNVocabulary.probability(number: "thirty %") == nil)
    }

    @Test("an unnamed process takes the file's name as title, not a generated id")
    func titleFromFile() throws {
        let unnamed = Self.diamond("exclusiveGateway").replacingOccurrences(of: #" name="Proc""#, with: "")
        #expect(try Self.load(unnamed, path: "/tmp/claims-handling.bpmn").blueprint.title == "claims-handling")
        // Near miss: a named process keeps its name.
        #expect(try Self.load(Self.diamond("exclusiveGateway"), path: "/tmp/claims-handling.bpmn").blueprint.title == "Proc")
    }

    @Test("a loop back to a parallel split marks only the flows that return, not the other branches into the join")
    func reworkFromTheStart() throws {
        // Document order puts the loop's end first, as pm4py's running example does.
        let xml = Self.document(
            """
                <task id="reinitiate" name="reinitiate"/>
                <task id="decide" name="decide"/>
                <task id="casually" name="examine casually"/>
                <task id="ticket" name="check ticket"/>
                <task id="register" name="register"/>
                <task id="pay" name="pay"/>
                <startEvent id="s"/>
                <parallelGateway id="fork"/>
                <exclusiveGateway id="merge"/>
                <parallelGateway id="join"/>
                <exclusiveGateway id="choice"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="register"/>
                <sequenceFlow id="f2" sourceRef="register" targetRef="merge"/>
                <sequenceFlow id="f3" sourceRef="reinitiate" targetRef="merge"/>
                <sequenceFlow id="f4" sourceRef="merge" targetRef="fork"/>
                <sequenceFlow id="f5" sourceRef="fork" targetRef="casually"/>
                <sequenceFlow id="f6" sourceRef="fork" targetRef="ticket"/>
                <sequenceFlow id="f7" sourceRef="casually" targetRef="join"/>
                <sequenceFlow id="f8" sourceRef="ticket" targetRef="join"/>
                <sequenceFlow id="f9" sourceRef="join" targetRef="decide"/>
                <sequenceFlow id="f10" sourceRef="decide" targetRef="choice"/>
                <sequenceFlow id="f11" sourceRef="choice" targetRef="reinitiate"/>
                <sequenceFlow id="f12" sourceRef="choice" targetRef="pay"/>
                """)
        let blueprint = try Self.load(xml).blueprint
        let rework = Set(blueprint.flows.filter { $0.kind == .rework }.map(\.id))
        #expect(rework == ["reinitiate->casually", "reinitiate->ticket"])
        #expect(Self.flow(blueprint, "casually", "decide")?.kind == .sequence)
        #expect(Self.flow(blueprint, "ticket", "decide")?.kind == .sequence)
    }

    @Test("ids longer than 128 characters are shortened with a stable hash and a warning; shortened ids stay unique")
    func longIDs() throws {
        let long = String(repeating: "Visual_Paradigm_", count: 10)
        let xml = Self.document(
            """
                <task id="\(long)A" name="A"/>
                <task id="\(long)B" name="B"/>
                <task id="short" name="C"/>
                <sequenceFlow id="f1" sourceRef="\(long)A" targetRef="\(long)B"/>
                <sequenceFlow id="f2" sourceRef="\(long)B" targetRef="short"/>
                """)
        let result = try Self.load(xml)
        let ids = result.blueprint.steps.map(\.id)
        #expect(ids.allSatisfy { $0.unicodeScalars.count <= BlueprintIdentifier.maximumLength })
        #expect(Set(ids).count == 3)
        #expect(ids[2] == "short")
        #expect(ids[0].hasPrefix("Visual_Paradigm_"))
        #expect(result.blueprint.flows.map(\.id) == ["\(ids[0])->\(ids[1])", "\(ids[1])->short"])
        #expect(result.diagnostics.filter { $0.text?.key == "interchange.bpmn.longID" }.count == 2)
        // Deterministic: the same file gives the same ids.
        #expect(try Self.load(xml).blueprint.steps.map(\.id) == ids)
    }

    /// Exclusive branches of unknown share into an exclusive join, a fork into a parallel join,
    /// exclusive branches with shares, one of them rework, and a plain flow beside them.
    static func branching() -> Blueprint {
        var blueprint = Blueprint(id: "branches", title: "Branches", stages: [Stage(id: "s")])
        blueprint.steps = ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map { Step(id: $0, title: $0, lane: .backstage, stage: "s") }
        blueprint.flows = [
            Flow(from: "A", to: "B", label: "yes", isProbabilityUnknown: true),
            Flow(from: "A", to: "C", label: "no", isProbabilityUnknown: true),
            Flow(from: "B", to: "D"), Flow(from: "C", to: "D"),
            Flow(from: "D", to: "E"), Flow(from: "D", to: "F"),
            Flow(from: "E", to: "G"), Flow(from: "F", to: "G"),
            Flow(from: "G", to: "H", probability: 0.8),
            Flow(from: "G", to: "D", kind: .rework, label: "redo", probability: 0.2),
            Flow(from: "H", to: "I"),
        ]
        return blueprint
    }

    static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<bpmn:\(name) id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("export writes exclusive and parallel splits and joins where the branches are")
    func exportGateways() throws {
        let xml = BPMNExporter.text(for: Self.branching())
        #expect(Self.elements("exclusiveGateway", in: xml) == ["Gateway_split_A", "Gateway_split_G", "Gateway_join_D"])
        #expect(Self.elements("parallelGateway", in: xml) == ["Gateway_split_D", "Gateway_join_G"])
        // Near miss: a single flow out of and into a step needs no gateway.
        #expect(!xml.contains("Gateway_split_H") && !xml.contains("Gateway_join_I"))
        #expect(xml.contains(#"<bpmn:sequenceFlow id="Flow_1" name="yes" sourceRef="Gateway_split_A" targetRef="B" sb:probability="unknown"/>"#))
    }

    @Test("export then import keeps exclusive (unknown or stated) and parallel branches, with and without extensions")
    func exportRoundTrip() throws {
        let original = Self.branching()
        let xml = BPMNExporter.text(for: original)
        #expect(try BPMNImporter.importBPMN(Data(xml.utf8), path: "x.bpmn").blueprint == original)
        let plain = try BPMNImporter.importBPMN(Data(xml.utf8), path: "x.bpmn", options: BPMNImportOptions(useExtensions: false)).blueprint
        #expect(plain.flows == original.flows)
    }

    @Test("the export with gateways validates against the OMG BPMN 2.0 XSDs (xmllint)")
    func gatewaysValidate() throws {
        guard let xmllint = TestSupport.executable("xmllint"), let schemas = TestSupport.schemas else {
            print("SKIPPED: xmllint or the OMG BPMN 2.0 XSDs are missing; the XSD check did not run")
            return
        }
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("branches.bpmn").path
        try BPMNExporter.write(Self.branching(), to: file)
        let result = TestSupport.run(xmllint, ["--noout", "--nonet", "--schema", schemas.appendingPathComponent("BPMN20.xsd").path, file])
        #expect(result.status == 0, "\(result.output)")
    }
}
