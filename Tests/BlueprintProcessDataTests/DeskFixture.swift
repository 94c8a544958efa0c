import Foundation
import ServiceBlueprint
@testable import BlueprintProcessData

/// The hand-made "service desk" blueprint and its five-case log (Fixtures/desk.csv, desk.xes).
///
/// Hand-computed answers (minutes): check service 8, 12, 8, 8; check waits 2, 10, 1, 3; fix
/// service 30, 60, 15; lead times 55, 30, 105, 25, 35; c4 skips check, c5 has an activity the
/// blueprint lacks.
enum Desk {
    static let blueprint = Blueprint(
        id: "desk",
        stages: [Stage(id: "visit")],
        actors: [Actor(id: "agent", kind: .role, capacity: 1), Actor(id: "tech", kind: .role, capacity: 1)],
        journeys: [Journey(id: "visit", start: "arrive", ends: ["close"], target: JourneyTarget(leadTime: .hours(1), attainment: 0.9))],
        steps: [
            Step(id: "arrive", title: "Arrive", lane: .customer, stage: "visit"),
            Step(id: "check", title: "Check", lane: .frontstage, stage: "visit", actor: "agent",
                 duration: ProcessTime(min: .minutes(5), likely: .minutes(8), max: .minutes(11)),
                 standards: Standards(time: TimeStandard(target: .minutes(10), tolerance: .minutes(2))),
                 waitPoint: WaitPoint(tolerance: .minutes(5))),
            Step(id: "fix", title: "Fix", lane: .backstage, stage: "visit", actor: "tech",
                 duration: ProcessTime(.minutes(20)), standards: Standards(time: TimeStandard(target: .minutes(30)))),
            Step(id: "close", title: "Close", lane: .frontstage, stage: "visit", actor: "agent"),
            Step(id: "survey", title: "Send survey", lane: .support, stage: "visit"),
        ],
        flows: [
            Flow(from: "arrive", to: "check"),
            Flow(from: "check", to: "fix", probability: 0.8),
            Flow(from: "check", to: "close", probability: 0.2),
            Flow(from: "fix", to: "close"),
            Flow(from: "close", to: "survey"),
        ])

    static func fixture(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return url.path
    }

    static func measure(_ name: String) throws -> (LogMeasurement, EventLogSummary) {
        var measurer = Measurer(blueprint: blueprint)
        let summary = try EventLogReader.read(path: fixture(name)) { trace, names in measurer.add(trace, activities: names) }
        return (measurer.result(summary: summary), summary)
    }

    /// Writes `text` to a fresh temporary file with the given extension.
    static func temporary(_ text: String, extension ext: String) throws -> String {
        let path = NSTemporaryDirectory() + "/eventlog-\(UUID().uuidString).\(ext)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
