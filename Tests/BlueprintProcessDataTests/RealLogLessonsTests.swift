import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

/// What public logs (pm4py's running example, receipt, reviewing, road traffic fines) taught about
/// measuring and discovering: each test fails on the code before the fix.
@Suite("Measure and discover: lessons from real logs")
struct RealLogLessonsTests {
    /// Cases from rows of `case,activity,minutes after 9:00`, complete events only.
    static func traces(_ rows: [(String, String, Int)], into names: inout NameTable) -> [LogTrace] {
        var order: [String] = []
        var events: [String: [LogEvent]] = [:]
        for (caseID, activity, minutes) in rows {
            if events[caseID] == nil { order.append(caseID) }
            events[caseID, default: []].append(LogEvent(activity: names.intern(activity), timestamp: Double(minutes * 60)))
        }
        return order.map { LogTrace(caseID: $0, events: events[$0] ?? []) }
    }

    static func measure(_ blueprint: Blueprint, _ rows: [(String, String, Int)]) -> LogMeasurement {
        var names = NameTable()
        var measurer = Measurer(blueprint: blueprint)
        for trace in traces(rows, into: &names) { measurer.add(trace, activities: names) }
        return measurer.result()
    }

    static func steps(_ ids: String...) -> [Step] { ids.map { Step(id: $0, title: $0.uppercased(), lane: .frontstage, stage: "s") } }

    // MARK: Lead time

    static let reworked = Blueprint(
        id: "loop", stages: [Stage(id: "s")],
        journeys: [Journey(id: "j", start: "a", ends: ["c"])],
        steps: steps("a", "b", "c"),
        flows: [Flow(from: "a", to: "b"), Flow(from: "b", to: "c"), Flow(from: "c", to: "b", kind: .rework, probability: 0.2)])

    @Test("a journey's lead time runs to the last end the case reaches, after rework too")
    func leadTimeToTheLastEnd() throws {
        // A 0, B 60, C 120, then back: B 2 880, C 5 760 minutes.
        let m = Self.measure(Self.reworked, [("1", "A", 0), ("1", "B", 60), ("1", "C", 120), ("1", "B", 2_880), ("1", "C", 5_760)])
        let journey = try #require(m.journeys.first)
        let median = try #require(journey.leadTime?.median)
        #expect(abs(median - 5_760 * 60) < 1e-6, "the first C is not the end: the case came back")
    }

    @Test("a start step that is also an end does not cut the lead time to zero; a case that only starts still counts as zero")
    func startThatIsAlsoAnEnd() throws {
        var blueprint = Self.reworked
        blueprint.journeys = [Journey(id: "j", start: "a", ends: ["a", "c"])]
        let m = Self.measure(blueprint, [("1", "A", 0), ("1", "B", 30), ("1", "C", 90), ("2", "A", 10)])
        let lead = try #require(m.journeys.first?.leadTime)
        #expect(lead.count == 2)
        #expect(lead.max == 90 * 60 && lead.min == 0)
    }

    // MARK: Conformance

    static func choice(probabilities: Bool) -> Blueprint {
        Blueprint(
            id: "choice", stages: [Stage(id: "s")],
            journeys: [Journey(id: "j", start: "a", ends: ["d"])],
            steps: steps("a", "b", "c", "d"),
            flows: [
                Flow(from: "a", to: "b", probability: probabilities ? 0.5 : nil),
                Flow(from: "a", to: "c", probability: probabilities ? 0.5 : nil),
                Flow(from: "b", to: "d"), Flow(from: "c", to: "d"),
            ])
    }

    @Test("a case that takes both alternatives of an exclusive choice does not conform")
    func exclusiveBranchesBothTaken() throws {
        let m = Self.measure(Self.choice(probabilities: true), [
            ("1", "A", 0), ("1", "B", 1), ("1", "C", 2), ("1", "D", 3),
            ("2", "A", 0), ("2", "B", 1), ("2", "D", 2),
        ])
        #expect(m.conformance.cases == 2 && m.conformance.conforming == 1)
        #expect(m.conformance.unexpectedOrder == 1)
        let deviation = try #require(m.conformance.deviatingVariants.first?.deviations.first)
        #expect(deviation == "took both 'b' and 'c', alternative branches after 'a'")
    }

    @Test("near misses: a fork's branches interleave; unknown probabilities are alternatives too; rework may take the other branch")
    func forksAndLoopsStillConform() throws {
        let both = [("1", "A", 0), ("1", "B", 1), ("1", "C", 2), ("1", "D", 3)]
        #expect(Self.measure(Self.choice(probabilities: false), both).conformance.conforming == 1)
        var unknown = Self.choice(probabilities: false)
        unknown.flows[0].isProbabilityUnknown = true
        unknown.flows[1].isProbabilityUnknown = true
        #expect(Self.measure(unknown, both).conformance.conforming == 0)
        var looped = Self.choice(probabilities: true)
        looped.flows.append(Flow(from: "b", to: "a", kind: .rework, probability: 0.1))
        let again = [("1", "A", 0), ("1", "B", 1), ("1", "A", 2), ("1", "C", 3), ("1", "D", 4)]
        #expect(Self.measure(looped, again).conformance.conforming == 1)
    }

    // MARK: Discovery

    static func discover(_ rows: [(String, String, Int)], threshold: Double = 0.05) -> Discoverer.Draft {
        var names = NameTable()
        var discoverer = Discoverer(options: .init(threshold: threshold))
        for trace in traces(rows, into: &names) { discoverer.add(trace, activities: names) }
        return discoverer.draft()
    }

    @Test("a rare branch below the threshold stays connected, with its share")
    func rareActivityStaysConnected() throws {
        var rows: [(String, String, Int)] = []
        for n in 0..<39 { rows += [("\(n)", "A", 0), ("\(n)", "B", 1), ("\(n)", "C", 2)] }
        rows += [("x", "A", 0), ("x", "X", 1), ("x", "C", 2)]
        let draft = Self.discover(rows)
        let ids = Set(draft.blueprint.flows.map(\.id))
        #expect(ids.isSuperset(of: ["a->x", "x->c", "a->b", "b->c"]))
        #expect(draft.blueprint.validate().filter { $0.severity == .error }.isEmpty)
        #expect(draft.guesses.contains { $0.contains("every activity has a way in and out") })
    }

    @Test("rework is the flow that goes back against the usual order, not whichever a depth-first search meets first")
    func reworkGoesBack() throws {
        // The running example's shape: register, then examine and check in either order, decide,
        // then pay, or reinitiate and go round again (examine/check, decide).
        var rows: [(String, String, Int)] = []
        for n in 0..<6 {
            let order = n % 2 == 0 ? ["examine", "check"] : ["check", "examine"]
            var t = 0
            func add(_ activity: String) { rows.append(("\(n)", activity, t)); t += 1 }
            add("register"); order.forEach(add); add("decide")
            if n < 2 { add("reinitiate"); order.forEach(add); add("decide") }
            add("pay")
        }
        let draft = Self.discover(rows)
        let flows = Dictionary(uniqueKeysWithValues: draft.blueprint.flows.map { ($0.id, $0) })
        let rework = Set(flows.values.filter { $0.kind == .rework }.map(\.id))
        #expect(!rework.contains("check->decide") && !rework.contains("examine->decide"))
        #expect(rework.isSubset(of: ["reinitiate->examine", "reinitiate->check"]) && !rework.isEmpty, "\(rework)")
    }

    @Test("cases that stop at their first activity do not make it an end of the journey")
    func startIsNotAnEnd() throws {
        var rows: [(String, String, Int)] = []
        for n in 0..<10 { rows += [("\(n)", "A", 0), ("\(n)", "B", 5)] }
        for n in 10..<15 { rows += [("\(n)", "A", 0)] }
        let journey = try #require(Self.discover(rows).blueprint.journeys.first)
        #expect(journey.start == "a" && journey.ends == ["b"])
    }

    @Test("an activity name with a line break (a quoted CSV field) becomes a one-line title")
    func titlesAreOneLine() throws {
        let draft = Self.discover([("1", "Check\r\nrequest", 0), ("1", "Close  it", 1)])
        #expect(draft.blueprint.steps.map(\.title) == ["Check request", "Close it"])
        #expect(Discoverer.title("  ") == "  ", "nothing but spaces stays as the log wrote it")
    }

    // MARK: Reading

    @Test("a missing file, a folder and a compressed log get located errors, not a system message")
    func unreadableLogs() throws {
        let folder = NSTemporaryDirectory() + "/eventlog-folder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let gz = try Desk.temporary("not really compressed", extension: "xes.gz")
        for (path, words) in [(folder + "/nope.csv", "no such file"), (folder, "it is a folder"), (gz, "decompress it first")] {
            do {
                _ = try EventLogReader.read(path: path) { _, _ in }
                Issue.record("\(path) was read")
            } catch let error as BlueprintError {
                let text = error.description(in: .english)
                #expect(text.hasPrefix("\(path):1:1: error:") && text.contains(words), "\(text)")
                #expect(!text.contains("NSCocoaErrorDomain"))
            }
        }
    }
}
