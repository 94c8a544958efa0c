import Testing
@testable import ServiceBlueprint

@Suite("Rules: structure")
struct RuleStructureTests {
    /// customer asks → agent answers (phone) → backstage looks up; plus an orphan and a dead end.
    static func shop() -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("ask", "Customer asks for a refund", .customer, channel: .inPerson, evidence: ["Receipt"]),
                Fixture.step("answer", "Clerk answers", .frontstage, actor: "clerk", channel: .inPerson),
                Fixture.step("lookup", "Clerk looks up the sale", .backstage, actor: "clerk"),
                Fixture.step("refund", "Clerk refunds", .frontstage, actor: "clerk"),
                Fixture.step("orphan", "Manager reviews refunds weekly", .backstage, actor: "manager"),
                Fixture.step("log", "Clerk logs the refund", .support, actor: "clerk"),
                Fixture.step("poster", "Refund policy poster", .evidence),
            ],
            flows: Fixture.chain("ask", "answer", "lookup", "refund") + [Flow(from: "lookup", to: "log")],
            actors: [Actor(id: "clerk"), Actor(id: "manager")],
            journeys: [Journey(id: "refund", title: "Refund", start: "ask")])
    }

    @Test func unreachableStep() {
        // In no flow at all, the orphan is `structure-no-flow`'s; with a flow out of it, it is unreachable.
        #expect(Fixture.findings(StructureUnreachableStepRule(), Self.shop()).isEmpty)
        var blueprint = Self.shop()
        blueprint.flows.append(Flow(from: "orphan", to: "log"))
        let findings = Fixture.findings(StructureUnreachableStepRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["orphan"]])
        #expect(findings.first?.message == "'Manager reviews refunds weekly' (orphan) cannot be reached from any journey's start: no flow leads to it.")
    }

    @Test func reachableByInformationIsReachable() {
        var blueprint = Self.shop()
        blueprint.flows.append(Flow(from: "refund", to: "orphan", kind: .information))
        #expect(Fixture.findings(StructureUnreachableStepRule(), blueprint).isEmpty)
    }

    @Test func withoutJourneysCustomerActionsAreTheEntries() {
        var blueprint = Self.shop()
        blueprint.journeys = []
        blueprint.flows.append(Flow(from: "orphan", to: "log"))  // in no flow, it would be `structure-no-flow`'s
        let findings = Fixture.findings(StructureUnreachableStepRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["orphan"]])
        #expect(findings.first?.message == "'Manager reviews refunds weekly' (orphan) cannot be reached from any customer action that starts the service: no flow leads to it.")
    }

    @Test func deadEnds() {
        let findings = Fixture.findings(StructureDeadEndRule(), Self.shop())
        // 'refund' is a customer-visible last step; 'orphan' has no flows at all (reported as unreachable).
        #expect(findings.map(\.stepIDs) == [["log"]])
        #expect(findings.first?.message == "'Clerk logs the refund' (log) is a dead end: no flow leaves it and it ends no journey, so work that stops here never gets back to the customer.")
    }

    @Test func explicitEndsDecideForCustomerVisibleSteps() {
        var blueprint = Self.shop()
        blueprint.journeys[0].ends = ["log"]
        let findings = Fixture.findings(StructureDeadEndRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["refund"]])
        #expect(findings.first?.message == "'Clerk refunds' (refund) is a dead end: no flow leaves it, and journey 'Refund' (refund) lists its ends without it.")
    }

    @Test func backstageWorkThatReachesNoCustomer() {
        var blueprint = Self.shop()
        blueprint.steps.append(Fixture.step("report", "Clerk writes a report", .backstage, actor: "clerk"))
        blueprint.flows.append(Flow(from: "report", to: "log"))
        blueprint.flows.append(Flow(from: "refund", to: "report"))
        let findings = Fixture.findings(StructureUnsupportedBackstageRule(), blueprint)
        // 'log' is also a dead end (reported by both rules); 'orphan' has no flows (reported as unreachable).
        #expect(findings.map(\.stepIDs) == [["log"], ["report"]])
        #expect(findings.last?.message == "'Clerk writes a report' (report) is backstage work, but neither its work nor its information reaches a frontstage step or a customer action.")
        blueprint.flows.append(Flow(from: "log", to: "refund", kind: .information))
        #expect(Fixture.findings(StructureUnsupportedBackstageRule(), blueprint).isEmpty)
    }

    @Test func customerActionWithNothingBehindIt() {
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("enter", "Customer enters the store", .customer, channel: .inPerson),
                Fixture.step("greet", "Greeter says hello", .frontstage, actor: "greeter"),
                Fixture.step("browse", "Customer asks for advice", .customer, channel: .inPerson),
                Fixture.step("pay", "Customer pays", .customer, channel: .inPerson),
                Fixture.step("leave", "Customer leaves", .customer),
                Fixture.step("till", "Till records the sale", .support, kind: .automated),
            ],
            flows: Fixture.chain("enter", "greet", "browse", "pay", "leave") + [Flow(from: "pay", to: "till", kind: .information)],
            actors: [Actor(id: "greeter")])
        let findings = Fixture.findings(StructureUnsupportedCustomerActionRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["enter"], ["browse"]])
        #expect(findings.first?.message == "'Customer enters the store' (enter) has nothing behind the line of visibility: no backstage or support step is connected to it before the customer's next or after their previous action.")
        #expect(findings.first?.severity == .note)
    }

    @Test func touchpointWithoutEvidence() {
        let findings = Fixture.findings(StructureTouchpointWithoutEvidenceRule(), Self.shop())
        // 'answer' shares the in-person touchpoint with 'ask', which shows the receipt.
        #expect(findings.isEmpty)
        var blueprint = Self.shop()
        blueprint.steps[0].evidence = []
        let bare = Fixture.findings(StructureTouchpointWithoutEvidenceRule(), blueprint)
        #expect(bare.map(\.stepIDs) == [["ask"], ["answer"]])
        #expect(bare.first?.message == "'Customer asks for a refund' (ask) is a touchpoint (in-person) where the customer sees or receives nothing: no physical evidence on it or next to it.")
        blueprint.flows.append(Flow(from: "poster", to: "ask", kind: .information))
        #expect(Fixture.findings(StructureTouchpointWithoutEvidenceRule(), blueprint).map(\.stepIDs) == [["answer"]])
    }
}
