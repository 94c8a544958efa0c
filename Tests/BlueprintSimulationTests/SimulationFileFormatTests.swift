import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintSimulation

/// The `simulation:` block: read, written back, validated with located errors, and simulated.
@Suite("Simulation block in the file format")
struct SimulationFileFormatTests {
    static let document = """
        id: desk
        stages: [{id: s}]
        actors:
          - {id: agent, capacity: 2}
        journeys:
          - {id: visit, start: greet, demand: {arrivals: 80, per: day}, target: {leadTime: 30min}}
        steps:
          - {id: greet, title: Greet, lane: frontstage, stage: s, actor: agent, duration: {min: 2min, likely: 4min, max: 9min}, waitPoint: {tolerance: 20min}}
          - {id: advise, title: Advise, lane: frontstage, stage: s, actor: agent, duration: 5min}
        flows:
          - {from: greet, to: advise}
        simulation:
          calendars:
            - id: office
              actors: [agent]
              shifts:
                - {days: mon-fri, from: "08:00", to: "12:00", servers: 3}
                - {days: mon-fri, from: "12:00", to: "18:00"}
                - {days: sat, from: "09:00", to: "13:00", servers: 1}
          resources:
            - {id: room, capacity: 2, from: greet, to: advise}
          segments:
            - {id: premium, share: 20%, priority: 1, target: 20min, patience: {exponential: 30min}}
            - {id: standard, share: 80%, priority: 2}
          demandProfiles:
            - {journeys: [visit], hourly: [0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 2, 1, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0]}
          patience:
            - {steps: [greet], fixed: 25min}
          serviceTimes:
            - {steps: [advise], distribution: exponential}
        """

    @Test("the block reads into the model and writes back to the same model")
    func roundTrip() throws {
        let read = try BlueprintDocument.parse(Self.document, path: "desk.yaml", format: .yaml)
        let settings = read.blueprint.simulation
        #expect(settings.calendars.first?.shifts.count == 3)
        #expect(settings.calendars.first?.shifts.first?.days == .weekdays)
        #expect(settings.calendars.first?.shifts.first?.start == .hours(8))
        #expect(settings.calendars.first?.shifts[1].servers == nil)
        #expect(settings.resources.first == SharedResource(id: "room", capacity: 2, from: "greet", to: "advise"))
        #expect(settings.segments.first?.share == 0.2)
        #expect(settings.segments.first?.patience == .exponential(mean: .minutes(30)))
        #expect(settings.demandProfiles.first?.hourly.count == 24)
        #expect(settings.patience.first == PatienceRule(steps: ["greet"], patience: .fixed(.minutes(25))))
        #expect(settings.serviceTimes.first?.distribution == .exponential)
        for format in [DocumentFormat.yaml, .json] {
            let written = read.blueprint.text(in: format)
            let again = try BlueprintDocument.parse(written, path: "again", format: format)
            #expect(again.blueprint == read.blueprint)
            #expect(written.contains("simulation"))
        }
    }

    @Test("a blueprint without the block writes no block and simulates as written")
    func absentBlock() throws {
        let plain = Self.document.components(separatedBy: "simulation:")[0]
        let read = try BlueprintDocument.parse(plain, path: "plain.yaml", format: .yaml)
        #expect(read.blueprint.simulationSettings == nil)
        #expect(!read.blueprint.yamlText().contains("simulation"))
    }

    @Test("wrong references and values are located errors with a suggestion, all at once")
    func locatedErrors() throws {
        let broken = Self.document
            .replacingOccurrences(of: "actors: [agent]", with: "actors: [agnet]")
            .replacingOccurrences(of: "capacity: 2, from: greet, to: advise}", with: "capacity: 2, from: greet, to: advice}")
            .replacingOccurrences(of: "priority: 2}", with: "priority: 0}")
            .replacingOccurrences(of: "days: sat,", with: "days: caturday,")
            .replacingOccurrences(of: "fixed: 25min", with: "fixed: 0s")
        do {
            _ = try BlueprintDocument.parse(broken, path: "desk.yaml", format: .yaml)
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.filter { $0.severity == .error }.map(\.description)
            #expect(messages.contains { $0.hasPrefix("desk.yaml:15:") && $0.contains("unknown actor 'agnet'; did you mean 'agent'?") }, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("desk.yaml:21:") && $0.contains("unknown step 'advice'; did you mean 'advise'?") }, "\(messages)")
            #expect(messages.contains { $0.contains("priority 0; priorities start at 1") }, "\(messages)")
            #expect(messages.contains { $0.contains("unknown days 'caturday'") }, "\(messages)")
            #expect(messages.contains { $0.contains("patience must be longer than 0") }, "\(messages)")
        }
    }

    @Test("validation messages come from the catalog in both languages")
    func catalog() {
        let text = LocalizedText("simulation.unknown-step", ["id": .quoted("advice"), "suggestion": ""])
        #expect(text.rendered(in: .english) == "unknown step 'advice'")
        #expect(text.rendered(in: .simplifiedChinese).hasPrefix("未知的步骤"))
    }

    @Test("weekday names read in the forms people write them")
    func weekdays() {
        #expect(Weekdays(parsing: "mon-fri") == .weekdays)
        #expect(Weekdays(parsing: "Sat-Sun") == [.saturday, .sunday])
        #expect(Weekdays(parsing: "fri-mon") == [.friday, .saturday, .sunday, .monday])
        #expect(Weekdays(parsing: "mon,wed,friday") == [.monday, .wednesday, .friday])
        #expect(Weekdays(parsing: "daily") == .everyDay)
        #expect(Weekdays(parsing: "mo") == nil)
        #expect(Weekdays(parsing: "funday") == nil)
        #expect(Weekdays.weekdays.text == "mon-fri")
    }

    @Test("the file's calendars, segments and patience drive the simulation")
    func simulated() async throws {
        let read = try BlueprintDocument.parse(Self.document, path: "desk.yaml", format: .yaml)
        let report = await Simulation(read.blueprint, options: .init(horizon: .days(14), replications: 4)).run()
        let agent = try #require(report.stations.first { $0.id == "agent" })
        // Closed at night and on Sunday; nobody arrives outside the profile's hours.
        #expect(agent.utilizationByHour[3] == nil)
        #expect(agent.utilizationByHour[10] != nil)
        #expect(report.stations.contains { $0.id == "room" && $0.isResource })
        #expect(report.segments.map(\.id) == ["premium", "standard"])
        let premium = try #require(report.segments[0].leadTimeMean?.mean)
        let standard = try #require(report.segments[1].leadTimeMean?.mean)
        #expect(premium < standard)
    }

    @Test("the DSL builds the same settings as the file")
    func dsl() throws {
        let read = try BlueprintDocument.parse(Self.document, path: "desk.yaml", format: .yaml)
        var plain = read.blueprint
        plain.simulationSettings = nil
        let settings = read.blueprint.simulation
        let built = plain.simulating {
            for calendar in settings.calendars { calendar }
            settings.resources[0]
            settings.segments[0]
            settings.segments[1]
            settings.demandProfiles[0]
            settings.patience[0]
            settings.serviceTimes[0]
        }
        #expect(built == read.blueprint)
    }
}
