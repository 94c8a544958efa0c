import Foundation
import Testing

@testable import ServiceBlueprint

/// A sketch: `connected` customer/frontstage steps in a chain, then `loose` backstage steps in no flow.
private func sketch(connected: Int = 2, loose: Int, maturity: Maturity? = nil) -> Blueprint {
    let chain = (0..<connected).map { Step(id: "c\($0)", title: "Step \($0)", lane: $0 % 2 == 0 ? .customer : .frontstage, stage: "") }
    let isolated = (0..<loose).map { Step(id: "x\($0)", title: "Loose \($0)", lane: .backstage, stage: "") }
    let flows = (0..<max(0, connected - 1)).map { Flow(from: "c\($0)", to: "c\($0 + 1)") }
    return Blueprint(id: "sketch", steps: chain + isolated, flows: flows, maturity: maturity)
}

private func load(_ yaml: String) -> LoadedConfiguration { AnalysisConfiguration.load(yaml: yaml, path: ".blueprint.yml") }

private func short(_ diagnostic: Diagnostic) -> String {
    "\(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "?"): \(diagnostic.severity): \(diagnostic.message)"
}

@Suite("Noise control: grouping, presets, structure-no-flow, configuration ranges")
struct SketchNoiseTests {
    @Test("a group's reason takes every occurrence of the step's name out, as the generic replace did")
    func reasonWithoutTheName() {
        for (message, name) in [
            ("'a-1' has no duration; 'a-1' is untimed.", "a-1"), ("Nothing to take out.", "zz"), ("'x'", "'x'"),
            ("步骤「受理」没有时长。受理", "受理"), ("", "a"), ("abc", ""), ("aaa", "aa"),
        ] {
            #expect(FindingGroups.removing(name, from: message) == (name.isEmpty ? message : message.replacing(name, with: "\u{0}")),
                    "\(message) without \(name)")
        }
    }

    @Test("the longest shared run of words is found where it lies in the first list")
    func longestSharedRun() {
        let earlier = ["customer", "fills", "personal", "details", "form"]
        let later = ["fills", "personal", "details", "again"]
        #expect(RedundantDuplicateStepRule.longestRun(earlier, later) == 1..<4)
        #expect(RedundantDuplicateStepRule.longestRun(["a"], ["b"]).isEmpty)
        #expect(RedundantDuplicateStepRule.longestRun([1, 2, 3, 9, 1, 2], [9, 1, 2, 3]) == 0..<3)
    }

    // MARK: structure-no-flow

    @Test func stepsInNoFlowAreARealRule() throws {
        let rule = try #require(RuleRegistry.rule("structure-no-flow"))
        #expect(rule.family == .structure && rule.defaultSeverity == .warning)
        #expect(RuleRegistry.markdownTable().contains("`structure-no-flow`"))
        let findings = Analyzer().analyze(sketch(loose: 2)).findings(of: "structure-no-flow")
        #expect(findings.map(\.stepIDs) == [["x0"], ["x1"]])
        #expect(findings.first?.message == "'Loose 0' (x0) is in no flow: nothing leads to it or follows it.")
        // Reported once: not as unreachable too.
        #expect(Analyzer().analyze(sketch(loose: 2)).findings(of: "structure-unreachable-step").isEmpty)
        // Configuration can switch it off or change it.
        let off = Analyzer(configuration: AnalysisConfiguration.default.disabling("structure-no-flow"))
        #expect(off.analyze(sketch(loose: 2)).findings(of: "structure-no-flow").isEmpty)
        let error = Analyzer(configuration: load("rules:\n  structure-no-flow: error\n").configuration)
        #expect(error.analyze(sketch(loose: 1)).findings(of: "structure-no-flow").map(\.severity) == [.error])
    }

    @Test func noFlowNearMisses() {
        // A single step, and a connected chain, are not "in no flow".
        #expect(Analyzer().analyze(sketch(connected: 1, loose: 0)).findings(of: "structure-no-flow").isEmpty)
        #expect(Analyzer().analyze(sketch(connected: 4, loose: 0)).findings(of: "structure-no-flow").isEmpty)
        // Validation no longer warns: the warning had no rule id configuration could reach.
        #expect(sketch(loose: 3).validate().isEmpty)
    }

    // MARK: Grouping

    @Test func manyStepsWithOneReasonBecomeOneFinding() throws {
        let report = Analyzer().analyze(sketch(loose: 7))
        let grouped = report.findings(of: "structure-no-flow")
        #expect(grouped.count == 1)
        let finding = try #require(grouped.first)
        #expect(finding.stepIDs == (0..<7).map { "x\($0)" })
        #expect(finding.grouped?.count == 7)
        #expect(finding.grouped?.map(\.path) == (2..<9).map { ModelPath([.key("steps"), .index($0)]) })
        #expect(finding.message == "'Loose 0' (x0) is in no flow: nothing leads to it or follows it. "
            + "The same holds for 6 more steps: 'x1', 'x2', 'x3', 'x4', 'x5', 'x6'.")
        #expect(finding.fix == nil && finding.path == ["steps", 2])
        // One line per problem.
        #expect(!finding.description.contains("\n"))
    }

    @Test func atTheThresholdFindingsStaySeparate() {
        // Default threshold 5: five are five findings, six are one.
        #expect(Analyzer().analyze(sketch(loose: 5)).findings(of: "structure-no-flow").count == 5)
        #expect(Analyzer().analyze(sketch(loose: 6)).findings(of: "structure-no-flow").count == 1)
        #expect(AnalysisConfiguration.default.groupAbove == 5)
    }

    @Test func theThresholdIsConfigurable() {
        let two = load("groupAbove: 2\n")
        #expect(two.diagnostics.isEmpty)
        #expect(Analyzer(configuration: two.configuration).analyze(sketch(loose: 3)).findings(of: "structure-no-flow").count == 1)
        let never = load("groupAbove: off\n")
        #expect(never.configuration.groupAbove == nil)
        #expect(Analyzer(configuration: never.configuration).analyze(sketch(loose: 9)).findings(of: "structure-no-flow").count == 9)
    }

    @Test func differentReasonsAreNotGrouped() {
        // Six untimed steps with different estimates: the suggested targets differ, so the messages do.
        var blueprint = sketch(connected: 6, loose: 0)
        for index in blueprint.steps.indices {
            blueprint.steps[index].lane = .frontstage
            blueprint.steps[index].duration = ProcessTime(.minutes(Double(index + 1)))
        }
        #expect(Analyzer().analyze(blueprint).findings(of: "missing-time-standard").count == 6)
        for index in blueprint.steps.indices { blueprint.steps[index].duration = nil }
        #expect(Analyzer().analyze(blueprint).findings(of: "missing-time-standard").count == 1)
    }

    // MARK: Presets and maturity

    @Test func presetsPickTheRules() throws {
        let blueprint = sketch(loose: 1)
        let recommended = Analyzer().analyze(blueprint)
        #expect(!recommended.findings(of: "missing-owner").isEmpty)

        let sketchPreset = load("extends: sketch\n")
        #expect(sketchPreset.diagnostics.isEmpty && sketchPreset.configuration.preset == .sketch)
        let quiet = Analyzer(configuration: sketchPreset.configuration).analyze(blueprint)
        #expect(quiet.findings.allSatisfy { $0.ruleID.hasPrefix("structure-") || $0.ruleID.hasPrefix("redundant-") })
        #expect(!quiet.findings(of: "structure-no-flow").isEmpty)
        // A rule's own setting wins over the preset.
        let withOwner = load("extends: sketch\nrules:\n  missing-owner: on\n").configuration
        #expect(!Analyzer(configuration: withOwner).analyze(blueprint).findings(of: "missing-owner").isEmpty)

        // Strict raises notes to warnings (unless a rule's own setting says otherwise).
        let rules = RuleRegistry.builtIn + [NoteOnEveryStep()]
        let recommendedNotes = Analyzer(rules: rules).analyze(blueprint).findings(of: NoteOnEveryStep().id)
        #expect(!recommendedNotes.isEmpty && recommendedNotes.allSatisfy { $0.severity == .note })
        let strict = AnalysisConfiguration.load(yaml: "extends: strict\n", rules: rules).configuration
        let raised = Analyzer(configuration: strict, rules: rules).analyze(blueprint)
        #expect(raised.findings.allSatisfy { $0.severity != .note })
        #expect(raised.findings(of: NoteOnEveryStep().id).count == recommendedNotes.count)
        let kept = AnalysisConfiguration.load(yaml: "extends: strict\nrules:\n  acme-note: note\n", rules: rules).configuration
        #expect(Analyzer(configuration: kept, rules: rules).analyze(blueprint).findings(of: "acme-note").allSatisfy { $0.severity == .note })
    }

    @Test func aBlueprintsMaturityPicksThePreset() {
        let asSketch = Analyzer().analyze(sketch(loose: 1, maturity: .sketch))
        #expect(asSketch.findings(of: "missing-owner").isEmpty && !asSketch.findings(of: "structure-no-flow").isEmpty)
        let rules = RuleRegistry.builtIn + [NoteOnEveryStep()]
        let detailed = Analyzer(rules: rules).analyze(sketch(loose: 1, maturity: .detailed))
        #expect(!detailed.findings(of: "acme-note").isEmpty && detailed.findings.allSatisfy { $0.severity != .note })
        // Draft is the default.
        #expect(Analyzer().analyze(sketch(loose: 1, maturity: .draft)) == Analyzer().analyze(sketch(loose: 1)))
        #expect(RulePreset.for(.sketch) == .sketch && RulePreset.for(.draft) == .recommended && RulePreset.for(.detailed) == .strict)
    }

    @Test func aSketchGetsFewerFindingsThanItHasSteps() {
        // 47 untimed, unowned steps in a chain, plus 10 loose ones: the issue's complaint.
        let blueprint = sketch(connected: 47, loose: 10)
        let findings = Analyzer().analyze(blueprint).findings
        #expect(findings.count < blueprint.steps.count)
    }

    // MARK: Configuration errors

    @Test func outOfRangeThresholdsAreRejectedWithALocation() {
        let loaded = load("""
            extends: strickt
            groupAbove: -1
            rules:
              capacity-high-utilization:
                threshold: -1
              capacity-declared-bottleneck-confirmed:
                margin: 1e308
              parallelizable-chain:
                minimumSaving: 1e308
              redundant-stacked-approval:
                maxStepsBetween: nan

            """)
        #expect(loaded.diagnostics.map(short) == [
            "1:10: error: unknown preset 'strickt'; did you mean 'strict'? (expected sketch, recommended, strict)",
            "2:13: error: 'groupAbove' must be a whole number from 1 to 1000000, or off, found '-1'",
            "5:16: error: 'threshold' of 'capacity-high-utilization' must be between 0 and 1, found -1",
            "7:13: error: 'margin' of 'capacity-declared-bottleneck-confirmed' must be between 0 and 1, found 1e308",
            "9:20: error: 'minimumSaving' of 'parallelizable-chain' must be between 0s and 366d, found 1e308",
            "11:22: error: 'maxStepsBetween' of 'redundant-stacked-approval' must be a whole number, e.g. 2",
        ])
        let nan = load("rules:\n  capacity-high-utilization:\n    threshold: .nan\n")
        #expect(nan.diagnostics.map(short) == ["3:16: error: 'threshold' of 'capacity-high-utilization' must be a number, e.g. 0.85"])
        // Near misses: in range, and a share as a percentage.
        let good = load("groupAbove: 10\nrules:\n  capacity-high-utilization:\n    threshold: 90%\n  parallelizable-chain:\n    minimumSaving: 5min\n")
        #expect(good.diagnostics.isEmpty)
        #expect(good.configuration.rules["capacity-high-utilization"]?.thresholds["threshold"] == .number(0.9))
    }
}

/// A third-party rule with note severity that fires once per step (for preset tests).
private struct NoteOnEveryStep: BlueprintRule {
    let id = "acme-note"
    let title = "A note per step"
    let defaultSeverity = Severity.note
    let rationale = "Test rule."
    let howToFix = "Nothing."
    func analyze(_ context: AnalysisContext) -> [Finding] {
        (0..<Int32(context.blueprint.steps.count)).map { context.finding("Note \($0).", steps: [$0]) }
    }
}
