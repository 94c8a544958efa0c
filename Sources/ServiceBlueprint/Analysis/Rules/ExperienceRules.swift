/// Number formatting shared by the experience rules and the journey map: one decimal at most, no
/// trailing zero.
package enum ExperienceText {
    /// `value` with one decimal at most; whole numbers without a decimal point. A figure too large
    /// for an integer (a target of 1e20 in a file) is written as a floating-point number, never trapped on.
    package static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        guard rounded.isFinite else { return String(value) }
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// "NPS 12 (240 answers, 2026-Q2)".
    static func describe(_ kpi: KPI, _ measurement: KPIMeasurement, figure: Double) -> TextArgument {
        var context: [TextArgument] = []
        if let sample = measurement.sampleSize {
            context.append(.phrase(LocalizedText(kpi.kind.isSurvey ? "kpi.answers" : "kpi.cases", ["count": .integer(sample)])))
        }
        if let period = measurement.period { context.append(.verbatim(period)) }
        let arguments: [String: TextArgument] = ["kpi": .verbatim(kpi.title), "figure": .verbatim(number(figure)), "context": .enumeration(context)]
        return .phrase(LocalizedText(context.isEmpty ? "kpi.figure" : "kpi.figure.context", arguments))
    }

    /// The steps a KPI is measured at, for the finding's location: its step, else nothing.
    static func steps(of kpi: KPI, in context: AnalysisContext) -> [Int32] {
        kpi.step.flatMap { context.graph.index(of: $0) }.map { [$0] } ?? []
    }
}

/// `experience-kpi-below-target`: a KPI whose current measurement misses its target.
public struct KPIBelowTargetRule: BlueprintRule {
    /// `experience-kpi-below-target`.
    public let id = "experience-kpi-below-target"
    /// The title.
    public let title = "KPI misses its target"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        The last measurement of a KPI is below its target (above it for times, error rates and cost): the \
        experience or the process does not deliver what was agreed.
        """
    /// How to fix a finding.
    public let howToFix = """
        Look at the steps, standards and pain points where the KPI is measured and improve them; or agree a \
        target the service can meet.
        """

    /// Creates the rule.
    public init() {}

    /// One finding per KPI whose current figure misses its target, in KPI order.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        context.blueprint.kpis.enumerated().compactMap { index, kpi in
            guard let current = kpi.current, let figure = current.figure(for: kpi.kind), let target = kpi.target,
                kpi.misses(figure)
            else { return nil }
            let gap = abs(figure - target)
            let arguments: [String: TextArgument] = [
                "measured": ExperienceText.describe(kpi, current, figure: figure), "kpi": .verbatim(kpi.title),
                "target": .verbatim(ExperienceText.number(target)), "gap": .verbatim(ExperienceText.number(gap)),
            ]
            return context.finding(
                LocalizedText("finding.experience-kpi-below-target", arguments.filter { $0.key != "kpi" }),
                steps: ExperienceText.steps(of: kpi, in: context), path: ["kpis", index],
                fix: SuggestedFix(
                    .custom("improve-kpi"),
                    text: LocalizedText("fix.experience-kpi-below-target", arguments.filter { $0.key != "measured" })))
        }
    }
}

/// `experience-sample-too-small`: a survey measurement from too few answers to compare.
public struct KPISampleTooSmallRule: BlueprintRule {
    /// `experience-sample-too-small`.
    public let id = "experience-sample-too-small"
    /// The title.
    public let title = "Too few answers to compare"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        A survey score (NPS, CSAT, CES or custom) comes from fewer answers than it takes to compare it at 95 % \
        confidence (±10 points for NPS and CSAT, ±0.5 for mean scores), or says nothing of its sample: a \
        change between periods may be noise.
        """
    /// How to fix a finding.
    public let howToFix = "Collect at least the number of answers the finding names before comparing, or pool periods."

    /// Creates the rule.
    public init() {}

    /// One finding per survey KPI whose current measurement is too small or has no sample, in KPI order.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        context.blueprint.kpis.enumerated().compactMap { index, kpi in
            guard kpi.kind.isSurvey, let current = kpi.current, let needed = current.requiredSample(for: kpi.kind) else {
                return nil
            }
            let steps = ExperienceText.steps(of: kpi, in: context)
            var arguments: [String: TextArgument] = ["kpi": .verbatim(kpi.title), "needed": .integer(needed)]
            let fix = SuggestedFix(.custom("collect-answers"), text: LocalizedText("fix.experience-sample-too-small", arguments))
            guard let sample = current.sampleSize else {
                return context.finding(
                    LocalizedText("finding.experience-sample-too-small.unknown", arguments), steps: steps, path: ["kpis", index], fix: fix)
            }
            guard sample < needed else { return nil }
            arguments["sample"] = .integer(sample)
            arguments["more"] = .integer(needed - sample)
            let key = kpi.kind == .nps || kpi.kind == .csat ? "points" : "score"
            return context.finding(
                LocalizedText("finding.experience-sample-too-small.\(key)", arguments), steps: steps, path: ["kpis", index], fix: fix)
        }
    }
}

/// `missing-touchpoint-kpi`: a touchpoint that hurts the customer and has no KPI watching it.
public struct MissingTouchpointKPIRule: BlueprintRule {
    /// `missing-touchpoint-kpi`.
    public let id = "missing-touchpoint-kpi"
    /// The title.
    public let title = "Pain point without a KPI"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        In a blueprint that measures KPIs, a touchpoint has a pain point or a negative emotion, but no KPI is \
        measured at it or over its stage: nobody will see whether the fix worked.
        """
    /// How to fix a finding.
    public let howToFix = "Measure a KPI at the touchpoint (`kpis:` with `step:`), e.g. CSAT or CES right after it."

    /// Creates the rule.
    public init() {}

    /// One finding per such touchpoint, in step order.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let blueprint = context.blueprint
        // Only where the service measures KPIs at all: a blueprint without any is not asked for them.
        guard !blueprint.kpis.isEmpty else { return [] }
        let measuredSteps = Set(blueprint.kpis.compactMap(\.step))
        let measuredStages = Set(blueprint.kpis.compactMap(\.stage))
        var findings: [Finding] = []
        for v in 0..<Int32(context.graph.stepCount) {
            let step = context.step(v)
            guard step.isTouchpoint, !step.painPoints.isEmpty || (step.emotion ?? 0) < 0,
                !measuredSteps.contains(step.id), !measuredStages.contains(step.stage)
            else { continue }
            let text = step.painPoints.first.map {
                LocalizedText("finding.missing-touchpoint-kpi.painPoint", ["step": context.step(argument: v), "painPoint": .quoted($0)])
            } ?? LocalizedText("finding.missing-touchpoint-kpi.emotion", ["step": context.step(argument: v), "emotion": .integer(step.emotion ?? 0)])
            findings.append(context.finding(
                text, steps: [v],
                fix: SuggestedFix(
                    .custom("measure-touchpoint"),
                    text: LocalizedText("fix.missing-touchpoint-kpi", ["step": context.step(argument: v)]))))
        }
        return findings
    }
}
