import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// The mapping rules of the BPMN import, on a small file written for them (Fixtures/rules).
@Suite("BPMN import rules")
struct BPMNImportRuleTests {
    static let path = TestSupport.fixture("rules/service-desk.bpmn")

    func imported(_ options: BPMNImportOptions = .init()) throws -> BPMNImportResult {
        try BPMNImporter.importFile(Self.path, options: options)
    }

    @Test("lanes follow what each step is: customer, touches the customer, other work, systems")
    func lanes() throws {
        let blueprint = try imported().blueprint
        #expect(blueprint.step("Report")?.lane == .customer)
        #expect(blueprint.step("Receive")?.lane == .frontstage)
        #expect(blueprint.step("Answer")?.lane == .frontstage)
        // Near miss: a user task in the same lane with no message to the customer.
        #expect(blueprint.step("Triage")?.lane == .backstage)
        #expect(blueprint.step("Log")?.lane == .support)
        #expect(blueprint.step("Billing")?.lane == .support)
    }

    @Test("pools and lanes become actors; the customer pool is the customer")
    func actors() throws {
        let blueprint = try imported().blueprint
        #expect(blueprint.actor("Pool_customer")?.kind == .customer)
        #expect(blueprint.actor("Lane_agent")?.title == "Agent")
        #expect(blueprint.actor("Lane_agent")?.department == "Service desk")
        #expect(blueprint.step("Triage")?.actor == "Lane_agent")
        #expect(blueprint.step("Log")?.actor == "Lane_it")
    }

    @Test("message flows with the customer make touchpoints with a channel from their names")
    func touchpoints() throws {
        let blueprint = try imported().blueprint
        #expect(blueprint.step("Receive")?.channel == .web)
        #expect(blueprint.step("Answer")?.channel == .email)
        #expect(blueprint.step("Triage")?.channel == nil)
        #expect(blueprint.flows.contains { $0.from == "Report" && $0.to == "Receive" && $0.kind == .handoff })
    }

    @Test("gateways are joined into forks with the probabilities the file states")
    func gateways() throws {
        let flows = try imported().blueprint.flows
        let yes = flows.first { $0.from == "Triage" && $0.to == "Answer" }
        let no = flows.first { $0.from == "Triage" && $0.to == "Lookup" }
        #expect(yes?.probability == 0.7)
        #expect(yes?.label == "yes (70%)")
        #expect(no?.probability == 0.3)
        #expect(no?.label == "no")
    }

    @Test("timers become wait steps and wait points; loops become rework")
    func timersAndLoops() throws {
        let blueprint = try imported().blueprint
        let wait = try #require(blueprint.step("WaitParts"))
        #expect(wait.kind == .wait)
        #expect(wait.duration?.likely == .hours(52))
        #expect(blueprint.step("Lookup")?.waitPoint?.tolerance == .hours(4))
        #expect(blueprint.flows.contains { $0.from == "Lookup" && $0.to == "Answer" && $0.kind == .escalation })
        #expect(blueprint.flows.contains { $0.from == "Test" && $0.to == "Fix" && $0.kind == .rework })
        #expect(!blueprint.flows.contains { $0.from == "Fix" && $0.to == "Test" && $0.kind == .rework })
    }

    @Test("data objects become information items with needs and produces")
    func data() throws {
        let blueprint = try imported().blueprint
        #expect(blueprint.information.map(\.id) == ["Obj_ticket"])
        #expect(blueprint.information.first?.title == "Ticket")
        #expect(blueprint.step("Receive")?.produces == ["Obj_ticket"])
        #expect(blueprint.step("Triage")?.needs == ["Obj_ticket"])
        #expect(blueprint.step("Log")?.needs == [])
    }

    @Test("documentation and annotations become notes; the process's documentation the summary")
    func notes() throws {
        let blueprint = try imported().blueprint
        #expect(blueprint.summary == "How the desk handles a reported problem.")
        #expect(blueprint.step("Receive")?.notes == "Read the form.")
        #expect(blueprint.step("Triage")?.notes == "Agents follow the triage script.")
        #expect(blueprint.step("Test")?.notes == "Calls process 'QualityCheck'.")
    }

    @Test("sub-processes become stages, or are flattened by option")
    func subProcesses() throws {
        let staged = try imported().blueprint
        #expect(staged.stages.map(\.id) == ["main", "Repair"])
        #expect(staged.step("Fix")?.stage == "Repair")
        #expect(staged.flows.contains { $0.from == "WaitParts" && $0.to == "Fix" })
        #expect(staged.flows.contains { $0.from == "Test" && $0.to == "Billing" })
        let flat = try imported(BPMNImportOptions(flattenSubProcesses: true)).blueprint
        #expect(flat.stages.map(\.id) == ["main"])
        #expect(flat.step("Fix")?.stage == "main")
    }

    @Test("elements without a counterpart are warned at line:column; the rest are counted")
    func warnings() throws {
        let result = try imported()
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("service-desk.bpmn:") && $0.contains("group 'Group_1' is not mapped") })
        #expect(messages.contains { $0.contains("multiInstanceLoopCharacteristics") })
        #expect(result.diagnostics.allSatisfy { ($0.location?.line ?? 0) > 0 })
        #expect(result.counts.warned == 2)
        #expect(result.counts.mapped == 48)
    }

    @Test("the lane mapping is printed with its reasons, and a mapping file overrides it")
    func mappingFile() throws {
        let decisions = try imported().decisions
        #expect(decisions.first { $0.step == "Receive" }?.reason == "exchanges messages with the customer")
        let mapping = try LaneMapping.parse(
            """
            ids:
              Triage: frontstage
            lanes:
              "IT systems": backstage
            types:
              manualTask: support
            """, path: "map.yaml")
        let blueprint = try imported(BPMNImportOptions(mapping: mapping)).blueprint
        #expect(blueprint.step("Triage")?.lane == .frontstage)
        #expect(blueprint.step("Log")?.lane == .backstage)
        #expect(blueprint.step("Fix")?.lane == .support)
        #expect(blueprint.step("Answer")?.lane == .frontstage)
    }

    @Test("a bad mapping file reports every problem with a location and a suggestion")
    func badMapping() {
        #expect(throws: BlueprintError.self) { try LaneMapping.parse("idz:\n  a: frontstage\n", path: "m.yaml") }
        do {
            _ = try LaneMapping.parse("ids:\n  a: frontstag\n  b: nowhere\n", path: "m.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.diagnostics[0].description.hasPrefix("m.yaml:2:"))
            #expect(error.diagnostics[0].message.contains("did you mean 'frontstage'?"))
        }
    }
}
