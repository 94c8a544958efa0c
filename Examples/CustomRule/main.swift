// CustomRule — an analysis rule written outside the library, run together with the built-in rules.
//
//     swift run CustomRule                                   # blueprints/after-sales-repair.yaml
//     swift run CustomRule blueprints/clinic-visit.yaml
//
// The rule encodes a house policy: "customers who call us are answered within a minute". Every
// customer-facing phone step must commit to a response time (its own `standards.response`, else the
// phone channel's `responseCommitment`) of at most `maxResponse`. Steps tagged with one of
// `exemptTags` (say, planned outbound call-backs) are left alone. Both thresholds can be set in code
// or in `.blueprint.yml`:
//
//     rules:
//       acme-phone-answer-time:
//         maxResponse: 2min
//         exemptTags: [outbound]
//
// A touchpoint with no commitment at all is not reported here: the built-in
// `missing-response-commitment` rule already does that, and one problem should give one finding.

import Foundation
import ServiceBlueprint

/// Customer-facing phone steps must commit to answering within `maxResponse`.
struct PhoneAnswerTimeRule: BlueprintRule {
    let id = "acme-phone-answer-time"
    let title = "Phone touchpoint slower than the house standard"
    let defaultSeverity = Severity.warning
    let rationale = """
        Customers who phone expect to be answered at once; the house standard is a response commitment of \
        at most a minute on every customer-facing phone step.
        """
    let howToFix = "Commit to a faster answer (staff the line, add a call-back slot), or move the step to a slower channel."
    let thresholds = [
        RuleThreshold("maxResponse", default: .duration(.minutes(1)), "The slowest acceptable response commitment on the phone."),
        RuleThreshold("exemptTags", default: .names([]), "Steps with one of these tags are not checked, e.g. [outbound]."),
    ]

    func analyze(_ context: AnalysisContext) -> [Finding] {
        let limit = context.duration("maxResponse")
        let exempt = Set(context.names("exemptTags"))
        let blueprint = context.blueprint
        var findings: [Finding] = []
        for (index, step) in blueprint.steps.enumerated() {
            guard step.channel == .phone, step.lane == .customer || step.lane == .frontstage,
                exempt.isDisjoint(with: step.tags),
                let commitment = step.standards.response ?? blueprint.responseCommitment(for: .phone),
                commitment > limit
            else { continue }
            let node = StepIndex(index)  // the step's position in `blueprint.steps`
            let source = step.standards.response == nil ? "the phone channel commits to" : "the step commits to"
            findings.append(context.finding(
                "\(context.name(ofStep: node)) is a phone touchpoint and \(source) answering within \(commitment); "
                    + "the house standard is \(limit).",
                steps: [node],
                fix: SuggestedFix(
                    .addResponseCommitment(channel: Channel.phone.rawValue, steps: [step.id]),
                    summary: "Commit to answering \(context.name(ofStep: node)) within \(limit).")))
        }
        return findings
    }
}

// MARK: - Run it next to the built-in rules

let path = CommandLine.arguments.dropFirst().first ?? "blueprints/after-sales-repair.yaml"
let document: BlueprintDocument
do {
    document = try BlueprintDocument.read(from: path)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let rule = PhoneAnswerTimeRule()
let rules = RuleRegistry.builtIn + [rule]

// `.blueprint.yml`, when present, may configure the custom rule too: pass the rules so its id and
// threshold keys are known to the loader.
var configuration = AnalysisConfiguration.default
if FileManager.default.fileExists(atPath: AnalysisConfiguration.fileName) {
    let loaded = AnalysisConfiguration.load(contentsOfFile: AnalysisConfiguration.fileName, rules: rules)
    loaded.diagnostics.forEach { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
    configuration = loaded.configuration
}

let report = Analyzer(configuration: configuration, rules: rules).analyze(document.blueprint, sourceMap: document.sourceMap)

let own = report.findings(of: rule.id)
print("\(rule.id) (\(rule.family.title)): \(own.count) finding\(own.count == 1 ? "" : "s") in \(path)")
for finding in own {
    print(finding)  // path:line:column: warning: message [rule-id]
}

print()
print("Built-in rules on the same blueprint:")
let builtInCounts = Dictionary(grouping: report.findings.filter { $0.ruleID != rule.id }, by: \.ruleID).mapValues(\.count)
for id in builtInCounts.keys.sorted() {
    print("  \(id): \(builtInCounts[id] ?? 0)")
}
