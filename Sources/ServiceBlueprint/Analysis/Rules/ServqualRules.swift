/// The words of the SERVQUAL rules and the report's table.
package enum ServqualText {
    /// The dimension's name as a placeholder value ("empathy", "移情性").
    package static func name(_ dimension: ServqualDimension) -> TextArgument {
        .phrase(LocalizedText("servqual.dimension.\(dimension.rawValue)"))
    }

    /// The stage's title as a placeholder value; the implicit stage is "the steps without a stage".
    static func stage(_ id: String, in blueprint: Blueprint) -> TextArgument {
        guard id != Stage.implicitID else { return .phrase(LocalizedText("servqual.stage.implicit")) }
        return .quoted(blueprint.stages.first { $0.id == id }?.title ?? id)
    }

    /// The touchpoints of a stage, by step index: where a new standard would go, and what the viewer highlights.
    static func touchpoints(ofStage id: String, in context: AnalysisContext) -> [Int32] {
        (0..<Int32(context.graph.stepCount)).filter {
            let step = context.step($0)
            return step.stage == id && step.isTouchpoint
        }
    }

    /// Where a standard in `dimension` belongs in a stage: a touchpoint the organisation serves (not the
    /// customer's own step), for tangibles one that shows evidence, for assurance and empathy one a person
    /// serves; else any such touchpoint; `nil` when the stage has none.
    static func target(for dimension: ServqualDimension, stage id: String, in context: AnalysisContext) -> Int32? {
        let served = touchpoints(ofStage: id, in: context).filter { context.step($0).lane != .customer }
        let kinds = Dictionary(context.blueprint.actors.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let fitting = served.first { v in
            let step = context.step(v)
            switch dimension {
            case .tangibles: return !step.evidence.isEmpty
            case .assurance, .empathy: return step.kind != .automated && step.actor.flatMap { kinds[$0] } != .system
            case .reliability, .responsiveness: return true
            }
        }
        return fitting ?? served.first
    }

    /// The model path of a stage, `stages[i]`; `nil` for the implicit stage.
    static func path(ofStage id: String, in blueprint: Blueprint) -> ModelPath? {
        blueprint.stages.firstIndex { $0.id == id }.map { ["stages", $0] }
    }
}

/// `experience-servqual-gap`: a stage where the customer meets the service in a way a SERVQUAL
/// dimension judges, and no standard of the stage protects that dimension.
public struct ServqualUncoveredDimensionRule: BlueprintRule {
    /// `experience-servqual-gap`.
    public let id = "experience-servqual-gap"
    /// The title.
    public let title = "Stage with an unprotected SERVQUAL dimension"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        In a blueprint that tags standards with SERVQUAL dimensions, a stage gives the customer something a \
        dimension judges (evidence: tangibles; a touchpoint: reliability and responsiveness; a person serving: \
        assurance and empathy) but no standard of the stage protects it: that kind of quality is left to chance.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add a standard tagged with the dimension to a touchpoint of the stage (`standards:` with `dimension:`), \
        or tag an existing one; response and start commitments count as responsiveness.
        """

    /// Creates the rule.
    public init() {}

    /// One finding per stage with gaps, in column order, naming every unprotected dimension.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let blueprint = context.blueprint
        let coverage = ServqualCoverage.forRules(context)
        guard coverage.isTagged else { return [] }
        var findings: [Finding] = []
        for (column, stageID) in coverage.stages.enumerated() {
            let gaps = coverage.gaps(stage: column)
            guard !gaps.isEmpty else { continue }
            let touchpoints = ServqualText.touchpoints(ofStage: stageID, in: context)
            let arguments: [String: TextArgument] = [
                "stage": ServqualText.stage(stageID, in: blueprint), "dimensions": .list(gaps.map(ServqualText.name)),
                "dimension": ServqualText.name(gaps[0]), "key": .verbatim(gaps[0].rawValue),
            ]
            let fixTarget: [String: TextArgument] = ServqualText.target(for: gaps[0], stage: stageID, in: context)
                .map { ["step": context.step(argument: $0)] } ?? [:]
            findings.append(context.finding(
                LocalizedText(gaps.count == 1 ? "finding.experience-servqual-gap.one" : "finding.experience-servqual-gap", arguments),
                steps: touchpoints, path: ServqualText.path(ofStage: stageID, in: blueprint) ?? touchpoints.first.map(context.path(ofStep:)),
                fix: SuggestedFix(
                    .custom("add-servqual-standard"),
                    text: LocalizedText(
                        fixTarget.isEmpty ? "fix.experience-servqual-gap.stage" : "fix.experience-servqual-gap",
                        arguments.merging(fixTarget) { first, _ in first }))))
        }
        return findings
    }
}

/// `experience-servqual-pain-point`: a pain point tagged with the dimension it hurts, and no standard on
/// its step or in its stage that protects that dimension.
public struct ServqualUnprotectedPainPointRule: BlueprintRule {
    /// `experience-servqual-pain-point`.
    public let id = "experience-servqual-pain-point"
    /// The title.
    public let title = "Pain point with no standard in its dimension"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A step or stage has pain points tagged with the SERVQUAL dimension they hurt (`painDimension:`), but no \
        standard in that stage protects the dimension: the known hurt has nothing that would prevent it.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add a standard in the pain point's dimension to the step or another step of its stage (a response \
        commitment for responsiveness, an SOP with a check for reliability, a service script for empathy), \
        tagged with `dimension:`.
        """

    /// Creates the rule.
    public init() {}

    /// One finding per step with tagged, unprotected pain points (step order), then per such stage whose
    /// dimension no step of it was reported for.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let blueprint = context.blueprint
        let coverage = ServqualCoverage.forRules(context)
        let column = Dictionary(coverage.stages.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func unprotected(_ dimension: ServqualDimension, in stage: String) -> Bool {
            column[stage].map { !coverage.isProtected(dimension, stage: $0) } ?? false
        }
        var findings: [Finding] = []
        // A stage's pain in a dimension already reported on one of its steps is the same gap: said once.
        var reported = Set<String>()
        for v in 0..<Int32(context.graph.stepCount) {
            let step = context.step(v)
            guard let dimension = step.painDimension, let pain = step.painPoints.first, unprotected(dimension, in: step.stage) else {
                continue
            }
            reported.insert(step.stage + "\u{1F}" + dimension.rawValue)
            let arguments: [String: TextArgument] = [
                "step": context.step(argument: v), "painPoint": .quoted(pain), "dimension": ServqualText.name(dimension),
                "stage": ServqualText.stage(step.stage, in: blueprint), "key": .verbatim(dimension.rawValue),
            ]
            // The standard goes where the organisation serves the customer, not on the customer's own step.
            let target = context.step(v).lane == .customer ? ServqualText.target(for: dimension, stage: step.stage, in: context) : v
            let fix = target.map {
                LocalizedText("fix.experience-servqual-pain-point.\(dimension.rawValue)", arguments.merging(["step": context.step(argument: $0)]) { _, new in new })
            } ?? LocalizedText("fix.experience-servqual-pain-point.stage", arguments)
            findings.append(context.finding(
                LocalizedText("finding.experience-servqual-pain-point", arguments), steps: [v] + (target.map { $0 == v ? [] : [$0] } ?? []),
                fix: SuggestedFix(.custom("add-servqual-standard"), text: fix)))
        }
        for (index, stage) in blueprint.stages.enumerated() {
            guard let dimension = stage.painDimension, let pain = stage.painPoints.first, unprotected(dimension, in: stage.id),
                !reported.contains(stage.id + "\u{1F}" + dimension.rawValue)
            else { continue }
            let touchpoints = ServqualText.touchpoints(ofStage: stage.id, in: context)
            let arguments: [String: TextArgument] = [
                "painPoint": .quoted(pain), "dimension": ServqualText.name(dimension), "stage": ServqualText.stage(stage.id, in: blueprint),
                "key": .verbatim(dimension.rawValue),
            ]
            findings.append(context.finding(
                LocalizedText("finding.experience-servqual-pain-point.stage", arguments), steps: touchpoints, path: ["stages", index],
                fix: SuggestedFix(.custom("add-servqual-standard"), text: LocalizedText("fix.experience-servqual-pain-point.stage", arguments))))
        }
        return findings
    }
}

extension ServqualCoverage {
    /// The coverage of the analysed blueprint, computed once per run for both SERVQUAL rules (see `AnalysisRunCache`).
    static func forRules(_ context: AnalysisContext) -> ServqualCoverage { context.cache.value(RunKey.self, context: context) }

    /// The coverage in the run cache.
    enum RunKey: AnalysisRunKey {
        static func make(_ context: AnalysisContext) -> ServqualCoverage { context.blueprint.servqualCoverage() }
    }
}
