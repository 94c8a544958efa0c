import ServiceBlueprint

/// `diff`'s KPI and cost deltas (issue 16), every word from the catalog (`cli.diff.kpi…`, `cost.diff…`).
extension BlueprintComparison {
    /// One KPI compared, for JSON: numbers in the KPI's unit (`null` when a version lacks them) and the
    /// same figures as text under `display`.
    struct KPIDelta: Encodable {
        struct Display: Encodable {
            var target: String
            var measured: String
            var change: String
        }
        var id: String
        var kind: String
        var oldTarget: Double?
        var newTarget: Double?
        var old: Double?
        var new: Double?
        var change: Double?
        var improved: Bool?
        var oldSample: Int?
        var newSample: Int?
        var oldPeriod: String?
        var newPeriod: String?
        var display: Display
    }

    /// One journey's cost per case compared, for JSON: amounts in the blueprint's currency.
    struct CostDelta: Encodable {
        struct Display: Encodable {
            var perCase: String
            var invisible: String
            var waste: String
        }
        var journey: String
        var currency: String?
        var old: Double?
        var new: Double?
        var change: Double?
        var oldInvisible: Double?
        var newInvisible: Double?
        var oldWaste: Double?
        var newWaste: Double?
        var display: Display
    }

    /// The KPI deltas for JSON; `nil` when neither version has a KPI (the key is then left out).
    func kpiDeltas(language: Language = .english) -> [KPIDelta]? {
        guard !experience.kpis.isEmpty else { return nil }
        return experience.kpis.map { kpi in
            KPIDelta(
                id: kpi.id, kind: kpi.kind.rawValue, oldTarget: kpi.old?.target, newTarget: kpi.new?.target,
                old: kpi.oldFigure, new: kpi.newFigure, change: kpi.figureChange, improved: kpi.improved,
                oldSample: kpi.old?.current?.sampleSize, newSample: kpi.new?.current?.sampleSize,
                oldPeriod: kpi.old?.current?.period, newPeriod: kpi.new?.current?.period,
                display: .init(
                    target: Self.pair(kpi.old?.target.map(ExperienceText.number), kpi.new?.target.map(ExperienceText.number)),
                    measured: Self.pair(measured(kpi.old, language: language), measured(kpi.new, language: language)),
                    change: kpiChange(kpi, language: language)))
        }
    }

    /// The cost deltas for JSON; `nil` when no journey has a cost in either version.
    func costDeltas(language: Language = .english) -> [CostDelta]? {
        guard !experience.costs.isEmpty else { return nil }
        let money = { (amount: Double?) in amount.map { Money.text($0, currency: experience.currency) } }
        return experience.costs.map { cost in
            CostDelta(
                journey: cost.journeyID, currency: experience.currency, old: cost.old?.perCase, new: cost.new?.perCase,
                change: cost.change, oldInvisible: cost.old?.invisible, newInvisible: cost.new?.invisible,
                oldWaste: cost.old?.waste, newWaste: cost.new?.waste,
                display: .init(
                    perCase: Self.pair(money(cost.old?.perCase), money(cost.new?.perCase)),
                    invisible: Self.pair(money(cost.old?.invisible), money(cost.new?.invisible)),
                    waste: Self.pair(money(cost.old?.waste), money(cost.new?.waste))))
        }
    }

    /// The KPI and cost sections of the text and Markdown output; empty when there is nothing to compare.
    func experienceLines(markdown: Bool, language: Language) -> [String] {
        var lines: [String] = []
        func heading(_ title: String) { lines.append(markdown ? "\n## \(title)\n" : "\n\(title)") }
        if let kpis = kpiDeltas(language: language) {
            heading(language.cli("diff.kpis"))
            if markdown {
                lines.append(language.cli("diff.kpi.header"))
                lines.append("|---|---:|---:|---:|")
            }
            for (kpi, delta) in zip(experience.kpis, kpis) {
                let name = language.cli("diff.kpi.name", ["kpi": .verbatim(kpi.title), "kind": .verbatim(kpi.kind.rawValue)])
                lines.append(markdown
                    ? "| \(name) | \(delta.display.target) | \(delta.display.measured) | \(delta.display.change) |"
                    : "  " + language.cli("diff.kpi.line", [
                        "kpi": .verbatim(name), "target": .verbatim(delta.display.target),
                        "measured": .verbatim(delta.display.measured), "change": .verbatim(delta.display.change),
                    ]))
            }
        }
        if let costs = costDeltas(language: language) {
            heading(LocalizedText("cost.diff.heading").rendered(in: language))
            if markdown {
                lines.append(LocalizedText("cost.diff.header").rendered(in: language))
                lines.append("|---|---:|---:|---:|---:|")
            }
            for (cost, delta) in zip(experience.costs, costs) {
                let change = costChange(cost.change, language: language)
                lines.append(markdown
                    ? "| \(cost.title) | \(delta.display.perCase) | \(change) | \(delta.display.invisible) | \(delta.display.waste) |"
                    : "  " + LocalizedText("cost.diff.line", [
                        "journey": .verbatim(cost.title), "perCase": .verbatim(delta.display.perCase), "change": .verbatim(change),
                        "invisible": .verbatim(delta.display.invisible), "waste": .verbatim(delta.display.waste),
                    ]).rendered(in: language))
            }
        }
        return lines
    }

    /// "a → b", or one value when both are the same; "–" for a missing side.
    static func pair(_ old: String?, _ new: String?) -> String {
        old == new ? old ?? "–" : "\(old ?? "–") → \(new ?? "–")"
    }

    /// "31 (260 answers, 2026-Q2)", or "–" when not measured.
    func measured(_ kpi: KPI?, language: Language) -> String? {
        guard let kpi, let current = kpi.current, let figure = current.figure(for: kpi.kind) else { return nil }
        var context: [TextArgument] = []
        if let sample = current.sampleSize {
            context.append(.phrase(LocalizedText(kpi.kind.isSurvey ? "kpi.answers" : "kpi.cases", ["count": .integer(sample)])))
        }
        if let period = current.period { context.append(.verbatim(period)) }
        guard !context.isEmpty else { return ExperienceText.number(figure) }
        return language.cli("diff.kpi.measured", ["figure": .verbatim(ExperienceText.number(figure)), "context": .enumeration(context)])
    }

    /// "+9, better", "no change", "added", "removed", or "–" when a version is not measured.
    func kpiChange(_ kpi: ExperienceDiff.KPIChange, language: Language) -> String {
        if kpi.old == nil { return language.cli("diff.kpi.added") }
        if kpi.new == nil { return language.cli("diff.kpi.removed") }
        guard let change = kpi.figureChange else { return kpi.isUnchanged ? language.cli("diff.delta.noChange") : "–" }
        guard let improved = kpi.improved else { return language.cli("diff.delta.noChange") }
        let signed = (change > 0 ? "+" : "−") + ExperienceText.number(abs(change))
        return language.cli(improved ? "diff.kpi.better" : "diff.kpi.worse", ["change": .verbatim(signed)])
    }

    /// "−¥12.30", "no change", or "–".
    func costChange(_ change: Double?, language: Language) -> String {
        guard let change else { return "–" }
        guard abs(change) >= 0.005 else { return language.cli("diff.delta.noChange") }
        return (change > 0 ? "+" : "−") + Money.text(abs(change), currency: experience.currency)
    }
}
