/// Money per case, for findings that remove or speed up work: what the removed runs of steps cost in a
/// journey (labour and fixed costs, weighted by how often a case reaches them), and what the lead time
/// saved is worth at the journey's ``Journey/costOfDelay``.
///
/// Built only when the blueprint models costs (``init(_:)`` returns `nil` otherwise), so the findings of a
/// blueprint without costs stay exactly as they were.
package struct CaseMoney: Sendable {
    /// The blueprint's currency, if any.
    let currency: String?
    /// Per journey, in blueprint order: its cost (with each step's share) and its cost of delay per hour.
    private let journeys: [(cost: JourneyCost, delayPerHour: Double?)]

    /// `nil` when no actor has a rate, no step a cost and no journey a cost of delay, or there is no journey.
    package init?(_ blueprint: Blueprint) {
        guard !blueprint.journeys.isEmpty,
            blueprint.actors.contains(where: { $0.rate != nil }) || blueprint.steps.contains(where: { $0.cost != nil })
                || blueprint.journeys.contains(where: { $0.costOfDelay != nil })
        else { return nil }
        let delay = Dictionary(blueprint.journeys.map { ($0.id, $0.costOfDelay) }, uniquingKeysWith: { first, _ in first })
        journeys = blueprint.journeyCosts().map { ($0, delay[$0.journeyID] ?? nil) }
        currency = blueprint.currency
    }

    /// The journey named, else the first journey that reaches every step in `steps`.
    private func journey(_ id: String?, reaching steps: [String]) -> Int? {
        if let id, let index = journeys.firstIndex(where: { $0.cost.journeyID == id }) { return index }
        return journeys.firstIndex { journey in steps.allSatisfy { journey.cost.stepCosts[$0] != nil } }
    }

    /// What a case of the journey spends on `steps` (each counted once), plus `saved` lead time at the
    /// journey's cost of delay; `nil` when nothing of it is costed.
    package func saving(removing steps: [String] = [], leadTime saved: BlueprintDuration? = nil, journey id: String?) -> Double? {
        guard let j = journey(id, reaching: steps) else { return nil }
        var total = 0.0
        var known = false
        for step in Set(steps) {
            if let cost = journeys[j].cost.stepCosts[step] {
                total += cost
                known = true
            }
        }
        if let saved, saved.seconds > 0, let rate = journeys[j].delayPerHour {
            total += rate * saved.seconds / 3_600
            known = true
        }
        return known && total >= 0.005 ? total : nil
    }

    /// What the extra rounds of a rework loop through `steps` cost a case (see ``JourneyCost/rework``).
    package func reworkCost(of steps: [String], journey id: String?) -> Double? {
        guard let j = journey(id, reaching: steps) else { return nil }
        let total = Set(steps).reduce(0.0) { $0 + (journeys[j].cost.stepRework[$1] ?? 0) }
        return total >= 0.005 ? total : nil
    }

    /// `amount` written with the currency: `¥18.40`, `18.40 EUR`, or `18.40` without one.
    package func text(_ amount: Double) -> TextArgument { .verbatim(Money.text(amount, currency: currency)) }
}

/// How amounts of money are written.
package enum Money {
    /// Two decimals; a symbol (`¥`, `€`, `$`) before the amount, a code (`EUR`) after it with a space.
    package static func text(_ amount: Double, currency: String?) -> String {
        guard amount.isFinite else { return String(amount) }
        let sign = amount < 0 ? "−" : ""
        let cents = (abs(amount) * 100).rounded()
        let figure: String
        if cents < 1e15 {
            let whole = Int(cents)
            figure = "\(whole / 100)." + (whole % 100 < 10 ? "0" : "") + "\(whole % 100)"
        } else {
            figure = String(abs(amount))
        }
        guard let currency, !currency.isEmpty else { return sign + figure }
        return currency.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) ? "\(sign)\(figure) \(currency)" : "\(sign)\(currency)\(figure)"
    }
}
