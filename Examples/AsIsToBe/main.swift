// AsIsToBe — turns an as-is blueprint into a to-be blueprint by applying the analyzers' suggestions,
// and prints what the change gains.
//
//     swift run AsIsToBe                                          # blueprints/after-sales-repair.yaml
//     swift run AsIsToBe blueprints/clinic-visit.yaml
//     swift run AsIsToBe blueprints/after-sales-repair.yaml --output to-be.yaml
//
// Steps: load and validate the file, analyze it, collect the `parallelizable-chain` findings' suggested
// rewrites and apply them, analyze the result, and compare lead time, hand-offs and findings per
// journey. Suggestions the library cannot apply by itself (removing or merging steps, adding
// standards) are listed for a person to decide. `--output` writes the to-be blueprint as YAML, ready
// for `blueprint diff` and `blueprint render`.

import Foundation
import ServiceBlueprint

// MARK: - Arguments

var arguments = Array(CommandLine.arguments.dropFirst())
var outputPath: String?
if let flag = arguments.firstIndex(of: "--output") {
    guard arguments.indices.contains(flag + 1) else {
        FileHandle.standardError.write(Data("usage: AsIsToBe [blueprint.yaml] [--output to-be.yaml]\n".utf8))
        exit(64)
    }
    outputPath = arguments[flag + 1]
    arguments.removeSubrange(flag...flag + 1)
}
let inputPath = arguments.first ?? "blueprints/after-sales-repair.yaml"

// MARK: - As-is

let document: BlueprintDocument
do {
    document = try BlueprintDocument.read(from: inputPath)
} catch {
    // Every problem at once, compiler style: path:line:column: error: message.
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let asIs = document.blueprint
let analyzer = Analyzer()
let before = analyzer.analyze(asIs, sourceMap: document.sourceMap)

// MARK: - To-be: apply what the analyzers suggest

// Each `parallelizable-chain` finding carries a machine-readable rewrite of its chain.
var parallelizations: [ParallelizationSuggestion] = []
var forPeople: [Finding] = []
for finding in before.findings {
    switch finding.fix?.action {
    case .parallelize(let suggestion)?:
        parallelizations.append(suggestion)
    case .removeStep?, .mergeSteps?, .reuseInformation?, .assignToOneTeam?, .preventRework?:
        // Redundancy fixes: the library says what to remove or merge but has no API that rewrites
        // the flows around a removed step, so a designer decides.
        forPeople.append(finding)
    default:
        break
    }
}

var toBe = asIs.applying(parallelizations)
toBe.version = "to-be"

// The rewrite must leave a valid blueprint; say so loudly if it ever does not.
let problems = toBe.validate().filter { $0.severity == .error }
guard problems.isEmpty else {
    FileHandle.standardError.write(Data("error: the to-be blueprint is invalid:\n\(BlueprintError(diagnostics: problems))\n".utf8))
    exit(1)
}
let after = analyzer.analyze(toBe)

// MARK: - Report

/// "(11h saved, −23.4 %)", "(no change)" or "(2h longer, +5.0 %)".
func change(_ before: BlueprintDuration, _ after: BlueprintDuration) -> String {
    guard before != after else { return "(no change)" }
    let share = before.seconds > 0 ? (after.seconds - before.seconds) / before.seconds * 100 : 0
    let percent = abs(share) >= 0.1 ? String(format: ", %+.1f %%", share) : ""
    return after < before ? "(\(before - after) saved\(percent))" : "(\(after - before) longer\(percent))"
}

func counts(_ report: AnalysisReport) -> String {
    Severity.allCases.reversed().map { "\(report.count(of: $0)) \($0)s" }.joined(separator: ", ")
}

print("\(asIs.title) (\(inputPath))")
print("Applied \(parallelizations.count) parallelization\(parallelizations.count == 1 ? "" : "s"):")
for suggestion in parallelizations {
    print("  after \(suggestion.entry), now start as soon as what they need is ready: \(suggestion.movedSteps.joined(separator: ", "))")
}
print()

for old in before.metrics.journeys {
    guard let new = after.metrics.journeys.first(where: { $0.journey == old.journey }) else { continue }
    print("Journey \(old.title)" + (old.journey.map { " (\($0))" } ?? ""))
    print("  lead time:            \(old.leadTime) → \(new.leadTime) \(change(old.leadTime, new.leadTime))")
    if let target = old.target {
        let verdict = { (met: Bool?) in met == true ? "met" : "missed" }
        print("  target \(target):".padding(toLength: 24, withPad: " ", startingAt: 0) + "\(verdict(old.meetsTarget)) → \(verdict(new.meetsTarget))")
    }
    print("  customer waiting:     \(old.customerWaitingTime) → \(new.customerWaitingTime)")
    print("  hand-offs (actors):   \(old.handoffsBetweenActors) → \(new.handoffsBetweenActors)")
    print("  hand-offs (depts):    \(old.handoffsBetweenDepartments) → \(new.handoffsBetweenDepartments)")
}
// Hand-offs count work flows between different actors: a fork into parallel branches adds flows,
// so the count can rise while the lead time falls.
print()
print("Findings: \(before.findings.count) → \(after.findings.count)  (\(counts(before)) → \(counts(after)))")
print("  parallelizable-chain: \(before.findings(of: "parallelizable-chain").count) → \(after.findings(of: "parallelizable-chain").count)")

if !forPeople.isEmpty {
    print()
    print("Not applied — redundancies for a designer to resolve (\(forPeople.count)):")
    for finding in forPeople {
        print("  [\(finding.ruleID)] \(finding.fix?.summary ?? finding.message)")
    }
}

// MARK: - Write the to-be file

if let outputPath {
    do {
        try toBe.write(to: outputPath, format: .yaml)
        print()
        print("Wrote \(outputPath); compare with: blueprint diff \(inputPath) \(outputPath)")
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}
