import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

@Suite("Discover: a draft blueprint from a log")
struct DiscoverTests {
    static func discover(_ blueprint: Blueprint, cases: Int, startEvents: Bool = true,
                         options: Discoverer.Options = .init()) throws -> Discoverer.Draft {
        var text = ""
        try LogGenerator(blueprint: blueprint).write(LogGenerator.Options(seed: 11, cases: cases, meanInterarrival: 300, startEvents: startEvents), format: .csv) { text += $0 }
        var discoverer = Discoverer(options: options)
        let summary = try EventLogReader.read(bytes: Array(text.utf8), format: .csv) { discoverer.add($0, activities: $1) }
        return discoverer.draft(resourceNames: summary.resources)
    }

    func flows(_ draft: Discoverer.Draft) -> [String: Flow] {
        Dictionary(uniqueKeysWithValues: draft.blueprint.flows.map { ($0.id, $0) })
    }

    @Test func branchesReworkAndDurationsFromTheSimulatedDesk() throws {
        let draft = try Self.discover(RoundTripTests.blueprint, cases: 2_000)
        let blueprint = draft.blueprint
        #expect(blueprint.validate().filter { $0.severity == .error }.isEmpty, "\(blueprint.validate())")
        #expect(blueprint.steps.map(\.id).sorted() == ["confirm-fix", "fix-remotely", "open-ticket", "triage", "visit"])
        let f = flows(draft)
        #expect(Set(f.keys) == ["open-ticket->triage", "triage->fix-remotely", "triage->visit", "fix-remotely->confirm-fix",
                                "visit->confirm-fix", "confirm-fix->fix-remotely"])
        let toFix = try #require(f["triage->fix-remotely"]?.probability)
        #expect(abs(toFix - 0.7) < 0.05)
        let rework = try #require(f["confirm-fix->fix-remotely"])
        #expect(rework.kind == .rework)
        #expect(abs((rework.probability ?? 0) - 0.15) < 0.03)
        #expect(f["open-ticket->triage"]?.probability == nil, "a single successor needs no probability")
        let triage = try #require(blueprint.steps.first { $0.id == "triage" })
        let duration = try #require(triage.duration)
        #expect(duration.min < duration.likely && duration.likely < duration.max)
        #expect(abs(duration.likely.seconds - 330) < 30, "median of PERT(3, 5, 10 min) ≈ 5.4 min")
        #expect(abs((triage.waitBefore?.seconds ?? 0) - 1_200) < 120, "mean wait 20 min")
        #expect(blueprint.journeys.first?.start == "open-ticket")
        #expect(blueprint.journeys.first?.ends == ["confirm-fix"])
        #expect(draft.guesses.contains { $0.contains("marked as rework: confirm-fix -> fix-remotely") })
        #expect(draft.guesses.contains { $0.contains("frontstage lane") && $0.contains("no resource-to-role mapping") })
    }

    @Test func concurrencyBecomesAFork() throws {
        let fork = Blueprint(
            id: "fork", stages: [Stage(id: "s")],
            steps: ["a", "b", "c", "d"].map {
                Step(id: $0, title: $0.uppercased(), lane: .backstage, stage: "s",
                     duration: ProcessTime(min: .minutes(5), likely: .minutes(10), max: .minutes(30)))
            },
            flows: [Flow(from: "a", to: "b"), Flow(from: "a", to: "c"), Flow(from: "b", to: "d"), Flow(from: "c", to: "d")])
        for startEvents in [true, false] {
            let draft = try Self.discover(fork, cases: 500, startEvents: startEvents)
            let f = flows(draft)
            #expect(Set(f.keys) == ["a->b", "a->c", "b->d", "c->d"], "start events: \(startEvents)")
            #expect(f["a->b"]?.probability == nil && f["a->c"]?.probability == nil, "a fork: both taken")
            #expect(draft.guesses.contains { $0.contains("run in parallel") })
            #expect(draft.blueprint.validate().filter { $0.severity == .error }.isEmpty)
        }
        // Near miss: an exclusive choice is not a fork.
        let choice = Blueprint(
            id: "choice", stages: [Stage(id: "s")],
            steps: ["a", "b", "c", "d"].map { Step(id: $0, title: $0.uppercased(), lane: .backstage, stage: "s", duration: ProcessTime(.minutes(10))) },
            flows: [Flow(from: "a", to: "b", probability: 0.5), Flow(from: "a", to: "c", probability: 0.5), Flow(from: "b", to: "d"), Flow(from: "c", to: "d")])
        let draft = try Self.discover(choice, cases: 500)
        #expect(flows(draft)["a->b"]?.probability != nil)
        #expect(!draft.guesses.contains { $0.contains("run in parallel") })
    }

    @Test func rolesGiveActorsAndLanesAndBadLanesAreLocated() throws {
        let roles = try Desk.temporary("resource,role,lane\nagent-1,agent,frontstage\nagent-2,agent,frontstage\nagent-3,agent,frontstage\ntech-1,technician,backstage\ntech-2,technician,backstage\n", extension: "csv")
        let draft = try Self.discover(RoundTripTests.blueprint, cases: 300, options: .init(roles: Discoverer.readRoles(path: roles)))
        let visit = try #require(draft.blueprint.steps.first { $0.id == "visit" })
        #expect(visit.actor == "technician" && visit.lane == .backstage)
        #expect(draft.blueprint.actors.map(\.id) == ["agent", "technician"])
        #expect(draft.blueprint.actors.first?.capacity == 3)
        let bad = try Desk.temporary("resource,role,lane\nann,agent,frontstag\n", extension: "csv")
        #expect { try Discoverer.readRoles(path: bad) } throws: { error in
            "\(error)".contains(":2:11: error: unknown lane 'frontstag'; did you mean 'frontstage'?")
        }
    }

    @Test func idsFromNames() {
        #expect(Discoverer.stepIDs(for: ["Open ticket", "open-ticket", "Überprüfen / Check", "***"]) == ["open-ticket", "open-ticket-2", "überprüfen-check", "activity"])
    }
}
