/// Settings of the capacity analysis.
///
/// The capacity rules in the analysis engine use the defaults; their own thresholds (`threshold`,
/// `margin`) come from the engine's configuration.
public struct CapacityOptions: Sendable, Hashable {
    /// Utilization above which an actor counts as highly utilized (``CapacityAnalysis/highlyUtilizedActors``,
    /// ``CapacityAnalysis/whatIfAddingServerToBusyActors()``). Default 0.85: beyond it waits rise
    /// steeply in an M/M/c queue.
    public var highUtilizationThreshold: Double
    /// The probability used for a rework flow that has none (neither on the flow, nor in the
    /// journey's ``Journey/branchProbabilities``, nor as the source step's fail-point likelihood).
    /// Default 0.1.
    public var defaultReworkProbability: Double
    /// Rework probabilities are capped here so that every loop ends (a loop taken with probability 1
    /// would never finish). Default 0.95.
    public var maximumReworkProbability: Double
    /// The most rework rounds one loop may take in one Monte Carlo run. Default 50.
    public var maximumReworkRounds: Int

    /// Creates options; every parameter has the documented default.
    public init(
        highUtilizationThreshold: Double = 0.85, defaultReworkProbability: Double = 0.1,
        maximumReworkProbability: Double = 0.95, maximumReworkRounds: Int = 50
    ) {
        self.highUtilizationThreshold = highUtilizationThreshold
        self.defaultReworkProbability = defaultReworkProbability
        self.maximumReworkProbability = maximumReworkProbability
        self.maximumReworkRounds = maximumReworkRounds
    }
}
