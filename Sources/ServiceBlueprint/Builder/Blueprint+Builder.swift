extension Blueprint {
    /// Builds a blueprint from a DSL block that reads like the diagram, then checks it.
    ///
    /// ```swift
    /// let blueprint = try Blueprint(id: "repair", title: "After-sales repair") {
    ///     Actors {
    ///         Actor(id: "agent", title: "First-line agent", kind: .role, capacity: 6)
    ///     }
    ///     Information {
    ///         InformationItem(id: "serial", title: "Device serial", fromCustomer: true)
    ///     }
    ///     Stage("contact", title: "Contact") {
    ///         Step("call", "Customer calls the hotline", lane: .customer, channel: .phone)
    ///         Step("answer", "Agent answers", lane: .frontstage, actor: "agent", channel: .phone)
    ///             .after("call")
    ///             .duration(.minutes(5))
    ///             .timeStandard(.minutes(5), tolerance: .minutes(2))
    ///             .needs("serial")
    ///             .failPoint("Long hold", recovery: "Call back", owner: "agent")
    ///     }
    ///     Flow("answer", to: "call", kind: .rework, label: "line dropped")
    ///     Journey(id: "standard", start: "call", demand: .perDay(120), target: .init(leadTime: .days(3)))
    ///     KPI(id: "csat-call", kind: .csat, step: "answer", target: 4.5,
    ///         measured: [KPIMeasurement(value: 4.1, sample: 212, period: "2026-Q3")])
    /// }
    /// ```
    ///
    /// The collections keep the order in which things were written. Flows declared with `after`
    /// and `then` sit in ``flows`` at the position of the step that declares them. The block itself
    /// cannot throw: compute fallible values (a parsed duration, a loaded list) before it.
    ///
    /// - Throws: ``BlueprintError`` with every problem found, never a trap: a step or stage written
    ///   inside a stage block that contradicts it, and every error of ``validate()`` (duplicate ids,
    ///   references to unknown stages, steps, actors, channels, information items, personas or
    ///   flows), errors first, then the validator's warnings.
    ///
    /// `maturity` picks the analysis preset; `evidence` is what the customer sees throughout the
    /// service (the servicescape). ``Association`` values in the block relate steps without an order.
    public init(
        id: String, title: String? = nil, summary: String? = nil, version: String? = nil,
        maturity: Maturity? = nil, evidence: [String] = [],
        @BlueprintBuilder content: () -> BlueprintContent
    ) throws(BlueprintError) {
        let collected = content()
        self.init(
            id: id, title: title, summary: summary, version: version,
            stages: collected.stages, actors: collected.actors, channels: collected.channels,
            information: collected.information, personas: collected.personas, journeys: collected.journeys,
            steps: collected.steps, flows: collected.flows, bottlenecks: collected.bottlenecks,
            maturity: maturity, evidence: evidence, associations: collected.associations, kpis: collected.kpis)

        // The builder knows only what the block's shape says: where a step or stage was written.
        // Everything else (ids, references, flows) is the validator's, so a DSL blueprint and a
        // file get the same checks in the same words.
        let placements = Self.placementDiagnostics(collected.placementProblems, in: self)
        let diagnostics = validate()
        let errors = placements + diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            // A misplaced step or stage makes the validator's warnings (an empty stage) echoes of it.
            let warnings = placements.isEmpty ? diagnostics.filter { $0.severity != .error } : []
            throw BlueprintError(diagnostics: errors + warnings)
        }
    }

    /// Steps and stages written where the block's nesting contradicts them.
    private static func placementDiagnostics(_ placements: [PlacementProblem], in blueprint: Blueprint) -> [Diagnostic] {
        placements.map { placement in
            switch placement {
            case .conflictingStage(let step, let declared, let enclosing):
                let index = blueprint.steps.firstIndex { $0.id == step } ?? 0
                return Diagnostic(
                    .error,
                    "step '\(step)' names stage '\(declared)' but is written inside stage '\(enclosing)'; "
                        + "drop stage: or move the step", path: ["steps", index, "stage"])
            case .nestedStage(let inner, let outer):
                let index = blueprint.stages.firstIndex { $0.id == inner } ?? 0
                return Diagnostic(
                    .error,
                    "stage '\(inner)' is written inside stage '\(outer)'; stages are columns and cannot contain each other",
                    path: ["stages", index])
            }
        }
    }
}
