import Testing
@testable import ServiceBlueprint

@Suite("Rule: parallelizable-chain")
struct RuleParallelizationTests {
    /// The hand-computed case: receive (5min) → credit check (10min) → fraud check (10min) → decide (5min).
    /// The fraud check needs only the application, so it can run alongside the credit check: 30min → 20min.
    static func loanApplication(fraudNeeds: [String] = ["application"], fraudActor: String = "analyst-b") -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("receive", "Receive the application", .frontstage, actor: "clerk", minutes: 5, produces: ["application"]),
                Fixture.step(
                    "check-credit", "Check credit score", .backstage, actor: "analyst-a", minutes: 10,
                    needs: ["application"], produces: ["credit-score"]),
                Fixture.step(
                    "check-fraud", "Check for fraud", .backstage, actor: fraudActor, minutes: 10, needs: fraudNeeds,
                    produces: ["fraud-flag"]),
                Fixture.step("decide", "Decide on the loan", .backstage, actor: "manager", minutes: 5, needs: ["credit-score", "fraud-flag"]),
            ],
            flows: Fixture.chain("receive", "check-credit", "check-fraud", "decide"),
            actors: [
                Actor(id: "clerk"), Actor(id: "analyst-a", capacity: 2), Actor(id: "analyst-b", capacity: 2),
                Actor(id: "manager"), Actor(id: "solo", capacity: 1),
            ],
            information: [
                InformationItem(id: "application", title: "Application"),
                InformationItem(id: "credit-score", title: "Credit score"),
                InformationItem(id: "fraud-flag", title: "Fraud flag"),
            ])
    }

    @Test func savesExactlyTenMinutesOnTheHandComputedChain() throws {
        let findings = Fixture.findings(ParallelizableChainRule(), Self.loanApplication())
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ruleID == "parallelizable-chain")
        #expect(finding.stepIDs == ["check-credit", "check-fraud"])
        #expect(finding.flowIDs == ["receive->check-credit", "check-credit->check-fraud", "check-fraud->decide"])
        #expect(finding.impact?.leadTimeSaved == .minutes(10))
        #expect(finding.message == """
            'Check for fraud' (check-fraud) waits for 'Check credit score' (check-credit) although it only needs \
            'Application', which 'Check credit score' (check-credit) does not produce, and no single-capacity actor or \
            the customer forces the order. Running them in parallel, with 'Check for fraud' (check-fraud) starting after \
            'Receive the application' (receive), cuts the lead time of the blueprint from 30min to 20min (critical path \
            from estimates, re-run on the rewritten flows of the customer's path): 10min saved.
            """)
        guard case .parallelize(let suggestion)? = finding.fix?.action else {
            Issue.record("expected a parallelize fix")
            return
        }
        #expect(suggestion.step == "check-fraud")
        #expect(suggestion.with == ["check-credit"])
        #expect(suggestion.checks == [.init(step: "check-fraud", needs: ["application"], runsAlongside: ["check-credit"])])
    }

    @Test func toBeBlueprintHasTheParallelFlowsAndTheShorterLeadTime() {
        let asIs = Self.loanApplication()
        let toBe = Analyzer().toBe(asIs)
        #expect(toBe.version == "to-be")
        #expect(toBe.steps == asIs.steps)
        #expect(toBe.flows.map(\.id) == [
            "receive->check-credit", "receive->check-fraud", "check-credit->decide", "check-fraud->decide",
        ])
        #expect(BlueprintMetrics(asIs).journeys[0].leadTime == .minutes(30))
        #expect(BlueprintMetrics(toBe).journeys[0].leadTime == .minutes(20))
        // The to-be has nothing left to parallelize.
        #expect(Fixture.findings(ParallelizableChainRule(), toBe).isEmpty)
    }

    @Test func joinsEveryExitWhenTheChainEndsInAFork() throws {
        var blueprint = Self.loanApplication()
        blueprint.steps.append(Fixture.step("notify", "Notify the broker", .support, actor: "clerk", minutes: 1, needs: ["fraud-flag"]))
        blueprint.flows.append(Flow(from: "check-fraud", to: "notify"))
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        guard case .parallelize(let suggestion)? = finding.fix?.action else { return }
        #expect(suggestion.exits == ["decide", "notify"])
        #expect(finding.impact?.leadTimeSaved == .minutes(10))
        #expect(suggestion.apply(to: blueprint).flows.map(\.id) == [
            "receive->check-credit", "receive->check-fraud", "check-credit->decide", "check-credit->notify",
            "check-fraud->decide", "check-fraud->notify",
        ])
    }

    @Test func nothingMovesAcrossACustomerAction() {
        var blueprint = Self.loanApplication()
        blueprint.steps.insert(Fixture.step("sign", "Customer signs the consent", .customer, minutes: 2), at: 2)
        blueprint.flows = Fixture.chain("receive", "check-credit", "sign", "check-fraud", "decide")
        #expect(Fixture.findings(ParallelizableChainRule(), blueprint).isEmpty)
    }

    @Test func frontstageWorkDoesNotMove() {
        var blueprint = Self.loanApplication()
        blueprint.steps[2].lane = .frontstage
        #expect(Fixture.findings(ParallelizableChainRule(), blueprint).isEmpty)
    }

    @Test func staysSilentWhenTheLaterStepNeedsTheEarlierOnesOutput() {
        let blueprint = Self.loanApplication(fraudNeeds: ["application", "credit-score"])
        #expect(Fixture.findings(ParallelizableChainRule(), blueprint).isEmpty)
    }

    @Test func staysSilentWhenOneSingleCapacityActorDoesBoth() {
        var blueprint = Self.loanApplication(fraudActor: "solo")
        blueprint.steps[1].actor = "solo"
        #expect(Fixture.findings(ParallelizableChainRule(), blueprint).isEmpty)
    }

    @Test func staysSilentWhenNeedsAreNotModelled() {
        #expect(Fixture.findings(ParallelizableChainRule(), Self.loanApplication(fraudNeeds: [])).isEmpty)
    }

    @Test func minimumSavingThresholdFiltersSmallGains() {
        let blueprint = Self.loanApplication()
        let strict = AnalysisConfiguration.default.withThreshold("minimumSaving", .duration(.minutes(10)), for: "parallelizable-chain")
        #expect(Analyzer(configuration: strict).analyze(blueprint).findings(of: "parallelizable-chain").isEmpty)
        let loose = AnalysisConfiguration.default.withThreshold("minimumSaving", .duration(.minutes(9)), for: "parallelizable-chain")
        #expect(Analyzer(configuration: loose).analyze(blueprint).findings(of: "parallelizable-chain").count == 1)
    }

    @Test func measuresOnTheJourneyThatSavesMost() throws {
        var blueprint = Self.loanApplication()
        blueprint.journeys = [Journey(id: "loan", title: "Loan", start: "receive")]
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        #expect(finding.impact?.journey == "loan")
        #expect(finding.message.contains("lead time of journey 'Loan' (loan) from 30min to 20min"))
    }

    @Test("windowed re-run equals the literal re-run", arguments: [1, 3, 4, 5, 6, 7] as [UInt64])
    func windowedMatchesLiteral(seed: UInt64) {
        let blueprint = Fixture.random(seed: seed, steps: 300)
        let literalRule = ParallelizableChainRule(exactRerunLimit: .max)
        let windowedRule = ParallelizableChainRule(exactRerunLimit: 0)
        let context = Analyzer.makeContext(blueprint).configured(for: literalRule, configuration: .default)
        let literal = literalRule.suggestions(context)
        let windowed = windowedRule.suggestions(context)
        #expect(literal.count > 3)
        #expect(literal.map(\.suggestion) == windowed.map(\.suggestion))
        // Every candidate is measured on the same journeys with the same lead times, savings of zero included.
        for (a, b) in zip(literal, windowed) {
            #expect(a.measured.map(\.scope) == b.measured.map(\.scope))
            #expect(zip(a.measured, b.measured).allSatisfy { abs($0.after - $1.after) < 1e-6 && $0.before == $1.before })
        }
        #expect(literal.contains { ($0.best?.saving ?? 0) > 0 })
        #expect(Fixture.findings(literalRule, blueprint) == Fixture.findings(windowedRule, blueprint))
    }

    @Test func applyingToAChangedBlueprintLeavesItAlone() throws {
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), Self.loanApplication()).first)
        guard case .parallelize(let suggestion)? = finding.fix?.action else { return }
        var changed = Self.loanApplication()
        changed.flows.removeFirst()
        #expect(suggestion.apply(to: changed) == changed)
    }
}
