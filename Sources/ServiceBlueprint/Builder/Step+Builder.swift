extension Step {
    /// Declares a step for the DSL: id, what happens, and the lane it sits in.
    ///
    /// Written inside a stage block the step takes that stage; elsewhere pass `stage:`.
    /// Refine it with modifiers, and connect it with ``StepDeclaring/after(_:kind:label:probability:)``
    /// and ``StepDeclaring/then(_:kind:label:probability:)``:
    ///
    /// ```swift
    /// Step("answer", "Agent answers", lane: .frontstage, actor: "agent", channel: .phone)
    ///     .after("call")
    ///     .duration(.minutes(5))
    ///     .timeStandard(.minutes(5), tolerance: .minutes(2))
    ///     .needs("serial")
    ///     .failPoint("Long hold", recovery: "Call back", owner: "agent")
    /// ```
    ///
    /// - Parameters:
    ///   - id: Stable id, referenced by flows and journeys (kebab-case by convention).
    ///   - title: What happens, in a few words.
    ///   - lane: The lane the step sits in.
    ///   - actor: Who performs the step, by actor id.
    ///   - channel: The touchpoint's channel, for steps where customer and organisation meet.
    ///   - kind: What sort of work this is; `action` unless given.
    ///   - stage: The stage id; leave it out inside a stage block. A step outside any stage block and
    ///     without one belongs to the implicit stage (``Stage/implicitID``), drawn without a header.
    public init(
        _ id: String, _ title: String, lane: Lane, actor: String? = nil, channel: Channel? = nil,
        kind: StepKind = .action, stage: String? = nil
    ) {
        // An empty stage means "not placed yet": the enclosing stage block fills it in,
        // and the throwing build reports a step that never got one.
        self.init(id: id, title: title, lane: lane, stage: stage ?? "", actor: actor, channel: channel, kind: kind)
    }
}

/// A step with the flows declared on it by `after` and `then`.
///
/// Modifiers on a ``Step`` return this type; you rarely name it yourself.
public struct StepDeclaration: StepDeclaring, Hashable {
    /// The step.
    public var step: Step
    /// The flows into and out of the step declared with `after` and `then`, in the order written.
    public var flows: [Flow]

    /// Creates a declaration.
    public init(step: Step, flows: [Flow] = []) {
        self.step = step
        self.flows = flows
    }

    /// Itself.
    public var declaration: StepDeclaration { self }

    /// The step, then its flows.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.steps = [step]
        content.flows = flows
        return content
    }
}

extension Step: StepDeclaring {
    /// The step with no flows yet.
    public var declaration: StepDeclaration { StepDeclaration(step: self) }

    /// The step as blueprint content.
    public var blueprintContent: BlueprintContent { declaration.blueprintContent }
}

/// A step being declared in the DSL: a ``Step`` or a ``StepDeclaration``. Provides the modifiers.
///
/// Each modifier returns a new declaration; nothing is mutated in place. List-valued modifiers
/// (``needs(_:)``, ``produces(_:)``, ``evidence(_:)``, ``painPoints(_:)``, ``tags(_:)``) append,
/// the others replace.
public protocol StepDeclaring: BlueprintComponent {
    /// The step and the flows declared on it so far.
    var declaration: StepDeclaration { get }
}

extension StepDeclaring {
    private func updating(_ change: (inout Step) -> Void) -> StepDeclaration {
        var result = declaration
        change(&result.step)
        return result
    }

    // MARK: Flows

    /// Adds a flow into this step from each predecessor: `.after("call")`, `.after("a", "b")`,
    /// `.after("check", kind: .rework, label: "fault persists", probability: 0.1)`.
    public func after(
        _ predecessors: String..., kind: FlowKind = .sequence, label: String? = nil, probability: Double? = nil
    ) -> StepDeclaration {
        var result = declaration
        for predecessor in predecessors {
            result.flows.append(Flow(from: predecessor, to: result.step.id, kind: kind, label: label, probability: probability))
        }
        return result
    }

    /// Adds a flow out of this step to each successor: `.then("diagnose")`,
    /// `.then("field-visit", kind: .escalation, label: "hardware fault", probability: 0.3)`.
    public func then(
        _ successors: String..., kind: FlowKind = .sequence, label: String? = nil, probability: Double? = nil
    ) -> StepDeclaration {
        var result = declaration
        for successor in successors {
            result.flows.append(Flow(from: result.step.id, to: successor, kind: kind, label: label, probability: probability))
        }
        return result
    }

    // MARK: Who

    /// Sets the accountable actor when different from the performer.
    public func owner(_ actor: String) -> StepDeclaration { updating { $0.owner = actor } }

    // MARK: Time

    /// Sets a fixed process time.
    public func duration(_ time: BlueprintDuration) -> StepDeclaration { updating { $0.duration = ProcessTime(time) } }

    /// Sets an upper bound only ("up to 45 minutes"): every figure uses the bound (``ProcessTime/Form/upTo``).
    public func duration(upTo max: BlueprintDuration) -> StepDeclaration { updating { $0.duration = .upTo(max) } }

    /// Sets a range without a likely value: likely is the midpoint (``ProcessTime/Form/range``).
    public func duration(min: BlueprintDuration, max: BlueprintDuration) -> StepDeclaration {
        updating { $0.duration = .range(min, max) }
    }

    /// Sets a three-point process time estimate.
    public func duration(min: BlueprintDuration, likely: BlueprintDuration, max: BlueprintDuration) -> StepDeclaration {
        updating { $0.duration = ProcessTime(min: min, likely: likely, max: max) }
    }

    /// Sets how long work waits before the step starts (queue, transport, batch).
    public func waitBefore(_ wait: BlueprintDuration) -> StepDeclaration { updating { $0.waitBefore = wait } }

    // MARK: Standards

    /// Replaces all standards at once.
    public func standards(_ standards: Standards) -> StepDeclaration { updating { $0.standards = standards } }

    /// Sets the time standard: the expected execution time and how far it may run over.
    public func timeStandard(_ target: BlueprintDuration, tolerance: BlueprintDuration = .zero) -> StepDeclaration {
        updating { $0.standards.time = TimeStandard(target: target, tolerance: tolerance) }
    }

    /// Sets the standard operating procedure, e.g. `"SOP-FL-002"` or a URL.
    public func sop(_ reference: String) -> StepDeclaration { updating { $0.standards.sop = reference } }

    /// Sets the service or quality standard, or the script customer-facing staff follow.
    public func serviceStandard(_ text: String) -> StepDeclaration { updating { $0.standards.service = text } }

    /// Sets the response time committed to the customer at this touchpoint.
    public func responseCommitment(_ time: BlueprintDuration) -> StepDeclaration {
        updating { $0.standards.response = time }
    }

    // MARK: Risk and waiting

    /// Marks the step as a fail point: what goes wrong, the recovery, who owns it, how likely it is.
    public func failPoint(
        _ risk: String, recovery: String? = nil, owner: String? = nil, likelihood: Double? = nil
    ) -> StepDeclaration {
        updating { $0.failPoint = FailPoint(risk: risk, recovery: recovery, owner: owner, likelihood: likelihood) }
    }

    /// Marks the step as a wait point: how long the customer accepts to wait, and what the wait is like.
    public func waitPoint(tolerance: BlueprintDuration? = nil, notes: String? = nil) -> StepDeclaration {
        updating { $0.waitPoint = WaitPoint(tolerance: tolerance, notes: notes) }
    }

    // MARK: Value and information

    /// Sets the value-stream class.
    public func value(_ value: ValueClass) -> StepDeclaration { updating { $0.value = value } }

    /// Adds information items the step needs, by id.
    public func needs(_ items: String...) -> StepDeclaration { updating { $0.needs += items } }

    /// Adds information items the step produces, by id.
    public func produces(_ items: String...) -> StepDeclaration { updating { $0.produces += items } }

    // MARK: Customer experience

    /// Adds what the customer sees or receives at this step.
    public func evidence(_ items: String...) -> StepDeclaration { updating { $0.evidence += items } }

    /// Sets the customer's emotion at this step, from -2 to +2.
    public func emotion(_ score: Int) -> StepDeclaration { updating { $0.emotion = score } }

    /// Adds what hurts the customer at this step.
    public func painPoints(_ items: String...) -> StepDeclaration { updating { $0.painPoints += items } }

    /// Sets the SERVQUAL dimension the step's pain points hurt, e.g. `.painPoints("Long hold").painDimension(.responsiveness)`.
    public func painDimension(_ dimension: ServqualDimension) -> StepDeclaration { updating { $0.painDimension = dimension } }

    // MARK: Documentation

    /// Adds free-form labels.
    public func tags(_ tags: String...) -> StepDeclaration { updating { $0.tags += tags } }

    /// Sets free text.
    public func notes(_ text: String) -> StepDeclaration { updating { $0.notes = text } }

    /// Sets a link to more detail, e.g. the SOP page.
    public func url(_ link: String) -> StepDeclaration { updating { $0.url = link } }
}
