/// `structure-no-flow`: steps that no flow and no association touches.
public struct StructureNoFlowRule: BlueprintRule {
    /// `structure-no-flow`.
    public let id = "structure-no-flow"
    /// The title.
    public let title = "Step in no flow"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        No flow leads to or from the step, and no association relates it to another step: it floats \
        outside the service, so no journey, path or figure includes it. Usually a flow is missing. \
        Blueprints with a single step are exempt.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add the flow into or out of the step; relate it to its column with an association when it has no \
        order; or remove it.
        """

    /// Creates the rule.
    public init() {}

    /// Finds the steps in no flow, in step order.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let isolated = Self.isolatedSteps(context.blueprint, graph: context.graph)
        return isolated.map { v in
            context.finding(
                LocalizedText("finding.structure-no-flow", ["step": context.step(argument: v)]),
                steps: [v],
                fix: SuggestedFix(
                    .connectStep(step: context.step(v).id),
                    text: LocalizedText("fix.structure-no-flow", ["step": context.step(argument: v)])))
        }
    }

    /// The steps (graph indices, ascending) that no flow and no association touches; none when the
    /// blueprint has fewer than two steps.
    static func isolatedSteps(_ blueprint: Blueprint, graph: BlueprintGraph) -> [Int32] {
        guard graph.stepCount > 1 else { return [] }
        var touched = [Bool](repeating: false, count: graph.stepCount)
        func mark(_ id: String) { if let v = graph.index(of: id) { touched[Int(v)] = true } }
        for flow in blueprint.flows {
            mark(flow.from)
            mark(flow.to)
        }
        for association in blueprint.associations {
            mark(association.first)
            mark(association.second)
        }
        return (0..<Int32(graph.stepCount)).filter { !touched[Int($0)] }
    }
}
