import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

/// Simulate a blueprint into a log with known parameters, measure the log, and recover them.
///
/// Tolerances are four standard errors of the estimate (a fixed seed makes each run the same,
/// and a correct measurer fails a 4σ check with probability 6·10⁻⁵ per figure):
/// - mean service time: σ/√n, σ the PERT Beta's standard deviation (the generator's draw);
/// - mean wait: w/√n, the exponential's standard deviation being its mean w;
/// - median wait: also w/√n (asymptotically 1/(2 f(m) √n) with f(m) = 1/(2w));
/// - branch and rework rates: √(p(1−p)/n), a binomial share of n occurrences.
/// Timestamps are written to the millisecond, far below any of these.
@Suite("Simulate → measure round trip")
struct RoundTripTests {
    static let blueprint = Blueprint(
        id: "desk-sim",
        stages: [Stage(id: "all")],
        actors: [Actor(id: "agent", kind: .role, capacity: 3), Actor(id: "tech", kind: .role, capacity: 2)],
        journeys: [Journey(id: "incident", start: "open", ends: ["confirm"])],
        steps: [
            Step(id: "open", title: "Open ticket", lane: .customer, stage: "all", duration: ProcessTime(.minutes(3))),
            Step(id: "triage", title: "Triage", lane: .frontstage, stage: "all", actor: "agent",
                 duration: ProcessTime(min: .minutes(3), likely: .minutes(5), max: .minutes(10)), waitBefore: .minutes(20)),
            Step(id: "fix", title: "Fix remotely", lane: .frontstage, stage: "all", actor: "agent",
                 duration: ProcessTime(min: .minutes(10), likely: .minutes(20), max: .minutes(45)), waitBefore: .minutes(30)),
            Step(id: "visit", title: "Visit", lane: .backstage, stage: "all", actor: "tech",
                 duration: ProcessTime(min: .minutes(20), likely: .minutes(40), max: .minutes(90)), waitBefore: .hours(2)),
            Step(id: "confirm", title: "Confirm fix", lane: .customer, stage: "all", duration: ProcessTime(.minutes(2)),
                 waitBefore: .minutes(10)),
        ],
        flows: [
            Flow(from: "open", to: "triage"),
            Flow(from: "triage", to: "fix", probability: 0.7),
            Flow(from: "triage", to: "visit", probability: 0.3),
            Flow(from: "fix", to: "confirm"),
            Flow(from: "visit", to: "confirm"),
            Flow(from: "confirm", to: "fix", kind: .rework, probability: 0.15),
        ])

    static func generate(_ options: LogGenerator.Options, format: EventLogFormat) throws -> String {
        var text = ""
        try LogGenerator(blueprint: blueprint).write(options, format: format) { text += $0 }
        return text
    }

    /// The standard deviation of the generator's PERT draw for `time`.
    static func pertDeviation(_ time: ProcessTime) -> Double {
        let (a, m, b) = (time.min.seconds, time.likely.seconds, time.max.seconds)
        guard b > a else { return 0 } // a fixed duration
        let alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a)
        return (b - a) * (alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))).squareRoot()
    }

    @Test(arguments: [EventLogFormat.csv, .xes])
    func measureRecoversTheParameters(format: EventLogFormat) throws {
        let cases = format == .csv ? 4_000 : 1_500
        // Arrivals every 2 minutes on average against cases of hours: many cases open at once.
        let text = try Self.generate(LogGenerator.Options(seed: 42, cases: cases, meanInterarrival: 120), format: format)
        var measurer = Measurer(blueprint: Self.blueprint)
        let summary = try EventLogReader.read(bytes: Array(text.utf8), format: format) { measurer.add($0, activities: $1) }
        #expect(summary.diagnostics.isEmpty, "\(summary.diagnostics.prefix(3))")
        let m = measurer.result(summary: summary)
        #expect(m.log.cases == cases)
        #expect(m.conformance.share == 1)
        #expect(m.mapping.unmapped.isEmpty && m.mapping.neverSeen.isEmpty)

        for step in Self.blueprint.steps {
            let measured = try #require(m.steps.first { $0.step == step.id })
            let service = try #require(measured.serviceTime)
            let duration = try #require(step.duration)
            let n = Double(service.count)
            let serviceTolerance = max(4 * Self.pertDeviation(duration) / n.squareRoot(), 0.002)
            #expect(abs(service.mean - duration.pertMean.seconds) <= serviceTolerance,
                    "\(step.id): service mean \(service.mean) vs \(duration.pertMean.seconds) ± \(serviceTolerance)")
            guard let wait = step.waitBefore?.seconds else { continue }
            let waits = try #require(measured.waitingTime)
            let waitTolerance = 4 * wait / Double(waits.count).squareRoot()
            #expect(abs(waits.mean - wait) <= waitTolerance, "\(step.id): wait mean \(waits.mean) vs \(wait) ± \(waitTolerance)")
            #expect(abs(waits.median - wait * log(2.0)) <= waitTolerance, "\(step.id): wait median \(waits.median) vs \(wait * log(2.0))")
        }
        for flow in Self.blueprint.flows {
            guard let p = flow.probability else { continue }
            let measured = try #require(m.flows.first { $0.flow == flow.id })
            let observed = try #require(measured.observed)
            let tolerance = 4 * (p * (1 - p) / Double(measured.samples)).squareRoot()
            #expect(abs(observed - p) <= tolerance, "\(flow.id): observed \(observed) vs \(p) ± \(tolerance) (n = \(measured.samples))")
        }
        // The rates are recovered, so no drift finding either.
        #expect(!m.findings.contains { $0.ruleID == "measured-probability-drift" || $0.ruleID == "measured-rework-rate" })
    }

    /// Near miss: the same log against a blueprint declaring other rates is caught.
    @Test func aWrongDeclarationIsReported() throws {
        let text = try Self.generate(LogGenerator.Options(seed: 7, cases: 2_000), format: .csv)
        var declared = Self.blueprint
        declared.flows = declared.flows.map { flow in
            var flow = flow
            if flow.id == "confirm->fix" { flow.probability = 0.3 }
            return flow
        }
        var measurer = Measurer(blueprint: declared)
        _ = try EventLogReader.read(bytes: Array(text.utf8), format: .csv) { measurer.add($0, activities: $1) }
        let findings = measurer.result().findings
        #expect(findings.contains { $0.ruleID == "measured-rework-rate" && $0.flowIDs == ["confirm->fix"] })
        #expect(!findings.contains { $0.ruleID == "measured-probability-drift" })
    }

    @Test func sameSeedSameBytesOtherSeedOtherLog() throws {
        let options = LogGenerator.Options(seed: 3, cases: 50)
        let first = try Self.generate(options, format: .csv)
        #expect(first == (try Self.generate(options, format: .csv)))
        var other = options
        other.seed = 4
        #expect(first != (try Self.generate(other, format: .csv)))
        // Time order across cases; the event limit cuts exactly.
        let stamps = first.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[3] }
        #expect(stamps == stamps.sorted())
        var limited = options
        limited.maxEvents = 77
        #expect(try Self.generate(limited, format: .csv).split(separator: "\n").count == 78)
        #expect(LogGenerator.iso8601(1_709_283_600.25) == "2024-03-01T09:00:00.250Z")
        #expect(LogGenerator.iso8601(951_782_400) == "2000-02-29T00:00:00.000Z")
    }

    /// A fork's branches run concurrently and join at their common step.
    @Test func forksRunConcurrently() throws {
        let fork = Blueprint(
            id: "fork", stages: [Stage(id: "s")],
            steps: ["a", "b", "c", "d"].map { Step(id: $0, title: $0.uppercased(), lane: .backstage, stage: "s", duration: ProcessTime(.minutes(10))) },
            flows: [Flow(from: "a", to: "b"), Flow(from: "a", to: "c"), Flow(from: "b", to: "d"), Flow(from: "c", to: "d")])
        var events: [LogGenerator.Event] = []
        try LogGenerator(blueprint: fork).generate(LogGenerator.Options(cases: 1)) { events.append($0) }
        let starts = Dictionary(uniqueKeysWithValues: events.filter { $0.lifecycle == .start }.map { ($0.activity, $0.timestamp) })
        let ends = Dictionary(uniqueKeysWithValues: events.filter { $0.lifecycle == .complete }.map { ($0.activity, $0.timestamp) })
        #expect(events.count == 8)
        #expect(starts["B"] == ends["A"] && starts["C"] == ends["A"], "both branches start when A completes")
        #expect(try #require(starts["D"]) == max(try #require(ends["B"]), try #require(ends["C"])), "D joins both")
    }
}
