import Foundation
import ServiceBlueprint

/// Turns a ``LogMeasurement`` into findings with rule ids, like the analyzers' findings.
public enum MeasurementFindings {
    /// The rule ids, with what each reports.
    public static let rules: [(id: String, summary: String)] = [
        ("measured-standard-missed", "a step's time standard is met in fewer than 80 % of measured cases"),
        ("measured-wait-over-tolerance", "the measured P90 wait before a step exceeds the customer's wait tolerance"),
        ("measured-probability-drift", "a branch's observed frequency differs from its declared probability"),
        ("measured-rework-rate", "a rework loop's observed rate differs from its declared rate"),
        ("measured-journey-over-target", "a journey's measured lead time meets its target in fewer cases than required"),
        ("measured-nonconforming-cases", "cases follow sequences the blueprint does not allow"),
        ("measured-unmapped-activity", "an activity in the log maps to no step"),
        ("measured-step-never-observed", "a step never occurs in the log"),
        ("measured-duration-off-estimate", "a step's median service time lies outside its min…max estimate"),
    ]

    /// Share below which a time standard counts as missed.
    static let standardThreshold = 0.8
    /// Journey attainment required when the target names none.
    static let defaultAttainment = 0.9
    /// Fewest samples before a probability is compared.
    static let minimumSamples = 20

    /// The findings, in a stable order (rule, then step or flow).
    public static func findings(for measurement: LogMeasurement, blueprint: Blueprint) -> [Finding] {
        var findings: [Finding] = []
        let stepsByID = Dictionary(blueprint.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for step in measurement.steps {
            if let standard = step.timeStandard, standard.withinShare < standardThreshold {
                findings.append(Finding(ruleID: "measured-standard-missed", severity: .warning,
                    text: LocalizedText("measured.standard-missed", [
                        "step": .quoted(step.step), "target": text(standard.target), "tolerance": text(standard.tolerance),
                        "share": percent(standard.withinShare), "count": .integer(standard.measured),
                    ]),
                    stepIDs: [step.step]))
            }
            if let wait = step.waitTolerance, wait.p90Ratio > 1 {
                findings.append(Finding(ruleID: "measured-wait-over-tolerance", severity: .warning,
                    text: LocalizedText("measured.wait-over-tolerance", [
                        "ratio": .verbatim(String(format: "%.1f", wait.p90Ratio)), "step": .quoted(step.step),
                        "p90": text(wait.p90Ratio * wait.tolerance), "tolerance": text(wait.tolerance), "share": percent(wait.withinShare),
                    ]),
                    stepIDs: [step.step]))
            }
            if let service = step.serviceTime, let estimate = stepsByID[step.step]?.duration,
               service.median < estimate.min.seconds || service.median > estimate.max.seconds {
                findings.append(Finding(ruleID: "measured-duration-off-estimate", severity: .note,
                    text: LocalizedText("measured.duration-off-estimate", [
                        "step": .quoted(step.step), "median": text(service.median), "min": text(estimate.min.seconds),
                        "max": text(estimate.max.seconds), "count": .integer(service.count),
                    ]),
                    stepIDs: [step.step]))
            }
        }
        for flow in measurement.flows {
            guard let observed = flow.observed, flow.samples >= minimumSamples else { continue }
            let p = min(max(flow.declared, 0), 1)
            let standardError = (p * (1 - p) / Double(flow.samples)).squareRoot()
            guard abs(observed - p) > max(0.05, 3 * standardError) else { continue }
            let rework = flow.kind == FlowKind.rework.rawValue
            findings.append(Finding(ruleID: rework ? "measured-rework-rate" : "measured-probability-drift", severity: .warning,
                text: LocalizedText(rework ? "measured.rework-rate" : "measured.probability-drift", [
                    "flow": .verbatim(flow.flow), "declared": .verbatim(decimal(flow.declared)), "observed": .verbatim(decimal(observed)),
                    "count": .integer(flow.samples),
                ]),
                flowIDs: [flow.flow]))
        }
        for journey in measurement.journeys {
            guard let attainment = journey.attainment, let target = journey.target else { continue }
            let required = journey.requiredAttainment ?? defaultAttainment
            guard attainment < required else { continue }
            findings.append(Finding(ruleID: "measured-journey-over-target", severity: .warning,
                text: LocalizedText("measured.journey-over-target", [
                    "journey": .quoted(journey.journey), "target": text(target), "share": percent(attainment),
                    "reached": .integer(journey.reachedEnd), "required": percent(required), "p90": text(journey.leadTime?.p90 ?? 0),
                ])))
        }
        let conformance = measurement.conformance
        if conformance.cases > 0, conformance.conforming < conformance.cases {
            findings.append(Finding(ruleID: "measured-nonconforming-cases", severity: conformance.share < 0.8 ? .warning : .note,
                text: LocalizedText("measured.nonconforming-cases", [
                    "share": percent(conformance.share), "cases": .integer(conformance.cases),
                    "variants": .integer(conformance.deviatingVariants.count),
                ])))
        }
        for activity in measurement.mapping.unmapped {
            findings.append(Finding(ruleID: "measured-unmapped-activity", severity: .warning,
                text: LocalizedText("measured.unmapped-activity", ["activity": .quoted(activity.activity), "events": .integer(activity.events)])))
        }
        for step in measurement.mapping.neverSeen {
            findings.append(Finding(ruleID: "measured-step-never-observed", severity: .note,
                text: LocalizedText("measured.step-never-observed", ["step": .quoted(step)]), stepIDs: [step]))
        }
        return findings
    }

    /// A duration rounded to the second, written in the reader's language.
    static func text(_ seconds: Double) -> TextArgument { .duration(BlueprintDuration(seconds: seconds.rounded())) }
    /// A whole percentage (`93 %`).
    static func percent(_ share: Double) -> TextArgument { .percent((share * 100).rounded() / 100) }
    static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
}
