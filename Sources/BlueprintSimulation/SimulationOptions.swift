import ServiceBlueprint

/// How long, how often and with which what-ifs a blueprint is simulated.
public struct SimulationOptions: Sendable, Hashable {
    /// Simulated time per replication, from Monday 00:00. Arrivals stop here; the cases in the
    /// system are then served to the end (up to ``drainLimit``) so that late arrivals are counted.
    public var horizon: BlueprintDuration
    /// Time at the start of each replication that is not measured, while the empty system fills up.
    public var warmUp: BlueprintDuration
    /// Independent runs with different random numbers; confidence intervals come from their spread.
    public var replications: Int
    /// The seed of the first replication; replication k uses a seed derived from it and k.
    public var seed: UInt64
    /// What-if: servers per actor or resource by id, replacing its capacity and every shift's servers.
    public var servers: [String: Int]
    /// What-if: every journey's demand multiplied by this factor.
    public var demandFactor: Double
    /// The confidence level of the intervals, e.g. 0.95.
    public var confidence: Double
    /// How long after the horizon unfinished cases are still followed; those still in the system
    /// then are reported as unfinished.
    public var drainLimit: BlueprintDuration
    /// The most replications run at the same time; `nil` uses every processor.
    public var parallelism: Int?
    /// Record the first replication's steps case by case, for an event log.
    public var recordsTrace: Bool

    /// Creates options: by default 4 weeks after a 1-day warm-up, 10 replications.
    public init(
        horizon: BlueprintDuration = .days(28), warmUp: BlueprintDuration = .days(1), replications: Int = 10,
        seed: UInt64 = 0x5EED, servers: [String: Int] = [:], demandFactor: Double = 1, confidence: Double = 0.95,
        drainLimit: BlueprintDuration = .days(28), parallelism: Int? = nil, recordsTrace: Bool = false
    ) {
        self.horizon = horizon
        self.warmUp = warmUp
        self.replications = replications
        self.seed = seed
        self.servers = servers
        self.demandFactor = demandFactor
        self.confidence = confidence
        self.drainLimit = drainLimit
        self.parallelism = parallelism
        self.recordsTrace = recordsTrace
    }
}
