import Testing
@testable import ServiceBlueprint

/// Independent successors at forks and joins, computed by hand.
@Suite("Rule: parallelizable-chain through forks and joins")
struct RuleParallelizationForkJoinTests {
    /// submit (2) → open case (5, produces the case) → check stock (10) → check credit (10) → confirm (5), end.
    /// Check stock also forks to "notify the supplier" (3), follow-up work that ends outside the journey.
    /// Check credit needs only the case: it can start after "open case", and 10 minutes are saved (32 → 22).
    static func order(creditActor: String = "analyst", creditNeeds: [String] = ["case"], join: Bool = false) -> Blueprint {
        var steps = [
            Fixture.step("submit", "Customer submits the order", .customer, minutes: 2),
            Fixture.step("open-case", "Clerk opens the case", .backstage, actor: "clerk", minutes: 5, produces: ["case"]),
            Fixture.step("check-stock", "Warehouse checks stock", .backstage, actor: "warehouse", minutes: 10, needs: ["case"], produces: ["stock"]),
            Fixture.step("check-credit", "Analyst checks credit", .backstage, actor: creditActor, minutes: 10, needs: creditNeeds, produces: ["credit"]),
            Fixture.step("confirm", "Agent confirms the order", .frontstage, actor: "agent", channel: .phone, minutes: 5, needs: ["stock", "credit"]),
            Fixture.step("notify-supplier", "Warehouse notifies the supplier", .support, actor: "warehouse", minutes: 3, needs: ["stock"]),
        ]
        steps[5].delivers = .partner
        var flows = Fixture.chain("submit", "open-case", "check-stock", "check-credit", "confirm")
            + [Flow(from: "check-stock", to: "notify-supplier")]
        if join {
            // Check credit also joins a second branch: a short fee lookup after opening the case.
            steps.append(Fixture.step("look-up-fee", "Clerk looks up the fee", .backstage, actor: "clerk2", minutes: 2, needs: ["case"], produces: ["fee"]))
            steps[3].needs.append("fee")
            flows += [Flow(from: "open-case", to: "look-up-fee"), Flow(from: "look-up-fee", to: "check-credit")]
        }
        return Fixture.blueprint(
            steps: steps, flows: flows,
            actors: [
                Actor(id: "clerk", capacity: 1), Actor(id: "clerk2"), Actor(id: "warehouse", capacity: 1),
                Actor(id: "analyst", capacity: 2), Actor(id: "agent"),
            ],
            information: ["case", "stock", "credit", "fee"].map { InformationItem(id: $0) },
            journeys: [Journey(id: "order", title: "Order", start: "submit", ends: ["confirm"])])
    }

    @Test func independentSuccessorOfAForkSavesTheHandValue() throws {
        let blueprint = Self.order()
        #expect(BlueprintMetrics(blueprint).journey("order")?.leadTime == .minutes(32))
        let findings = Fixture.findings(ParallelizableChainRule(), blueprint)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.impact?.leadTimeSaved == .minutes(10))
        #expect(finding.message.contains("from 32min to 22min"))
        #expect(finding.message.contains(
            "with 'Analyst checks credit' (check-credit) starting after 'Clerk opens the case' (open-case) (which produces 'case')"))
        guard case .parallelize(let suggestion)? = finding.fix?.action else {
            Issue.record("expected a parallelize fix")
            return
        }
        #expect(suggestion.step == "check-credit" && suggestion.with == ["check-stock"])
        // The rewrite: credit after open-case; stock joins confirm; the side branch stays.
        let toBe = suggestion.apply(to: blueprint)
        #expect(Set(toBe.flows.map(\.id)) == [
            "submit->open-case", "open-case->check-stock", "open-case->check-credit", "check-credit->confirm",
            "check-stock->confirm", "check-stock->notify-supplier",
        ])
        #expect(BlueprintMetrics(toBe).journey("order")?.leadTime == .minutes(22))
    }

    @Test func theMovedStepStartsAfterTheLatestProducerWhenItAlsoJoins() throws {
        // With the fee branch, check credit needs the fee too: it starts after the latest producer, the fee look-up.
        // submit 2 + open 5 + fee 2 → 9; stock ends 17: confirm starts at max(17, 9 + 10 = 19) → 24. Before: 32.
        let findings = Fixture.findings(ParallelizableChainRule(), Self.order(join: true))
        let finding = try #require(findings.first)
        #expect(finding.impact?.leadTimeSaved == .minutes(8))
        #expect(finding.message.contains(
            "'Analyst checks credit' (check-credit) starting after 'Clerk looks up the fee' (look-up-fee) (which produces 'fee')"))
    }

    @Test func aSingleServerForcesTheOrder() throws {
        // Near miss: the warehouse's single clerk checks both, so nothing moves.
        #expect(Fixture.findings(ParallelizableChainRule(), Self.order(creditActor: "warehouse")).isEmpty)
        // Near miss: check credit needs the stock, so it depends on the step before it.
        #expect(Fixture.findings(ParallelizableChainRule(), Self.order(creditNeeds: ["case", "stock"])).isEmpty)
        // The single clerk who opened the case also checks credit: it follows the clerk's previous step.
        let findings = Fixture.findings(ParallelizableChainRule(), Self.order(creditActor: "clerk", creditNeeds: ["stock-free"]))
        let finding = try #require(findings.first)
        #expect(finding.message.contains("starting after 'Clerk opens the case' (open-case) (the previous step of single-capacity actor 'clerk')"))
    }
}
