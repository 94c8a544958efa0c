/// One analysis run of a blueprint: its graph, metrics and findings, and what further analyses
/// (capacity) compute from them, made once and shared by everything that shows the results.
///
/// A report, a findings overlay and a drawing of the same blueprint all read one run, so the graph
/// is built once and the capacity analysis runs at most once:
///
/// ```swift
/// let analysis = Analyzer().run(blueprint, sourceMap: document.sourceMap)
/// print(analysis.findings.count, analysis.mainJourney?.leadTime ?? .zero)
/// print(analysis.capacity.bottleneck?.actorID ?? "no bottleneck")
/// ```
public struct BlueprintAnalysis: Sendable {
    /// The shared context of the run (graph, lookups, journey scopes, metrics, cache).
    let context: AnalysisContext
    /// The findings, deterministically sorted (see ``Analyzer/analyze(_:sourceMap:)``).
    public let findings: [Finding]
    /// The family of each rule of the run, by rule id.
    let families: [String: RuleFamily]

    init(context: AnalysisContext, findings: [Finding], rules: [any BlueprintRule]) {
        self.context = context
        self.findings = findings
        var families: [String: RuleFamily] = [:]
        for rule in rules where families[rule.id] == nil { families[rule.id] = rule.family }
        self.families = families
    }

    /// The analyzed blueprint.
    public var blueprint: Blueprint { context.blueprint }
    /// Its flow graph, built once for the run.
    public var graph: BlueprintGraph { context.graph }
    /// Timing and interaction metrics, per journey.
    public var metrics: BlueprintMetrics { context.metrics }
    /// The journey headline figures and drawings speak of (``BlueprintMetrics/mainJourney(of:)``).
    public var mainJourney: JourneyMetrics? { metrics.mainJourney(of: blueprint) }
    /// The findings and metrics as a plain, codable report.
    public var report: AnalysisReport {
        AnalysisReport(blueprintID: blueprint.id, findings: findings, metrics: metrics)
    }

    /// The family of the rule that made `finding` (``RuleFamily/custom`` for a rule not in the run).
    public func family(of finding: Finding) -> RuleFamily { families[finding.ruleID] ?? .custom }
}

extension BlueprintMetrics {
    /// The journey that headline figures, diffs and the drawn critical path speak of: the first
    /// journey with demand, else the first journey, else the whole blueprint.
    public func mainJourney(of blueprint: Blueprint) -> JourneyMetrics? {
        let preferred = blueprint.journeys.first { $0.demand != nil }?.id ?? blueprint.journeys.first?.id
        return journeys.first { $0.journey == preferred } ?? journeys.first
    }
}
