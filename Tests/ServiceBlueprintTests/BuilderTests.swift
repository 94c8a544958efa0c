import ServiceBlueprint
import Testing

/// A Swift concurrency actor in the same file as the DSL: `actor` declarations, `Task` and
/// `async` must not make `Actor(…)` ambiguous with the concurrency `Actor` protocol.
private actor BlueprintStore {
    private var built: [Blueprint] = []
    func add(_ blueprint: Blueprint) { built.append(blueprint) }
    var count: Int { built.count }
}

@Suite("Blueprint DSL")
struct BuilderTests {
    // MARK: - The DSL produces exactly the model

    /// Every DSL feature once; compared with the same blueprint built by memberwise initialisers.
    @Test func producesExactlyTheHandBuiltModel() throws {
        let built = try Blueprint(id: "repair", title: "After-sales repair", summary: "Hotline to repaired device", version: "as-is") {
            Actors {
                Actor(id: "agent", title: "First-line agent", kind: .role, department: "service-centre", capacity: 6,
                      hours: WorkingHours(perDay: 8, daysPerWeek: 5))
                Actor(id: "crm", title: "CRM", kind: .system)
            }
            Channels {
                ChannelDefinition(.phone, responseCommitment: .seconds(30))
                ChannelDefinition(id: "whatsapp", title: "WhatsApp", responseCommitment: .minutes(5))
            }
            Information {
                InformationItem(id: "serial", title: "Device serial", fromCustomer: true)
                InformationItem(id: "ticket", title: "Ticket", kind: .document)
            }
            Personas {
                Persona(id: "owner", title: "Device owner", summary: "Busy", goals: ["Working device"])
            }
            Stage("contact", title: "Contact", goal: "Reach help", emotion: -1, painPoints: ["Hold music"],
                  momentsOfTruth: ["First answer"]) {
                Step("call", "Customer calls hotline", lane: .customer, channel: .phone)
                    .evidence("IVR menu")
                    .emotion(-1)
                    .painPoints("Long menu")
                Step("answer", "Agent answers", lane: .frontstage, actor: "agent", channel: .phone)
                    .after("call")
                    .duration(.minutes(5))
                    .timeStandard(.minutes(5), tolerance: .minutes(2))
                    .sop("SOP-FL-001")
                    .serviceStandard("Greet by name")
                    .responseCommitment(.seconds(30))
                    .needs("serial")
                    .failPoint("Long hold", recovery: "Call back", owner: "agent", likelihood: 0.2)
                    .waitPoint(tolerance: .minutes(2), notes: "On hold")
                    .waitBefore(.minutes(1))
                    .value(.valueAdding)
                    .then("log")
            }
            Stage("record") {
                Step("log", "Ticket is logged", lane: .support, actor: "crm", kind: .automated)
                    .duration(min: .seconds(5), likely: .seconds(10), max: .seconds(30))
                    .owner("agent")
                    .produces("ticket")
                    .tags("tier-1", "auto")
                    .notes("Created by the CTI integration")
                    .url("https://intranet.example/crm")
            }
            Flow("log", to: "answer", kind: .rework, label: "data missing", probability: 0.05)
            Journey(id: "standard", persona: "owner", start: "call", ends: ["log"], demand: .perDay(120),
                    target: .init(leadTime: .days(3), attainment: 0.9))
            DeclaredBottleneck(actor: "agent", "Six agents for peak demand")
        }

        let expected = Blueprint(
            id: "repair", title: "After-sales repair", summary: "Hotline to repaired device", version: "as-is",
            stages: [
                Stage(id: "contact", title: "Contact", goal: "Reach help", emotion: -1, painPoints: ["Hold music"],
                      momentsOfTruth: ["First answer"]),
                Stage(id: "record", title: "record"),
            ],
            actors: [
                Actor(id: "agent", title: "First-line agent", kind: .role, department: "service-centre", capacity: 6,
                      hours: WorkingHours(perDay: 8, daysPerWeek: 5)),
                Actor(id: "crm", title: "CRM", kind: .system),
            ],
            channels: [
                ChannelDefinition(id: "phone", responseCommitment: .seconds(30)),
                ChannelDefinition(id: "whatsapp", title: "WhatsApp", responseCommitment: .minutes(5)),
            ],
            information: [
                InformationItem(id: "serial", title: "Device serial", kind: .data, fromCustomer: true),
                InformationItem(id: "ticket", title: "Ticket", kind: .document),
            ],
            personas: [Persona(id: "owner", title: "Device owner", summary: "Busy", goals: ["Working device"])],
            journeys: [
                Journey(id: "standard", persona: "owner", start: "call", ends: ["log"], demand: .init(arrivals: 120, per: .day),
                        target: JourneyTarget(leadTime: .seconds(259_200), attainment: 0.9))
            ],
            steps: [
                Step(id: "call", title: "Customer calls hotline", lane: .customer, stage: "contact", channel: .phone,
                     evidence: ["IVR menu"], emotion: -1, painPoints: ["Long menu"]),
                Step(id: "answer", title: "Agent answers", lane: .frontstage, stage: "contact", actor: "agent", channel: .phone,
                     duration: ProcessTime(.seconds(300)), waitBefore: .seconds(60),
                     standards: Standards(time: TimeStandard(target: .seconds(300), tolerance: .seconds(120)),
                                          sop: "SOP-FL-001", service: "Greet by name", response: .seconds(30)),
                     failPoint: FailPoint(risk: "Long hold", recovery: "Call back", owner: "agent", likelihood: 0.2),
                     waitPoint: WaitPoint(tolerance: .seconds(120), notes: "On hold"),
                     value: .valueAdding, needs: ["serial"]),
                Step(id: "log", title: "Ticket is logged", lane: .support, stage: "record", actor: "crm", owner: "agent",
                     kind: .automated, duration: ProcessTime(min: .seconds(5), likely: .seconds(10), max: .seconds(30)),
                     produces: ["ticket"], tags: ["tier-1", "auto"], notes: "Created by the CTI integration",
                     url: "https://intranet.example/crm"),
            ],
            flows: [
                Flow(from: "call", to: "answer"),
                Flow(from: "answer", to: "log"),
                Flow(from: "log", to: "answer", kind: .rework, label: "data missing", probability: 0.05),
            ],
            bottlenecks: [DeclaredBottleneck(actor: "agent", cause: "Six agents for peak demand")]
        )
        #expect(built == expected)
    }

    @Test func afterTakesSeveralPredecessorsWithKindLabelAndProbability() throws {
        let built = try Blueprint(id: "merge") {
            Stage("s") {
                Step("a", "A", lane: .backstage)
                Step("b", "B", lane: .backstage)
                Step("c", "C", lane: .backstage).after("a", "b", kind: .handoff, label: "both done", probability: 1)
                Step("d", "D", lane: .backstage).after("c").then("e", "f", kind: .escalation, probability: 0.5)
                Step("e", "E", lane: .support)
                Step("f", "F", lane: .support)
            }
        }
        #expect(built.flows == [
            Flow(from: "a", to: "c", kind: .handoff, label: "both done", probability: 1),
            Flow(from: "b", to: "c", kind: .handoff, label: "both done", probability: 1),
            Flow(from: "c", to: "d"),
            Flow(from: "d", to: "e", kind: .escalation, probability: 0.5),
            Flow(from: "d", to: "f", kind: .escalation, probability: 0.5),
        ])
    }

    @Test func stepsMayNameTheirStageOutsideABlock() throws {
        let built = try Blueprint(id: "flat") {
            Stage("one")
            Stage("two", title: "Two")
            Step("a", "A", lane: .customer, stage: "two")
            Step("b", "B", lane: .customer, stage: "one").after("a")
            Flow("b", to: "a", kind: .rework)
        }
        #expect(built.stages.map(\.id) == ["one", "two"])
        #expect(built.steps.map(\.stage) == ["two", "one"])
        #expect(built.flows.map(\.id) == ["a->b", "b->a"])
    }

    @Test func fragmentsAreReusable() throws {
        @BlueprintBuilder var followUp: BlueprintContent {
            Stage("follow-up") {
                Step("survey", "Customer rates the service", lane: .customer, channel: .email)
            }
        }
        let first = try Blueprint(id: "one") {
            Stage("start") { Step("go", "Go", lane: .customer) }
            followUp
            Flow("go", to: "survey")
        }
        let second = try Blueprint(id: "two") { followUp }
        #expect(first.steps.map(\.id) == ["go", "survey"])
        #expect(second.steps.map(\.stage) == ["follow-up"])
    }

    /// The modifiers share names with `Step`'s stored properties; plain property reads must still
    /// resolve to the properties (other code reads `step.duration`, `step.needs`, … everywhere).
    @Test func modifierNamesDoNotShadowModelProperties() throws {
        let step = Step("s", "S", lane: .backstage, stage: "x").duration(.minutes(2)).needs("a").step
        #expect(step.duration != nil)
        #expect(step.duration?.likely == .minutes(2))
        #expect(step.needs == ["a"])
        #expect([step].map(\.needs) == [["a"]])
        #expect(step.notes == nil && step.url == nil && step.owner == nil && step.value == nil)
        #expect(step.tags.isEmpty && step.evidence.isEmpty && step.painPoints.isEmpty)
        if let waitPoint = step.waitPoint { Issue.record("unexpected wait point \(waitPoint)") }
    }

    // MARK: - Control flow in builders

    enum Tier: CaseIterable { case basic, premium, enterprise }

    private func serviceBlueprint(tier: Tier, loanDevice: Bool, checks: [String], courier: String?) throws -> Blueprint {
        try Blueprint(id: "control-flow") {
            Actors {
                Actor(id: "tech", kind: .role, capacity: 2)
                if tier == .enterprise {
                    Actor(id: "account-manager", kind: .role)
                }
                for index in 1...2 { Actor(id: "bench-\(index)", kind: .system) }
            }
            Stage("repair") {
                Step("fix", "Technician repairs", lane: .backstage, actor: "tech")
                if loanDevice {
                    Step("loan", "Customer gets a loan device", lane: .customer, channel: .inPerson).after("fix")
                } else {
                    Step("wait", "Customer waits", lane: .customer, kind: .wait).after("fix")
                }
                switch tier {
                case .basic:
                    Step("notify", "SMS when done", lane: .frontstage, channel: .sms).after("fix")
                case .premium:
                    Step("notify", "Call when done", lane: .frontstage, channel: .phone).after("fix")
                case .enterprise:
                    Step("notify", "Account manager calls", lane: .frontstage, actor: "account-manager", channel: .phone)
                        .after("fix")
                }
                for check in checks {
                    Step("check-\(check)", "Check \(check)", lane: .backstage, kind: .check).after("fix")
                }
                if let courier {
                    Step("ship", "Ship with \(courier)", lane: .support, kind: .transport).after("fix")
                }
                if #available(macOS 13, *) {
                    Step("survey", "Survey", lane: .customer, channel: .email).after("notify")
                }
            }
        }
    }

    @Test func ifElseSwitchForOptionalAndAvailabilityAllWork() throws {
        let basic = try serviceBlueprint(tier: .basic, loanDevice: true, checks: [], courier: nil)
        #expect(basic.steps.map(\.id) == ["fix", "loan", "notify", "survey"])
        #expect(basic.step("notify")?.channel == .sms)
        #expect(basic.actors.map(\.id) == ["tech", "bench-1", "bench-2"])

        let enterprise = try serviceBlueprint(tier: .enterprise, loanDevice: false, checks: ["battery", "screen"], courier: "DHL")
        #expect(enterprise.steps.map(\.id) == ["fix", "wait", "notify", "check-battery", "check-screen", "ship", "survey"])
        #expect(enterprise.step("notify")?.actor == "account-manager")
        #expect(enterprise.step("ship")?.title == "Ship with DHL")
        #expect(enterprise.actors.map(\.id) == ["tech", "account-manager", "bench-1", "bench-2"])
        #expect(enterprise.steps.allSatisfy { $0.stage == "repair" })

        let premium = try serviceBlueprint(tier: .premium, loanDevice: true, checks: ["x"], courier: nil)
        #expect(premium.step("notify")?.channel == .phone)
    }

    @Test func listGroupsSupportControlFlow() throws {
        let languages = ["en", "de"]
        let built = try Blueprint(id: "groups") {
            Information {
                for language in languages { InformationItem(id: "form-\(language)", kind: .document) }
                if languages.count > 5 { InformationItem(id: "never") } else { InformationItem(id: "few-languages") }
            }
            Personas { if languages.isEmpty { Persona(id: "nobody") } }
            Stage("s") { Step("a", "A", lane: .customer) }
            Journeys {
                Journey(id: "j1", start: "a")
                Journey(id: "j2", start: "a", demand: .perHour(3))
            }
            Bottlenecks { DeclaredBottleneck(step: "a", "Single desk") }
        }
        #expect(built.information.map(\.id) == ["form-en", "form-de", "few-languages"])
        #expect(built.personas.isEmpty)
        #expect(built.journeys.map(\.id) == ["j1", "j2"])
        #expect(built.bottlenecks == [DeclaredBottleneck(step: "a", cause: "Single desk")])
    }

    // MARK: - Concurrency

    @Test func buildsInsideTasksNextToASwiftActor() async throws {
        let store = BlueprintStore()
        try await withThrowingTaskGroup(of: Blueprint.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try Blueprint(id: "concurrent-\(index)") {
                        Actors { Actor(id: "agent", title: "Agent", kind: .role, capacity: index + 1) }
                        Stage("s") { Step("a", "A", lane: .frontstage, actor: "agent") }
                    }
                }
            }
            for try await blueprint in group { await store.add(blueprint) }
        }
        #expect(await store.count == 4)
        let model: ServiceBlueprint.Actor = Actor(id: "x")
        #expect(model.kind == .role)
    }

    // MARK: - Build errors

    private func buildErrors(@BlueprintBuilder _ content: () -> BlueprintContent) -> [String] {
        do {
            _ = try Blueprint(id: "broken", content: content)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func flowToUnknownStepSuggestsTheClosestId() {
        let errors = buildErrors {
            Stage("s") {
                Step("diagnose", "Diagnose", lane: .backstage)
                Step("repair", "Repair", lane: .backstage).after("diagnos")
            }
            Flow("repair", to: "closee")
        }
        #expect(errors == [
            "error: unknown step 'diagnos'; did you mean 'diagnose'? (at flows[0].from)",
            "error: unknown step 'closee' (at flows[1].to)",
        ])
    }

    @Test func duplicateIdsNameTheFirstDeclaration() {
        let errors = buildErrors {
            Actors { Actor(id: "agent"); Actor(id: "agent") }
            Stage("s") {
                Step("a", "A", lane: .customer)
                Step("a", "Again", lane: .customer)
            }
            Stage("s")
        }
        #expect(errors == [
            "error: duplicate stage id 's' (first defined at stages[0].id) (at stages[1].id)",
            "error: duplicate actor id 'agent' (first defined at actors[0].id) (at actors[1].id)",
            "error: duplicate step id 'a' (first defined at steps[0].id) (at steps[1].id)",
        ])
    }

    @Test func flowDeclaredTwiceWithAfterAndThen() {
        let errors = buildErrors {
            Stage("s") {
                Step("a", "A", lane: .customer).then("b")
                Step("b", "B", lane: .frontstage).after("a")
            }
        }
        #expect(errors == [
            "error: duplicate flow 'a' -> 'b' (first defined at flows[0]) (at flows[1])"
        ])
    }

    @Test func stepOutsideAnyStageBelongsToTheImplicitStage() throws {
        let blueprint = try Blueprint(id: "sketch") {
            Stage("s") { Step("placed", "Placed", lane: .customer).then("loose") }
            Step("loose", "Loose", lane: .backstage)
        }
        #expect(blueprint.steps.map(\.stage) == ["s", Stage.implicitID])
        #expect(blueprint.validate().isEmpty)
    }

    @Test func stepInUnknownStage() {
        let errors = buildErrors {
            Stage("diagnose")
            Step("x", "X", lane: .backstage, stage: "diagnsoe")
        }
        #expect(errors.first == "error: unknown stage 'diagnsoe'; did you mean 'diagnose'? (at steps[0].stage)")
    }

    /// One source per fact (issue 12): the builder checks only where things were written; every
    /// reference is the validator's, so a DSL blueprint and the same blueprint read from a file get
    /// the same messages at the same model paths.
    @Test func referenceProblemsReadTheSameInTheDSLAndInAFile() {
        let errors = buildErrors {
            Actors { Actor(id: "agent") }
            Stage("s") {
                Step("a", "A", lane: .frontstage, actor: "agnt")
                Step("b", "B", lane: .backstage).after("a")
            }
            Flow("b", to: "closee")
        }
        var fromFile: [String] = []
        do {
            _ = try BlueprintDocument.parse("""
            id: broken
            actors: [{id: agent}]
            stages: [{id: s}]
            steps:
              - {id: a, title: A, lane: frontstage, stage: s, actor: agnt}
              - {id: b, title: B, lane: backstage, stage: s}
            flows:
              - {from: a, to: b}
              - {from: b, to: closee}
            """, path: "broken.yaml", format: .yaml)
        } catch {
            fromFile = error.diagnostics.map { diagnostic in
                var copy = diagnostic
                copy.location = nil
                return copy.description
            }
        }
        #expect(!errors.isEmpty)
        #expect(errors == fromFile)
    }

    @Test func stepNamingAnotherStageInsideAStageBlock() {
        let errors = buildErrors {
            Stage("one")
            Stage("two") { Step("x", "X", lane: .backstage, stage: "one") }
        }
        #expect(errors == [
            "error: step 'x' names stage 'one' but is written inside stage 'two'; drop stage: or move the step (at steps[0].stage)"
        ])
    }

    @Test func nestedStages() {
        let errors = buildErrors {
            Stage("outer") {
                Stage("inner") { Step("x", "X", lane: .customer) }
            }
        }
        #expect(errors == [
            "error: stage 'inner' is written inside stage 'outer'; stages are columns and cannot contain each other (at stages[1])"
        ])
    }

    @Test func unknownReferencesFromStepsJourneysAndBottlenecks() {
        let errors = buildErrors {
            Actors { Actor(id: "agent") }
            Information { InformationItem(id: "serial") }
            Personas { Persona(id: "owner") }
            Stage("s") {
                Step("a", "A", lane: .frontstage, actor: "agnt", channel: "whatsap")
                    .owner("boss")
                    .needs("serail")
                    .produces("report")
                    .failPoint("Dropped", owner: "nobody")
                Step("b", "B", lane: .backstage).after("a")
            }
            Journey(id: "j", persona: "ownr", start: "aa", ends: ["b", "closed"], branchProbabilities: ["a->c": 0.5])
            DeclaredBottleneck(step: "queue", "?")
            DeclaredBottleneck(actor: "bench", "?")
            DeclaredBottleneck(cause: "neither")
        }
        #expect(errors == [
            "error: unknown actor 'agnt'; did you mean 'agent'? (at steps[0].actor)",
            "error: unknown actor 'boss' (at steps[0].owner)",
            "error: unknown channel 'whatsap'; declare it under 'channels' or use a built-in channel (phone, chat, email, web, app, in-person, kiosk, social, letter, sms) (at steps[0].channel)",
            "error: unknown actor 'nobody' (at steps[0].failPoint.owner)",
            "error: unknown information item 'serail'; did you mean 'serial'? (at steps[0].needs[0])",
            "error: unknown information item 'report' (at steps[0].produces[0])",
            "error: unknown persona 'ownr'; did you mean 'owner'? (at journeys[0].persona)",
            "error: unknown step 'aa'; did you mean 'a'? (at journeys[0].start)",
            "error: unknown step 'closed' (at journeys[0].ends[1])",
            "error: unknown step 'c' in branch 'a->c' (at journeys[0].branchProbabilities.a->c)",
            "error: unknown step 'queue' (at bottlenecks[0].step)",
            "error: unknown actor 'bench' (at bottlenecks[1].actor)",
            "error: a bottleneck must name a 'step' or an 'actor' (at bottlenecks[2])",
            "warning: information item 'serial' is never needed or produced by a step (at information[0])",
        ])
    }

    @Test func customChannelsAreKnownOnceDeclared() throws {
        let built = try Blueprint(id: "custom-channel") {
            ChannelDefinition(id: "whatsapp", title: "WhatsApp")
            Stage("s") { Step("a", "A", lane: .customer, channel: "whatsapp") }
        }
        #expect(built.step("a")?.channel == Channel(rawValue: "whatsapp"))
    }

    @Test func everyProblemIsReportedAtOnce() {
        let errors = buildErrors {
            Stage("s") {
                Step("", "No id", lane: .customer)
                Step("a", "A", lane: .customer).after("missing")
            }
            Step("b", "B", lane: .customer, stage: "elsewhere")
        }
        #expect(errors.count == 3)
        #expect(errors.first == "error: empty step id (at steps[0].id)")
    }
}
