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

    /// The model path of a stage, `stages[i]`; `nil` for the implicit stage.
    static func path(ofStage id: String, in blueprint: Blueprint) -> ModelPath? {
        blueprint.stages.firstIndex { $0.id == id }.map { ["stages", $0] }
    }
}

/// `servqual-uncovered-dimension`: a stage where the customer meets the service in a way a SERVQUAL
/// dimension judges, and no standard of the stage protects that dimension.
public struct ServqualUncoveredDimensionRule: BlueprintRule {
    /// `servqual-uncovered-dimension`.
    public let id = "servqual-uncovered-dimension"
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
        let coverage = blueprint.servqualCoverage()
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
            let fixTarget: [String: TextArgument] = touchpoints.first.map { ["step": context.step(argument: $0)] } ?? [:]
            findings.append(context.finding(
                LocalizedText(gaps.count == 1 ? "finding.servqual-uncovered-dimension.one" : "finding.servqual-uncovered-dimension", arguments),
                steps: touchpoints, path: ServqualText.path(ofStage: stageID, in: blueprint) ?? touchpoints.first.map(context.path(ofStep:)),
                fix: SuggestedFix(
                    .custom("add-servqual-standard"),
                    text: LocalizedText(
                        fixTarget.isEmpty ? "fix.servqual-uncovered-dimension.stage" : "fix.servqual-uncovered-dimension",
                        arguments.merging(fixTarget) { first, _ in first }))))
        }
        return findings
    }
}

/// `servqual-unprotected-pain-point`: a pain point tagged with the dimension it hurts, and no standard on
/// its step or in its stage that protects that dimension.
public struct ServqualUnprotectedPainPointRule: BlueprintRule {
    /// `servqual-unprotected-pain-point`.
    public let id = "servqual-unprotected-pain-point"
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
        let coverage = blueprint.servqualCoverage()
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
                "stage": ServqualText.stage(step.stage, in: blueprint),
            ]
            findings.append(context.finding(
                LocalizedText("finding.servqual-unprotected-pain-point", arguments), steps: [v],
                fix: SuggestedFix(.custom("add-servqual-standard"), text: LocalizedText("fix.servqual-unprotected-pain-point.\(dimension.rawValue)", arguments))))
        }
        for (index, stage) in blueprint.stages.enumerated() {
            guard let dimension = stage.painDimension, let pain = stage.painPoints.first, unprotected(dimension, in: stage.id),
                !reported.contains(stage.id + "\u{1F}" + dimension.rawValue)
            else { continue }
            let touchpoints = ServqualText.touchpoints(ofStage: stage.id, in: context)
            let arguments: [String: TextArgument] = [
                "painPoint": .quoted(pain), "dimension": ServqualText.name(dimension), "stage": ServqualText.stage(stage.id, in: blueprint),
            ]
            findings.append(context.finding(
                LocalizedText("finding.servqual-unprotected-pain-point.stage", arguments), steps: touchpoints, path: ["stages", index],
                fix: SuggestedFix(.custom("add-servqual-standard"), text: LocalizedText("fix.servqual-unprotected-pain-point.stage", arguments))))
        }
        return findings
    }
}
