/// The built-in rules and lookups over rule sets.
///
/// Assembled here, above the rule families, so that Analysis (the engine and its rules) and Capacity
/// (the queueing model and its rules) need not know each other.
public enum RuleRegistry {
    /// Every built-in rule, grouped by family: redundant steps, parallelizable chains, missing
    /// standards, structure, and capacity (``capacity``).
    public static let builtIn: [any BlueprintRule] = analysis + capacity

    /// The rules that need no demand or capacity data: redundancy, parallelism, standards, structure.
    public static let analysis: [any BlueprintRule] = [
        RedundantInformationRequestRule(),
        RedundantDuplicateStepRule(),
        RedundantStackedApprovalRule(),
        RedundantUnusedOutputRule(),
        RedundantReworkLoopRule(),
        RedundantHandoffBounceRule(),
        ParallelizableChainRule(),
        MissingTimeStandardRule(),
        MissingResponseCommitmentRule(),
        MissingServiceStandardRule(),
        MissingRecoveryPlanRule(),
        MissingWaitToleranceRule(),
        MissingOwnerRule(),
        MissingJourneyTargetRule(),
        InconsistentTimeStandardsRule(),
        // Issue 11: rules on what the model states (journey engineer).
        WaitExceedsToleranceRule(),
        JourneyOverTargetRule(),
        StandardImpossibleAfterWaitRule(),
        StructureNoFlowRule(),
        StructureUnreachableStepRule(),
        StructureDeadEndRule(),
        StructureUnsupportedBackstageRule(),
        StructureUnsupportedCustomerActionRule(),
        StructureTouchpointWithoutEvidenceRule(),
        // Issue 16: the customer's side (journey engineer).
        KPIBelowTargetRule(),
        KPISampleTooSmallRule(),
        MissingTouchpointKPIRule(),
        // Issue 16: SERVQUAL coverage (kpi16).
        ServqualUncoveredDimensionRule(),
        ServqualUnprotectedPainPointRule(),
    ]

    /// The capacity rules: queues that cannot keep up, queues close to it, the bottleneck, declared
    /// bottlenecks checked against the numbers, and each journey's throughput ceiling.
    ///
    /// They all read the same ``CapacityAnalysis`` (M/M/c queues from demand, capacity and working hours)
    /// and are silent when no journey has demand or no actor has a capacity.
    public static let capacity: [any BlueprintRule] = [
        CapacityUnstableRule(),
        CapacityHighUtilizationRule(),
        CapacityBottleneckRule(),
        CapacityDeclaredBottleneckContradictedRule(),
        CapacityDeclaredBottleneckConfirmedRule(),
        CapacityThroughputCeilingRule(),
    ]

    /// The built-in rule with the given id.
    public static func rule(_ id: String, in rules: [any BlueprintRule] = builtIn) -> (any BlueprintRule)? {
        rules.first { $0.id == id }
    }

    /// A Markdown table of the rules: id, default severity, title, and how to fix — for docs and `blueprint rules`.
    public static func markdownTable(_ rules: [any BlueprintRule] = builtIn) -> String {
        var lines = ["| id | severity | finds | how to fix |", "|---|---|---|---|"]
        for rule in rules {
            lines.append("| `\(rule.id)` | \(rule.defaultSeverity) | \(rule.rationale) | \(rule.howToFix) |")
        }
        return lines.joined(separator: "\n")
    }
}
