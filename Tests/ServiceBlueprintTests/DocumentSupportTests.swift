import Foundation
import Testing

@testable import ServiceBlueprint

/// Shared helpers and sample blueprints for the document, validation and schema tests.
enum DocumentTesting {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/ServiceBlueprintTests/Fixtures`.
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/ServiceBlueprintTests/Fixtures")

    /// The `.yaml`, `.yml` and `.json` files in a folder (not recursive), sorted; empty when the folder is missing.
    static func blueprintFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted()
            .filter { DocumentFormat(path: $0) != nil }
            .map { folder.appendingPathComponent($0) }
    }

    /// Every blueprint file of the repository's `blueprints/` folder, then of the fixtures that are
    /// meant to be valid (names not starting with `invalid-`).
    static var validBlueprintFiles: [URL] {
        blueprintFiles(in: repositoryRoot.appendingPathComponent("blueprints"))
            + blueprintFiles(in: fixtures).filter { !$0.lastPathComponent.hasPrefix("invalid-") }
    }

    /// Parses `text`, returning the diagnostics of a failed read (or the warnings of a good one).
    static func diagnostics(_ text: String, format: DocumentFormat = .yaml, path: String = "test.yaml") -> [Diagnostic] {
        do {
            return try BlueprintDocument.parse(text, path: path, format: format).diagnostics
        } catch {
            return error.diagnostics
        }
    }

    /// `line:column: severity: message` of each diagnostic, for compact expectations.
    static func lines(_ text: String, format: DocumentFormat = .yaml) -> [String] {
        diagnostics(text, format: format).map(short)
    }

    static func short(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "?"
        return "\(location): \(diagnostic.severity): \(diagnostic.message)"
    }

    /// A minimal valid blueprint document; `steps` and `flows` text can be replaced.
    static func document(stages: String = defaultStages, steps: String = defaultSteps, flows: String = defaultFlows, extra: String = "")
        -> String
    {
        "id: test\ntitle: Test\n" + stages + steps + flows + extra
    }

    static let defaultStages = """
        stages:
          - id: contact
          - id: repair

        """
    static let defaultSteps = """
        steps:
          - id: call
            title: Customer calls
            lane: customer
            stage: contact
          - id: fix
            title: Technician repairs
            lane: backstage
            stage: repair

        """
    static let defaultFlows = """
        flows:
          - {from: call, to: fix}

        """

    /// Runs `python3` with a script and arguments; fails the test with a clear message when
    /// python3 cannot be started.
    static func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("blueprint-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Sample blueprints.
enum Samples {
    /// A blueprint that sets every property of every model type to a non-default value, and uses
    /// every case of every enum, so that round trips cover the whole format.
    static let everyProperty: Blueprint = {
        var blueprint = everyPropertyBase
        // Issue 16: cost, SERVQUAL and KPIs, every kind and dimension.
        blueprint.actors[1].rate = 42.5
        blueprint.steps[1].cost = 3.2
        blueprint.steps[1].standards.dimension = .responsiveness
        // kpi16: pain dimensions, the currency, the cost of delay.
        blueprint.steps[1].painDimension = .reliability
        blueprint.stages[0].painDimension = .empathy
        blueprint.journeys[0].costOfDelay = 4.5
        blueprint.currency = "€"
        let dimensions = ServqualDimension.allCases
        blueprint.kpis = KPIKind.allCases.enumerated().map { index, kind in
            KPI(
                id: "kpi-\(kind.rawValue)", title: index == 0 ? "Net Promoter Score" : nil, kind: kind,
                step: index % 3 == 0 ? "diagnose" : nil, stage: index % 3 == 1 ? "contact" : nil,
                journey: index % 3 == 2 ? "warranty" : nil, target: Double(index) * 10 + 0.5,
                dimension: dimensions[index % dimensions.count],
                measured: [
                    KPIMeasurement(scores: kind == .nps ? [1, 1, 1, 1, 1, 1, 4, 10, 10, 20, 50] : [], sample: index == 1 ? 50 : nil),
                    KPIMeasurement(value: Double(index) + 0.25, sample: 120, period: "2026-Q\(index % 4 + 1)"),
                ])
        }
        // Issue 19: the language the blueprint is written in.
        blueprint.language = .simplifiedChinese
        // Issue 17: every part of the simulation block, both kinds of patience, every distribution.
        blueprint.simulationSettings = SimulationSettings(
            calendars: [WorkCalendar(id: "office", shifts: [
                Shift(days: .weekdays, start: .hours(8), end: .hours(12), servers: 2),
                Shift(days: [.saturday], start: .hours(9), end: .hours(13)),
            ], actors: ["agent"])],
            resources: [SharedResource(id: "bench", title: "Repair bench", capacity: 3, from: "decide", to: "handoff")],
            segments: [
                CustomerSegment(id: "premium", title: "Premium", share: 0.25, priority: 2, journeys: ["warranty", "paid", "weekly"], target: .hours(8), patience: .fixed(.minutes(5))),
                CustomerSegment(id: "standard", share: 0.75, journeys: ["warranty", "paid", "weekly"], patience: .exponential(mean: .minutes(3))),
            ],
            demandProfiles: [DemandProfile(journeys: ["warranty"], hourly: Array(repeating: 1, count: 24), weekly: [1, 1, 1, 1, 1.5, 0.5, 0])],
            patience: [PatienceRule(steps: ["wait"], patience: .exponential(mean: .minutes(4)))],
            serviceTimes: ServiceTimeRule.Distribution.allCases.map { ServiceTimeRule(steps: ["decide"], distribution: $0) })
        return blueprint
    }()

    private static let everyPropertyBase = Blueprint(
        id: "every-property",
        title: "Every property: a test blueprint",
        summary: "Sets every field of every model type, with tricky strings: colons: yes, # hashes, 'quotes', \"double\".",
        version: "2026-Q3 to-be",
        stages: [
            Stage(
                id: "contact", title: "Contact", goal: "Reach someone who can help", emotion: -1,
                painPoints: ["Long queue", "Repeats the fault"], momentsOfTruth: ["First greeting"]),
            Stage(
                id: "repair", title: "修理 (repair)", goal: "Get the device fixed 🔧", emotion: 2,
                painPoints: ["No news for days"], momentsOfTruth: ["Device back", "Invoice"],
                evidence: ["Repair centre counter", "Parking"]),
        ],
        actors: [
            Actor(id: "customer", title: "Customer", kind: .customer),
            Actor(
                id: "agent", title: "First-line agent", kind: .role, department: "service-centre", capacity: 6,
                hours: WorkingHours(perDay: 7.5, daysPerWeek: 5), notes: "Two shifts"),
            Actor(id: "warehouse", title: "Warehouse", kind: .department, department: "logistics", capacity: 2,
                hours: WorkingHours(perDay: 24, daysPerWeek: 7), notes: "Ships within the day"),
            Actor(id: "crm", title: "CRM", kind: .system, capacity: 1_000, notes: "Salesforce"),
            Actor(id: "courier", title: "Courier", kind: .partner, department: "external", notes: "Next-day delivery"),
        ],
        channels: [
            ChannelDefinition(id: "whatsapp", title: "WhatsApp Business", responseCommitment: .minutes(5)),
            ChannelDefinition(id: "phone", title: "Hotline", responseCommitment: .seconds(30)),
        ],
        information: [
            InformationItem(id: "serial", title: "Device serial", kind: .data, fromCustomer: true, notes: "On the back"),
            InformationItem(id: "form", title: "Repair form", kind: .document, notes: "PDF"),
            InformationItem(id: "approval", title: "Cost approval", kind: .decision, notes: "Over 200 EUR"),
            InformationItem(id: "device", title: "The device", kind: .material, notes: "Shipped in a box"),
        ],
        personas: [
            Persona(id: "parent", title: "Busy parent", summary: "Needs the phone for work.", goals: ["Fast fix", "No second call"]),
            Persona(id: "student", title: "Student", summary: "Price sensitive.", goals: ["Cheap"]),
        ],
        journeys: [
            Journey(
                id: "warranty", title: "Repair under warranty", persona: "parent", start: "call", ends: ["close"],
                steps: ["call", "diagnose", "check", "ship", "close"],
                branchProbabilities: ["check->ship": 0.75, "check->quote": 0.2],
                demand: Demand(arrivals: 120, per: .day), target: JourneyTarget(leadTime: .days(3), attainment: 0.9)),
            Journey(
                id: "paid", title: "Paid repair", persona: "student", start: "call", ends: ["close", "quote"],
                demand: .perHour(2.5), target: JourneyTarget(leadTime: .hours(36)), followUps: ["quote"]),
            Journey(id: "weekly", title: "Weekly batch", start: "call", demand: .perWeek(40)),
        ],
        steps: [
            Step(
                id: "call", title: "Customer calls the hotline", lane: .customer, stage: "contact", actor: "customer",
                channel: .phone, kind: .communication, duration: ProcessTime(.minutes(2)), evidence: ["Hold music"],
                emotion: -2, painPoints: ["Waits on hold"]),
            Step(
                id: "diagnose", title: "Agent diagnoses the fault remotely", lane: .frontstage, stage: "contact",
                actor: "agent", owner: "agent", channel: "whatsapp", kind: .action,
                duration: ProcessTime(min: .minutes(5), likely: .minutes(8), max: .minutes(20)),
                waitBefore: .minutes(2),
                standards: Standards(
                    time: TimeStandard(target: .minutes(8), tolerance: .minutes(4)), sop: "SOP-FL-002",
                    service: "Greet by name, confirm the fault in the customer's words",
                    response: .seconds(30), startWithin: .minutes(1)),
                failPoint: FailPoint(risk: "Wrong diagnosis", recovery: "Escalate to second line", owner: "agent", likelihood: 0.15),
                waitPoint: WaitPoint(tolerance: .minutes(3), notes: "On hold"),
                value: .valueAdding, needs: ["serial"], produces: ["form"], evidence: ["Ticket number by SMS"],
                emotion: 1, painPoints: ["Repeats the fault description"], tags: ["tier-1", "yes", "123"],
                notes: "Line one\nLine two: with colon\n\n  indented line\n", url: "https://intranet.example/sop/fl-002",
                followUp: true, direction: .inbound, delivers: .record,
                measured: MeasuredStep(service: MeasuredTimes(median: .minutes(7), p90: .minutes(12), mean: .seconds(475)),
                                       wait: MeasuredTimes(median: .seconds(40), p90: .minutes(3), mean: .seconds(75)), cases: 812, log: "tickets.csv")),
            Step(
                id: "check", title: "Check warranty", lane: .backstage, stage: "contact", actor: "crm", kind: .check,
                duration: ProcessTime(.seconds(1.5)), value: .necessary, needs: ["serial", "form"], produces: ["approval"]),
            Step(
                id: "quote", title: "Send a quote", lane: .frontstage, stage: "repair", actor: "agent", channel: .email,
                kind: .approval, duration: ProcessTime(.hours(1)), waitPoint: WaitPoint(), value: .waste,
                needs: ["approval"]),
            Step(
                id: "ship", title: "Ship the device", lane: .support, stage: "repair", actor: "courier", kind: .transport,
                duration: ProcessTime(min: .days(1), likely: .days(1.5), max: .days(3)), waitBefore: .hours(4),
                standards: Standards(sop: "SOP-LOG-1"), needs: ["device"]),
            Step(id: "wait", title: "Parts on order", lane: .support, stage: "repair", actor: "warehouse", kind: .wait,
                duration: ProcessTime(.days(2)), standards: Standards(time: TimeStandard(target: .days(2)))),
            Step(id: "decide", title: "Repair or replace?", lane: .backstage, stage: "repair", actor: "agent", kind: .decision,
                failPoint: FailPoint(risk: "Slow decision")),
            Step(id: "handoff", title: "Hand over to the warehouse", lane: .backstage, stage: "repair", actor: "agent",
                kind: .handoff, standards: Standards(response: .hours(2))),
            Step(id: "close", title: "Receipt and survey", lane: .evidence, stage: "repair", actor: "crm", channel: .sms,
                kind: .automated, standards: Standards(service: "Send the NPS survey")),
        ],
        flows: [
            Flow(from: "call", to: "diagnose", kind: .sequence, label: "answered", probability: 0.95),
            Flow(from: "diagnose", to: "check", kind: .handoff),
            Flow(from: "check", to: "ship", kind: .sequence, label: "warranty ok", probability: 0.7,
                 measured: MeasuredFlow(probability: 0.64, samples: 790)),
            Flow(from: "check", to: "quote", kind: .escalation, label: "no warranty", probability: 0.3),
            Flow(from: "ship", to: "wait"),
            Flow(from: "wait", to: "decide"),
            Flow(from: "decide", to: "ship", kind: .rework, label: "not fixed", probability: 0.1),
            Flow(from: "decide", to: "handoff", probability: 0.9),
            Flow(from: "handoff", to: "close"),
            Flow(from: "diagnose", to: "close", kind: .information, label: "diagnosis"),
            Flow(from: "quote", to: "close"),
        ],
        bottlenecks: [
            DeclaredBottleneck(step: "diagnose", cause: "Only six agents at peak"),
            DeclaredBottleneck(actor: "courier", cause: "One pickup a day"),
        ],
        maturity: .draft,
        evidence: ["Brand website", "Service centre: clean, bright"],
        associations: [Association(between: "close", and: "call", label: "same case number")]
    )
}

@Suite("Document test support")
struct DocumentSupportTests {
    @Test func everyPropertySampleIsValid() throws {
        let diagnostics = Samples.everyProperty.validate()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(try Samples.everyProperty.validated() == Samples.everyProperty)
    }

    @Test func everyEnumCaseIsUsed() {
        let sample = Samples.everyProperty
        #expect(Set(sample.steps.map(\.lane)) == Set(Lane.allCases))
        #expect(Set(sample.steps.map(\.kind)) == Set(StepKind.allCases))
        #expect(Set(sample.flows.map(\.kind)) == Set(FlowKind.allCases))
        #expect(Set(sample.steps.compactMap(\.value)) == Set(ValueClass.allCases))
        #expect(Set(sample.actors.map(\.kind)) == Set(Actor.Kind.allCases))
        #expect(Set(sample.information.map(\.kind)) == Set(InformationItem.Kind.allCases))
        #expect(Set(sample.journeys.compactMap(\.demand?.per)) == Set(Demand.Period.allCases))
        #expect(Set(sample.kpis.map(\.kind)) == Set(KPIKind.allCases))
        #expect(Set(sample.kpis.compactMap(\.dimension)) == Set(ServqualDimension.allCases))
    }
}
