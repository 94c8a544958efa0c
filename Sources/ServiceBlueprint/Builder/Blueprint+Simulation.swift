/// A part of the `simulation:` block that the DSL can list: a calendar, a resource, a segment, a
/// demand profile, a patience rule or a service-time rule.
public protocol SimulationComponent: Sendable {
    /// Adds the part to `settings`.
    func add(to settings: inout SimulationSettings)
}

extension WorkCalendar: SimulationComponent {
    /// Adds the calendar.
    public func add(to settings: inout SimulationSettings) { settings.calendars.append(self) }
}

extension SharedResource: SimulationComponent {
    /// Adds the resource.
    public func add(to settings: inout SimulationSettings) { settings.resources.append(self) }
}

extension CustomerSegment: SimulationComponent {
    /// Adds the segment.
    public func add(to settings: inout SimulationSettings) { settings.segments.append(self) }
}

extension DemandProfile: SimulationComponent {
    /// Adds the profile.
    public func add(to settings: inout SimulationSettings) { settings.demandProfiles.append(self) }
}

extension PatienceRule: SimulationComponent {
    /// Adds the rule.
    public func add(to settings: inout SimulationSettings) { settings.patience.append(self) }
}

extension ServiceTimeRule: SimulationComponent {
    /// Adds the rule.
    public func add(to settings: inout SimulationSettings) { settings.serviceTimes.append(self) }
}

/// Collects ``SimulationComponent``s, in order, into ``SimulationSettings``.
@resultBuilder
public enum SimulationBuilder {
    /// One component.
    public static func buildExpression(_ component: some SimulationComponent) -> SimulationSettings {
        var settings = SimulationSettings()
        component.add(to: &settings)
        return settings
    }

    /// Components one after the other.
    public static func buildBlock(_ parts: SimulationSettings...) -> SimulationSettings { buildArray(parts) }

    /// A component inside `if`.
    public static func buildOptional(_ part: SimulationSettings?) -> SimulationSettings { part ?? SimulationSettings() }

    /// The `if` branch.
    public static func buildEither(first part: SimulationSettings) -> SimulationSettings { part }

    /// The `else` branch.
    public static func buildEither(second part: SimulationSettings) -> SimulationSettings { part }

    /// Components from a `for` loop.
    public static func buildArray(_ parts: [SimulationSettings]) -> SimulationSettings {
        var settings = SimulationSettings()
        for part in parts {
            settings.calendars += part.calendars
            settings.resources += part.resources
            settings.segments += part.segments
            settings.demandProfiles += part.demandProfiles
            settings.patience += part.patience
            settings.serviceTimes += part.serviceTimes
        }
        return settings
    }
}

extension Blueprint {
    /// The blueprint with its `simulation:` block, written with the DSL:
    ///
    /// ```swift
    /// let staffed = blueprint.simulating {
    ///     WorkCalendar(id: "office", shifts: [Shift(days: .weekdays, start: .hours(8), end: .hours(18), servers: 6)], actors: ["agent"])
    ///     CustomerSegment(id: "premium", share: 0.2, priority: 1, target: .hours(8))
    ///     PatienceRule(patience: .exponential(mean: .minutes(5)))
    /// }
    /// ```
    public func simulating(@SimulationBuilder _ content: () -> SimulationSettings) -> Blueprint {
        var copy = self
        copy.simulation = content()
        return copy
    }
}
