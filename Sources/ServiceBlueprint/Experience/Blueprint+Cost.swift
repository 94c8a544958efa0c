/// The cost of one case of a journey: labour (actor rate × likely time) and fixed step costs, weighted by
/// how often each step runs per customer.
public struct JourneyCost: Sendable, Hashable {
    /// The journey, by id.
    public let journeyID: String
    /// The expected cost of one case (one customer who starts the journey).
    public let perCase: Double
    /// The same cost split by the lane of each step.
    public let byLane: [Lane: Double]
    /// The part the customer never sees: backstage and support work.
    public var invisible: Double { (byLane[.backstage] ?? 0) + (byLane[.support] ?? 0) }
    /// The cost of waste: steps classed `waste`, and the extra rounds of rework loops (the runs a case
    /// would not make if no `rework` flow sent work back).
    public let waste: Double
    /// The part of ``waste`` that is rework: the extra rounds of steps not classed `waste`.
    public var rework: Double = 0
    /// Steps that run in the journey without a known cost (no rate on their actor and no fixed cost), by id.
    public let uncosted: [String]
    /// Per costed step id: what a case spends on it, all runs.
    package var stepCosts: [String: Double] = [:]
    /// Per costed step id: what a case spends on its extra rounds of rework.
    package var stepRework: [String: Double] = [:]
}

extension Blueprint {
    /// The cost of one run of a step: its actor's ``Actor/rate`` × its likely time in hours, plus its fixed
    /// ``Step/cost``; `nil` when neither is known. Waits cost no labour.
    public func costPerRun(of step: Step) -> Double? {
        var labour: Double?
        if step.kind != .wait, let id = step.actor, let rate = actor(id)?.rate, let duration = step.duration {
            labour = rate * duration.likely.seconds / 3_600
        }
        guard labour != nil || step.cost != nil else { return nil }
        return (labour ?? 0) + (step.cost ?? 0)
    }

    /// The expected cost of one case of each journey (see ``JourneyCost``), in journey order.
    ///
    /// Each step counts as often as a customer who starts the journey reaches it: branch probabilities split
    /// the cost of exclusive branches, parallel branches all count, and rework loops count their expected
    /// rounds (the visit rates of ``CapacityAnalysis``). The extra rounds are the visits beyond those of the
    /// same blueprint without its `rework` flows, so a loop on a branch half the cases take counts half.
    public func journeyCosts() -> [JourneyCost] {
        let capacity = CapacityAnalysis(self)
        var stepByID: [String: Step] = [:]
        for step in steps where stepByID[step.id] == nil { stepByID[step.id] = step }
        // Visits of one pass, without the loops: what a case would cost if no work came back.
        var firstPass: [[String: Double]] = []
        if flows.contains(where: { $0.kind == .rework }) {
            var straight = self
            straight.flows.removeAll { $0.kind == .rework }
            firstPass = CapacityAnalysis(straight).journeys.map { journey in
                Dictionary(journey.visits.map { ($0.stepID, $0.visits) }, uniquingKeysWith: +)
            }
        }
        return capacity.journeys.enumerated().map { index, journey in
            var total = 0.0
            var byLane: [Lane: Double] = [:]
            var waste = 0.0
            var uncosted: [String] = []
            var rework = 0.0
            var stepCosts: [String: Double] = [:]
            var stepRework: [String: Double] = [:]
            for visit in journey.visits where visit.visits > 0 {
                guard let step = stepByID[visit.stepID] else { continue }
                guard let run = costPerRun(of: step) else {
                    if step.lane != .customer, step.lane != .evidence { uncosted.append(step.id) }
                    continue
                }
                let cost = run * visit.visits
                let base = index < firstPass.count ? firstPass[index][visit.stepID] ?? 0 : visit.visits
                let extra = run * max(visit.visits - base, 0)
                total += cost
                byLane[step.lane, default: 0] += cost
                stepCosts[step.id, default: 0] += cost
                if extra > 0 { stepRework[step.id, default: 0] += extra }
                if step.value != .waste { rework += extra }
                waste += step.value == .waste ? cost : extra
            }
            return JourneyCost(
                journeyID: journey.journeyID, perCase: total, byLane: byLane, waste: waste, rework: rework, uncosted: uncosted,
                stepCosts: stepCosts, stepRework: stepRework)
        }
    }

    /// The expected cost of one case of the journey with id `journeyID`, or `nil` when there is no such journey.
    public func costPerCase(of journeyID: String) -> JourneyCost? {
        journeyCosts().first { $0.journeyID == journeyID }
    }
}

/// The cost of waste in one case of a journey (issue 16): steps classed `waste`, rework, and the steps the
/// redundancy findings would remove (merged duplicates, stacked approvals, unused work, repeated captures).
public struct WasteCost: Sendable, Hashable {
    /// The journey, by id.
    public let journeyID: String
    /// The cost of one case, for the share (see ``JourneyCost/perCase``).
    public let perCase: Double
    /// Steps classed `waste`, each with all its runs.
    public let wasteSteps: Double
    /// Extra runs of rework loops, of steps not classed `waste`.
    public let rework: Double
    /// Steps the redundancy findings would remove that are not classed `waste`.
    public let redundant: Double
    /// The steps counted in ``redundant``, by id, in blueprint order.
    public let redundantSteps: [String]
    /// All of it.
    public var total: Double { wasteSteps + rework + redundant }
    /// ``total`` as a share of the cost per case (0…1); `nil` when a case costs nothing.
    public var share: Double? { perCase > 0 ? total / perCase : nil }
}

extension Blueprint {
    /// The cost of waste per case of each journey, in journey order, with the redundant steps taken from
    /// `findings` (an analysis of this blueprint): the steps their fixes remove.
    public func wasteCosts(findings: [Finding]) -> [WasteCost] {
        var removed = Set<String>()
        for finding in findings where finding.ruleID.hasPrefix("redundant-") {
            removed.formUnion(CaseMoney.removedSteps(by: finding))
        }
        var stepByID: [String: Step] = [:]
        for step in steps where stepByID[step.id] == nil { stepByID[step.id] = step }
        let order = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return journeyCosts().map { cost in
            var redundant = 0.0
            var redundantSteps: [String] = []
            for id in removed.sorted() where stepByID[id]?.value != .waste {
                guard let spent = cost.stepCosts[id] else { continue }
                // Its first pass only: the extra rounds are rework already.
                redundant += spent - (cost.stepRework[id] ?? 0)
                redundantSteps.append(id)
            }
            return WasteCost(
                journeyID: cost.journeyID, perCase: cost.perCase, wasteSteps: cost.waste - cost.rework, rework: cost.rework,
                redundant: redundant, redundantSteps: redundantSteps.sorted { order[$0, default: 0] < order[$1, default: 0] })
        }
    }
}
