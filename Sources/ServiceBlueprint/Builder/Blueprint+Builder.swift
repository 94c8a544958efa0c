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
    /// }
    /// ```
    ///
    /// The collections keep the order in which things were written. Flows declared with `after`
    /// and `then` sit in ``flows`` at the position of the step that declares them. The block itself
    /// cannot throw: compute fallible values (a parsed duration, a loaded list) before it.
    ///
    /// - Throws: ``BlueprintError`` with every problem found, never a trap: build errors first
    ///   (duplicate ids, a step in an unknown stage, a flow to or from an unknown
    ///   step, a reference to an unknown actor, channel, information item, persona or flow); when the
    ///   blueprint assembles cleanly, the errors and warnings of ``validate()`` if it reports any error.
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
            maturity: maturity, evidence: evidence, associations: collected.associations)

        let buildErrors = BuilderChecks.problems(in: self, placements: collected.placementProblems)
        guard buildErrors.isEmpty else { throw BlueprintError(diagnostics: buildErrors) }

        // The validator's semantic checks run only on a blueprint that assembled cleanly, so a
        // problem is never reported twice in two wordings.
        let diagnostics = validate()
        if diagnostics.contains(where: { $0.severity == .error }) {
            let errorsFirst = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
            throw BlueprintError(diagnostics: errorsFirst)
        }
    }
}

/// The checks that make a DSL-built blueprint assemble: ids unique, every step placed in a known
/// stage, and every reference pointing at something declared.
enum BuilderChecks {
    static func problems(in blueprint: Blueprint, placements: [PlacementProblem]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func error(_ message: String, _ path: ModelPath) { problems.append(Diagnostic(.error, message, path: path)) }

        for placement in placements {
            switch placement {
            case .conflictingStage(let step, let declared, let enclosing):
                let index = blueprint.steps.firstIndex { $0.id == step } ?? 0
                error(
                    "step '\(step)' names stage '\(declared)' but is written inside stage '\(enclosing)'; "
                        + "drop stage: or move the step", ["steps", index, "stage"])
            case .nestedStage(let inner, let outer):
                let index = blueprint.stages.firstIndex { $0.id == inner } ?? 0
                error(
                    "stage '\(inner)' is written inside stage '\(outer)'; stages are columns and cannot contain each other",
                    ["stages", index])
            }
        }

        checkIDs(blueprint.stages.map(\.id), collection: "stages", noun: "stage", into: &problems)
        checkIDs(blueprint.actors.map(\.id), collection: "actors", noun: "actor", into: &problems)
        checkIDs(blueprint.channels.map(\.id), collection: "channels", noun: "channel", into: &problems)
        checkIDs(blueprint.information.map(\.id), collection: "information", noun: "information item", into: &problems)
        checkIDs(blueprint.personas.map(\.id), collection: "personas", noun: "persona", into: &problems)
        checkIDs(blueprint.journeys.map(\.id), collection: "journeys", noun: "journey", into: &problems)
        checkIDs(blueprint.steps.map(\.id), collection: "steps", noun: "step", into: &problems)

        let stageIDs = blueprint.stages.map(\.id)
        let actorIDs = blueprint.actors.map(\.id)
        let stepIDs = blueprint.steps.map(\.id)
        let itemIDs = blueprint.information.map(\.id)
        let channelIDs = Channel.builtIn.map(\.rawValue) + blueprint.channels.map(\.id)
        let known = (
            stages: Set(stageIDs), actors: Set(actorIDs), steps: Set(stepIDs), items: Set(itemIDs),
            channels: Set(channelIDs), personas: Set(blueprint.personas.map(\.id)),
            flows: Set(blueprint.flows.map(\.id))
        )

        for (index, step) in blueprint.steps.enumerated() {
            let path: ModelPath = ["steps", index]
            // A step outside any stage block belongs to the implicit stage.
            if !step.stage.isEmpty, !known.stages.contains(step.stage) {
                error(
                    "step '\(step.id)' is in unknown stage '\(step.stage)'" + Suggestion.didYouMean(step.stage, in: stageIDs),
                    path.appending("stage"))
            }
            for (key, actor) in [("actor", step.actor), ("owner", step.owner), ("failPoint.owner", step.failPoint?.owner)] {
                guard let actor, !known.actors.contains(actor) else { continue }
                let keyPath = key == "failPoint.owner" ? path.appending("failPoint").appending("owner") : path.appending(key)
                error(
                    "step '\(step.id)' names unknown actor '\(actor)' as \(key)" + Suggestion.didYouMean(actor, in: actorIDs),
                    keyPath)
            }
            if let channel = step.channel, !known.channels.contains(channel.rawValue) {
                error(
                    "step '\(step.id)' uses unknown channel '\(channel)'; declare it with ChannelDefinition"
                        + Suggestion.didYouMean(channel.rawValue, in: channelIDs), path.appending("channel"))
            }
            for (key, items) in [("needs", step.needs), ("produces", step.produces)] {
                for (itemIndex, item) in items.enumerated() where !known.items.contains(item) {
                    error(
                        "step '\(step.id)' \(key) unknown information item '\(item)'" + Suggestion.didYouMean(item, in: itemIDs),
                        path.appending(key).appending(itemIndex))
                }
            }
        }

        var seenFlows: [String: Int] = [:]
        for (index, flow) in blueprint.flows.enumerated() {
            let path: ModelPath = ["flows", index]
            if let first = seenFlows[flow.id] {
                error(
                    "duplicate flow '\(flow.id)' (first declared at flows[\(first)]); declare it once, with after or then",
                    path)
            } else {
                seenFlows[flow.id] = index
            }
            if !known.steps.contains(flow.from) {
                error(
                    "flow '\(flow.id)' comes from unknown step '\(flow.from)'" + Suggestion.didYouMean(flow.from, in: stepIDs),
                    path.appending("from"))
            }
            if !known.steps.contains(flow.to) {
                error(
                    "flow '\(flow.id)' goes to unknown step '\(flow.to)'" + Suggestion.didYouMean(flow.to, in: stepIDs),
                    path.appending("to"))
            }
        }

        for (index, journey) in blueprint.journeys.enumerated() {
            let path: ModelPath = ["journeys", index]
            if let persona = journey.persona, !known.personas.contains(persona) {
                error(
                    "journey '\(journey.id)' names unknown persona '\(persona)'"
                        + Suggestion.didYouMean(persona, in: blueprint.personas.map(\.id)), path.appending("persona"))
            }
            if !known.steps.contains(journey.start) {
                error(
                    "journey '\(journey.id)' starts at unknown step '\(journey.start)'"
                        + Suggestion.didYouMean(journey.start, in: stepIDs), path.appending("start"))
            }
            for (key, ids) in [("ends", journey.ends), ("steps", journey.steps)] {
                for (stepIndex, stepID) in ids.enumerated() where !known.steps.contains(stepID) {
                    error(
                        "journey '\(journey.id)' lists unknown step '\(stepID)' in \(key)"
                            + Suggestion.didYouMean(stepID, in: stepIDs), path.appending(key).appending(stepIndex))
                }
            }
            // Sorted so the report is the same on every run (dictionary order is not).
            for flowID in journey.branchProbabilities.keys.sorted() where !known.flows.contains(flowID) {
                error(
                    "journey '\(journey.id)' gives a branch probability for unknown flow '\(flowID)'"
                        + Suggestion.didYouMean(flowID, in: blueprint.flows.map(\.id)),
                    path.appending("branchProbabilities").appending(flowID))
            }
        }

        for (index, bottleneck) in blueprint.bottlenecks.enumerated() {
            let path: ModelPath = ["bottlenecks", index]
            switch (bottleneck.step, bottleneck.actor) {
            case (nil, nil), (.some, .some):
                error("a declared bottleneck names exactly one step or one actor", path)
            case (let step?, nil) where !known.steps.contains(step):
                error(
                    "declared bottleneck names unknown step '\(step)'" + Suggestion.didYouMean(step, in: stepIDs),
                    path.appending("step"))
            case (nil, let actor?) where !known.actors.contains(actor):
                error(
                    "declared bottleneck names unknown actor '\(actor)'" + Suggestion.didYouMean(actor, in: actorIDs),
                    path.appending("actor"))
            default:
                break
            }
        }
        return problems
    }

    /// Reports empty and duplicate ids in one collection, naming where the first one was declared.
    private static func checkIDs(_ ids: [String], collection: String, noun: String, into problems: inout [Diagnostic]) {
        var firstIndex: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            let path: ModelPath = [collection, index, "id"]
            if id.isEmpty {
                problems.append(Diagnostic(.error, "\(noun) at \(collection)[\(index)] has an empty id", path: path))
            } else if let first = firstIndex[id] {
                problems.append(
                    Diagnostic(.error, "duplicate \(noun) id '\(id)' (first declared at \(collection)[\(first)])", path: path))
            } else {
                firstIndex[id] = index
            }
        }
    }
}
