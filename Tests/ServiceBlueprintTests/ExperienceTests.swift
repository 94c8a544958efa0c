import Testing
@testable import ServiceBlueprint

/// Experience KPIs (NPS, CSAT, CES), their rules, SERVQUAL tags, cost per case, and the file keys.
@Suite("The customer's side: KPIs, SERVQUAL, cost")
struct ExperienceTests {
    // 10 detractors (0–6), 20 passives (7–8), 70 promoters (9–10): NPS = 70 % − 10 % = 60.
    static let npsScores = [1, 1, 1, 1, 1, 1, 4, 10, 10, 20, 50]

    @Test func scoresFromDistributions() {
        #expect(KPIMeasurement(scores: Self.npsScores).figure(for: .nps) == 60)
        // CSAT: 30 + 50 of 100 answered 4 or 5.
        #expect(KPIMeasurement(scores: [5, 5, 10, 30, 50]).figure(for: .csat) == 80)
        // CES: ten 6s and ten 7s.
        #expect(KPIMeasurement(scores: [0, 0, 0, 0, 0, 10, 10]).figure(for: .ces) == 6.5)
        // A given value wins; a wrong number of counts gives no figure.
        #expect(KPIMeasurement(value: 12, scores: Self.npsScores).figure(for: .nps) == 12)
        #expect(KPIMeasurement(scores: [1, 2, 3]).figure(for: .nps) == nil)
        #expect(KPIMeasurement(scores: Self.npsScores).sampleSize == 100)
    }

    @Test func requiredSample() {
        // Variance of one NPS answer: p+ + p− − (p+ − p−)² = 0.7 + 0.1 − 0.36 = 0.44;
        // n = 1.96² × 0.44 / 0.1² = 169.03 → 170.
        #expect(KPIMeasurement(scores: Self.npsScores).requiredSample(for: .nps) == 170)
        // Worst cases without a distribution: NPS 1.96² / 0.01 = 384.2 → 385; CSAT at 50 %: 96.04 → 97.
        #expect(KPIMeasurement(value: 10, sample: 50).requiredSample(for: .nps) == 385)
        #expect(KPIMeasurement(value: 50, sample: 50).requiredSample(for: .csat) == 97)
        #expect(KPIMeasurement(value: 4).requiredSample(for: .handlingTime) == nil)
    }

    static func withKPIs(_ kpis: [KPI]) -> Blueprint {
        var blueprint = Fixture.blueprint(
            steps: [Fixture.step("call", "Customer calls", .customer, channel: .phone),
                    Fixture.step("answer", "Agent answers", .frontstage, actor: "agent", minutes: 5)],
            flows: Fixture.chain("call", "answer"))
        blueprint.kpis = kpis
        return blueprint
    }

    @Test func kpiBelowTarget() throws {
        let nps = KPI(id: "nps", title: "NPS", kind: .nps, step: "call", target: 70, measured: [.init(scores: Self.npsScores, period: "2026-Q2")])
        let finding = try #require(Fixture.findings(KPIBelowTargetRule(), Self.withKPIs([nps])).first)
        #expect(finding.message == "NPS 60 (100 answers, 2026-Q2) misses its target of 70 by 10.")
        #expect(finding.stepIDs == ["call"])
        #expect(finding.path == ["kpis", 0])
        // Lower is better for times: 12 min against 10 misses, 10 meets.
        let handling = KPI(id: "aht", kind: .handlingTime, step: "answer", target: 10, measured: [.init(value: 12, sample: 400)])
        #expect(Fixture.findings(KPIBelowTargetRule(), Self.withKPIs([handling])).count == 1)
        // Near misses: exactly at target; only an older measurement missed it.
        var met = nps
        met.target = 60
        #expect(Fixture.findings(KPIBelowTargetRule(), Self.withKPIs([met])).isEmpty)
        var improved = handling
        improved.measured.append(.init(value: 10, sample: 400))
        #expect(Fixture.findings(KPIBelowTargetRule(), Self.withKPIs([improved])).isEmpty)
    }

    @Test func kpiSampleTooSmall() throws {
        let small = KPI(id: "nps", title: "NPS", kind: .nps, measured: [.init(scores: Self.npsScores)])
        let finding = try #require(Fixture.findings(KPISampleTooSmallRule(), Self.withKPIs([small])).first)
        #expect(finding.message == "NPS comes from 100 answers; comparing it at ±10 points needs at least 170 (70 more).")
        let unknown = KPI(id: "csat", title: "CSAT", kind: .csat, measured: [.init(value: 80)])
        #expect(Fixture.findings(KPISampleTooSmallRule(), Self.withKPIs([unknown])).first?.message.contains("gives no sample size") == true)
        // Near misses: twice the answers (200 ≥ 170); a process KPI needs no survey sample.
        let enough = KPI(id: "nps", kind: .nps, measured: [.init(scores: Self.npsScores.map { $0 * 2 })])
        #expect(Fixture.findings(KPISampleTooSmallRule(), Self.withKPIs([enough])).isEmpty)
        let process = KPI(id: "aht", kind: .handlingTime, measured: [.init(value: 12)])
        #expect(Fixture.findings(KPISampleTooSmallRule(), Self.withKPIs([process])).isEmpty)
    }

    @Test func missingTouchpointKPI() throws {
        // The service measures KPIs (an NPS over the whole blueprint), but none at the call.
        let nps = KPI(id: "nps", kind: .nps)
        var blueprint = Self.withKPIs([nps])
        blueprint.steps[0].painPoints = ["Long hold"]
        let finding = try #require(Fixture.findings(MissingTouchpointKPIRule(), blueprint).first)
        #expect(finding.stepIDs == ["call"])
        #expect(finding.message.contains("pain point 'Long hold' but no KPI"))
        // A negative emotion is enough.
        var upset = Self.withKPIs([nps])
        upset.steps[0].emotion = -1
        #expect(Fixture.findings(MissingTouchpointKPIRule(), upset).count == 1)
        // Near misses: a KPI over its stage; the same pain on a step that is no touchpoint; no KPIs at all.
        var measured = blueprint
        measured.kpis = [nps, KPI(id: "csat", kind: .csat, stage: "main")]
        #expect(Fixture.findings(MissingTouchpointKPIRule(), measured).isEmpty)
        measured.kpis = []
        #expect(Fixture.findings(MissingTouchpointKPIRule(), measured).isEmpty)
        var inside = blueprint
        inside.steps[0].channel = nil
        #expect(Fixture.findings(MissingTouchpointKPIRule(), inside).isEmpty)
    }

    /// call (agent 6 min) → triage (agent 3 min) → 25 % visit (technician 60 min + 20 parts) or 75 % remote fix
    /// (agent 12 min) → close (fixed 0.5). Agent 30/h, technician 50/h.
    static var branching: Blueprint {
        var blueprint = Blueprint(
            id: "repair", stages: [Stage(id: "main")],
            actors: [Actor(id: "agent"), Actor(id: "technician"), Actor(id: "crm", kind: .system)],
            journeys: [Journey(id: "repair", start: "call", ends: ["close"])],
            steps: [
                Step(id: "call", title: "Agent takes the call", lane: .frontstage, stage: "main", actor: "agent",
                     duration: ProcessTime(.minutes(6))),
                Step(id: "triage", title: "Agent triages", lane: .backstage, stage: "main", actor: "agent", kind: .decision,
                     duration: ProcessTime(.minutes(3))),
                Step(id: "visit", title: "Technician visits", lane: .frontstage, stage: "main", actor: "technician",
                     duration: ProcessTime(.minutes(60))),
                Step(id: "remote", title: "Agent fixes remotely", lane: .frontstage, stage: "main", actor: "agent",
                     duration: ProcessTime(.minutes(12))),
                Step(id: "close", title: "CRM closes the case", lane: .support, stage: "main", actor: "crm"),
            ],
            flows: [
                Flow(from: "call", to: "triage"), Flow(from: "triage", to: "visit", probability: 0.25),
                Flow(from: "triage", to: "remote", probability: 0.75), Flow(from: "visit", to: "close"),
                Flow(from: "remote", to: "close"),
            ])
        blueprint.actors[0].rate = 30
        blueprint.actors[1].rate = 50
        blueprint.steps[2].cost = 20
        blueprint.steps[4].cost = 0.5
        return blueprint
    }

    @Test func costPerCaseWithABranch() throws {
        let cost = try #require(Self.branching.costPerCase(of: "repair"))
        // 3 (call) + 1.5 (triage) + 0.25 × (50 + 20) + 0.75 × 6 + 0.5 = 27.
        #expect(abs(cost.perCase - 27) < 1e-9)
        #expect(abs((cost.byLane[.frontstage] ?? 0) - 25) < 1e-9)
        // Backstage triage 1.5 + support close 0.5: what the customer never sees.
        #expect(abs(cost.invisible - 2) < 1e-9)
        #expect(cost.waste == 0)
        #expect(cost.uncosted.isEmpty)
        #expect(Self.branching.costPerCase(of: "no-such-journey") == nil)
    }

    @Test func costOfWaste() throws {
        var blueprint = Self.branching
        blueprint.steps[1].value = .waste
        // Triage runs once per case at 1.5.
        #expect(abs(try #require(blueprint.costPerCase(of: "repair")).waste - 1.5) < 1e-9)
    }

    @Test func fileKeysRoundTrip() throws {
        var blueprint = Self.branching
        blueprint.steps[0].standards.dimension = .responsiveness
        blueprint.kpis = [
            KPI(id: "nps", title: "NPS", kind: .nps, journey: "repair", target: 30, dimension: .reliability,
                measured: [.init(scores: Self.npsScores, period: "2026-Q2"), .init(value: 41, sample: 512, period: "2026-Q3")]),
        ]
        for format in [DocumentFormat.yaml, .json] {
            let text = blueprint.text(in: format)
            let document = try BlueprintDocument.parse(text, path: "round-trip", format: format)
            #expect(document.blueprint == blueprint, "\(format)")
        }
        #expect(blueprint.yamlText().contains("dimension: responsiveness"))
    }

    @Test func unknownKeysAndValuesAreLocatedWithSuggestions() {
        let text = """
            id: x
            steps:
              - {id: a, title: A, lane: customer}
            kpis:
              - id: nps
                kind: npss
                dimention: empathy
            """
        do {
            _ = try BlueprintDocument.parse(text, path: "k.yaml", format: .yaml)
            Issue.record("expected errors")
        } catch {
            let message = "\(error)"
            #expect(message.contains("k.yaml:6:"))
            #expect(message.contains("did you mean 'nps'?"))
            #expect(message.contains("k.yaml:7:"))
            #expect(message.contains("did you mean 'dimension'?"))
        }
    }
}
