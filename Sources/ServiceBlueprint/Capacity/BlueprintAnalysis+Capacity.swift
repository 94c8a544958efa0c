extension BlueprintAnalysis {
    /// The capacity analysis of the run: load, utilization and queueing per actor and step.
    ///
    /// Computed on first use and shared with the capacity rules of the same run, so a run computes
    /// it at most once. It reuses the run's graph and journey scopes and, like the rules, skips the
    /// queueing-adjusted lead times: each ``JourneyCapacity``'s lead-time fields are 0 and its
    /// critical path empty. For those, run ``CapacityAnalysis/init(_:graph:options:)`` with ``graph``.
    public var capacity: CapacityAnalysis { CapacityAnalysis.forRules(context) }
}
