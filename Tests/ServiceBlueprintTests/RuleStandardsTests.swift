import Testing
@testable import ServiceBlueprint

@Suite("Rules: missing standards")
struct RuleStandardsTests {
    // MARK: missing-time-standard

    @Test func stepWithoutTimeStandardGetsASuggestionFromItsEstimate() throws {
        var diagnose = Fixture.step("diagnose", "Agent diagnoses the fault", .frontstage, actor: "agent")
        diagnose.duration = ProcessTime(min: .minutes(5), likely: .minutes(8), max: .minutes(20))
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("call", "Customer calls", .customer, minutes: 2),
                diagnose,
                Fixture.step("queue", "Case waits for a technician", .backstage, actor: "agent", kind: .wait, minutes: 60),
                Fixture.step(
                    "book", "Agent books a visit", .backstage, actor: "agent", minutes: 3,
                    standards: Standards(time: TimeStandard(target: .minutes(3), tolerance: .minutes(1)))),
            ],
            actors: [Actor(id: "agent")])
        let findings = Fixture.findings(MissingTimeStandardRule(), blueprint)
        let finding = try #require(findings.first)
        #expect(findings.map(\.stepIDs) == [["diagnose"]])
        #expect(finding.message == "'Agent diagnoses the fault' (diagnose) has no time standard, so nobody can tell when it runs late. Its estimate suggests a target of 8min with 12min tolerance.")
        #expect(finding.fix?.action == .addTimeStandard(step: "diagnose", suggestedTarget: .minutes(8), suggestedTolerance: .minutes(12)))
        #expect(finding.severity == .warning)
    }

    // MARK: missing-response-commitment

    static func hotline(commitment: BlueprintDuration? = nil, stepResponse: Bool = false) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("call", "Customer calls the hotline", .customer, channel: .phone),
                Fixture.step(
                    "answer", "Agent answers", .frontstage, actor: "agent", channel: .phone,
                    standards: Standards(response: stepResponse ? .seconds(30) : nil)),
                Fixture.step("chat", "Customer chats", .customer, channel: .chat),
            ],
            flows: Fixture.chain("call", "answer"), actors: [Actor(id: "agent")],
            channels: [ChannelDefinition(id: "chat", responseCommitment: .minutes(2))]
                + (commitment.map { [ChannelDefinition(id: "phone", responseCommitment: $0)] } ?? []))
    }

    @Test func channelWithoutCommitmentListsItsTouchpoints() throws {
        let findings = Fixture.findings(MissingResponseCommitmentRule(), Self.hotline())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["call", "answer"])
        #expect(finding.path == ["steps", 0, "channel"])
        #expect(finding.message == "Channel 'phone' has no response-time commitment, and its 2 touchpoints 'Customer calls the hotline' (call) and 'Agent answers' (answer) set none either: customers cannot know how fast they will get an answer.")
        #expect(finding.fix?.action == .addResponseCommitment(channel: "phone", steps: ["call", "answer"]))
    }

    @Test func commitmentOnTheChannelOrStepOrExemption() {
        #expect(Fixture.findings(MissingResponseCommitmentRule(), Self.hotline(commitment: .minutes(1))).isEmpty)
        #expect(Fixture.findings(MissingResponseCommitmentRule(), Self.hotline(stepResponse: true)).map(\.stepIDs) == [["call"]])
        let exempt = AnalysisConfiguration.default.withThreshold("exemptChannels", .names(["phone"]), for: "missing-response-commitment")
        #expect(Analyzer(configuration: exempt, rules: [MissingResponseCommitmentRule()]).analyze(Self.hotline()).findings.isEmpty)
    }

    // MARK: missing-service-standard

    @Test func frontstageStepWithoutServiceStandard() throws {
        let blueprint = Fixture.blueprint(steps: [
            Fixture.step("greet", "Staff greets the guest", .frontstage, actor: "host"),
            Fixture.step("scripted", "Staff explains the menu", .frontstage, actor: "host", standards: Standards(service: "Name two specials")),
            Fixture.step("sop", "Staff takes payment", .frontstage, actor: "host", standards: Standards(sop: "SOP-PAY-1")),
            Fixture.step("kiosk", "Kiosk prints the ticket", .frontstage, kind: .automated),
            Fixture.step("cook", "Kitchen cooks", .backstage, actor: "chef"),
        ])
        let findings = Fixture.findings(MissingServiceStandardRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["greet"]])
        #expect(findings.first?.message == "'Staff greets the guest' (greet) is a frontstage step without a service standard, script or SOP: what the customer experiences depends on who is on shift.")
    }

    // MARK: missing-recovery-plan

    @Test func failPointWithoutRecovery() throws {
        let blueprint = Fixture.blueprint(steps: [
            Fixture.step("diagnose", "Agent diagnoses", .frontstage, actor: "agent", failPoint: FailPoint(risk: "Wrong diagnosis", owner: "second-line")),
            Fixture.step("ship", "Courier collects", .support, actor: "courier", failPoint: FailPoint(risk: "Parcel lost")),
            Fixture.step(
                "repair", "Technician repairs", .backstage, actor: "technician",
                failPoint: FailPoint(risk: "Part missing", recovery: "Order express", owner: "warehouse")),
        ])
        let findings = Fixture.findings(MissingRecoveryPlanRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["diagnose"], ["ship"]])
        #expect(findings.map(\.message) == [
            "'Agent diagnoses' (diagnose) is a fail point ('Wrong diagnosis') without a recovery plan: when it fails, staff improvise.",
            "'Courier collects' (ship) is a fail point ('Parcel lost') without a recovery plan or a recovery owner: when it fails, staff improvise.",
        ])
        #expect(findings.first?.path == ["steps", 0, "failPoint"])
    }

    // MARK: missing-wait-tolerance

    @Test func waitPointWithoutTolerance() {
        let blueprint = Fixture.blueprint(steps: [
            Fixture.step("hold", "Customer waits on hold", .customer, waitMinutes: 10, waitPoint: WaitPoint(notes: "Music")),
            Fixture.step("lobby", "Customer waits in the lobby", .customer, waitPoint: WaitPoint(tolerance: .minutes(15))),
        ])
        let findings = Fixture.findings(MissingWaitToleranceRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["hold"]])
        #expect(findings.first?.message == "'Customer waits on hold' (hold) is a wait point without a tolerance (the modelled wait is 10min): nobody knows how long the customer will accept to wait.")
    }

    // MARK: missing-owner

    @Test func stepWithoutActorOrOwner() {
        let blueprint = Fixture.blueprint(steps: [
            Fixture.step("customer", "Customer signs", .customer),
            Fixture.step("file", "File the contract", .backstage),
            Fixture.step("owned", "Archive the contract", .support, owner: "records"),
        ])
        let findings = Fixture.findings(MissingOwnerRule(), blueprint)
        #expect(findings.map(\.stepIDs) == [["file"]])
        #expect(findings.first?.message == "'File the contract' (file) has no actor and no owner: nobody is accountable for it.")
        #expect(findings.first?.fix?.action == .addOwner(step: "file"))
    }

    // MARK: missing-journey-target

    @Test func journeyWithoutTargetQuotesTodaysLeadTime() throws {
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("a", "Customer asks", .customer, minutes: 10),
                Fixture.step("b", "Agent answers", .frontstage, actor: "agent", minutes: 20),
            ],
            flows: Fixture.chain("a", "b"),
            journeys: [
                Journey(id: "question", title: "Question", start: "a"),
                Journey(id: "fast", title: "Fast", start: "a", target: JourneyTarget(leadTime: .hours(1))),
            ])
        let findings = Fixture.findings(MissingJourneyTargetRule(), blueprint)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.path == ["journeys", 0])
        #expect(finding.stepIDs == ["a"])
        #expect(finding.message == "Journey 'Question' (question) has no lead-time target, so nobody can tell whether it is fast enough. Its critical path takes 30min today.")
        #expect(finding.fix?.action == .addTarget(journey: "question", suggestedLeadTime: .minutes(30)))
    }

    // MARK: inconsistent-time-standards

    static func standardsAgainst(target: BlueprintDuration) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("a", "Agent registers", .frontstage, actor: "agent", minutes: 8,
                             standards: Standards(time: TimeStandard(target: .minutes(10), tolerance: .minutes(5)))),
                Fixture.step("b", "Technician repairs", .backstage, actor: "tech", minutes: 12,
                             standards: Standards(time: TimeStandard(target: .minutes(15), tolerance: .minutes(5)))),
                Fixture.step("c", "Agent calls back", .frontstage, actor: "agent", minutes: 10),
            ],
            flows: Fixture.chain("a", "b", "c"),
            journeys: [Journey(id: "repair", title: "Repair", start: "a", target: JourneyTarget(leadTime: target))])
    }

    @Test func standardsThatCannotMeetTheTarget() throws {
        let findings = Fixture.findings(InconsistentTimeStandardsRule(), Self.standardsAgainst(target: .minutes(30)))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["a", "b", "c"])
        #expect(finding.path == ["journeys", 0])
        #expect(finding.message == "Journey 'Repair' (repair) has a lead-time target of 30min, but the time standards along its critical path add up to 35min (5min over); 1 of the 3 steps on that path have no time standard and count with their estimates. Every step can meet its standard and the journey still misses its target.")
        #expect(finding.fix?.action == .alignStandards(journey: "repair", steps: ["a", "b"], excess: .minutes(5)))
    }

    @Test func tolerancesThatBreakTheTarget() throws {
        let finding = try #require(Fixture.findings(InconsistentTimeStandardsRule(), Self.standardsAgainst(target: .minutes(40))).first)
        // 35 min of standards; tolerances of 5 and 5 min stack to √50 ≈ 7min 4s (not 10 min: both rarely run over on one case).
        #expect(finding.message.contains(
            "the time standards plus their tolerances (stacked as independent variations) along its critical path add up to 42min 4s (2min 4s over)"))
    }

    @Test func consistentStandardsAreSilent() {
        #expect(Fixture.findings(InconsistentTimeStandardsRule(), Self.standardsAgainst(target: .minutes(45))).isEmpty)
        #expect(InconsistentTimeStandardsRule().family == .missing)
    }
}
