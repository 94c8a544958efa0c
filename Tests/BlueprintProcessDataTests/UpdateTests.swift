import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

@Suite("measure --update: measured fields beside the estimates")
struct UpdateTests {
    @Test func measuredFieldsKeepTheEstimatesAndRoundTrip() throws {
        let (m, _) = try Desk.measure("desk.csv")
        let updated = m.applied(to: Desk.blueprint, log: "desk.csv")
        let check = try #require(updated.steps.first { $0.id == "check" })
        #expect(check.duration == Desk.blueprint.steps[1].duration, "the estimate is kept")
        #expect(check.measured?.service == MeasuredTimes(median: .minutes(8), p90: .seconds(648), mean: .minutes(9)))
        #expect(check.measured?.wait?.median == .seconds(150))
        #expect(check.measured?.cases == 4 && check.measured?.log == "desk.csv")
        #expect(updated.steps.first { $0.id == "survey" }?.measured == nil, "never observed: nothing measured")
        let branch = try #require(updated.flows.first { $0.id == "check->fix" })
        #expect(branch.probability == 0.8 && branch.measured == MeasuredFlow(probability: 0.5, samples: 4))
        #expect(updated.flows.first { $0.id == "fix->close" }?.measured == nil, "no declared probability: not measured")

        // Written and read back: YAML and JSON keep every measured figure.
        for format in [DocumentFormat.yaml, .json] {
            let text = updated.text(in: format)
            #expect(text.contains("measured"))
            let document = try BlueprintDocument.parse(text, path: "desk.\(format.rawValue)", format: format)
            #expect(document.blueprint == updated, "\(format)")
        }
        // A second log replaces the figures of the first.
        #expect(m.applied(to: updated, log: "other.csv").steps[1].measured?.log == "other.csv")
    }

    @Test func analysesUseMeasuredFiguresAndSaySo() throws {
        let (m, _) = try Desk.measure("desk.csv")
        let (measured, note) = m.applied(to: Desk.blueprint, log: "desk.csv").usingMeasuredFigures()
        #expect(measured.steps[1].duration == ProcessTime(.minutes(9)), "mean service time")
        #expect(measured.steps[1].waitBefore == .minutes(4), "waits 2, 10, 1, 3 min")
        #expect(measured.flows.first { $0.id == "check->fix" }?.probability == 0.5)
        #expect(measured.steps[0].duration == nil, "arrive has no start events: nothing measured, nothing replaced")
        #expect(note.contains("measured for 3 of 5 steps and 2 flows"), "\(note)")
        // Near miss: a blueprint without measured fields says its figures are estimates.
        #expect(Desk.blueprint.usingMeasuredFigures().note.hasPrefix("figures: estimated"))
        #expect(Desk.blueprint.usingMeasuredFigures().blueprint == Desk.blueprint)
    }

    @Test func badMeasuredFieldsAreLocated() throws {
        let text = """
            id: x
            stages: [{id: s}]
            steps:
              - {id: a, title: A, lane: customer, stage: s, measured: {service: {median: 1min, p90: soon, mean: 1min}, cass: 3}}
            """
        do {
            _ = try BlueprintDocument.parse(text, path: "x.yaml", format: .yaml)
            Issue.record("expected errors")
        } catch {
            let described = error.description
            #expect(described.contains("x.yaml:4:"), "\(described)")
            #expect(described.contains("unknown key 'cass'") && described.contains("did you mean 'cases'?"), "\(described)")
            #expect(described.contains("x.yaml:4:89: error: malformed duration 'soon'"), "\(described)")
        }
    }
}
