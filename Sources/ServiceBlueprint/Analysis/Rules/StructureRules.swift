/// `structure-unreachable-step`: steps no journey can reach.
public struct StructureUnreachableStepRule: BlueprintRule {
    /// `structure-unreachable-step`.
    public let id = "structure-unreachable-step"
    /// The title.
    public let title = "Unreachable step"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        No flow leads to the step from where customers begin (the journeys' start steps, or, without journeys, \
        the customer actions nothing leads to). Either a flow is missing or the step is dead weight. Evidence \
        props, and steps in no flow at all (`structure-no-flow`), are exempt. So is a support process that \
        nothing starts but whose work feeds the customer's flow (restocking, maintenance): support runs on its \
        own cycle, and feeding the flow is what it is for.
        """
    /// How to fix a finding.
    public let howToFix = "Add the flow that leads to the step, or remove the step."

    /// Creates the rule.
    public init() {}

    /// Finds unreachable steps.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        var entries: [Int32]
        let starting: LocalizedText
        if context.blueprint.journeys.isEmpty {
            let sources = graph.sources(kinds: .all)
            let customer = sources.filter { context.isCustomerStep($0) }
            entries = customer.isEmpty ? sources : customer
            starting = LocalizedText(customer.isEmpty ? "finding.structure-unreachable-step.fromStart" : "finding.structure-unreachable-step.fromCustomer")
        } else {
            entries = context.blueprint.journeys.compactMap { graph.index(of: $0.start) }
            starting = LocalizedText("finding.structure-unreachable-step.fromJourney")
        }
        entries = Array(Set(entries)).sorted()
        let reached = graph.reachable(from: entries, kinds: .all)
        // Steps in no flow at all are `structure-no-flow`'s; one finding per cause.
        let isolated = Set(StructureNoFlowRule.isolatedSteps(context.blueprint, graph: graph))
        // Support processes nothing starts (and the work they lead to) whose work leads into the reached flow.
        let supply = (0..<Int32(graph.stepCount)).filter { v in
            steps[Int(v)].lane == .support && !reached.contains(v) && graph.inDegree(of: v, kinds: .all) == 0
        }
        let supplied = graph.reachable(from: supply, kinds: .all)
        let feeding = supply.isEmpty ? supplied : graph.reachable(from: reached, kinds: .all, direction: .backward)
        return (0..<Int32(graph.stepCount)).compactMap { v in
            guard !reached.contains(v), steps[Int(v)].lane != .evidence, !isolated.contains(v),
                !(supplied.contains(v) && feeding.contains(v))
            else { return nil }
            return context.finding(
                LocalizedText("finding.structure-unreachable-step", ["step": context.step(argument: v), "from": .phrase(starting)]),
                steps: [v],
                fix: SuggestedFix(
                    .connectStep(step: steps[Int(v)].id),
                    text: LocalizedText("fix.structure-unreachable-step", ["step": context.step(argument: v)])))
        }
    }
}

/// `structure-dead-end`: steps where the work stops without ending a journey.
public struct StructureDeadEndRule: BlueprintRule {
    /// `structure-dead-end`.
    public let id = "structure-dead-end"
    /// The title.
    public let title = "Dead end"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        No flow leaves the step and it is not a journey end. Backstage and support work that stops there \
        never gets back to the customer; a customer-visible last step is accepted as a natural end unless its \
        journey lists its ends explicitly. Evidence props and steps with no flows at all (reported by \
        `structure-no-flow`) are exempt, and so is work that does get somewhere: an outbound touchpoint (the \
        service calls or writes to the customer), work declared delivered outside the journey (`delivers`, or \
        an item with `deliveredTo`), and follow-up work the model classifies as value-adding or necessary \
        (restocking, paying a partner: it finishes after the customer's path, by design). A declared sketch \
        (`maturity: sketch`) states no deliveries, so its side work is not judged.
        """
    /// How to fix a finding.
    public let howToFix = "Add the flow that carries the work on, or list the step in the journey's `ends`."

    /// Creates the rule.
    public init() {}

    /// Finds dead ends.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        var explicitEnds = Set<Int32>()
        for journey in context.blueprint.journeys {
            for end in journey.ends { if let v = graph.index(of: end) { explicitEnds.insert(v) } }
        }
        return (0..<Int32(graph.stepCount)).compactMap { v in
            guard steps[Int(v)].lane != .evidence, !explicitEnds.contains(v), graph.outDegree(of: v, kinds: .all) == 0,
                graph.inDegree(of: v, kinds: .all) > 0
            else { return nil }
            let step = steps[Int(v)]
            if Self.getsSomewhere(v, context) { return nil }
            let explicitJourneys = context.scopes.filter { ($0.journey?.ends.isEmpty == false) && $0.steps.contains(v) }
            if step.lane.isVisibleToCustomer, explicitJourneys.isEmpty { return nil }
            let message: LocalizedText
            if step.lane.isVisibleToCustomer, let scope = explicitJourneys.first {
                message = LocalizedText("finding.structure-dead-end.listedEnds", ["step": context.step(argument: v), "journey": scope.nameArgument])
            } else {
                message = LocalizedText("finding.structure-dead-end", ["step": context.step(argument: v)])
            }
            return context.finding(
                message, steps: [v],
                fix: SuggestedFix(.connectStep(step: step.id), text: LocalizedText("fix.structure-dead-end", ["step": context.step(argument: v)])))
        }
    }

    /// Work whose end is not a loss: a contact the service makes, declared delivered work, needed follow-up
    /// work, or side work of a declared sketch (which states no deliveries).
    static func getsSomewhere(_ v: Int32, _ context: AnalysisContext) -> Bool {
        let step = context.step(v)
        if context.isOutbound(v) || context.isDelivered(v) { return true }
        if context.isFollowUp(v), step.value == .valueAdding || step.value == .necessary { return true }
        return context.blueprint.maturity == .sketch && !step.lane.isVisibleToCustomer
    }
}

/// `structure-unsupported-backstage`: backstage or support work that reaches no customer action.
public struct StructureUnsupportedBackstageRule: BlueprintRule {
    /// `structure-unsupported-backstage`.
    public let id = "structure-unsupported-backstage"
    /// The title.
    public let title = "Backstage work that supports no customer action"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        Neither the work nor the information of a backstage or support step ever reaches a frontstage step or a \
        customer action. Work behind the line of visibility exists to support the customer; this work does not. \
        Steps with no flows at all are reported by `structure-no-flow` instead. Work that leads to physical \
        evidence, to a step declared delivered (`delivers: customer|partner|record`, or an item with \
        `deliveredTo`), or to a contact the service makes (an outbound touchpoint) is supported; so is follow-up \
        work the model classifies as value-adding or necessary. A declared sketch (`maturity: sketch`) states no \
        deliveries, so work the customer's flow leads to is not judged there.
        """
    /// How to fix a finding.
    public let howToFix = "Connect the step to the customer-facing work it supports, or remove it."

    /// Creates the rule.
    public init() {}

    /// Finds unsupported backstage steps.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        // Work delivered outside the journey, and messages the service sends, reach the customer too.
        let facing = (0..<Int32(graph.stepCount)).filter { v in
            let lane = steps[Int(v)].lane
            return lane == .customer || lane == .frontstage || lane == .evidence || context.isDelivered(v) || context.isOutbound(v)
        }
        let supporting = graph.reachable(from: facing, kinds: [.ordering, .information], direction: .backward)
        // In a declared sketch, work the customer's flow starts may go where the sketch does not say.
        let started = context.blueprint.maturity == .sketch
            ? graph.reachable(from: (0..<Int32(graph.stepCount)).filter { context.isCustomerStep($0) }, kinds: .all)
            : StepSet(capacity: graph.stepCount)
        return (0..<Int32(graph.stepCount)).compactMap { v in
            guard steps[Int(v)].lane == .backstage || steps[Int(v)].lane == .support, !supporting.contains(v),
                graph.inDegree(of: v, kinds: .all) + graph.outDegree(of: v, kinds: .all) > 0, !started.contains(v)
            else { return nil }
            let step = steps[Int(v)]
            if context.isFollowUp(v), step.value == .valueAdding || step.value == .necessary { return nil }
            return context.finding(
                LocalizedText("finding.structure-unsupported-backstage.\(step.lane == .support ? "support" : "backstage")", ["step": context.step(argument: v)]),
                steps: [v],
                fix: SuggestedFix(.connectStep(step: step.id), text: LocalizedText("fix.structure-unsupported-backstage", ["step": context.step(argument: v)])))
        }
    }
}

/// `structure-unsupported-customer-action`: customer actions with nothing behind the line of visibility.
public struct StructureUnsupportedCustomerActionRule: BlueprintRule {
    /// `structure-unsupported-customer-action`.
    public let id = "structure-unsupported-customer-action"
    /// The title.
    public let title = "Customer action with nothing behind the line of visibility"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        Between this customer touchpoint (a customer action on a channel) and the customer's previous and next \
        actions, no backstage or support step is connected to it. Either the blueprint is missing the work that makes the moment possible (preparing, \
        looking up, deciding), or frontstage staff carry it alone and unsupported.
        """
    /// How to fix a finding.
    public let howToFix = "Model the backstage or support work behind the action (system look-ups, preparation, decisions)."

    /// Creates the rule.
    public init() {}

    /// Finds unsupported customer actions.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        return (0..<Int32(graph.stepCount)).compactMap { c in
            // Only the customer's touchpoints: noticing a fault or travelling needs nothing behind the line.
            guard steps[Int(c)].lane == .customer, steps[Int(c)].channel != nil else { return nil }
            if supported(c, direction: .forward, context: context) || supported(c, direction: .backward, context: context) {
                return nil
            }
            return context.finding(
                LocalizedText("finding.structure-unsupported-customer-action", ["step": context.step(argument: c)]),
                steps: [c],
                fix: SuggestedFix(.addSupport(step: steps[Int(c)].id), text: LocalizedText("fix.structure-unsupported-customer-action", ["step": context.step(argument: c)])))
        }
    }

    /// Searches from `c` without passing through other customer actions; stops at the first backstage or support step.
    func supported(_ c: Int32, direction: BlueprintGraph.Direction, context: AnalysisContext) -> Bool {
        let steps = context.blueprint.steps
        var seen: Set<Int32> = [c]
        var stack = [c]
        var found = false
        // Bounded so a hub of frontstage steps cannot make the rule quadratic; a search that runs out
        // counts as supported (no finding rather than a doubtful one).
        while let v = stack.popLast(), !found {
            if seen.count > 10_000 { return true }
            let visit = { (w: Int32, _: Int32, _: FlowKind) in
                guard !found, seen.insert(w).inserted else { return }
                let lane = steps[Int(w)].lane
                if lane == .backstage || lane == .support { found = true } else if lane != .customer { stack.append(w) }
            }
            switch direction {
            case .forward: context.graph.forEachSuccessor(of: v, kinds: [.ordering, .information], visit)
            case .backward: context.graph.forEachPredecessor(of: v, kinds: [.ordering, .information], visit)
            }
        }
        return found
    }
}

/// `structure-touchpoint-without-evidence`: touchpoints where the customer sees or gets nothing.
public struct StructureTouchpointWithoutEvidenceRule: BlueprintRule {
    /// `structure-touchpoint-without-evidence`.
    public let id = "structure-touchpoint-without-evidence"
    /// The title.
    public let title = "Touchpoint without physical evidence"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        A customer or frontstage touchpoint has no physical evidence: nothing the customer sees, touches or \
        receives (a confirmation, a receipt, a status page), neither on the step, on a connected evidence step, \
        nor on the other side of the same touchpoint (a directly connected step on the same channel), nor on its \
        stage (the servicescape of that phase). Evidence is how customers judge an intangible service. An outbound \
        message (an SMS, e-mail or letter the service sends) is evidence itself, for its own step and the steps \
        next to it; an outbound call is spoken and leaves nothing, so it is not.
        """
    /// How to fix a finding.
    public let howToFix = "List what the customer sees or receives in the step's `evidence`, or connect an evidence-lane step."

    /// Creates the rule.
    public init() {}

    /// Finds touchpoints without evidence.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        // The servicescape of a stage (the room, the parking) is seen at every touchpoint of that stage.
        let stagesWithEvidence = Set(context.blueprint.stages.filter { !$0.evidence.isEmpty }.map(\.id))
        return (0..<Int32(graph.stepCount)).compactMap { v in
            // A message the service sends is itself what the customer receives.
            guard let channel = steps[Int(v)].channel, steps[Int(v)].lane == .customer || steps[Int(v)].lane == .frontstage,
                steps[Int(v)].evidence.isEmpty, !context.isOutboundMessage(v), !stagesWithEvidence.contains(steps[Int(v)].stage)
            else { return nil }
            let step = steps[Int(v)]
            var evidenced = false
            let check = { (w: Int32, _: Int32, _: FlowKind) in
                if steps[Int(w)].lane == .evidence || context.isOutboundMessage(w)
                    || (steps[Int(w)].channel == channel && !steps[Int(w)].evidence.isEmpty)
                {
                    evidenced = true
                }
            }
            graph.forEachSuccessor(of: v, kinds: .all, check)
            graph.forEachPredecessor(of: v, kinds: .all, check)
            guard !evidenced else { return nil }
            return context.finding(
                LocalizedText("finding.structure-touchpoint-without-evidence", ["step": context.step(argument: v), "channel": .verbatim("\(channel)")]),
                steps: [v],
                fix: SuggestedFix(.addEvidence(step: step.id), text: LocalizedText("fix.structure-touchpoint-without-evidence", ["step": context.step(argument: v)])))
        }
    }
}
