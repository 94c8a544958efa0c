/// What changed on the customer's side between two versions of a blueprint (issue 16): each KPI's target
/// and current measurement, and each journey's cost per case.
public struct ExperienceDiff: Sendable, Hashable {
    /// One KPI in either version, matched by id.
    public struct KPIChange: Sendable, Hashable {
        /// The KPI's id.
        public var id: String
        /// Its title in the new version (the old one's when removed).
        public var title: String
        /// What it measures (new version, else old).
        public var kind: KPIKind
        /// The KPI in the old version; `nil` when added.
        public var old: KPI?
        /// The KPI in the new version; `nil` when removed.
        public var new: KPI?

        /// The current figure of the old version.
        public var oldFigure: Double? { old?.currentFigure }
        /// The current figure of the new version.
        public var newFigure: Double? { new?.currentFigure }
        /// New figure − old figure; `nil` unless both are measured.
        public var figureChange: Double? {
            guard let oldFigure, let newFigure else { return nil }
            return newFigure - oldFigure
        }
        /// New target − old target; `nil` unless both have one.
        public var targetChange: Double? {
            guard let a = old?.target, let b = new?.target else { return nil }
            return b - a
        }
        /// `true` when the figure moved the good way (up for scores, down for times, errors and cost);
        /// `nil` when it did not move or is not measured in both.
        public var improved: Bool? {
            guard let change = figureChange, change != 0 else { return nil }
            return kind.higherIsBetter ? change > 0 : change < 0
        }
        /// `true` when target, current figure, sample and period are the same in both versions.
        public var isUnchanged: Bool {
            old?.target == new?.target && old?.current == new?.current && old != nil && new != nil
        }
    }

    /// One journey's cost per case in either version, matched by id.
    public struct CostChange: Sendable, Hashable {
        /// The journey's id.
        public var journeyID: String
        /// Its title in the new version (the old one's when removed).
        public var title: String
        /// The cost in the old version; `nil` when the journey is new there or costs nothing.
        public var old: JourneyCost?
        /// The cost in the new version.
        public var new: JourneyCost?
        /// New cost per case − old; `nil` unless both are known.
        public var change: Double? {
            guard let old, let new else { return nil }
            return new.perCase - old.perCase
        }
    }

    /// Every KPI of either version: the old version's order, then those added.
    public var kpis: [KPIChange]
    /// Every journey with a cost in either version, in the same order.
    public var costs: [CostChange]
    /// The new version's currency (else the old one's), to write amounts.
    public var currency: String?

    /// `true` when neither version has a KPI or a costed journey.
    public var isEmpty: Bool { kpis.isEmpty && costs.isEmpty }

    /// Compares the KPIs and costs of `old` and `new`.
    public init(old: Blueprint, new: Blueprint) {
        func merged<Item>(_ a: [Item], _ b: [Item], id: (Item) -> String) -> [(String, Item?, Item?)] {
            let newByID = Dictionary(b.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
            let oldIDs = Set(a.map(id))
            var seen = Set<String>()
            var result: [(String, Item?, Item?)] = []
            for item in a where seen.insert(id(item)).inserted { result.append((id(item), item, newByID[id(item)])) }
            for item in b where !oldIDs.contains(id(item)) && seen.insert(id(item)).inserted { result.append((id(item), nil, item)) }
            return result
        }
        kpis = merged(old.kpis, new.kpis, id: \.id).map { id, a, b in
            KPIChange(id: id, title: (b ?? a)?.title ?? id, kind: (b ?? a)?.kind ?? .custom, old: a, new: b)
        }
        let oldCosts = old.journeyCosts().filter { $0.perCase > 0 }
        let newCosts = new.journeyCosts().filter { $0.perCase > 0 }
        let titles = Dictionary((old.journeys + new.journeys).map { ($0.id, $0.title) }, uniquingKeysWith: { _, last in last })
        costs = merged(oldCosts, newCosts, id: \.journeyID).map { id, a, b in
            CostChange(journeyID: id, title: titles[id] ?? id, old: a, new: b)
        }
        currency = new.currency ?? old.currency
    }
}
