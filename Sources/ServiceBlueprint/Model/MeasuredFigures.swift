/// Durations measured from an event log: the median, 90th percentile and mean of a sample.
public struct MeasuredTimes: Sendable, Hashable {
    /// The median.
    public var median: BlueprintDuration
    /// The 90th percentile.
    public var p90: BlueprintDuration
    /// The arithmetic mean.
    public var mean: BlueprintDuration

    /// Creates measured times.
    public init(median: BlueprintDuration, p90: BlueprintDuration, mean: BlueprintDuration) {
        self.median = median
        self.p90 = p90
        self.mean = mean
    }
}

/// What an event log showed for a step (`measured:` in the file), kept apart from the
/// designer's estimates (`duration`, `waitBefore`), which it never replaces.
public struct MeasuredStep: Sendable, Hashable {
    /// Start → complete.
    public var service: MeasuredTimes?
    /// Previous completion in the case → start.
    public var wait: MeasuredTimes?
    /// Cases in which the step occurred.
    public var cases: Int?
    /// The log the figures come from.
    public var log: String?

    /// Creates measured figures.
    public init(service: MeasuredTimes? = nil, wait: MeasuredTimes? = nil, cases: Int? = nil, log: String? = nil) {
        self.service = service
        self.wait = wait
        self.cases = cases
        self.log = log
    }
}

/// What an event log showed for a flow: the share of its source's occurrences that took it.
public struct MeasuredFlow: Sendable, Hashable {
    /// The observed probability (0…1).
    public var probability: Double
    /// Occurrences of the source step it was measured on.
    public var samples: Int?

    /// Creates a measured probability.
    public init(probability: Double, samples: Int? = nil) {
        self.probability = probability
        self.samples = samples
    }
}

/// Which figures an analysis used.
public enum FigureSource: String, Sendable, Hashable, CaseIterable {
    /// The designer's estimates (`duration`, `waitBefore`, `probability`).
    case estimated
    /// Figures measured from an event log (`measured:`), estimates where nothing was measured.
    case measured
}

extension Blueprint {
    /// The blueprint with measured figures in place of the estimates, for analyses and capacity
    /// to run on what the log showed: a measured mean service time becomes the step's `duration`,
    /// a measured mean wait its `waitBefore`, a measured share the flow's `probability`. Steps and
    /// flows without measured figures keep their estimates.
    /// - Returns: the blueprint and a sentence saying what was replaced, for the output.
    public func usingMeasuredFigures() -> (blueprint: Blueprint, note: String) {
        var copy = self
        var steps = 0, flows = 0
        for index in copy.steps.indices {
            guard let measured = copy.steps[index].measured else { continue }
            var used = false
            if let service = measured.service { copy.steps[index].duration = ProcessTime(service.mean); used = true }
            if let wait = measured.wait { copy.steps[index].waitBefore = wait.mean; used = true }
            if used { steps += 1 }
        }
        for index in copy.flows.indices {
            guard let measured = copy.flows[index].measured else { continue }
            copy.flows[index].probability = measured.probability
            copy.flows[index].isProbabilityUnknown = false
            flows += 1
        }
        let note = steps + flows == 0
            ? "figures: estimated (nothing measured in the file; run blueprint measure --update)"
            : "figures: measured for \(steps) of \(self.steps.count) steps and \(flows) flows (mean times, observed shares); estimated elsewhere"
        return (copy, note)
    }
}
