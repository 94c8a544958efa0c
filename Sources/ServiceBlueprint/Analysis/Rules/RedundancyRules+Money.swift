extension CaseMoney {
    /// The redundancy findings with the money their fix saves per case (issue 16), read from the fix: the
    /// steps a merge or removal takes away (a reused capture only when the step goes), the extra rounds a
    /// rework loop no longer runs, and any lead time saved at the journey's cost of delay.
    ///
    /// The message gains one sentence and ``Impact/costSaved`` the amount; findings of a blueprint that
    /// models no costs come back unchanged.
    static func priced(_ findings: [Finding], in context: AnalysisContext) -> [Finding] {
        guard !findings.isEmpty, let money = CaseMoney(context.blueprint) else { return findings }
        return findings.map { money.priced($0) }
    }

    /// The steps a redundancy finding's fix takes away: all but the first of a merge, a removed step, a
    /// captured-again step that can go; none for other fixes.
    static func removedSteps(by finding: Finding) -> [String] {
        switch finding.fix?.action {
        case .mergeSteps(let steps): Array(steps.dropFirst())
        case .removeStep(let step): [step]
        case .reuseInformation(let step, _, _) where finding.impact?.stepsRemoved == 1: [step]
        default: []
        }
    }

    func priced(_ finding: Finding) -> Finding {
        guard let text = finding.text, let action = finding.fix?.action else { return finding }
        let journey = finding.impact?.journey
        let amount: Double?
        let key: String
        let removed = Self.removedSteps(by: finding)
        if case .preventRework = action {
            (amount, key) = (reworkCost(of: finding.stepIDs, journey: journey), "cost.saves.rework")
        } else if !removed.isEmpty {
            (amount, key) = (saving(removing: removed, leadTime: finding.impact?.leadTimeSaved, journey: journey), "cost.saves.removing")
        } else {
            return finding
        }
        guard let amount else { return finding }
        var priced = finding
        let sentence = LocalizedText(key, ["money": self.text(amount)])
        priced.text = LocalizedText.sentences([text, sentence])
        priced.message = priced.text?.rendered(in: .english) ?? finding.message
        var impact = finding.impact ?? Impact()
        impact.costSaved = amount
        priced.impact = impact
        return priced
    }
}
