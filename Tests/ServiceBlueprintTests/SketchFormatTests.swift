import Foundation
import Testing

@testable import ServiceBlueprint

/// A sketch-level document: steps without stages, the given extra keys and flows.
private func sketch(steps: String, flows: String = "", extra: String = "") -> String {
    "id: sketch\n" + extra + "steps:\n" + steps + (flows.isEmpty ? "" : "flows:\n" + flows)
}

private let twoSteps = "  - {id: a, title: A, lane: customer}\n  - {id: b, title: B, lane: frontstage}\n"

private func read(_ text: String) throws -> BlueprintDocument {
    try BlueprintDocument.parse(text, path: "s.yaml", format: .yaml)
}

private func roundTrips(_ blueprint: Blueprint) -> Bool {
    DocumentFormat.allCases.allSatisfy { format in
        let (read, diagnostics) = readWithoutValidation(blueprint.text(in: format), format: format)
        return diagnostics.isEmpty && read == blueprint
    }
}

@Suite("Format for sketches: optional stage, durations, percentages, unknown probabilities, associations, evidence")
struct SketchFormatTests {
    // MARK: Optional stage

    @Test func stepsWithoutStageBelongToTheImplicitStage() throws {
        let document = try read(sketch(steps: twoSteps, flows: "  - {from: a, to: b}\n"))
        #expect(document.diagnostics.isEmpty)
        #expect(document.blueprint.steps.map(\.stage) == [Stage.implicitID, Stage.implicitID])
        #expect(Stage(id: Stage.implicitID).isImplicit)
        // Written back without a stage key.
        #expect(!document.blueprint.yamlText().contains("stage:"))
        #expect(roundTrips(document.blueprint))
    }

    @Test func aNamedStageMustStillExist() {
        let text = sketch(steps: "  - {id: a, title: A, lane: customer, stage: contct}\n", extra: "stages: [{id: contact}]\n")
        #expect(DocumentTesting.lines(text) == [
            "2:10: warning: stage 'contact' has no steps", "4:46: error: unknown stage 'contct'; did you mean 'contact'?",
        ])
    }

    // MARK: Durations

    @Test func durationFormsAndTheirReadings() throws {
        let steps = """
              - {id: a, title: A, lane: backstage, duration: {likely: 10min}}
              - {id: b, title: B, lane: backstage, duration: {max: 45min}}
              - {id: c, title: C, lane: backstage, duration: {min: 10min, max: 20min}}
              - {id: d, title: D, lane: backstage, duration: {likely: 4min, max: 9min}}

            """
        let document = try read(sketch(steps: steps, flows: "  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: d}\n"))
        let times = document.blueprint.steps.compactMap(\.duration)
        #expect(times[0] == ProcessTime(.minutes(10)))
        // Up to: the bound is the time, for every figure.
        #expect(times[1] == .upTo(.minutes(45)))
        #expect(times[1].likely == .minutes(45) && times[1].min == .minutes(45) && times[1].pertMean == .minutes(45))
        // A range: likely is the midpoint.
        #expect(times[2] == .range(.minutes(10), .minutes(20)))
        #expect(times[2].likely == .minutes(15) && times[2].pertMean == .minutes(15))
        #expect(times[3] == ProcessTime(min: .minutes(4), likely: .minutes(4), max: .minutes(9)))
        // The critical path uses the same readings: 10 + 45 + 15 + 4 minutes.
        let metrics = Analyzer().metrics(for: document.blueprint)
        #expect(metrics.journeys.first?.leadTime == .minutes(74))
        #expect(roundTrips(document.blueprint))
        #expect(document.blueprint.yamlText().contains("duration: {max: 45min}"))
        #expect(document.blueprint.yamlText().contains("duration: {min: 10min, max: 20min}"))
    }

    @Test func aMinimumAloneIsRejected() {
        let text = sketch(steps: "  - {id: a, title: A, lane: backstage, duration: {min: 10min}}\n")
        #expect(DocumentTesting.lines(text) == [
            "3:50: error: 'duration' needs 'likely', 'max' (up to), or both 'min' and 'max' (a range); a minimum alone says nothing about how long the step takes"
        ])
    }

    @Test func aBareNumberIsReadAsSecondsWithAWarning() throws {
        let document = try read(sketch(steps: "  - {id: a, title: A, lane: backstage, duration: 30}\n"))
        #expect(document.blueprint.steps[0].duration == ProcessTime(.seconds(30)))
        #expect(document.diagnostics.map(DocumentTesting.short) == [
            "3:50: warning: 'duration' 30 has no unit and is read as 30 seconds (30s); write '30s' to keep that, or e.g. '30min'"
        ])
        // Near misses: a unit, or zero, say what they mean.
        #expect(try read(sketch(steps: "  - {id: a, title: A, lane: backstage, duration: 30s}\n")).diagnostics.isEmpty)
        #expect(try read(sketch(steps: "  - {id: a, title: A, lane: backstage, waitBefore: 0}\n")).diagnostics.isEmpty)
    }

    // MARK: Percentages

    @Test func percentagesAreReadWhereAFractionIs() throws {
        let steps = twoSteps.replacingOccurrences(
            of: "lane: frontstage}", with: "lane: frontstage, failPoint: {risk: Lost, likelihood: 2.5%}}")
        let text = sketch(
            steps: steps + "  - {id: c, title: C, lane: customer}\n",
            flows: "  - {from: a, to: b, probability: 10%}\n  - {from: a, to: c, probability: 90 %}\n",
            extra: "journeys:\n  - {id: j, start: a, target: {leadTime: 1h, attainment: 95%}, branchProbabilities: {a->b: 10%}}\n")
        let blueprint = try read(text).blueprint
        #expect(blueprint.flows.map(\.probability) == [0.1, 0.9])
        #expect(blueprint.steps[1].failPoint?.likelihood == 0.025)
        #expect(blueprint.journeys[0].target?.attainment == 0.95)
        #expect(blueprint.journeys[0].branchProbabilities["a->b"] == 0.1)
        // 150% is a number out of range, reported as such.
        let tooMuch = sketch(steps: twoSteps, flows: "  - {from: a, to: b, probability: 150%}\n")
        #expect(DocumentTesting.lines(tooMuch) == ["6:35: error: probability must be between 0 and 1, found 1.5"])
    }

    @Test func aPercentageWhereAPlainNumberIsExpectedGetsAHint() {
        let text = sketch(steps: twoSteps, extra: "actors: [{id: desk, capacity: 10%}]\n")
        #expect(DocumentTesting.lines(text) == [
            "2:31: error: 'capacity' must be a number, found '10%'; percentages are only read where a fraction (0…1) is meant, e.g. a probability: write 10 without '%'"
        ])
        let rate = sketch(steps: twoSteps, extra: "journeys: [{id: j, start: a, demand: {arrivals: 5%, per: day}}]\n")
        #expect(DocumentTesting.lines(rate).first?.contains("write 5 without '%'") == true)
    }

    // MARK: Unknown probabilities

    @Test func unknownProbabilitiesAreAssumedAnEqualShareOfTheRest() throws {
        let steps = twoSteps + "  - {id: c, title: C, lane: customer}\n  - {id: d, title: D, lane: customer}\n"
        let flows = """
              - {from: a, to: b, probability: 0.4}
              - {from: a, to: c, probability: unknown}
              - {from: a, to: d, probability: unknown}

            """
        let blueprint = try read(sketch(steps: steps, flows: flows)).blueprint
        #expect(blueprint.flows.map(\.isProbabilityUnknown) == [false, true, true])
        #expect(blueprint.flows[1].probability == nil)
        let assumed = blueprint.assumedBranchProbabilities()
        #expect(assumed.map(\.flowID) == ["a->c", "a->d"])
        #expect(assumed.allSatisfy { abs($0.probability - 0.3) < 1e-12 && $0.sharedBy == 2 })
        #expect(assumed[0].description == "probability of 'a->c' unknown: assumed 30 %, an equal share (1 of 2) of the 60 % the known branches leave")
        #expect(roundTrips(blueprint))
        // A journey's own probability replaces the unknown one: nothing is assumed for it.
        let journey = Journey(id: "j", start: "a", branchProbabilities: ["a->c": 0.5])
        #expect(blueprint.assumedBranchProbabilities(in: journey).map(\.flowID) == ["a->d"])
        #expect(abs((blueprint.assumedBranchProbabilities(in: journey).first?.probability ?? 0) - 0.1) < 1e-12)
    }

    @Test func unknownMakesTheSplitExclusiveForCapacity() throws {
        let steps = twoSteps + "  - {id: c, title: C, lane: frontstage}\n"
        let text = sketch(
            steps: steps, flows: "  - {from: a, to: b, probability: unknown}\n  - {from: a, to: c, probability: unknown}\n",
            extra: "journeys: [{id: j, start: a, demand: {arrivals: 10, per: hour}}]\n")
        let blueprint = try read(text).blueprint
        let visits = CapacityAnalysis(blueprint).journeys[0].visits
        // Half the customers each way, not all of them both ways (a parallel split).
        #expect(visits.first { $0.stepID == "b" }?.visits == 0.5)
        #expect(visits.first { $0.stepID == "c" }?.visits == 0.5)
    }

    @Test func unknownIsNotForInformationFlows() {
        let text = sketch(steps: twoSteps, flows: "  - {from: a, to: b, kind: information, probability: unknown}\n")
        #expect(DocumentTesting.lines(text) == [
            "6:54: error: an information flow is not a branch; 'probability: unknown' belongs on flows that order work"
        ])
        #expect(DocumentTesting.lines(sketch(steps: twoSteps, flows: "  - {from: a, to: b, probability: unknwn}\n")) == [
            "6:35: error: 'probability' must be a number, found 'unknwn'"
        ])
    }

    // MARK: Associations

    @Test func associationsAreReadWrittenAndLeftOutOfPaths() throws {
        let steps = twoSteps + "  - {id: m, title: Menu board, lane: evidence}\n  - {id: x, title: X, lane: backstage, duration: 2h}\n"
        let text = sketch(
            steps: steps, flows: "  - {from: a, to: b}\n",
            extra: "journeys: [{id: j, start: a}]\nassociations:\n  - {between: [m, a], label: seen while ordering}\n  - {between: [b, x]}\n")
        let document = try read(text)
        let blueprint = document.blueprint
        #expect(blueprint.associations == [
            Association(between: "m", and: "a", label: "seen while ordering"), Association(between: "b", and: "x"),
        ])
        #expect(roundTrips(blueprint))
        // Not a flow: the 2-hour step is on no path and no critical path.
        let graph = BlueprintGraph(blueprint)
        #expect(graph.reachable(from: [0], kinds: .all).contains(3) == false)
        let journey = try #require(Analyzer().metrics(for: blueprint).journeys.first)
        #expect(!journey.criticalPath.contains("x") && journey.leadTime == .zero)
        // But it is related to something, so it is not "in no flow".
        let findings = Analyzer().analyze(blueprint).findings(of: "structure-no-flow")
        #expect(findings.isEmpty)
    }

    @Test func aFlowOfKindAssociationIsAnAssociation() throws {
        let steps = twoSteps + "  - {id: c, title: C, lane: customer}\n"
        let good = try read(sketch(
            steps: steps, flows: "  - {from: a, to: b, kind: association, label: same column}\n  - {from: a, to: c}\n"))
        #expect(good.blueprint.flows == [Flow(from: "a", to: "c")])
        #expect(good.blueprint.associations == [Association(between: "a", and: "b", label: "same column")])
        // Locations follow the entries: the flow that moved up and the association both point at their lines.
        let bad = sketch(
            steps: steps,
            flows: "  - {from: a, to: b, kind: association}\n  - {from: a, to: cc}\n  - {from: c, to: zz, kind: association, probability: 1}\n")
        #expect(DocumentTesting.lines(bad) == [
            "8:19: error: unknown step 'cc'; did you mean 'c'?",
            "9:19: error: unknown step 'zz'",
            "9:55: error: an association has no order and no probability; remove 'probability'",
        ])
    }

    @Test func associationMistakesAreLocated() {
        let text = sketch(
            steps: twoSteps,
            extra: "associations:\n  - {between: [a, bb]}\n  - {between: [a, a]}\n  - {between: [a]}\n  - {between: [b, a]}\n  - {between: [a, b]}\n")
        #expect(DocumentTesting.lines(text) == [
            "3:19: error: unknown step 'bb'; did you mean 'b'?",
            "4:15: error: association of 'a' with itself; it must relate two different steps",
            "5:15: error: 'between' must list exactly two steps, found 1",
            "7:5: warning: 'a' and 'b' are already associated (at line 6)",
        ])
    }

    // MARK: Evidence and maturity

    @Test func evidenceOnStagesAndTheBlueprint() throws {
        let text = sketch(
            steps: twoSteps.replacingOccurrences(of: "lane: customer}", with: "lane: customer, stage: arrive}"),
            flows: "  - {from: a, to: b}\n",
            extra: "maturity: sketch\nevidence: [Parking, Brand colours]\nstages:\n  - {id: arrive, evidence: [Dining room, Music]}\n")
        let blueprint = try read(text).blueprint
        #expect(blueprint.evidence == ["Parking", "Brand colours"])
        #expect(blueprint.stages[0].evidence == ["Dining room", "Music"])
        #expect(blueprint.maturity == .sketch)
        #expect(roundTrips(blueprint))
        #expect(DocumentTesting.lines(sketch(steps: twoSteps, extra: "maturity: sketchy\n")) == [
            "2:11: error: unknown maturity 'sketchy'; did you mean 'sketch'?"
        ])
    }

    // MARK: Hints

    @Test func anUnquotedColonInATitleSaysToQuoteIt() {
        let text = sketch(steps: "  - id: a\n    title: Greet: the customer\n    lane: customer\n")
        let lines = DocumentTesting.lines(text)
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("; the title contains ': ', so quote the title: title: \"Greet: the customer\"") == true)
        // Near miss: quoted, it reads.
        let quoted = sketch(steps: "  - id: a\n    title: \"Greet: the customer\"\n    lane: customer\n")
        #expect(DocumentTesting.lines(quoted).isEmpty)
        // A different syntax error gets no such hint.
        let other = sketch(steps: "  - id: a\n    title: [Greet\n    lane: customer\n")
        #expect(DocumentTesting.lines(other).allSatisfy { !$0.contains("quote the") })
    }

    // MARK: DSL

    @Test func theDSLWritesTheSameModel() throws {
        let built = try Blueprint(id: "sketch", maturity: .sketch, evidence: ["Parking"]) {
            Stage("order", evidence: ["Menu board"]) {
                Step("a", "A", lane: .customer).duration(upTo: .minutes(45))
            }
            Step("b", "B", lane: .frontstage).after("a").duration(min: .minutes(1), max: .minutes(3))
            Association(between: "a", and: "b")
            Flow(from: "a", to: "c", isProbabilityUnknown: true)
            Step("c", "C", lane: .customer)
        }
        #expect(built.steps.map(\.stage) == ["order", Stage.implicitID, Stage.implicitID])
        #expect(built.steps[0].duration == .upTo(.minutes(45)))
        #expect(built.steps[1].duration?.likely == .minutes(2))
        #expect(built.associations.count == 1 && built.stages[0].evidence == ["Menu board"])
        #expect(built.maturity == .sketch && built.evidence == ["Parking"])
        #expect(roundTrips(built))
    }
}
