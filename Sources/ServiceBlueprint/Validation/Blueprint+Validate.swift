extension Blueprint {
    /// Checks that the blueprint is well-formed and returns every problem found.
    ///
    /// Diagnostics come grouped by check and in model order within a check; documents
    /// (``BlueprintDocument``) sort them by file location.
    ///
    /// Errors make the blueprint unusable: no steps; empty or duplicate ids (stages, actors,
    /// channels, information items, personas, journeys, steps); references to unknown steps,
    /// stages, actors, channels, information items or personas (with "did you mean"); capacities
    /// below 1; working hours out of range; probabilities outside 0…1; probabilities of the flows
    /// leaving a step adding up to more than 1; three-point durations out of order; emotions outside
    /// -2…2; demand without arrivals; bottlenecks naming neither or both of a step and an actor;
    /// self-loops; duplicate flows; and cycles of flows not marked `rework` (information flows
    /// never close a cycle). Cycles are found by an iterative depth-first search: each flow that
    /// goes back to a step still being explored is reported once, with the cycle it closes, so
    /// marking every reported flow as rework makes the graph acyclic.
    ///
    /// Warnings point at things that are valid but suspicious: a stage without steps, an
    /// information item nobody needs or produces, a step in no flow, a journey that starts outside
    /// its own steps.
    ///
    /// Each diagnostic carries the ``ModelPath`` of the offending field (e.g. `steps[3].actor`), so
    /// a ``SourceMap`` can locate it in the file the blueprint came from. The checks run in linear
    /// time (plus sorting), so blueprints with 100 000 steps validate quickly.
    public func validate() -> [Diagnostic] {
        BlueprintValidator(blueprint: self).run()
    }

    /// Returns the blueprint unchanged when ``validate()`` finds no errors.
    ///
    /// - Throws: ``BlueprintError`` with all diagnostics (errors and warnings) when any is an error.
    public func validated() throws(BlueprintError) -> Blueprint {
        let diagnostics = validate()
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BlueprintError(diagnostics: diagnostics)
        }
        return self
    }
}
