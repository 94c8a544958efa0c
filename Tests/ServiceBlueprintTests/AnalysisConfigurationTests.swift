import Foundation
import Testing
@testable import ServiceBlueprint

@Suite("Analysis configuration")
struct AnalysisConfigurationTests {
    static let blueprint = RuleParallelizationTests.loanApplication()

    @Test func disableRemovesTheRulesFindings() {
        let all = Analyzer().analyze(Self.blueprint)
        #expect(!all.findings(of: "missing-time-standard").isEmpty)
        let quiet = Analyzer(configuration: AnalysisConfiguration.default.disabling("missing-time-standard")).analyze(Self.blueprint)
        #expect(quiet.findings(of: "missing-time-standard").isEmpty)
        #expect(quiet.findings.count == all.findings.count - all.findings(of: "missing-time-standard").count)
    }

    @Test func severityOverride() {
        let configuration = AnalysisConfiguration.default.withSeverity(.error, for: "parallelizable-chain")
        let report = Analyzer(configuration: configuration).analyze(Self.blueprint)
        #expect(report.findings(of: "parallelizable-chain").map(\.severity) == [.error])
        #expect(report.hasErrors)
        #expect(Analyzer().analyze(Self.blueprint).findings(of: "parallelizable-chain").map(\.severity) == [.warning])
    }

    @Test func thresholdsMergeWithDefaultsAndIgnoreWrongTypes() {
        let rule = ParallelizableChainRule()
        var configuration = AnalysisConfiguration()
        #expect(configuration.thresholds(for: rule) == ["minimumSaving": .duration(.zero)])
        configuration.setThreshold("minimumSaving", to: .number(3), for: rule.id)
        #expect(configuration.thresholds(for: rule) == ["minimumSaving": .duration(.zero)])
        configuration.setThreshold("minimumSaving", to: .duration(.minutes(5)), for: rule.id)
        #expect(configuration.thresholds(for: rule) == ["minimumSaving": .duration(.minutes(5))])
    }

    @Test func configFileAppliesSettings() {
        let yaml = """
            rules:
              missing-time-standard: off
              missing-owner: error
              parallelizable-chain:
                severity: note
                minimumSaving: 15min
              structure-dead-end:
                enabled: false
            """
        let loaded = AnalysisConfiguration.load(yaml: yaml)
        #expect(loaded.diagnostics.isEmpty)
        let configuration = loaded.configuration
        #expect(configuration.rules["missing-time-standard"]?.enabled == false)
        #expect(configuration.rules["missing-owner"]?.severity == .error)
        #expect(configuration.rules["parallelizable-chain"] == .init(severity: .note, thresholds: ["minimumSaving": .duration(.minutes(15))]))
        #expect(configuration.rules["structure-dead-end"]?.enabled == false)
        let report = Analyzer(configuration: configuration).analyze(Self.blueprint)
        #expect(report.findings(of: "missing-time-standard").isEmpty)
        #expect(report.findings(of: "parallelizable-chain").isEmpty)  // 10min saved < 15min
    }

    @Test func typosAreLocatedWithDidYouMean() {
        let yaml = """
            rules:
              missing-time-standrd: off
              parallelizable-chain:
                severity: note
                minimumSavng: 5min
              missing-owner: loud
            rulez: {}
            """
        let loaded = AnalysisConfiguration.load(yaml: yaml, path: "blueprints/.blueprint.yml")
        #expect(loaded.hasErrors)
        #expect(loaded.diagnostics.map(\.description) == [
            "blueprints/.blueprint.yml:2:3: error: unknown rule 'missing-time-standrd'; did you mean 'missing-time-standard'?",
            "blueprints/.blueprint.yml:5:5: error: unknown key 'minimumSavng' for rule 'parallelizable-chain'; did you mean 'minimumSaving'? (expected: enabled, severity, minimumSaving)",
            "blueprints/.blueprint.yml:6:18: error: invalid setting 'loud' for 'missing-owner' (expected on, off, note, warning or error)",
            "blueprints/.blueprint.yml:7:1: error: unknown key 'rulez'; did you mean 'rules'? (expected: extends, groupAbove, rules)",
        ])
        // What could be read still applies.
        #expect(loaded.configuration.rules["parallelizable-chain"]?.severity == .note)
    }

    /// The configuration reader shares the blueprint reader's syntax layer (issue 12): a repeated
    /// key is reported where it repeats, in the same words, and the first one counts; a hostile
    /// alias expansion is refused with the same limit; a byte-order mark is not data.
    @Test func configurationSharesTheDocumentReadersMachinery() {
        let repeated = AnalysisConfiguration.load(yaml: """
            rules:
              missing-owner: off
              missing-owner: error
            extends: sketch
            extends: strict
            """)
        #expect(repeated.diagnostics.map(\.description) == [
            ".blueprint.yml:3:3: error: duplicate key 'missing-owner' (first at line 2, column 3)",
            ".blueprint.yml:5:1: error: duplicate key 'extends' (first at line 4, column 1)",
        ])
        #expect(repeated.configuration.rules["missing-owner"]?.enabled == false)
        #expect(repeated.configuration.preset == .sketch)

        let big = String(repeating: "x", count: 1 << 20)
        let aliases = (0..<40).map { "  r\($0): *a" }.joined(separator: "\n")
        let amplified = AnalysisConfiguration.load(yaml: "anchor: &a \(big)\nrules:\n\(aliases)\n")
        #expect(amplified.diagnostics.count == 1)
        #expect(amplified.diagnostics.first?.message.contains("alias") == true)

        let withBOM = AnalysisConfiguration.load(bytes: [0xEF, 0xBB, 0xBF] + Array("extends: strict\n".utf8),
                                                 path: ".blueprint.yml", rules: RuleRegistry.builtIn)
        #expect(withBOM.diagnostics.isEmpty)
        #expect(withBOM.configuration.preset == .strict)
    }

    @Test func wrongValueTypesAndSyntaxErrors() {
        let wrongType = AnalysisConfiguration.load(yaml: "rules:\n  parallelizable-chain:\n    minimumSaving: soon\n")
        #expect(wrongType.diagnostics.map(\.description) == [
            ".blueprint.yml:3:20: error: 'minimumSaving' of 'parallelizable-chain' must be a duration, e.g. 0s",
        ])
        let broken = AnalysisConfiguration.load(yaml: "rules:\n  missing-owner: [off\n")
        #expect(broken.diagnostics.count == 1)
        #expect(broken.diagnostics.first?.location?.line == 3)
        #expect(broken.diagnostics.first?.message.hasPrefix("YAML syntax error") == true)
        #expect(AnalysisConfiguration.load(yaml: "").diagnostics.isEmpty)
        #expect(AnalysisConfiguration.load(yaml: "- a\n").diagnostics.first?.message == "the configuration must be a mapping with a 'rules' key")
    }

    @Test func configFileFromDisk() throws {
        let directory = FileManagerTestDirectory()
        let path = directory.path + "/.blueprint.yml"
        try "rules:\n  missing-owner: note\n".write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = AnalysisConfiguration.load(contentsOfFile: path)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.configuration.rules["missing-owner"]?.severity == .note)
        let missing = AnalysisConfiguration.load(contentsOfFile: directory.path + "/nope.yml")
        #expect(missing.diagnostics.first?.description == "\(directory.path)/nope.yml:1:1: error: cannot read the file: no such file")
    }

    @Test func thirdPartyRulesPlugIn() {
        struct NoNightWork: BlueprintRule {
            let id = "acme-no-night-work"
            let title = "Night work"
            let defaultSeverity = Severity.note
            let rationale = "Night work waits until morning."
            let howToFix = "Move it to a 24/7 team."
            let thresholds = [RuleThreshold("tag", default: .names(["night"]), "Tags that mark night work.")]
            func analyze(_ context: AnalysisContext) -> [Finding] {
                let tags = Set(context.names("tag"))
                return context.blueprint.steps.indices.compactMap { i in
                    guard !tags.isDisjoint(with: context.blueprint.steps[i].tags) else { return nil }
                    return context.finding("\(context.name(ofStep: Int32(i))) runs at night.", steps: [Int32(i)])
                }
            }
        }
        var blueprint = Self.blueprint
        blueprint.steps[3].tags = ["night"]
        let rules: [any BlueprintRule] = RuleRegistry.builtIn + [NoNightWork()]
        let report = Analyzer(rules: rules).analyze(blueprint)
        #expect(report.findings(of: "acme-no-night-work").map(\.message) == ["'Decide on the loan' (decide) runs at night."])
        #expect(NoNightWork().family == .custom)
        // The config file knows the plug-in rule and its threshold.
        let loaded = AnalysisConfiguration.load(yaml: "rules:\n  acme-no-night-work:\n    tag: [late]\n", rules: rules)
        #expect(loaded.diagnostics.isEmpty)
        #expect(Analyzer(configuration: loaded.configuration, rules: rules).analyze(blueprint).findings(of: "acme-no-night-work").isEmpty)
    }

    @Test func registryIsCompleteAndDocumented() {
        let ids = RuleRegistry.builtIn.map(\.id)
        #expect(ids.count == 35)
        #expect(Set(ids).count == ids.count)
        for rule in RuleRegistry.builtIn {
            #expect(rule.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.id) is kebab-case")
            #expect(rule.family != .custom, "\(rule.id) has a family")
            #expect(!rule.title.isEmpty && rule.rationale.count > 40 && rule.howToFix.count > 20)
        }
        #expect(RuleRegistry.builtIn.filter { $0.family == .redundant }.count == 6)
        #expect(RuleRegistry.builtIn.filter { $0.family == .parallelizable }.count == 1)
        #expect(RuleRegistry.builtIn.filter { $0.family == .missing }.count == 12)
        #expect(RuleRegistry.builtIn.filter { $0.family == .structure }.count == 6)
        #expect(RuleRegistry.builtIn.filter { $0.family == .capacity }.count == 6)
        #expect(RuleRegistry.builtIn.filter { $0.family == .experience }.count == 4)
        #expect(RuleRegistry.markdownTable().split(separator: "\n").count == 37)
    }
}

/// A fresh temporary directory for a test.
private struct FileManagerTestDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "blueprint-config-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
