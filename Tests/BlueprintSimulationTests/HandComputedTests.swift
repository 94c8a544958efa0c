import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

/// Checks whose right answer can be worked out by hand.
@Suite("Simulation checked by hand")
struct HandComputedTests {
    static func pipeline(capacity: Int? = nil) -> Blueprint {
        Blueprint(
            id: "pipeline", stages: [Stage(id: "s")], actors: [Actor(id: "clerk", capacity: capacity)],
            journeys: [Journey(id: "order", start: "take", demand: .perHour(6), target: JourneyTarget(leadTime: .minutes(35)))],
            steps: [
                Step(id: "take", title: "Take", lane: .frontstage, stage: "s", actor: "clerk", duration: ProcessTime(.minutes(10))),
                Step(id: "ship", title: "Ship", lane: .backstage, stage: "s", duration: ProcessTime(.minutes(20)), waitBefore: .minutes(5)),
            ],
            flows: [Flow(from: "take", to: "ship")])
    }

    @Test("a deterministic two-step pipeline gives the exact lead time every time")
    func deterministicPipeline() async throws {
        let report = await Simulation(Self.pipeline(), options: .init(horizon: .days(2), warmUp: .zero, replications: 3)).run()
        let journey = try #require(report.journeys.first)
        for figure in [journey.leadTimeP50, journey.leadTimeP90, journey.leadTimeP95, journey.leadTimeMean] {
            #expect(figure == Estimate(mean: 2_100, lower: 2_100, upper: 2_100, replications: 3))
        }
        #expect(journey.attainment?.mean == 1)
        #expect(journey.leadTimeSample.allSatisfy { $0 == 2_100 })
    }

    @Test("a queue in front of a fixed-time step only adds waiting: never less than the pipeline's time")
    func queueOnlyAddsWait() async throws {
        let report = await Simulation(Self.pipeline(capacity: 1), options: .init(horizon: .days(2), warmUp: .zero, replications: 2)).run()
        let journey = try #require(report.journeys.first)
        #expect(journey.leadTimeSample.first == 2_100)
        #expect((journey.leadTimeP95?.mean ?? 0) > 2_100)
        // ρ = 6/h × 10 min = 1: the clerk is busy nearly all the time.
        #expect((report.stations[0].utilization?.mean ?? 0) > 0.9)
    }

    @Test("a shift gap leaves the night's arrivals waiting at opening time")
    func shiftGap() async throws {
        // Open 09:00–17:00 every day, customers around the clock at 10 an hour, service 1 s.
        var blueprint = Station.blueprint(arrivalsPerHour: 10, serviceSeconds: 1, servers: 1)
        blueprint.simulation.serviceTimes = []
        blueprint.simulation.calendars = [
            WorkCalendar(id: "day", shifts: [Shift(days: .everyDay, start: .hours(9), end: .hours(17))], actors: ["agent"])
        ]
        blueprint.journeys[0].demand = .perDay(240)
        blueprint.simulation.demandProfiles = [DemandProfile(hourly: [Double](repeating: 1, count: 24))]
        let report = await Simulation(blueprint, options: .init(horizon: .days(30), warmUp: .days(1), replications: 8, confidence: 0.99)).run()
        let station = report.stations[0]
        // Between 08:00 and 09:00 the queue holds the arrivals since 17:00: on average 10/h × 15.5 h.
        let beforeOpening = try #require(station.queueLengthByHour[8])
        #expect(beforeOpening.contains(155), "\(beforeOpening)")
        // At 12:00 the backlog is long gone; nobody is on duty at night.
        #expect((station.queueLengthByHour[12]?.mean ?? 1) < 0.01)
        #expect(station.utilizationByHour[3] == nil)
        #expect(station.utilizationByHour[9] != nil)
    }

    @Test("a resource held over two steps limits the cases between them")
    func heldResource() async throws {
        var blueprint = Self.pipeline()
        blueprint.journeys[0].demand = .perHour(12)
        blueprint.simulation.resources = [SharedResource(id: "bay", capacity: 1, from: "take", to: "ship")]
        let report = await Simulation(blueprint, options: .init(horizon: .days(3), warmUp: .hours(1), replications: 2)).run()
        let bay = try #require(report.stations.first { $0.id == "bay" })
        // One bay held 35 min per case at 12 cases an hour: saturated, cases pile up.
        #expect((bay.utilization?.mean ?? 0) > 0.99)
        #expect((report.journeys[0].leadTimeP50?.mean ?? 0) > 3_600)
    }

    @Test("the same seed gives byte-identical JSON, however the replications are scheduled")
    func deterministic() async throws {
        let blueprint = Station.blueprint(arrivalsPerHour: 50, serviceSeconds: 60, servers: 1)
        let options = SimulationOptions(horizon: .hours(50), warmUp: .hours(1), replications: 5, seed: 99)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(await Simulation(blueprint, options: options).run())
        let second = try encoder.encode(await Simulation(blueprint, options: options).run())
        let sequential = try encoder.encode(Simulation(blueprint, options: options).runSequentially())
        #expect(first == second)
        #expect(first == sequential)
        var other = options
        other.seed = 100
        #expect(try encoder.encode(await Simulation(blueprint, options: other).run()) != first)
    }

    @Test("the weekly schedule adds overlapping shifts and wraps a night shift into Monday")
    func weeklySchedule() {
        let schedule = SimulationPlan.weeklySchedule([
            Shift(days: .weekdays, start: .hours(8), end: .hours(16), servers: 3),
            Shift(days: .weekdays, start: .hours(12), end: .hours(20), servers: 2),
            Shift(days: .sunday, start: .hours(22), end: .hours(6), servers: 1),
        ])
        #expect(schedule.start.first == 0)
        #expect(schedule.servers.first == 1)  // Sunday's night shift, still on Monday 00:00
        let monday = zip(schedule.start, schedule.servers).filter { $0.0 < 86_400 }.map { ($0.0 / 3_600, $0.1) }
        #expect(monday.map(\.0) == [0, 6, 8, 12, 16, 20])
        #expect(monday.map(\.1) == [1, 0, 3, 5, 2, 0])
    }
}
