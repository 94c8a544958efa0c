import Testing
@testable import ServiceBlueprint

/// SERVQUAL coverage and its two rules; the money in the redundancy and parallelization findings; the
/// cost of waste; the KPI and cost comparison between versions. Every figure is worked out by hand.
@Suite("SERVQUAL coverage, money per case, experience diff")
struct ServqualAndMoneyTests {
    /// One stage: the customer calls (phone), an agent answers (phone, a person) and hands over a receipt
    /// (evidence), a system sends an SMS (automated touchpoint). The agent's answer has a reliability SOP.
    static func contact() -> Blueprint {
        var answer = Fixture.step("answer", "Agent answers", .frontstage, actor: "agent", channel: .phone, minutes: 5, evidence: ["Receipt"])
        answer.standards = Standards(sop: "SOP-1")
        answer.standards.dimension = .reliability
        return Fixture.blueprint(
            steps: [
                Fixture.step("call", "Customer calls", .customer, channel: .phone, minutes: 1),
                answer,
                Fixture.step("sms", "System sends an SMS", .frontstage, actor: "crm", channel: .sms, kind: .automated),
            ],
            flows: Fixture.chain("call", "answer", "sms"),
            actors: [Actor(id: "agent"), Actor(id: "crm", kind: .system)])
    }

    @Test func coverageCountsStandardsAndKPIsAndMarksGaps() {
        var blueprint = Self.contact()
        blueprint.kpis = [
            KPI(id: "csat", kind: .csat, step: "answer", dimension: .empathy),
            KPI(id: "fcr", kind: .firstContactResolution, stage: "main", dimension: .reliability),
            KPI(id: "nps", kind: .nps, dimension: .assurance),  // journey-wide: in no stage
        ]
        let coverage = blueprint.servqualCoverage()
        #expect(coverage.stages == ["main"])
        #expect(coverage.isTagged)
        #expect(coverage.cell(.reliability, stage: 0) == .init(standards: 1, kpis: 1, applies: true))
        #expect(coverage.cell(.empathy, stage: 0) == .init(standards: 0, kpis: 1, applies: true))
        #expect(coverage.cell(.assurance, stage: 0).kpis == 0)
        // Evidence makes tangibles apply; a person at a touchpoint makes assurance and empathy apply.
        #expect(coverage.gaps(stage: 0) == [.tangibles, .responsiveness, .assurance, .empathy])
        // A response commitment without a tag protects responsiveness.
        blueprint.steps[2].standards = Standards(response: .minutes(1))
        #expect(blueprint.servqualCoverage().gaps(stage: 0) == [.tangibles, .assurance, .empathy])
        // Near miss: a standard on the customer's own step protects nothing.
        blueprint.steps[0].standards = Standards(service: "Have the receipt ready")
        blueprint.steps[0].standards.dimension = .tangibles
        #expect(blueprint.servqualCoverage().gaps(stage: 0) == [.tangibles, .assurance, .empathy])
    }

    @Test func uncoveredDimensionRule() throws {
        let finding = try #require(Fixture.findings(ServqualUncoveredDimensionRule(), Self.contact()).first)
        #expect(finding.message == "No standard in stage 'main' protects tangibles, responsiveness, assurance and empathy, although the customer meets the service there in ways these dimensions judge.")
        #expect(finding.stepIDs == ["call", "answer", "sms"])
        #expect(finding.path == ["stages", 0])
        // The standard goes where the organisation shows evidence, not on the customer's own call.
        #expect(finding.fix?.summary.contains("`dimension: tangibles` to 'Agent answers' (answer)") == true)
        // Near misses: a blueprint that tags nothing is not asked; every applying dimension protected.
        var untagged = Self.contact()
        untagged.steps[1].standards.dimension = nil
        #expect(Fixture.findings(ServqualUncoveredDimensionRule(), untagged).isEmpty)
        var covered = Self.contact()
        for (index, dimension) in [(0, ServqualDimension.tangibles), (2, .responsiveness)] {
            covered.steps[index].standards = Standards(service: "S")
            covered.steps[index].standards.dimension = dimension
        }
        // An automated touchpoint alone asks for no assurance or empathy: drop the agent's touchpoint.
        covered.steps[1].channel = nil
        covered.steps[1].evidence = []
        #expect(Fixture.findings(ServqualUncoveredDimensionRule(), covered).isEmpty)
        // With the agent back at the phone, the two person dimensions are the only gaps, in one finding.
        covered.steps[1].channel = .phone
        let two = try #require(Fixture.findings(ServqualUncoveredDimensionRule(), covered).first)
        #expect(two.message.hasPrefix("No standard in stage 'main' protects assurance and empathy"))
    }

    @Test func unprotectedPainPointRule() throws {
        var blueprint = Self.contact()
        blueprint.steps[0].painPoints = ["Long hold"]
        blueprint.steps[0].painDimension = .responsiveness
        let finding = try #require(Fixture.findings(ServqualUnprotectedPainPointRule(), blueprint).first)
        #expect(finding.message == "'Customer calls' (call) has the pain point 'Long hold', which hurts responsiveness, but no standard in stage 'main' protects responsiveness.")
        #expect(finding.severity == .warning)
        // The fix names the agent's answer, where the organisation can commit to a response time.
        #expect(finding.fix?.summary.hasPrefix("Give 'Agent answers' (answer) a response or start-within commitment") == true)
        #expect(finding.stepIDs == ["call", "answer"])
        // Near misses: the agent's answer in the same stage commits to a response time; no dimension given;
        // a pain point in a dimension the stage protects (reliability: the SOP).
        var protected = blueprint
        protected.steps[1].standards.response = .minutes(2)
        protected.steps[1].standards.dimension = nil
        #expect(Fixture.findings(ServqualUnprotectedPainPointRule(), protected).isEmpty)
        var untagged = blueprint
        untagged.steps[0].painDimension = nil
        #expect(Fixture.findings(ServqualUnprotectedPainPointRule(), untagged).isEmpty)
        var reliable = blueprint
        reliable.steps[0].painDimension = .reliability
        #expect(Fixture.findings(ServqualUnprotectedPainPointRule(), reliable).isEmpty)
        // The stage's pain in the same dimension is the gap already reported on its step: said once.
        var both = blueprint
        both.stages[0].painPoints = ["Long hold"]
        both.stages[0].painDimension = .responsiveness
        #expect(Fixture.findings(ServqualUnprotectedPainPointRule(), both).map(\.stepIDs) == [["call", "answer"]])
        // A stage's own pain point, pointing at the stage.
        var stage = Self.contact()
        stage.stages[0].painPoints = ["Nobody explains the repair"]
        stage.stages[0].painDimension = .empathy
        let staged = try #require(Fixture.findings(ServqualUnprotectedPainPointRule(), stage).first)
        #expect(staged.path == ["stages", 0])
        #expect(staged.message.hasPrefix("Stage 'main' has the pain point 'Nobody explains the repair', which hurts empathy"))
        // Its fix names the key to write, not only the word `dimension:`.
        #expect(staged.fix?.summary.hasSuffix("tagged `dimension: empathy`.") == true, "\(staged.fix?.summary ?? "")")
        #expect(staged.fix?.text?.rendered(in: .simplifiedChinese).contains("`dimension: empathy`") == true)
    }

    @Test func chineseMessages() throws {
        let finding = try #require(Fixture.findings(ServqualUncoveredDimensionRule(), Self.contact()).first)
        let text = finding.message(in: .simplifiedChinese)
        #expect(text.contains("有形性") && text.contains("移情性") && !text.contains("empathy"))
    }

    @Test func moneyIsWrittenWithItsCurrency() {
        #expect(Money.text(18.4, currency: "¥") == "¥18.40")
        #expect(Money.text(18.404, currency: "EUR") == "18.40\u{00A0}EUR")
        #expect(Money.text(0.05, currency: nil) == "0.05")
        #expect(Money.text(-12.3, currency: "$") == "−$12.30")
    }

    @Test func parallelizationSavesTheCostOfDelay() throws {
        // The order journey saves 10 minutes (32 → 22) by checking credit beside stock. At ¥90 an hour of
        // lead time that is 10/60 × 90 = ¥15.00 per case.
        var blueprint = RuleParallelizationForkJoinTests.order()
        let plain = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        blueprint.currency = "¥"
        blueprint.journeys[0].costOfDelay = 90
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        #expect(finding.impact?.costSaved == 15)
        #expect(finding.message.contains("from 32min to 22min"))
        #expect(finding.message.hasSuffix("10min and ¥15.00 per case saved."))
        #expect(finding.message(in: .simplifiedChinese).contains("每单¥15.00"))
        // Near miss: labour rates alone do not make a faster case cheaper; the message stays as it was.
        var rated = RuleParallelizationForkJoinTests.order()
        rated.actors[0].rate = 40
        let unchanged = try #require(Fixture.findings(ParallelizableChainRule(), rated).first)
        #expect(unchanged.message == plain.message)
        #expect(unchanged.impact?.costSaved == nil)
    }

    /// check (agent, 6 min) → record (agent, 3 min) → check again (agent, 6 min, same title) → close.
    static func duplicate() -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("check", "Agent checks the warranty", .backstage, actor: "agent", minutes: 6),
                Fixture.step("record", "Agent records the fault", .backstage, actor: "agent", minutes: 3),
                Fixture.step("check-2", "Agent checks the warranty", .backstage, actor: "agent", minutes: 6),
                Fixture.step("close", "Agent closes the case", .frontstage, actor: "agent", channel: .email, minutes: 2),
            ],
            flows: Fixture.chain("check", "record", "check-2", "close"),
            actors: [Actor(id: "agent")],
            journeys: [Journey(id: "repair", start: "check", ends: ["close"])])
    }

    @Test func redundantStepStatesItsCost() throws {
        var blueprint = Self.duplicate()
        let plain = try #require(Fixture.findings(RedundantDuplicateStepRule(), blueprint).first)
        blueprint.actors[0].rate = 30
        blueprint.currency = "€"
        let finding = try #require(Fixture.findings(RedundantDuplicateStepRule(), blueprint).first)
        // The second check: 6 min at €30 an hour = €3.00 per case.
        #expect(finding.message == plain.message + " The fix saves €3.00 per case of 'repair'.")
        #expect(finding.impact?.description == "removes 1 step, saves 3.00 per case")
        #expect(finding.impact?.costSaved == 3)
        #expect(finding.impact?.stepsRemoved == 1)
        // The cost of waste counts it as a redundant step: 3 of a case's 17 × 0.5 = 8.50.
        let waste = try #require(blueprint.wasteCosts(findings: [finding]).first)
        #expect(waste.redundant == 3 && waste.redundantSteps == ["check-2"])
        #expect(abs(waste.perCase - 8.5) < 1e-9)
        #expect(waste.wasteSteps == 0 && waste.rework == 0)
        // Near miss: no journey, so no case to price; the message stays.
        blueprint.journeys = []
        #expect(Fixture.findings(RedundantDuplicateStepRule(), blueprint).first?.message == plain.message)
    }

    @Test func reworkLoopStatesTheExtraRounds() throws {
        // check (agent 6 min) → fix (agent 10 min) → test (agent 4 min); test sends 25 % back to fix.
        // Visits: fix and test 1 / 0.75 = 4/3 each; extra rounds (1/3 each) cost (5 + 2) / 3 = 2.33 at €30/h.
        var blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("check", "Agent checks", .backstage, actor: "agent", minutes: 6),
                Fixture.step("fix", "Agent fixes", .backstage, actor: "agent", minutes: 10),
                Fixture.step("test", "Agent tests", .frontstage, actor: "agent", channel: .email, minutes: 4),
            ],
            flows: Fixture.chain("check", "fix", "test") + [Flow(from: "test", to: "fix", kind: .rework, probability: 0.25)],
            actors: [Actor(id: "agent")],
            journeys: [Journey(id: "repair", start: "check", ends: ["test"])])
        blueprint.actors[0].rate = 30
        blueprint.currency = "€"
        let finding = try #require(Fixture.findings(RedundantReworkLoopRule(), blueprint).first)
        #expect(finding.message.hasSuffix("The extra rounds cost €2.33 per case of 'repair'."))
        let cost = try #require(blueprint.costPerCase(of: "repair"))
        #expect(abs(cost.rework - 7.0 / 3) < 1e-9)
        // Near misses: a loop without a probability ("give the flow a probability") or one that never
        // leaves has no rounds to price.
        for probability in [nil, 1.0] {
            var unmeasured = blueprint
            unmeasured.flows[2].probability = probability
            let plain = try #require(Fixture.findings(RedundantReworkLoopRule(), unmeasured).first)
            #expect(!plain.message.contains("€") && plain.impact?.costSaved == nil, "\(String(describing: probability))")
        }
    }

    @Test func reworkOnABranchCountsOnlyTheCasesOnIt() throws {
        // triage → 40 % repair (agent 30 min) → test (agent 6 min), test sends 20 % back to repair;
        // 60 % advise (agent 12 min). Repair and test run 0.4 / 0.8 = 0.5 times a case, 0.4 of them the
        // first pass: the extra rounds cost 0.1 × (15 + 3) = €1.80; a case costs 0.5 × 18 + 0.6 × 6 = €12.60.
        var blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("triage", "Agent triages", .backstage, actor: "agent", kind: .decision),
                Fixture.step("repair", "Agent repairs", .backstage, actor: "agent", minutes: 30),
                Fixture.step("test", "Agent tests", .frontstage, actor: "agent", channel: .email, minutes: 6),
                Fixture.step("advise", "Agent advises", .frontstage, actor: "agent", channel: .email, minutes: 12),
            ],
            flows: [
                Flow(from: "triage", to: "repair", probability: 0.4), Flow(from: "triage", to: "advise", probability: 0.6),
                Flow(from: "repair", to: "test"), Flow(from: "test", to: "repair", kind: .rework, probability: 0.2),
            ],
            actors: [Actor(id: "agent")],
            journeys: [Journey(id: "fault", start: "triage", ends: ["test", "advise"])])
        blueprint.actors[0].rate = 30
        let cost = try #require(blueprint.costPerCase(of: "fault"))
        #expect(abs(cost.rework - 1.8) < 1e-9)
        #expect(abs(cost.perCase - 12.6) < 1e-9)
        #expect(abs(cost.waste - 1.8) < 1e-9)
    }

    @Test func negativeAmountsAreLocatedErrors() {
        let text = """
            id: x
            actors:
              - {id: agent, rate: -30}
            steps:
              - {id: a, title: A, lane: frontstage, actor: agent, cost: -2}
            """
        do {
            _ = try BlueprintDocument.parse(text, path: "m.yaml", format: .yaml)
            Issue.record("expected errors")
        } catch {
            let message = "\(error)"
            #expect(message.contains("m.yaml:3:") && message.contains("'rate' must be 0 or more, found -30"))
            #expect(message.contains("m.yaml:5:") && message.contains("'cost' must be 0 or more, found -2"))
        }
    }

    @Test func newFileKeysRoundTrip() throws {
        var blueprint = Self.contact()
        blueprint.currency = "¥"
        blueprint.steps[0].painPoints = ["Long hold"]
        blueprint.steps[0].painDimension = .responsiveness
        blueprint.stages[0].painPoints = ["Unclear"]
        blueprint.stages[0].painDimension = .empathy
        blueprint.journeys = [Journey(id: "call", start: "call")]
        blueprint.journeys[0].costOfDelay = 12.5
        for format in [DocumentFormat.yaml, .json] {
            let document = try BlueprintDocument.parse(blueprint.text(in: format), path: "round-trip", format: format)
            #expect(document.blueprint == blueprint, "\(format)")
        }
        let yaml = blueprint.yamlText()
        #expect(yaml.contains("painDimension: responsiveness") && yaml.contains("costOfDelay: 12.5"))
        // A misspelt dimension is located, with a suggestion.
        let wrong = yaml.replacingOccurrences(of: "painDimension: responsiveness", with: "painDimension: responsivness")
        do {
            _ = try BlueprintDocument.parse(wrong, path: "x.yaml", format: .yaml)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("x.yaml:") && "\(error)".contains("did you mean 'responsiveness'?"))
        }
    }

    @Test func experienceDiffMatchesKPIsAndJourneys() throws {
        var old = ExperienceTests.branching
        old.kpis = [KPI(id: "nps", kind: .nps, target: 30, measured: [.init(value: 22, sample: 400, period: "2026-Q1")])]
        var new = old
        new.kpis[0].target = 35
        new.kpis[0].measured.append(.init(value: 31, sample: 410, period: "2026-Q2"))
        new.kpis.append(KPI(id: "aht", kind: .handlingTime, measured: [.init(value: 9)]))
        new.actors[1].rate = 40  // the technician's visit: 0.25 × 10 = 2.50 cheaper
        let diff = ExperienceDiff(old: old, new: new)
        #expect(diff.kpis.map(\.id) == ["nps", "aht"])
        #expect(diff.kpis[0].figureChange == 9 && diff.kpis[0].targetChange == 5 && diff.kpis[0].improved == true)
        #expect(diff.kpis[1].old == nil)
        #expect(diff.costs.count == 1)
        #expect(abs((diff.costs[0].change ?? 0) + 2.5) < 1e-9)
        // Nothing to compare without KPIs and costs.
        #expect(ExperienceDiff(old: RuleParallelizationForkJoinTests.order(), new: RuleParallelizationForkJoinTests.order()).isEmpty)
    }
}
