/// The effect of one change to capacity or assignment, computed by re-running the analysis.
public struct CapacityWhatIf: Sendable {
    /// A change to try.
    public enum Change: Sendable, Hashable, CustomStringConvertible {
        /// Give the actor `count` more servers.
        case addServers(actor: String, count: Int)
        /// Let another actor perform the step.
        case moveStep(step: String, toActor: String)

        /// A short sentence, e.g. "add 1 server to first-line-agent".
        public var description: String {
            switch self {
            case .addServers(let actor, let count): "add \(count) server\(count == 1 ? "" : "s") to \(actor)"
            case .moveStep(let step, let actor): "move step \(step) to \(actor)"
            }
        }
    }

    /// What was changed.
    public let change: Change
    /// The actors whose servers, utilization or wait changed, in blueprint actor order.
    public let actors: [ActorChange]
    /// Every journey, in blueprint order, with its lead time and ceiling before and after.
    public let journeys: [JourneyChange]
    /// The whole analysis after the change.
    public let result: CapacityAnalysis
}

/// One actor before and after a ``CapacityWhatIf``.
public struct ActorChange: Sendable, Hashable {
    /// The actor's id.
    public let actorID: String
    /// Servers before (`nil` = unlimited).
    public let serversBefore: Int?
    /// Servers after.
    public let serversAfter: Int?
    /// Utilization before (`nil` when not a queue).
    public let utilizationBefore: Double?
    /// Utilization after.
    public let utilizationAfter: Double?
    /// Expected queueing wait before, in seconds (`.infinity` when unstable).
    public let waitBeforeSeconds: Double
    /// Expected queueing wait after, in seconds.
    public let waitAfterSeconds: Double
}

/// One journey before and after a ``CapacityWhatIf``.
public struct JourneyChange: Sendable, Hashable {
    /// The journey's id.
    public let journeyID: String
    /// Lead time with queueing before, in seconds (`.infinity` when a queue on it is unstable).
    public let leadTimeBeforeSeconds: Double
    /// Lead time with queueing after, in seconds.
    public let leadTimeAfterSeconds: Double
    /// Throughput ceiling before, in the journey's ``JourneyCapacity/ceilingPeriod`` units.
    public let throughputCeilingBefore: Double?
    /// Throughput ceiling after.
    public let throughputCeilingAfter: Double?

    /// How much shorter the lead time gets (negative when longer); `.infinity` when the change
    /// makes an unstable journey stable.
    public var savedSeconds: Double {
        if leadTimeBeforeSeconds == leadTimeAfterSeconds { return 0 }
        return leadTimeBeforeSeconds - leadTimeAfterSeconds
    }
}

extension CapacityAnalysis {
    /// What happens if `actorID` gets `count` more servers (default one).
    ///
    /// - Returns: `nil` when the actor is unknown or not a queue (no capacity, or the customer),
    ///   `count` is not positive, or the sum does not fit an `Int`.
    public func whatIfAddingServer(to actorID: String, count: Int = 1) -> CapacityWhatIf? {
        guard count > 0, let index = blueprint.actors.firstIndex(where: { $0.id == actorID }),
            let servers = blueprint.actors[index].capacity, blueprint.actors[index].kind != .customer
        else { return nil }
        let (total, overflow) = servers.addingReportingOverflow(count)
        guard !overflow else { return nil }
        var changed = blueprint
        changed.actors[index].capacity = total
        return compare(with: changed, change: .addServers(actor: actorID, count: count))
    }

    /// What happens if another actor performs step `stepID`.
    ///
    /// - Returns: `nil` when the step or the actor is unknown.
    public func whatIfMoving(step stepID: String, to actorID: String) -> CapacityWhatIf? {
        guard let index = graph.index(of: stepID), blueprint.actors.contains(where: { $0.id == actorID }) else {
            return nil
        }
        var changed = blueprint
        changed.steps[Int(index)].actor = actorID
        return compare(with: changed, change: .moveStep(step: stepID, toActor: actorID))
    }

    /// One server more for each queue that is unstable or above
    /// ``CapacityOptions/highUtilizationThreshold``, each tried on its own, in actor order.
    public func whatIfAddingServerToBusyActors() -> [CapacityWhatIf] {
        highlyUtilizedActors.compactMap { whatIfAddingServer(to: $0.actorID) }
    }

    private func compare(with changed: Blueprint, change: CapacityWhatIf.Change) -> CapacityWhatIf {
        // Changing actors or capacities leaves the flow graph as it is.
        let after = CapacityAnalysis(changed, graph: graph, options: options)
        var actorChanges = [ActorChange]()
        for (old, new) in zip(actors, after.actors) {
            let differs = old.servers != new.servers || old.utilization != new.utilization
                || old.expectedWaitSeconds != new.expectedWaitSeconds
            guard differs else { continue }
            actorChanges.append(ActorChange(
                actorID: old.actorID, serversBefore: old.servers, serversAfter: new.servers,
                utilizationBefore: old.utilization, utilizationAfter: new.utilization,
                waitBeforeSeconds: old.expectedWaitSeconds, waitAfterSeconds: new.expectedWaitSeconds))
        }
        let journeyChanges = zip(journeys, after.journeys).map { old, new in
            JourneyChange(
                journeyID: old.journeyID, leadTimeBeforeSeconds: old.leadTimeWithQueueingSeconds,
                leadTimeAfterSeconds: new.leadTimeWithQueueingSeconds,
                throughputCeilingBefore: old.throughputCeiling, throughputCeilingAfter: new.throughputCeiling)
        }
        return CapacityWhatIf(change: change, actors: actorChanges, journeys: journeyChanges, result: after)
    }
}
