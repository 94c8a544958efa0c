import Testing
@testable import ServiceBlueprint

/// Rules on what the model states: waits, targets, commitments; outbound touchpoints and delivered work.
@Suite("Rules: stated standards, outbound touchpoints, delivered work")
struct RuleStatedStandardsTests {
    static func waiting(waitMinutes: Double, tolerance: Double, kind: StepKind = .action) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("arrive", "Guest arrives", .customer, minutes: 1),
                Fixture.step(
                    "queue", "Guest waits for a table", .customer, kind: kind, minutes: kind == .wait ? waitMinutes : 1,
                    waitMinutes: kind == .wait ? nil : waitMinutes, waitPoint: WaitPoint(tolerance: .minutes(tolerance))),
            ],
            flows: Fixture.chain("arrive", "queue"))
    }

    @Test func waitExceedsTolerance() throws {
        let findings = Fixture.findings(WaitExceedsToleranceRule(), Self.waiting(waitMinutes: 45, tolerance: 15))
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.stepIDs == ["queue"])
        #expect(finding.message.contains("expected to wait 45min (its wait before), but the tolerance is 15min: 30min over"))
        // A wait step's own duration is the wait.
        #expect(Fixture.findings(WaitExceedsToleranceRule(), Self.waiting(waitMinutes: 45, tolerance: 15, kind: .wait)).count == 1)
        // Near miss: a wait exactly at its tolerance.
        #expect(Fixture.findings(WaitExceedsToleranceRule(), Self.waiting(waitMinutes: 15, tolerance: 15)).isEmpty)
    }

    static func greeting(waitMinutes: Double, standards: Standards, queueStep: Bool = false) -> Blueprint {
        // The guest walks in: a contact in person, which the host's greeting answers.
        var steps = [Fixture.step("arrive", "Guest arrives", .customer, channel: .inPerson, minutes: 1)]
        if queueStep { steps.append(Fixture.step("queue", "Guest waits at the door", .customer, kind: .wait, minutes: waitMinutes)) }
        steps.append(Fixture.step(
            "greet", "Host greets the guest", .frontstage, actor: "host", channel: .inPerson, minutes: 1,
            waitMinutes: queueStep ? nil : waitMinutes, standards: standards))
        return Fixture.blueprint(steps: steps, flows: queueStep ? Fixture.chain("arrive", "queue", "greet") : Fixture.chain("arrive", "greet"))
    }

    @Test func standardImpossibleAfterWait() throws {
        let start = Standards(startWithin: .minutes(1))
        let findings = Fixture.findings(StandardImpossibleAfterWaitRule(), Self.greeting(waitMinutes: 10, standards: start))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == """
            'Host greets the guest' (greet) commits to start within 1min, but 10min of waiting comes before it (its wait \
            before): the standard cannot be met.
            """)
        // The wait may be a wait step just before it.
        let queued = Fixture.findings(StandardImpossibleAfterWaitRule(), Self.greeting(waitMinutes: 10, standards: start, queueStep: true))
        #expect(queued.first?.stepIDs == ["greet", "queue"])
        // A response commitment on the step, or on its channel, counts too.
        #expect(Fixture.findings(StandardImpossibleAfterWaitRule(), Self.greeting(waitMinutes: 10, standards: Standards(response: .minutes(5)))).count == 1)
        var channel = Self.greeting(waitMinutes: 10, standards: Standards())
        channel.channels = [ChannelDefinition(id: "in-person", responseCommitment: .minutes(2))]
        #expect(Fixture.findings(StandardImpossibleAfterWaitRule(), channel).count == 1)
        // Near misses: a wait within the commitment, and no commitment at all.
        #expect(Fixture.findings(StandardImpossibleAfterWaitRule(), Self.greeting(waitMinutes: 1, standards: start)).isEmpty)
        #expect(Fixture.findings(StandardImpossibleAfterWaitRule(), Self.greeting(waitMinutes: 10, standards: Standards())).isEmpty)
    }

    /// The lab sends results by SMS; the patient reads them. `customerWritesFirst` makes the SMS a reply.
    static func results(customerWritesFirst: Bool = false, direction: TouchpointDirection? = nil) -> Blueprint {
        var send = Fixture.step("send-results", "Lab sends the results", .frontstage, actor: "lab", channel: .sms, minutes: 1, needs: ["result"])
        send.direction = direction
        var steps = [
            Fixture.step("analyse", "Lab analyses", .backstage, actor: "lab", minutes: 10, produces: ["result"]),
            send,
            Fixture.step("read-results", "Patient reads the results", .customer, channel: .sms),
        ]
        var flows = Fixture.chain("analyse", "send-results", "read-results")
        if customerWritesFirst {
            steps.append(Fixture.step("ask", "Patient texts for the results", .customer, channel: .sms))
            flows.append(Flow(from: "ask", to: "send-results"))
        }
        return Fixture.blueprint(steps: steps, flows: flows, information: [InformationItem(id: "result", title: "Result")])
    }

    @Test func outboundTouchpointsNeedNoResponseAndAreEvidence() {
        let outbound = Self.results()
        #expect(Fixture.findings(MissingResponseCommitmentRule(), outbound).isEmpty)
        #expect(Fixture.findings(StructureTouchpointWithoutEvidenceRule(), outbound).isEmpty)
        // Near miss: the customer texted first, so the SMS answers an inbound contact.
        let inbound = Self.results(customerWritesFirst: true)
        #expect(Fixture.findings(MissingResponseCommitmentRule(), inbound).count == 1)
        #expect(Fixture.findings(StructureTouchpointWithoutEvidenceRule(), inbound).map(\.stepIDs).contains(["ask"]))
        // A declared direction wins over the inference.
        #expect(Fixture.findings(MissingResponseCommitmentRule(), Self.results(customerWritesFirst: true, direction: .outbound))
            .allSatisfy { !$0.stepIDs.contains("send-results") })
        #expect(Fixture.findings(MissingResponseCommitmentRule(), Self.results(direction: .inbound)).count == 1)
    }

    static func filing(delivers: Delivery?) -> Blueprint {
        var file = Fixture.step(
            "file-report", "Clerk files the lab report", .backstage, actor: "clerk", minutes: 5, needs: ["draft"], produces: ["report"])
        file.delivers = delivers
        return Fixture.blueprint(
            steps: [
                Fixture.step("consult", "Physician consults", .frontstage, actor: "physician", minutes: 20, produces: ["notes"]),
                Fixture.step("write-report", "Physician writes the report", .backstage, actor: "physician", minutes: 5, needs: ["notes"], produces: ["draft"]),
                file,
            ],
            flows: Fixture.chain("consult", "write-report", "file-report"),
            information: [InformationItem(id: "report", title: "Report"), InformationItem(id: "notes"), InformationItem(id: "draft")])
    }

    @Test func deliveredWorkIsNeitherUnusedNorUnsupported() {
        let delivered = Self.filing(delivers: .record)
        #expect(Fixture.findings(RedundantUnusedOutputRule(), delivered).isEmpty)
        #expect(Fixture.findings(StructureUnsupportedBackstageRule(), delivered).isEmpty)
        // Near miss: the same work, not declared delivered.
        let kept = Self.filing(delivers: nil)
        #expect(Fixture.findings(RedundantUnusedOutputRule(), kept).map(\.stepIDs) == [["file-report"]])
        #expect(Fixture.findings(StructureUnsupportedBackstageRule(), kept).map(\.stepIDs) == [["write-report"], ["file-report"]])
    }
}
