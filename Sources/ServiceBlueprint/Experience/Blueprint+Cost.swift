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
    /// The cost of waste: steps classed `waste`, and the extra runs of rework loops (visits beyond the first).
    public let waste: Double
    /// Steps that run in the journey without a known cost (no rate on their actor and no fixed cost), by id.
    public let uncosted: [String]
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
    /// rounds (the visit rates of ``CapacityAnalysis``).
    public func journeyCosts() -> [JourneyCost] {
        let capacity = CapacityAnalysis(self)
        var stepByID: [String: Step] = [:]
        for step in steps where stepByID[step.id] == nil { stepByID[step.id] = step }
        return capacity.journeys.map { journey in
            var total = 0.0
            var byLane: [Lane: Double] = [:]
            var waste = 0.0
            var uncosted: [String] = []
            for visit in journey.visits where visit.visits > 0 {
                guard let step = stepByID[visit.stepID] else { continue }
                guard let run = costPerRun(of: step) else {
                    if step.lane != .customer, step.lane != .evidence { uncosted.append(step.id) }
                    continue
                }
                let cost = run * visit.visits
                total += cost
                byLane[step.lane, default: 0] += cost
                waste += step.value == .waste ? cost : run * max(visit.visits - 1, 0)
            }
            return JourneyCost(journeyID: journey.journeyID, perCase: total, byLane: byLane, waste: waste, uncosted: uncosted)
        }
    }

    /// The expected cost of one case of the journey with id `journeyID`, or `nil` when there is no such journey.
    public func costPerCase(of journeyID: String) -> JourneyCost? {
        journeyCosts().first { $0.journeyID == journeyID }
    }
}
