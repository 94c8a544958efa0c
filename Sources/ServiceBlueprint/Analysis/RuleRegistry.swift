/// The built-in rules and lookups over rule sets.
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
