import Testing
@testable import ServiceBlueprint

@Suite("Rules: redundant steps")
struct RuleRedundancyTests {
    static let items = [
        InformationItem(id: "serial", title: "Serial number", fromCustomer: true),
        InformationItem(id: "refund-request", title: "Refund request"),
        InformationItem(id: "refund-decision", title: "Refund decision", kind: .decision),
        InformationItem(id: "paper-copy", title: "Paper copy", kind: .document),
    ]

    // MARK: redundant-information-request

    static func askedTwice(agentNeedsSerial: Bool = false) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("report", "Customer reports the fault", .customer, channel: .phone, produces: ["serial"]),
                Fixture.step(
                    "ask-serial", "Agent asks for the serial number", .frontstage, actor: "agent", channel: .phone,
                    needs: agentNeedsSerial ? ["serial"] : [], produces: ["serial"]),
            ],
            flows: Fixture.chain("report", "ask-serial"), actors: [Actor(id: "agent")], information: items)
    }

    @Test func customerAskedAgain() throws {
        let findings = Fixture.findings(RedundantInformationRequestRule(), Self.askedTwice())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["ask-serial", "report"])
        #expect(finding.message == "'Agent asks for the serial number' (ask-serial) asks the customer again for 'Serial number', which 'Customer reports the fault' (report) already captured.")
        #expect(finding.fix?.action == .reuseInformation(step: "ask-serial", item: "serial", capturedBy: "report"))
        #expect(finding.impact == Impact(stepsRemoved: 1))
        #expect(finding.path == ["steps", 1])
    }

    @Test func updatingAnItemIsNoRepeat() {
        #expect(Fixture.findings(RedundantInformationRequestRule(), Self.askedTwice(agentNeedsSerial: true)).isEmpty)
    }

    @Test func alternativeBranchesAreNoRepeat() {
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("triage", "Triage", .backstage, actor: "agent", kind: .decision),
                Fixture.step("web", "Customer enters the serial online", .customer, produces: ["serial"]),
                Fixture.step("phone", "Customer reads out the serial", .customer, produces: ["serial"]),
            ],
            flows: [Flow(from: "triage", to: "web", probability: 0.5), Flow(from: "triage", to: "phone", probability: 0.5)],
            actors: [Actor(id: "agent")], information: Self.items)
        #expect(Fixture.findings(RedundantInformationRequestRule(), blueprint).isEmpty)
    }

    // MARK: redundant-duplicate-step

    static func verifiedTwice(secondActor: String = "specialist", connected: Bool = true) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("verify-1", "Verify customer identity", .frontstage, actor: "agent"),
                Fixture.step("transfer", "Transfer the call", .frontstage, actor: "agent", kind: .handoff),
                Fixture.step("verify-2", "Verify the customer's identity again", .backstage, actor: secondActor),
            ],
            flows: connected ? Fixture.chain("verify-1", "transfer", "verify-2") : Fixture.chain("verify-1", "transfer"),
            actors: [Actor(id: "agent"), Actor(id: "specialist"), Actor(id: "crm", kind: .system)])
    }

    @Test func sameTaskTwiceInOneCase() throws {
        let findings = Fixture.findings(RedundantDuplicateStepRule(), Self.verifiedTwice())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["verify-2", "verify-1"])
        #expect(finding.message == "'Verify the customer's identity again' (verify-2) repeats 'Verify customer identity' (verify-1): the same task ('verify customer identity') by the same kind of actor (role), and work flows from the earlier step to the later one, so a case does the work twice.")
        #expect(finding.fix?.action == .mergeSteps(steps: ["verify-1", "verify-2"]))
    }

    @Test func duplicateTitlesNeedTheSameKindOfActorAndOneCase() {
        #expect(Fixture.findings(RedundantDuplicateStepRule(), Self.verifiedTwice(secondActor: "crm")).isEmpty)
        #expect(Fixture.findings(RedundantDuplicateStepRule(), Self.verifiedTwice(connected: false)).isEmpty)
    }

    @Test func titleNormalisation() {
        let ignored: Set<String> = ["the", "again", "s"]
        #expect(RedundantDuplicateStepRule.normalize("Verify the Customer's identity AGAIN!", ignoring: ignored) == "verify customer identity")
        #expect(RedundantDuplicateStepRule.normalize("核对 客户身份", ignoring: ignored) == "核对 客户身份")
        #expect(
            RedundantDuplicateStepRule.titleHash("Verify the customer's identity", ignoring: Set(ignored.map(RedundantDuplicateStepRule.wordHash)))
                == RedundantDuplicateStepRule.titleHash("verify customer identity", ignoring: []))
    }

    // MARK: redundant-stacked-approval

    static func approvedTwice(adjustInBetween: Bool = false) -> Blueprint {
        var steps = [
            Fixture.step("request", "Customer asks for a refund", .customer, minutes: 5, produces: ["refund-request"]),
            Fixture.step(
                "check", "Supervisor checks the refund", .backstage, actor: "supervisor", kind: .check, minutes: 10,
                needs: ["refund-request"], produces: ["refund-decision"]),
            Fixture.step(
                "approve", "Manager approves the refund", .backstage, actor: "manager", kind: .approval, minutes: 5,
                waitMinutes: 120, needs: ["refund-decision"]),
            Fixture.step("pay", "Cashier pays out", .frontstage, actor: "cashier", minutes: 5),
        ]
        var flows = Fixture.chain("request", "check", "approve", "pay")
        if adjustInBetween {
            steps.insert(
                Fixture.step("adjust", "Clerk adjusts the amount", .backstage, actor: "clerk", minutes: 5, produces: ["refund-decision"]),
                at: 2)
            flows = Fixture.chain("request", "check", "adjust", "approve", "pay")
        }
        return Fixture.blueprint(
            steps: steps, flows: flows,
            actors: ["supervisor", "manager", "cashier", "clerk"].map { Actor(id: $0) }, information: Self.items)
    }

    @Test func secondApprovalOfTheSameDecision() throws {
        let findings = Fixture.findings(RedundantStackedApprovalRule(), Self.approvedTwice())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["approve", "check"])
        #expect(finding.message == "'Manager approves the refund' (approve) approves 'Refund decision' again after 'Supervisor checks the refund' (check) already checked it, with nothing changing it in between; the second layer adds 2h of waiting but no new information.")
        // Removing it takes its 2h wait and 5min work off the critical path, and one hand-off.
        #expect(finding.impact == Impact(leadTimeSaved: .minutes(125), handoffsRemoved: 1, stepsRemoved: 1))
        #expect(finding.fix?.action == .mergeSteps(steps: ["check", "approve"]))
    }

    @Test func threeLayersAreOneStack() throws {
        var blueprint = Self.approvedTwice()
        blueprint.steps.insert(
            Fixture.step(
                "inspect", "Associate inspects the item", .backstage, actor: "clerk", kind: .check, minutes: 3,
                needs: ["refund-request"]),
            at: 1)
        blueprint.flows = Fixture.chain("request", "inspect", "check", "approve", "pay")
        let findings = Fixture.findings(RedundantStackedApprovalRule(), blueprint)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["check", "approve", "inspect"])
        #expect(finding.message == "'Supervisor checks the refund' (check) and 'Manager approves the refund' (approve) check and approve 'Refund request' again after 'Associate inspects the item' (inspect) already checked it, with nothing changing it in between; the 2 extra layers add 2h of waiting but no new information.")
        #expect(finding.impact == Impact(leadTimeSaved: .minutes(135), handoffsRemoved: 2, stepsRemoved: 2))
    }

    @Test func approvalAfterAChangeIsNotStacked() {
        #expect(Fixture.findings(RedundantStackedApprovalRule(), Self.approvedTwice(adjustInBetween: true)).isEmpty)
    }

    @Test func maxStepsBetweenThreshold() {
        var blueprint = Self.approvedTwice()
        // Three unrelated steps between the two gates: beyond the default of 2.
        blueprint.steps.insert(contentsOf: (1...3).map { Fixture.step("filler-\($0)", "Filler \($0)", .backstage, actor: "clerk") }, at: 2)
        blueprint.flows = Fixture.chain("request", "check", "filler-1", "filler-2", "filler-3", "approve", "pay")
        #expect(Fixture.findings(RedundantStackedApprovalRule(), blueprint).isEmpty)
        let wide = AnalysisConfiguration.default.withThreshold("maxStepsBetween", .integer(3), for: "redundant-stacked-approval")
        #expect(Analyzer(configuration: wide, rules: [RedundantStackedApprovalRule()]).analyze(blueprint).findings.count == 1)
    }

    // MARK: redundant-unused-output

    static func printsCopy(used: Bool = false, value: ValueClass = .necessary) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("sell", "Cashier completes the sale", .frontstage, actor: "cashier", minutes: 3),
                Fixture.step(
                    "print-copy", "Print a copy for the archive", .support, actor: "clerk", minutes: 4, value: value,
                    produces: ["paper-copy"]),
                Fixture.step("hand-over", "Cashier hands over the goods", .frontstage, actor: "cashier", minutes: 1,
                             needs: used ? ["paper-copy"] : []),
            ],
            flows: Fixture.chain("sell", "print-copy", "hand-over"),
            actors: [Actor(id: "cashier"), Actor(id: "clerk")], information: Self.items)
    }

    @Test func outputNobodyNeeds() throws {
        let findings = Fixture.findings(RedundantUnusedOutputRule(), Self.printsCopy())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["print-copy"])
        #expect(finding.message == "'Print a copy for the archive' (print-copy) produces 'Paper copy', which no step needs; it is not customer-facing and not value-adding (necessary): work nobody uses.")
        #expect(finding.fix?.action == .removeStep(step: "print-copy"))
        #expect(finding.impact == Impact(leadTimeSaved: .minutes(4), stepsRemoved: 1))
    }

    @Test func usedOrValueAddingOutputIsFine() {
        #expect(Fixture.findings(RedundantUnusedOutputRule(), Self.printsCopy(used: true)).isEmpty)
        #expect(Fixture.findings(RedundantUnusedOutputRule(), Self.printsCopy(value: .valueAdding)).isEmpty)
    }

    // MARK: redundant-rework-loop

    static func repairWithRetest(kind: FlowKind = .rework, probability: Double? = 0.2) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("repair", "Technician repairs the device", .backstage, actor: "technician", minutes: 30),
                Fixture.step("test", "Technician tests the device", .backstage, actor: "technician", kind: .check, minutes: 10),
                Fixture.step("return", "Agent returns the device", .frontstage, actor: "agent", minutes: 5),
            ],
            flows: Fixture.chain("repair", "test", "return") + [Flow(from: "test", to: "repair", kind: kind, probability: probability)],
            actors: [Actor(id: "technician"), Actor(id: "agent")])
    }

    @Test func reworkLoopWithExpectedCost() throws {
        let findings = Fixture.findings(RedundantReworkLoopRule(), Self.repairWithRetest())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["repair", "test"])
        #expect(finding.flowIDs == ["test->repair"])
        #expect(finding.path == ["flows", 2])
        #expect(finding.message == "Work at 'Technician tests the device' (test) goes back to 'Technician repairs the device' (repair); the loop 'Technician repairs the device' (repair) → 'Technician tests the device' (test) takes 40min each pass and runs in 20 % of cases, adding 10min per case on average.")
        #expect(finding.impact == Impact(leadTimeSaved: .minutes(10)))
        #expect(finding.fix?.action == .preventRework(step: "test", returnsTo: "repair"))
    }

    @Test func reworkWithoutProbabilityAsksForOne() throws {
        let finding = try #require(Fixture.findings(RedundantReworkLoopRule(), Self.repairWithRetest(probability: nil)).first)
        #expect(finding.message.hasSuffix("takes 40min each pass; give the flow a probability to measure what it costs."))
        #expect(finding.impact == nil)
    }

    @Test func reworkOfTheSameStep() throws {
        var blueprint = Self.repairWithRetest()
        blueprint.flows[2] = Flow(from: "test", to: "test", kind: .rework, probability: 0.5)
        let finding = try #require(Fixture.findings(RedundantReworkLoopRule(), blueprint).first)
        #expect(finding.stepIDs == ["test"])
        #expect(finding.message.hasSuffix("takes 10min each pass and runs in 50 % of cases, adding 10min per case on average."))
    }

    @Test func noReworkFlowNoFinding() {
        // The same edge as an escalation is not rework (the validator reports the cycle).
        #expect(Fixture.findings(RedundantReworkLoopRule(), Self.repairWithRetest(kind: .escalation)).isEmpty)
    }

    // MARK: redundant-handoff-bounce

    static func billingBounce(thirdDepartment: Bool = false) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("take-complaint", "Agent takes the billing complaint", .frontstage, actor: "agent"),
                Fixture.step("check-invoice", "Billing checks the invoice", .backstage, actor: "billing-clerk"),
                Fixture.step("explain", "Agent explains the invoice", .frontstage, actor: thirdDepartment ? "field-tech" : "agent"),
            ],
            flows: [Flow(from: "take-complaint", to: "check-invoice", kind: .handoff), Flow(from: "check-invoice", to: "explain", kind: .handoff)],
            actors: [
                Actor(id: "agent", department: "service-centre"), Actor(id: "billing-clerk", department: "billing"),
                Actor(id: "field-tech", department: "field-service"),
            ])
    }

    @Test func workBouncesBetweenDepartments() throws {
        let findings = Fixture.findings(RedundantHandoffBounceRule(), Self.billingBounce())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["take-complaint", "check-invoice", "explain"])
        #expect(finding.message == "Work bounces between departments 'service-centre' and 'billing': 'Agent takes the billing complaint' (take-complaint) → 'Billing checks the invoice' (check-invoice) → 'Agent explains the invoice' (explain) crosses the department wall 2 times. Each crossing adds a hand-off and its queue.")
        #expect(finding.impact == Impact(handoffsRemoved: 2))
        #expect(finding.fix?.action == .assignToOneTeam(steps: ["check-invoice"], department: "service-centre"))
    }

    @Test func aLongerPingPongThroughTheCustomerIsOneFinding() throws {
        var blueprint = Self.billingBounce()
        // explain → customer sends a photo → billing corrects: service-centre ↔ billing three times.
        blueprint.steps.append(Fixture.step("send-photo", "Customer sends a photo of the meter", .customer, channel: .app))
        blueprint.steps.append(Fixture.step("correct", "Billing corrects the invoice", .backstage, actor: "billing-clerk"))
        blueprint.flows += Fixture.chain("explain", "send-photo", "correct")
        let findings = Fixture.findings(RedundantHandoffBounceRule(), blueprint)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["take-complaint", "check-invoice", "explain", "correct"])
        #expect(finding.message.hasSuffix("crosses the department wall 3 times. Each crossing adds a hand-off and its queue."))
        // Let the service centre check the invoice: one crossing (to billing's correction) remains.
        #expect(finding.impact == Impact(handoffsRemoved: 2))
        #expect(finding.fix?.action == .assignToOneTeam(steps: ["check-invoice"], department: "service-centre"))
    }

    @Test func workMovingOnIsNoBounce() {
        #expect(Fixture.findings(RedundantHandoffBounceRule(), Self.billingBounce(thirdDepartment: true)).isEmpty)
    }
}
