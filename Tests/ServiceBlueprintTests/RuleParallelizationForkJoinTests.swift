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

    // MARK: What the realism corpus asked for

    /// consult (5) → dictate (10, the letter) → request (5, needs only the notes) → slip (1), end; dictate also
    /// forks to "type" (follow-up). Moving the request: nothing after it needs the dictation, so the dictation
    /// leaves the path: 21 → 11 min, 10 min saved (not 5: the patient no longer waits for the dictation at all).
    static func letter(slipNeedsDictation: Bool = false) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("consult", "Doctor sees the patient", .frontstage, actor: "doctor", channel: .inPerson, minutes: 5, produces: ["notes"]),
                Fixture.step("dictate", "Doctor dictates the letter", .backstage, actor: "doctor", minutes: 10, needs: ["notes"], produces: ["dictation"]),
                Fixture.step("request", "Doctor requests bloods", .backstage, actor: "doctor", minutes: 5, needs: ["notes"], produces: ["slip"]),
                Fixture.step("hand-in", "Patient hands in the slip", .customer, minutes: 1, needs: slipNeedsDictation ? ["slip", "dictation"] : ["slip"]),
                Fixture.step("type", "Secretary types the letter", .backstage, actor: "secretary", minutes: 15, needs: ["dictation"]),
            ],
            flows: Fixture.chain("consult", "dictate", "request", "hand-in") + [Flow(from: "dictate", to: "type", kind: .handoff)],
            information: ["notes", "dictation", "slip"].map { InformationItem(id: $0) },
            journeys: [Journey(id: "visit", title: "Visit", start: "consult", ends: ["hand-in"])])
    }

    @Test func theEntryLeavesThePathWhenNothingAfterItNeedsIt() throws {
        let blueprint = Self.letter()
        #expect(BlueprintMetrics(blueprint).journey("visit")?.leadTime == .minutes(21))
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        #expect(Set(finding.stepIDs) == ["dictate", "request"])
        #expect(finding.impact?.leadTimeSaved == .minutes(10))
        #expect(finding.message.contains("'Doctor dictates the letter' (dictate) then leaves the customer's path"))
        // Near miss: the patient's step needs the dictation too, so it still waits for it: 5 min saved.
        let needed = try #require(Fixture.findings(ParallelizableChainRule(), Self.letter(slipNeedsDictation: true)).first)
        #expect(needed.impact?.leadTimeSaved == .minutes(5))
        #expect(!needed.message.contains("leaves the customer's path"))
    }

    /// intake (5) → review (60) → [approved, 70 %] zoning (30, needs only the file) → fee (10); review →
    /// [corrections, 30 %] revise → (rework) review. Zoning moves after intake: 105 → 75 min.
    @Test func aStepOnOneOfExclusiveBranchesMovesWithItsBranch() throws {
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("intake", "Clerk checks the file", .backstage, actor: "clerk", minutes: 5, produces: ["file"]),
                Fixture.step("review", "Examiner reviews", .backstage, actor: "examiner", minutes: 60, needs: ["file"], produces: ["ok"]),
                Fixture.step("zoning", "Zoning officer checks", .backstage, actor: "zoning", minutes: 30, needs: ["file"], produces: ["zoned"]),
                Fixture.step("fee", "Clerk calls with the fee", .frontstage, actor: "clerk", channel: .phone, minutes: 10, needs: ["ok", "zoned"]),
                Fixture.step("revise", "Architect revises the plans", .customer, minutes: 60),
            ],
            flows: Fixture.chain("intake", "review") + [
                Flow(from: "review", to: "zoning", label: "approved", probability: 0.7),
                Flow(from: "review", to: "revise", label: "corrections", probability: 0.3),
                Flow(from: "revise", to: "review", kind: .rework), Flow(from: "zoning", to: "fee"),
            ],
            information: ["file", "ok", "zoned"].map { InformationItem(id: $0) },
            journeys: [Journey(id: "permit", title: "Permit", start: "intake", ends: ["fee"])])
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        #expect(Set(finding.stepIDs) == ["review", "zoning"])
        #expect(finding.impact?.leadTimeSaved == .minutes(30))
        guard case .parallelize(let suggestion)? = finding.fix?.action else {
            Issue.record("expected a parallelize fix")
            return
        }
        // The approved branch now leads to the fee call, with its label and probability.
        let approved = suggestion.apply(to: blueprint).flows.first { $0.from == "review" && $0.to == "fee" }
        #expect(approved?.label == "approved" && approved?.probability == 0.7)
    }

    /// Two journeys share one serial chain (book … wait for the day | arrive … pay); the chain falls apart
    /// at the customer's steps, so the wash and the invoice are found inside the visit: 10 min saved.
    static func service(invoiceNeedsWash: Bool = false) -> Blueprint {
        Fixture.blueprint(
            steps: [
                Fixture.step("call", "Owner calls to book", .customer, channel: .phone, minutes: 3),
                Fixture.step("book", "Advisor books", .frontstage, actor: "advisor", channel: .phone, minutes: 5),
                Fixture.step("wait-day", "Owner waits for the day", .customer, kind: .wait, minutes: 60),
                Fixture.step("arrive", "Owner arrives", .customer, channel: .inPerson, minutes: 1),
                Fixture.step("repair", "Technician repairs", .backstage, actor: "technician", minutes: 60, needs: ["order"], produces: ["done"]),
                Fixture.step("wash", "Porter washes the car", .backstage, actor: "porter", minutes: 15, needs: ["done"], produces: ["clean"]),
                Fixture.step("invoice", "Advisor prepares the invoice", .backstage, actor: "advisor", minutes: 10,
                             needs: invoiceNeedsWash ? ["done", "clean"] : ["done"], produces: ["invoice"]),
                Fixture.step("pay", "Owner pays", .customer, channel: .inPerson, minutes: 2, needs: ["invoice", "clean"]),
            ],
            flows: Fixture.chain("call", "book", "wait-day", "arrive", "repair", "wash", "invoice", "pay"),
            information: ["order", "done", "clean", "invoice"].map { InformationItem(id: $0) },
            journeys: [
                Journey(id: "booking", title: "Booking", start: "call", ends: ["wait-day"]),
                Journey(id: "visit", title: "Visit", start: "arrive", ends: ["pay"]),
            ])
    }

    @Test func aChainThroughTwoJourneysIsFoundInsideTheOneItServes() throws {
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), Self.service()).first)
        #expect(Set(finding.stepIDs) == ["wash", "invoice"])
        #expect(finding.impact?.leadTimeSaved == .minutes(10) && finding.impact?.journey == "visit")
        // Near miss: an invoice that needs the washed car stays after the wash.
        #expect(Fixture.findings(ParallelizableChainRule(), Self.service(invoiceNeedsWash: true)).isEmpty)
    }

    @Test func anApprovalKeepsWaitingForTheWholeCase() throws {
        // assign → statement (phone, 20) → inspect (needs the assignment) → estimate → approve (approval) → authorise.
        let blueprint = Fixture.blueprint(
            steps: [
                Fixture.step("assign", "Team leader assigns", .backstage, actor: "lead", minutes: 5, produces: ["assignment"]),
                Fixture.step("statement", "Adjuster takes the statement", .frontstage, actor: "adjuster", channel: .phone, minutes: 20, produces: ["account"]),
                Fixture.step("inspect", "Adjuster inspects", .backstage, actor: "adjuster2", minutes: 60, needs: ["assignment"], produces: ["report"]),
                Fixture.step("estimate", "Adjuster estimates", .backstage, actor: "adjuster2", minutes: 30, needs: ["report"], produces: ["estimate"]),
                Fixture.step("approve", "Senior approves", .backstage, actor: "senior", kind: .approval, minutes: 10, needs: ["estimate"], produces: ["approval"]),
                Fixture.step("authorise", "Handler authorises", .frontstage, actor: "handler", channel: .phone, minutes: 5, needs: ["approval"]),
            ],
            flows: Fixture.chain("assign", "statement", "inspect", "estimate", "approve", "authorise"),
            information: ["assignment", "account", "report", "estimate", "approval"].map { InformationItem(id: $0) },
            journeys: [Journey(id: "claim", title: "Claim", start: "assign", ends: ["authorise"])])
        let finding = try #require(Fixture.findings(ParallelizableChainRule(), blueprint).first)
        // The approval signs off the case with the statement in it: it is not moved alongside the statement.
        #expect(Set(finding.stepIDs) == ["statement", "inspect", "estimate"])
        #expect(finding.impact?.leadTimeSaved == .minutes(20))
    }
}
