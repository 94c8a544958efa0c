import Foundation
import Testing

@testable import ServiceBlueprint

/// A valid document that declares one of everything; tests change a line and assert the
/// exact diagnostics of ``Blueprint/validate()`` located through the source map.
///
/// ```
///  1 id: test
///  2 title: Test
///  3 stages:
///  4   - id: contact
///  5   - id: repair
///  6 actors:
///  7   - id: agent
///  8   - id: tech
///  9 channels:
/// 10   - id: whatsapp
/// 11 information:
/// 12   - id: serial
/// 13 personas:
/// 14   - id: parent
/// 15 journeys:
/// 16   - id: main
/// 17     persona: parent
/// 18     start: call
/// 19     ends: [fix]
/// 20 steps:
/// 21   - id: call
/// 22     title: Customer calls
/// 23     lane: customer
/// 24     stage: contact
/// 25     actor: agent
/// 26     channel: whatsapp
/// 27     produces: [serial]
/// 28   - id: fix
/// 29     title: Technician repairs
/// 30     lane: backstage
/// 31     stage: repair
/// 32     actor: tech
/// 33     needs: [serial]
/// 34 flows:
/// 35   - {from: call, to: fix}
/// ```
let validationDocument = """
    id: test
    title: Test
    stages:
      - id: contact
      - id: repair
    actors:
      - id: agent
      - id: tech
    channels:
      - id: whatsapp
    information:
      - id: serial
    personas:
      - id: parent
    journeys:
      - id: main
        persona: parent
        start: call
        ends: [fix]
    steps:
      - id: call
        title: Customer calls
        lane: customer
        stage: contact
        actor: agent
        channel: whatsapp
        produces: [serial]
      - id: fix
        title: Technician repairs
        lane: backstage
        stage: repair
        actor: tech
        needs: [serial]
    flows:
      - {from: call, to: fix}

    """

/// Diagnostics of the validation document with `old` replaced by `new`.
func validating(_ old: String, _ new: String) -> [String] {
    diagnosticLines(variant(old, new, in: validationDocument))
}

/// Diagnostics of the validation document with `text` appended.
func validating(appending text: String) -> [String] {
    diagnosticLines(validationDocument + text)
}

/// Three more steps (lines 36–50) so flow tests have a graph to work with: `a`, `b`, `c` in stage repair.
let extraSteps = """
      - {id: a, title: A, lane: support, stage: repair}
      - {id: b, title: B, lane: support, stage: repair}
      - {id: c, title: C, lane: support, stage: repair}

    """

/// The validation document with `extraSteps` added to the steps and `flows` as the flows (from line 38).
func validatingFlows(_ flows: String, extra: String = "") -> [String] {
    let steps = variant("    needs: [serial]\n", "    needs: [serial]\n" + extraSteps, in: validationDocument)
    let text = variant("  - {from: call, to: fix}\n", flows, in: steps) + extra
    return diagnosticLines(text)
}

@Suite("Validation diagnostics")
struct ValidationTests {
    @Test func validationDocumentIsClean() {
        #expect(diagnosticLines(validationDocument).isEmpty)
        #expect(validatingFlows("  - {from: call, to: fix}\n  - {from: fix, to: a}\n  - {from: a, to: b}\n  - {from: b, to: c}\n").isEmpty)
    }

    // MARK: Structure

    @Test func emptyBlueprint() {
        #expect(diagnosticLines("id: empty\ntitle: Empty\n") == ["1:1: error: the blueprint has no steps; add at least one step"])
        #expect(diagnosticLines("id: empty\nsteps: []\n") == ["2:8: error: the blueprint has no steps; add at least one step"])
    }

    @Test func emptyID() {
        #expect(validating("  - id: tech\n", "  - id: ''\n") == [
            "8:9: error: empty actor id",
            "32:12: error: unknown actor 'tech'",
        ])
    }

    // MARK: Duplicate ids, at the second occurrence, naming the first

    @Test func duplicateStepID() {
        #expect(validating("  - id: fix\n", "  - id: call\n") == [
            "19:12: error: unknown step 'fix'",
            "28:9: error: duplicate step id 'call' (first defined at line 21)",
            "35:22: error: unknown step 'fix'",
        ])
    }

    @Test func duplicateIDsOfEveryKind() {
        #expect(validating("  - id: repair\n", "  - id: repair\n  - id: contact\n") == [
            "6:9: error: duplicate stage id 'contact' (first defined at line 4)"
        ])
        #expect(validating("  - id: tech\n", "  - id: tech\n  - id: agent\n") == [
            "9:9: error: duplicate actor id 'agent' (first defined at line 7)"
        ])
        #expect(validating("  - id: whatsapp\n", "  - id: whatsapp\n  - id: whatsapp\n") == [
            "11:9: error: duplicate channel id 'whatsapp' (first defined at line 10)"
        ])
        #expect(validating("  - id: serial\n", "  - id: serial\n  - id: serial\n") == [
            "13:9: error: duplicate information item id 'serial' (first defined at line 12)"
        ])
        #expect(validating("  - id: parent\n", "  - id: parent\n  - id: parent\n") == [
            "15:9: error: duplicate persona id 'parent' (first defined at line 14)"
        ])
        #expect(validating("    ends: [fix]\n", "    ends: [fix]\n  - {id: main, start: fix}\n") == [
            "20:10: error: duplicate journey id 'main' (first defined at line 16)"
        ])
    }

    @Test func duplicateIDsInTheModelNameThePath() {
        var blueprint = Samples.everyProperty
        blueprint.steps[3].id = "call"
        let duplicate = blueprint.validate().first { $0.message.hasPrefix("duplicate step id") }
        #expect(duplicate?.message == "duplicate step id 'call' (first defined at steps[0].id)")
        #expect(duplicate?.path == ["steps", 3, "id"])
        #expect(duplicate?.location == nil)
    }

    // MARK: References, with did-you-mean

    @Test func unknownStepsInFlows() {
        #expect(validating("{from: call, to: fix}", "{from: cal, to: fixx}") == [
            "35:12: error: unknown step 'cal'; did you mean 'call'?",
            "35:21: error: unknown step 'fixx'; did you mean 'fix'?",
        ])
    }

    @Test func unknownStepsInJourneys() {
        #expect(validating("    start: call\n    ends: [fix]\n", "    start: cal\n    ends: [fix, done]\n    steps: [call, fx]\n") == [
            "18:12: error: unknown step 'cal'; did you mean 'call'?",
            "19:17: error: unknown step 'done'",
            "20:19: error: unknown step 'fx'; did you mean 'fix'?",
        ])
    }

    @Test func unknownStepsInBranchProbabilities() {
        #expect(validating("    ends: [fix]\n", "    ends: [fix]\n    branchProbabilities: {call->fx: 0.5, callfix: 0.2, fix->call: 0.1}\n") == [
            "20:27: error: unknown step 'fx' in branch 'call->fx'; did you mean 'fix'?",
            "20:42: error: branch probability key 'callfix' must name a flow as 'from->to'",
            "20:56: error: there is no flow 'fix' -> 'call' for the branch probability 'fix->call'",
        ])
    }

    @Test func unknownStage() {
        #expect(validating("    stage: repair\n", "    stage: repar\n") == [
            "5:5: warning: stage 'repair' has no steps",
            "31:12: error: unknown stage 'repar'; did you mean 'repair'?",
        ])
    }

    @Test func unknownActors() {
        #expect(validating("    actor: tech\n", "    actor: tec\n    owner: agnt\n    failPoint: {risk: Late, owner: boss}\n") == [
            "32:12: error: unknown actor 'tec'; did you mean 'tech'?",
            "33:12: error: unknown actor 'agnt'; did you mean 'agent'?",
            "34:36: error: unknown actor 'boss'",
        ])
    }

    @Test func unknownChannels() {
        #expect(validating("    channel: whatsapp\n", "    channel: whatsap\n") == [
            "26:14: error: unknown channel 'whatsap'; did you mean 'whatsapp'?"
        ])
        #expect(validating("    channel: whatsapp\n", "    channel: pigeon\n") == [
            "26:14: error: unknown channel 'pigeon'; declare it under 'channels' or use a built-in channel (phone, chat, email, web, app, in-person, kiosk, social, letter, sms)"
        ])
        #expect(validating("    channel: whatsapp\n", "    channel: in-person\n").isEmpty)
    }

    @Test func unknownInformationItems() {
        #expect(validating("    needs: [serial]\n", "    needs: [serial, serail, photo]\n") == [
            "33:21: error: unknown information item 'serail'; did you mean 'serial'?",
            "33:29: error: unknown information item 'photo'",
        ])
        #expect(validating("    produces: [serial]\n", "    produces: [serial, recipt]\n") == [
            "27:24: error: unknown information item 'recipt'"
        ])
    }

    @Test func unknownPersona() {
        #expect(validating("    persona: parent\n", "    persona: parnt\n") == [
            "17:14: error: unknown persona 'parnt'; did you mean 'parent'?"
        ])
    }

    @Test func unknownBottleneckTargets() {
        #expect(validating(appending: "bottlenecks:\n  - {step: fx, cause: slow}\n  - {actor: tch, cause: few}\n") == [
            "37:12: error: unknown step 'fx'; did you mean 'fix'?",
            "38:13: error: unknown actor 'tch'; did you mean 'tech'?",
        ])
    }

    // MARK: Values

    @Test func capacityMustBePositive() {
        #expect(validating("  - id: tech\n", "  - {id: tech, capacity: 0}\n") == [
            "8:26: error: capacity must be at least 1 (the number of people or machines working in parallel), found 0"
        ])
        #expect(validating("  - id: tech\n", "  - {id: tech, capacity: -3}\n") == [
            "8:26: error: capacity must be at least 1 (the number of people or machines working in parallel), found -3"
        ])
    }

    @Test func workingHoursInRange() {
        #expect(validating("  - id: tech\n", "  - id: tech\n    hours: {perDay: 25, daysPerWeek: 0}\n") == [
            "9:21: error: perDay must be more than 0 and at most 24 hours, found 25",
            "9:38: error: daysPerWeek must be more than 0 and at most 7, found 0",
        ])
    }

    @Test func probabilitiesInRange() {
        #expect(validating("{from: call, to: fix}", "{from: call, to: fix, probability: 1.5}") == [
            "35:40: error: probability must be between 0 and 1, found 1.5"
        ])
        #expect(validating("    needs: [serial]\n", "    needs: [serial]\n    failPoint: {risk: Wrong part, likelihood: -0.1}\n") == [
            "34:47: error: likelihood must be between 0 and 1, found -0.1"
        ])
        #expect(validating("    ends: [fix]\n", "    ends: [fix]\n    target: {leadTime: 2d, attainment: 90}\n") == [
            "20:40: error: attainment must be between 0 and 1, found 90"
        ])
        #expect(validating("    ends: [fix]\n", "    ends: [fix]\n    branchProbabilities: {call->fix: 1.2}\n") == [
            "20:27: error: probability must be between 0 and 1, found 1.2"
        ])
    }

    @Test func probabilitiesLeavingAStepAddUpToAtMostOne() {
        let flows = "  - {from: call, to: fix, probability: 0.7}\n  - {from: call, to: a, probability: 0.2}\n  - {from: call, to: b, probability: 0.2}\n  - {from: a, to: c}\n  - {from: b, to: c}\n  - {from: fix, to: c}\n"
        #expect(validatingFlows(flows) == [
            "40:38: error: the probabilities of the flows leaving 'call' add up to more than 1 (1.1 with this flow)"
        ])
        // Exactly 1 within rounding is fine; information flows do not count.
        let fine = "  - {from: call, to: fix, probability: 0.7}\n  - {from: call, to: a, probability: 0.1}\n  - {from: call, to: b, probability: 0.2}\n  - {from: call, to: c, kind: information, probability: 0.5}\n  - {from: a, to: c}\n  - {from: b, to: c}\n  - {from: fix, to: c}\n"
        #expect(validatingFlows(fine).isEmpty)
    }

    @Test func journeyBranchProbabilitiesAddUpToAtMostOne() {
        let flows = "  - {from: call, to: fix, probability: 0.5}\n  - {from: call, to: a, probability: 0.5}\n  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: fix, to: c}\n"
        let text = variant("    ends: [fix]\n", "    ends: [fix]\n    branchProbabilities: {call->fix: 0.8}\n", in: validationDocument)
        let steps = variant("    needs: [serial]\n", "    needs: [serial]\n" + extraSteps, in: text)
        let document = variant("  - {from: call, to: fix}\n", flows, in: steps)
        #expect(diagnosticLines(document) == [
            "20:27: error: in journey 'main', the probabilities of the flows leaving 'call' add up to 1.3, more than 1"
        ])
    }

    @Test func threePointDurationsInOrder() {
        #expect(validating("    needs: [serial]\n", "    needs: [serial]\n    duration: {min: 10min, likely: 5min, max: 20min}\n") == [
            "34:15: error: duration min (10min) is longer than likely (5min)"
        ])
        #expect(validating("    needs: [serial]\n", "    needs: [serial]\n    duration: {min: 1min, likely: 5min, max: 2min}\n") == [
            "34:15: error: duration likely (5min) is longer than max (2min)"
        ])
    }

    @Test func emotionsInRange() {
        #expect(validating("    needs: [serial]\n", "    needs: [serial]\n    emotion: 3\n") == [
            "34:14: error: emotion must be between -2 and 2, found 3"
        ])
        #expect(validating("  - id: repair\n", "  - {id: repair, emotion: -5}\n") == [
            "5:27: error: emotion must be between -2 and 2, found -5"
        ])
    }

    @Test func demandNeedsArrivals() {
        #expect(validating("    ends: [fix]\n", "    ends: [fix]\n    demand: {arrivals: 0, per: day}\n") == [
            "20:24: error: demand arrivals must be more than 0, found 0"
        ])
    }

    @Test func bottlenecksNameExactlyOneOfStepOrActor() {
        #expect(validating(appending: "bottlenecks:\n  - {cause: slow}\n  - {step: fix, actor: tech, cause: both}\n") == [
            "37:5: error: a bottleneck must name a 'step' or an 'actor'",
            "38:5: error: a bottleneck names either a 'step' or an 'actor', not both; declare two bottlenecks",
        ])
    }

    // MARK: Flows

    @Test func selfLoop() {
        #expect(validating("  - {from: call, to: fix}\n", "  - {from: call, to: fix}\n  - {from: fix, to: fix, kind: rework}\n") == [
            "36:5: error: flow from 'fix' to itself; a step cannot follow itself"
        ])
    }

    @Test func duplicateFlow() {
        #expect(validating("  - {from: call, to: fix}\n", "  - {from: call, to: fix}\n  - {from: call, to: fix, kind: handoff}\n") == [
            "36:5: error: duplicate flow 'call' -> 'fix' (first defined at line 35)"
        ])
    }

    @Test func cycleNotMarkedRework() {
        let flows = "  - {from: call, to: fix}\n  - {from: fix, to: a}\n  - {from: a, to: b}\n  - {from: b, to: fix}\n  - {from: b, to: c}\n"
        #expect(validatingFlows(flows) == [
            "41:5: error: cycle of flows not marked as rework: fix -> a -> b -> fix; if 'b' -> 'fix' sends work back, mark it 'kind: rework'"
        ])
        let marked = flows.replacingOccurrences(of: "{from: b, to: fix}", with: "{from: b, to: fix, kind: rework}")
        #expect(validatingFlows(marked).isEmpty)
    }

    @Test func everyCycleIsReported() {
        let flows = "  - {from: call, to: fix}\n  - {from: fix, to: call, kind: escalation}\n  - {from: fix, to: a}\n  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: a, kind: handoff}\n  - {from: c, to: b}\n"
        #expect(validatingFlows(flows) == [
            "39:5: error: cycle of flows not marked as rework: call -> fix -> call; if 'fix' -> 'call' sends work back, mark it 'kind: rework'",
            "43:5: error: cycle of flows not marked as rework: a -> b -> c -> a; if 'c' -> 'a' sends work back, mark it 'kind: rework'",
            "44:5: error: cycle of flows not marked as rework: b -> c -> b; if 'c' -> 'b' sends work back, mark it 'kind: rework'",
        ])
    }

    @Test func informationFlowsDoNotMakeCycles() {
        let flows = "  - {from: call, to: fix}\n  - {from: fix, to: call, kind: information}\n  - {from: fix, to: a}\n  - {from: a, to: b}\n  - {from: b, to: c}\n"
        #expect(validatingFlows(flows).isEmpty)
    }

    @Test func longCyclesAreShortenedInTheMessage() {
        let count = 30
        let steps = (0..<count).map { Step(id: "s\($0)", title: "S\($0)", lane: .backstage, stage: "x") }
        let flows = (0..<count).map { Flow(from: "s\($0)", to: "s\(($0 + 1) % count)") }
        let blueprint = Blueprint(id: "loop", stages: [Stage(id: "x")], steps: steps, flows: flows)
        #expect(blueprint.validate().map(\.description) == [
            "error: cycle of flows not marked as rework: s0 -> s1 -> s2 -> s3 -> s4 -> … 20 more … -> s25 -> s26 -> s27 -> s28 -> s29 -> s0; if 's29' -> 's0' sends work back, mark it 'kind: rework' (at flows[29])"
        ])
    }

    // MARK: Warnings

    @Test func warningsForSuspiciousButValidBlueprints() throws {
        let text = variant("  - id: repair\n", "  - id: repair\n  - id: unused\n", in: validationDocument)
            .replacingOccurrences(of: "  - id: serial\n", with: "  - id: serial\n  - id: spare\n")
            .replacingOccurrences(of: "    needs: [serial]\n", with: "    needs: [serial]\n" + extraSteps)
            .replacingOccurrences(of: "    ends: [fix]\n", with: "    ends: [fix]\n    steps: [fix]\n")
        let document = try BlueprintDocument.parse(text, path: "warn.yaml", format: .yaml)
        #expect(document.diagnostics.map(DocumentTesting.short) == [
            "6:5: warning: stage 'unused' has no steps",
            "14:5: warning: information item 'spare' is never needed or produced by a step",
            "20:12: warning: journey 'main' starts at 'call', which is not among its steps",
        ])
        // Steps in no flow are the `structure-no-flow` rule's, which configuration can change.
        let findings = Analyzer().analyze(document.blueprint, sourceMap: document.sourceMap).findings(of: "structure-no-flow")
        #expect(findings.map { $0.location.map { "\($0.line):\($0.column)" } ?? "" } == ["37:5", "38:5", "39:5"])
    }

    // MARK: The model API

    @Test func validateNamesExactFields() {
        var blueprint = Samples.everyProperty
        blueprint.steps[3].actor = "nobody"
        let diagnostics = blueprint.validate()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.path == ["steps", 3, "actor"])
        #expect(diagnostics.first?.description == "error: unknown actor 'nobody' (at steps[3].actor)")
        #expect(throws: BlueprintError.self) { try blueprint.validated() }
    }

    @Test func validatedReturnsTheBlueprintWithWarningsOnly() throws {
        var blueprint = Samples.everyProperty
        blueprint.stages.append(Stage(id: "empty"))
        #expect(try blueprint.validated() == blueprint)
        #expect(blueprint.validate().map(\.severity) == [.warning])
    }

    // MARK: Scale

    // The time limits of these two tests only stop a hang: what they assert is the work done (every
    // diagnostic found; suggestions rationed, so the last one has none). Speed is measured by the
    // benchmarks (Benchmarks/README.md), not here: a loaded CI machine must not fail them.
    @Test(.timeLimit(.minutes(10))) func hundredThousandSteps() throws {
        let count = 100_000
        var steps: [Step] = []
        var flows: [Flow] = []
        steps.reserveCapacity(count)
        for index in 0..<count {
            steps.append(Step(id: "step-\(index)", title: "Step \(index)", lane: .backstage, stage: "stage-\(index % 10)", actor: "actor-\(index % 50)"))
            if index > 0 { flows.append(Flow(from: "step-\(index - 1)", to: "step-\(index)")) }
            if index % 1_000 == 999 { flows.append(Flow(from: "step-\(index)", to: "step-\(index - 500)", kind: .rework)) }
        }
        // One cycle that is not marked, and one broken reference.
        flows.append(Flow(from: "step-99999", to: "step-0"))
        steps[500].actor = "actor-x"
        let blueprint = Blueprint(
            id: "big", stages: (0..<10).map { Stage(id: "stage-\($0)") }, actors: (0..<50).map { Actor(id: "actor-\($0)") },
            steps: steps, flows: flows)
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = blueprint.validate() }
        #expect(diagnostics.count == 2)
        #expect(diagnostics.first?.message == "unknown actor 'actor-x'; did you mean 'actor-0'?")
        #expect(diagnostics.last?.path == ModelPath([.key("flows"), .index(flows.count - 1)]))
        #expect(diagnostics.last?.message.hasPrefix("cycle of flows not marked as rework: step-0 -> step-1") == true)
        print("validate() on \(count) steps, \(flows.count) flows: \(elapsed)")
    }

    @Test(.timeLimit(.minutes(10))) func manyBrokenReferencesStayFast() {
        // Every flow points to an unknown step among 50 000: suggestions are rationed, not quadratic.
        let count = 50_000
        let steps = (0..<count).map { Step(id: "step-\($0)", title: "S", lane: .support, stage: "s") }
        let flows = (0..<count).map { Flow(from: "step-\($0)", to: "stp-\($0)") }
        let blueprint = Blueprint(id: "broken", stages: [Stage(id: "s")], steps: steps, flows: flows)
        let diagnostics = blueprint.validate()
        #expect(diagnostics.count == count)
        #expect(diagnostics.first?.message == "unknown step 'stp-0'; did you mean 'step-0'?")
        #expect(diagnostics.last?.message == "unknown step 'stp-49999'")
    }
}
