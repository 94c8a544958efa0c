import Testing
@testable import ServiceBlueprint

/// The customer's path (start → ends) and follow-up work, computed by hand.
@Suite("Journey semantics: the customer's path and follow-ups")
struct JourneySemanticsTests {
    /// A clinic visit. The customer's path: arrive 5 + check in (10 wait + 4) + consult 20 + pay 10 = 49 min.
    /// The sample goes to the lab and the results are sent by SMS the next step: send 8 + analyse
    /// (10 wait + 10) + send results 2 after the consult ends at 39 min = 69 min.
    static func clinic(ends: [String] = ["leave"], followUps: [String] = [], markSample: Bool = false, target: Double? = nil)
        -> Blueprint
    {
        var sample = Fixture.step("send-sample", "Send the sample to the lab", .support, actor: "courier", minutes: 8)
        sample.followUp = markSample
        return Fixture.blueprint(
            steps: [
                Fixture.step("arrive", "Patient arrives", .customer, minutes: 5),
                Fixture.step("check-in", "Reception checks the patient in", .frontstage, actor: "reception", minutes: 4, waitMinutes: 10),
                Fixture.step("consult", "Physician consults", .frontstage, actor: "physician", minutes: 20),
                Fixture.step("pay", "Patient pays", .frontstage, actor: "reception", minutes: 10),
                Fixture.step("leave", "Patient leaves", .customer),
                sample,
                Fixture.step("analyse", "Lab analyses the sample", .support, actor: "lab", minutes: 10, waitMinutes: 10),
                Fixture.step("send-results", "Lab sends the results", .backstage, actor: "lab", channel: .sms, minutes: 2),
                Fixture.step("read-results", "Patient reads the results", .customer, channel: .sms),
            ],
            flows: Fixture.chain("arrive", "check-in", "consult", "pay", "leave")
                + Fixture.chain("consult", "send-sample", "analyse", "send-results", "read-results"),
            actors: ["reception", "physician", "courier", "lab"].map { Actor(id: $0) },
            journeys: [
                Journey(
                    id: "visit", title: "Visit", start: "arrive", ends: ends,
                    target: target.map { JourneyTarget(leadTime: .minutes($0)) }, followUps: followUps)
            ])
    }

    @Test func followUpBranchLeavesTheLeadTimeAtTheHandValueAndHasItsOwnFigure() throws {
        let metrics = try #require(BlueprintMetrics(Self.clinic()).journey("visit"))
        #expect(metrics.leadTime == .minutes(49))
        #expect(metrics.criticalPath == ["arrive", "check-in", "consult", "pay", "leave"])
        #expect(metrics.followUps == ["send-sample", "analyse", "send-results", "read-results"])
        #expect(metrics.followUpLeadTime == .minutes(69))
        #expect(metrics.stepCount == 9)
        // Follow-up steps are timed from the start of the journey.
        let analyse = try #require(metrics.timings.first { $0.step == "analyse" })
        #expect(analyse.earliestStart == .minutes(47))
        #expect(!analyse.isCritical)
    }

    @Test func withoutEndsTheSideBranchIsTheJourney() throws {
        // The near miss: nothing says the lab branch is follow-up work, so it is the longest path.
        let metrics = try #require(BlueprintMetrics(Self.clinic(ends: [])).journey("visit"))
        #expect(metrics.leadTime == .minutes(69))
        #expect(metrics.followUpLeadTime == nil)
        #expect(metrics.followUps.isEmpty)
    }

    @Test func explicitMarksGiveTheSameAnswerWithoutEnds() throws {
        for blueprint in [Self.clinic(ends: [], followUps: ["send-sample"]), Self.clinic(ends: [], markSample: true)] {
            let metrics = try #require(BlueprintMetrics(blueprint).journey("visit"))
            #expect(metrics.leadTime == .minutes(49))
            #expect(metrics.followUpLeadTime == .minutes(69))
            #expect(metrics.followUps == ["send-sample", "analyse", "send-results", "read-results"])
        }
        // Without journeys, a marked step still leaves the blueprint's lead time.
        var whole = Self.clinic(markSample: true)
        whole.journeys = []
        let metrics = try #require(BlueprintMetrics(whole).journeys.first)
        #expect(metrics.leadTime == .minutes(49))
        #expect(metrics.followUpLeadTime == .minutes(69))
    }

    @Test func journeyOverTargetMeasuresToTheEnds() throws {
        // 49 min against 50: silent although the follow-up runs to 69.
        #expect(Fixture.findings(JourneyOverTargetRule(), Self.clinic(target: 50)).isEmpty)
        let findings = Fixture.findings(JourneyOverTargetRule(), Self.clinic(target: 45))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.stepIDs == ["consult", "check-in", "pay"])
        #expect(finding.message.contains("lead time (critical path from estimates, start to ends) is 49min: 4min over"))
        #expect(finding.message.contains("'Physician consults' (consult) (20min)"))
        #expect(finding.message.contains("'Reception checks the patient in' (check-in) (14min: 10min wait + 4min work)"))
    }

    @Test func theFileFormatCarriesTheMarks() throws {
        var blueprint = Self.clinic(followUps: ["send-sample"], markSample: true)
        blueprint.steps[7].direction = .outbound
        blueprint.steps[6].delivers = .record
        blueprint.steps[1].standards.startWithin = .minutes(1)
        blueprint.information.append(InformationItem(id: "archived-report", title: "Archived report", deliveredTo: .record))
        for format in DocumentFormat.allCases {
            let text = blueprint.text(in: format)
            let read = try BlueprintDocument.parse(text, path: "clinic.\(format)", format: format).blueprint
            #expect(read == blueprint, "\(format)")
        }
        let yaml = blueprint.yamlText()
        #expect(yaml.contains("followUp: true") && yaml.contains("direction: outbound") && yaml.contains("delivers: record"))
        #expect(yaml.contains("followUps: [send-sample]") && yaml.contains("startWithin: 1min"))
        #expect(yaml.contains("deliveredTo: record"))
    }
}
