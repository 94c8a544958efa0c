// The step-level helpers of a rule's context, by ``StepIndex``: what custom rules call. The
// built-in rules use the same helpers on raw graph nodes (package access), which these forward to.

extension AnalysisContext {
    /// The step at `index`.
    public func step(_ index: StepIndex) -> Step { step(index.node) }

    /// How findings name a step: `'Title' (id)`.
    public func name(ofStep index: StepIndex) -> String { name(ofStep: index.node) }

    /// Names of several steps joined with commas and "and".
    public func names(ofSteps indices: [StepIndex]) -> String { names(ofSteps: indices.map(\.node)) }

    /// The department of the step's actor, if known (an actor of kind department is its own department).
    public func department(ofStep index: StepIndex) -> String? { department(ofStep: index.node) }

    /// The performing actor of the step; `nil` for customer steps.
    public func performer(ofStep index: StepIndex) -> String? { performer(ofStep: index.node) }

    /// `true` when the customer does the step (customer lane or a customer actor).
    public func isCustomerStep(_ index: StepIndex) -> Bool { isCustomerStep(index.node) }

    /// `true` when the step is a touchpoint where the service contacts the customer (an SMS, an
    /// e-mail, a letter): declared with `direction: outbound`, or inferred from its channel and lanes.
    public func isOutbound(_ index: StepIndex) -> Bool { isOutbound(index.node) }

    /// `true` when the step is an outbound touchpoint that leaves the customer something to keep (an
    /// SMS, an e-mail, a letter): it is physical evidence itself.
    public func isOutboundMessage(_ index: StepIndex) -> Bool { isOutboundMessage(index.node) }

    /// `true` when the step's output is declared delivered outside the journey.
    public func isDelivered(_ index: StepIndex) -> Bool { isDelivered(index.node) }

    /// `true` when the step is follow-up work: off the customer's path of every journey that contains
    /// it, and in at least one journey's follow-ups.
    public func isFollowUp(_ index: StepIndex) -> Bool { isFollowUp(index.node) }

    /// Steps that produce the information item, ascending.
    public func steps(producing item: String) -> [StepIndex] { producers(of: item).map(StepIndex.init(node:)) }

    /// Steps that need the information item, ascending.
    public func steps(needing item: String) -> [StepIndex] { consumers(of: item).map(StepIndex.init(node:)) }

    /// The step's position in the topological order of the work graph (-1 for a step on a cycle).
    public func topologicalPosition(of index: StepIndex) -> Int { Int(topologicalPosition(of: index.node)) }

    /// `true` when work flows lead from `a` to `b` (so the same case passes both, `a` first).
    public func leadsTo(_ a: StepIndex, _ b: StepIndex, kinds: FlowKindSet = .ordering) -> Bool {
        leadsTo(a.node, b.node, kinds: kinds)
    }

    /// The scopes (journeys) that contain the step.
    public func scopes(containing index: StepIndex) -> [JourneyScope] { scopes(containing: index.node) }

    /// The model path of a step, `steps[i]`.
    public func path(ofStep index: StepIndex) -> ModelPath { path(ofStep: index.node) }

    /// Makes a finding of the current rule with its configured severity. The path defaults to the
    /// first step's; flows are given by their position in ``Blueprint/flows``.
    public func finding(
        _ message: String, steps: [StepIndex], flows: [Int] = [], path: ModelPath? = nil,
        fix: SuggestedFix? = nil, impact: Impact? = nil
    ) -> Finding {
        finding(
            message, steps: steps.map(\.node), flows: flows.map { Int32(truncatingIfNeeded: $0) }, path: path,
            fix: fix, impact: impact)
    }
}
