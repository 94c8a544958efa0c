/// Settings of the capacity analysis and its bottleneck rules.
public struct CapacityOptions: Sendable, Hashable {
    /// Utilization above which an actor is reported as highly utilized (rule
    /// `capacity-high-utilization`). Default 0.85: beyond it waits rise steeply in an M/M/c queue.
    public var highUtilizationThreshold: Double
    /// The probability used for a rework flow that has none (neither on the flow, nor in the
    /// journey's ``Journey/branchProbabilities``, nor as the source step's fail-point likelihood).
    /// Default 0.1.
    public var defaultReworkProbability: Double
    /// Rework probabilities are capped here so that every loop ends (a loop taken with probability 1
    /// would never finish). Default 0.95.
    public var maximumReworkProbability: Double
    /// How much higher than the other actors' utilization a declared bottleneck's utilization may be
    /// at most below the highest one and still count as confirmed. Default 0.1: a declared
    /// bottleneck is confirmed when it is a queue, is highly utilized or is within 0.1 of the highest
    /// utilization; it is contradicted otherwise.
    public var confirmationMargin: Double
    /// The most rework rounds one loop may take in one Monte Carlo run. Default 50.
    public var maximumReworkRounds: Int

    /// Creates options; every parameter has the documented default.
    public init(
        highUtilizationThreshold: Double = 0.85, defaultReworkProbability: Double = 0.1,
        maximumReworkProbability: Double = 0.95, confirmationMargin: Double = 0.1, maximumReworkRounds: Int = 50
    ) {
        self.highUtilizationThreshold = highUtilizationThreshold
        self.defaultReworkProbability = defaultReworkProbability
        self.maximumReworkProbability = maximumReworkProbability
        self.confirmationMargin = confirmationMargin
        self.maximumReworkRounds = maximumReworkRounds
    }
}
