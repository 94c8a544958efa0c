import Testing
@testable import ServiceBlueprint

/// Two queues in a row, one server each, one customer per hour around the clock: `first` takes
/// 30 min (utilization 0.5), `second` takes `secondMinutes` (utilization secondMinutes / 60).
private func twoQueues(secondMinutes: Double, bottlenecks: [DeclaredBottleneck] = [], demand: Demand? = .perHour(1)) -> Blueprint {
    Blueprint(
        id: "two-queues",
        actors: [Actor(id: "first", capacity: 1), Actor(id: "second", capacity: 1), Actor(id: "robot", kind: .system)],
        journeys: [
            Journey(id: "main", start: "s1", demand: demand),
            Journey(id: "self-service", start: "kiosk", demand: .perHour(3)),
        ],
        steps: [
            Step(id: "s1", title: "First step", lane: .frontstage, stage: "s", actor: "first", duration: ProcessTime(.minutes(30))),
            Step(id: "s2", title: "Second step", lane: .backstage, stage: "s", actor: "second",
                 duration: ProcessTime(.minutes(secondMinutes))),
            Step(id: "kiosk", title: "Kiosk", lane: .customer, stage: "s", actor: "robot", duration: ProcessTime(.minutes(2))),
            Step(id: "orphan", title: "Never reached", lane: .backstage, stage: "s", actor: "first"),
        ],
        flows: [Flow(from: "s1", to: "s2")],
        bottlenecks: bottlenecks)
}

private func findings(_ blueprint: Blueprint, _ ruleID: String, configuration: AnalysisConfiguration = .default) -> [Finding] {
    Analyzer(configuration: configuration, rules: RuleRegistry.capacity).analyze(blueprint).findings.filter { $0.ruleID == ruleID }
}

@Suite("Capacity rules")
struct CapacityRulesTests {
    @Test func registryListsTheSixRules() {
        #expect(RuleRegistry.capacity.map(\.id) == [
            "capacity-unstable", "capacity-high-utilization", "capacity-bottleneck",
            "capacity-declared-bottleneck-contradicted", "capacity-declared-bottleneck-confirmed",
            "capacity-throughput-ceiling",
        ])
        #expect(RuleRegistry.capacity.map(\.defaultSeverity) == [.error, .warning, .note, .warning, .note, .note])
    }

    @Test func unstableFiresAtUtilizationOneAndAbove() throws {
        // 80 per day: (10/h × 10 min + 5/h × 9 min) / 2 servers = 2.417 / 2 = 121 %.
        let found = findings(helpdesk(demand: .perDay(80)), "capacity-unstable")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.path == ["actors", 1])
        #expect(finding.stepIDs == ["answer", "fix"])
        #expect(finding.message.contains("120.8 %"))
        #expect(finding.message.contains("It needs at least 3 servers to keep up and stay under 85 %."))
        #expect(finding.fix?.summary == "Raise the capacity of 'agent' (agent) to 3.")
        // Exactly at 1 it is unstable too: 2 servers busy = 96 / 1.45 per day.
        #expect(findings(helpdesk(demand: .perDay(96 / 1.45)), "capacity-unstable").count == 1)
    }

    @Test func unstableIsSilentJustBelowOne() {
        // 66 per day: 1.45 × 66/48 / 2 = 99.7 %.
        #expect(findings(helpdesk(demand: .perDay(66)), "capacity-unstable").isEmpty)
    }

    @Test func highUtilizationFiresAboveTheThreshold() throws {
        // 60 per day: 1.45 × 60/48 / 2 = 90.6 %.
        let finding = try #require(findings(helpdesk(demand: .perDay(60)), "capacity-high-utilization").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("runs at 90.6 % of its 2 servers"))
        #expect(finding.message.contains("One more server brings it to 60.4 %"))
        #expect((finding.impact?.customerWaitRemoved?.seconds ?? 0) > 0)
        // Unstable queues belong to capacity-unstable, not here.
        #expect(findings(helpdesk(demand: .perDay(80)), "capacity-high-utilization").isEmpty)
    }

    @Test func highUtilizationIsSilentJustBelowTheThresholdAndHonoursConfiguration() {
        // 56 per day: 1.45 × 56/48 / 2 = 84.6 %.
        #expect(findings(helpdesk(demand: .perDay(56)), "capacity-high-utilization").isEmpty)
        let stricter = AnalysisConfiguration.default.withThreshold("threshold", .number(0.8), for: "capacity-high-utilization")
        #expect(findings(helpdesk(demand: .perDay(56)), "capacity-high-utilization", configuration: stricter).count == 1)
    }

    @Test func bottleneckNamesTheBusiestQueueWithItsCeiling() throws {
        let finding = try #require(findings(twoQueues(secondMinutes: 45), "capacity-bottleneck").first)
        #expect(finding.severity == .note)
        #expect(finding.path == ["actors", 1])
        #expect(finding.stepIDs == ["s2"])
        #expect(finding.message.contains("'second' (second) is the bottleneck: at 75 % it is the busiest of 2 loaded queues (next: 'first' (first) at 50 %)"))
        #expect(finding.message.contains("completes at most 1.3 cases per working hour (now 1)"))
        #expect(finding.message.contains("×1.33"))
    }

    @Test func bottleneckIsSilentWithoutDemandOrCapacity() {
        #expect(findings(twoQueues(secondMinutes: 45, demand: nil), "capacity-bottleneck").isEmpty)
        var unlimited = twoQueues(secondMinutes: 45)
        for i in unlimited.actors.indices { unlimited.actors[i].capacity = nil }
        #expect(findings(unlimited, "capacity-bottleneck").isEmpty)
    }

    @Test func declaredBottleneckContradictedAndConfirmed() throws {
        let declared = [DeclaredBottleneck(actor: "first", cause: "Everybody says so")]
        // second at 61 %: first (50 %) is below 85 % and more than 0.1 below the busiest → contradicted.
        let contradicted = twoQueues(secondMinutes: 36.6, bottlenecks: declared)
        let finding = try #require(findings(contradicted, "capacity-declared-bottleneck-contradicted").first)
        #expect(finding.severity == .warning)
        #expect(finding.path == ["bottlenecks", 0])
        #expect(finding.message.contains("runs at only 50 %, below the 85 % threshold; the busiest queue is 'second' (second) at 61 %"))
        #expect(findings(contradicted, "capacity-declared-bottleneck-confirmed").isEmpty)

        // Near miss: second at 59 %, first within 0.1 of it → confirmed instead.
        let confirmed = twoQueues(secondMinutes: 35.4, bottlenecks: declared)
        #expect(findings(confirmed, "capacity-declared-bottleneck-contradicted").isEmpty)
        let agreed = try #require(findings(confirmed, "capacity-declared-bottleneck-confirmed").first)
        #expect(agreed.severity == .note)
        #expect(agreed.message.contains("the numbers agree"))

        // The busiest queue, declared by its step, is confirmed.
        let byStep = twoQueues(secondMinutes: 36.6, bottlenecks: [DeclaredBottleneck(step: "s2", cause: "Slow")])
        #expect(findings(byStep, "capacity-declared-bottleneck-confirmed").first?.message.contains("the highest of all queues") == true)
    }

    @Test func declaredBottlenecksWithoutQueueOrDemandAreContradictedOrSilent() {
        let declared = [
            DeclaredBottleneck(actor: "robot", cause: "The kiosk is slow"),
            DeclaredBottleneck(step: "orphan", cause: "Backlog"),
            DeclaredBottleneck(actor: "ghost", cause: "Unknown actor: validation reports it"),
        ]
        let found = findings(twoQueues(secondMinutes: 30, bottlenecks: declared), "capacity-declared-bottleneck-contradicted")
        #expect(found.map(\.path) == [["bottlenecks", 0], ["bottlenecks", 1]])
        #expect(found[0].message.contains("has no capacity in the model"))
        #expect(found[1].message.contains("no journey with demand reaches it"))
        // Without any demand there are no numbers to judge by.
        let quiet = Blueprint(id: "quiet", actors: [Actor(id: "a", capacity: 1)],
                              bottlenecks: [DeclaredBottleneck(actor: "a", cause: "x")])
        #expect(findings(quiet, "capacity-declared-bottleneck-contradicted").isEmpty)
        #expect(findings(quiet, "capacity-declared-bottleneck-confirmed").isEmpty)
    }

    @Test func throughputCeilingPerJourney() throws {
        let found = findings(helpdesk(), "capacity-throughput-ceiling")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.path == ["journeys", 0])
        // 96 / 1.45 = 66.2 per day against 48 now.
        #expect(finding.message == "Journey 'support' (support) saturates at 66.2 arrivals per day (now 48, headroom ×1.38): 'agent' (agent) reaches 100 % first.")
        #expect(finding.stepIDs == ["answer", "fix"])

        // Two journeys: the self-service one passes no queue and stays silent.
        let two = findings(twoQueues(secondMinutes: 45), "capacity-throughput-ceiling")
        #expect(two.map(\.path) == [["journeys", 0]])
        #expect(two.first?.message.contains("'second' (second) reaches 100 % first") == true)
    }
}
