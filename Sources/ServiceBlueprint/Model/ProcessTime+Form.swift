extension ProcessTime {
    /// Which values a duration was written with. The three readings are used by every figure alike
    /// (critical path, simulation, capacity), so no two analyses read the same step differently:
    ///
    /// - ``estimate``: `likely`, with `min` and `max` defaulting to it;
    /// - ``upTo``: only `max` ("up to 45 minutes"): min = likely = max. The bound is taken as the
    ///   time, so no figure promises faster than the source states;
    /// - ``range``: `min` and `max` without `likely`: likely = the midpoint, so the PERT mean is the
    ///   midpoint as well.
    public enum Form: String, Sendable, Hashable, Codable, CaseIterable {
        /// A likely value, with optional min and max.
        case estimate
        /// Only an upper bound.
        case upTo
        /// A range without a likely value.
        case range
    }

    /// "Up to `max`": min = likely = max, written back as `{max: …}`.
    public static func upTo(_ max: BlueprintDuration) -> ProcessTime {
        var time = ProcessTime(max)
        time.form = .upTo
        return time
    }

    /// A range without a likely value: likely is the midpoint, written back as `{min: …, max: …}`.
    public static func range(_ min: BlueprintDuration, _ max: BlueprintDuration) -> ProcessTime {
        var time = ProcessTime(min: min, likely: .seconds((min.seconds + max.seconds) / 2), max: max)
        time.form = .range
        return time
    }
}
