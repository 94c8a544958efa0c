/// `wait-exceeds-tolerance`: a wait point whose expected wait is longer than the customer's tolerance.
public struct WaitExceedsToleranceRule: BlueprintRule {
    /// `wait-exceeds-tolerance`.
    public let id = "wait-exceeds-tolerance"
    /// The title.
    public let title = "Expected wait longer than its tolerance"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// Checks what the model states about standards, so it is listed with them.
    public var family: RuleFamily { .missing }
    /// What the rule finds and why it matters.
    public let rationale = """
        A wait point whose expected wait (the step's `waitBefore`, plus its own duration when it is a `wait` step) \
        is longer than the tolerance the model gives it. The blueprint states, in its own numbers, that customers \
        wait longer than they accept.
        """
    /// How to fix a finding.
    public let howToFix = "Shorten the wait (capacity, appointments, a call-back) or re-examine the tolerance."

    /// Creates the rule.
    public init() {}

    /// Finds waits over their tolerance.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        return context.blueprint.steps.indices.compactMap { i in
            let step = context.blueprint.steps[i]
            guard let tolerance = step.waitPoint?.tolerance else { return nil }
            let own = step.kind == .wait ? graph.processSeconds[i] : 0
            let wait = graph.waitSeconds[i] + own
            guard wait > tolerance.seconds else { return nil }
            let v = Int32(i)
            let message = LocalizedText("finding.wait-exceeds-tolerance.\(own > 0 ? "withDuration" : "waitBefore")", [
                "step": context.step(argument: v), "wait": .duration(BlueprintDuration(seconds: wait)), "tolerance": .duration(tolerance),
                "excess": .duration(BlueprintDuration(seconds: wait - tolerance.seconds)),
            ])
            return context.finding(
                message, steps: [v], path: ["steps", i, "waitPoint", "tolerance"],
                fix: SuggestedFix(
                    .custom("shorten-wait"),
                    text: LocalizedText("fix.wait-exceeds-tolerance", ["step": context.step(argument: v), "tolerance": .duration(tolerance)])))
        }
    }
}

/// `journey-over-target`: a journey whose lead time (critical path to its ends) is over its target.
public struct JourneyOverTargetRule: BlueprintRule {
    /// `journey-over-target`.
    public let id = "journey-over-target"
    /// The title.
    public let title = "Journey lead time over its target"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// Checks what the model states about standards, so it is listed with them.
    public var family: RuleFamily { .missing }
    /// What the rule finds and why it matters.
    public let rationale = """
        The journey's lead time (the critical path from estimates along the customer's path, from its start to \
        its ends; follow-up work not counted) is longer than its `target.leadTime`, whether or not its steps have \
        time standards. The finding names the steps that drive the critical path, longest first.
        """
    /// How to fix a finding.
    public let howToFix = """
        Cut waits or work on the named steps (parallelize, remove, shorten), move work that need not delay the \
        customer to follow-up, or change the target.
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold("drivers", default: .integer(3), "How many of the longest critical-path steps the finding names."),
    ]

    /// Creates the rule.
    public init() {}

    /// Finds journeys over their targets.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let weights = graph.timeWeights
        let shown = max(1, context.integer("drivers"))
        var findings: [Finding] = []
        for scope in context.scopes {
            guard let journey = scope.journey, let target = journey.target?.leadTime, let position = scope.journeyIndex
            else { continue }
            let lead = scope.schedule.length
            guard lead > target.seconds * (1 + 1e-9) else { continue }
            // Stable: longest first, ties in path order.
            let drivers = scope.schedule.path.enumerated()
                .sorted { weights[Int($0.element)] != weights[Int($1.element)] ? weights[Int($0.element)] > weights[Int($1.element)] : $0.offset < $1.offset }
                .prefix(shown).map(\.element).filter { weights[Int($0)] > 0 }
            let described = drivers.map { v in TextArgument.phrase(Self.describe(v, graph: graph, step: context.step(argument: v))) }
            let excess = BlueprintDuration(seconds: lead - target.seconds)
            let message = LocalizedText("finding.journey-over-target\(described.isEmpty ? "" : ".drivers")", [
                "journey": .step(title: journey.title, id: journey.id), "target": .duration(target),
                "leadTime": .duration(BlueprintDuration(seconds: lead)), "excess": .duration(excess), "drivers": .list(described),
            ])
            findings.append(context.finding(
                message, steps: drivers, path: ["journeys", position, "target", "leadTime"],
                fix: SuggestedFix(
                    .custom("shorten-critical-path"),
                    text: LocalizedText("fix.journey-over-target", [
                        "excess": .duration(excess), "steps": context.steps(argument: drivers), "journey": .quoted(journey.title),
                    ]))))
        }
        return findings
    }

    /// "'Title' (id) (20min: 15min wait + 5min work)".
    static func describe(_ v: Int32, graph: BlueprintGraph, step: TextArgument) -> LocalizedText {
        let wait = graph.waitSeconds[Int(v)]
        let work = graph.processSeconds[Int(v)]
        let total = BlueprintDuration(seconds: wait + work)
        guard wait > 0, work > 0 else { return LocalizedText("finding.journey-over-target.driver", ["step": step, "total": .duration(total)]) }
        return LocalizedText("finding.journey-over-target.driverSplit", [
            "step": step, "total": .duration(total), "wait": .duration(BlueprintDuration(seconds: wait)),
            "work": .duration(BlueprintDuration(seconds: work)),
        ])
    }
}

/// `standard-impossible-after-wait`: a start or response commitment that the wait before the step breaks.
public struct StandardImpossibleAfterWaitRule: BlueprintRule {
    /// `standard-impossible-after-wait`.
    public let id = "standard-impossible-after-wait"
    /// The title.
    public let title = "Standard the wait before the step makes impossible"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// Checks what the model states about standards, so it is listed with them.
    public var family: RuleFamily { .missing }
    /// What the rule finds and why it matters.
    public let rationale = """
        A step commits to start within a time (`standards.startWithin`, e.g. "greet within 1 minute") or to \
        respond within a time (`standards.response`, or its channel's `responseCommitment`), but the wait before \
        it is longer: its own `waitBefore`, plus the shortest wait step that every path into it passes just before. \
        The standard cannot be met as the service is modelled. A channel's commitment is the service's answer \
        to the customer's contact, so it counts only at a service step that a customer touchpoint leads to \
        directly (or through automated steps only): not at the customer's own steps, not at an outbound \
        touchpoint (the service calls or writes), and not at a visit or call the service makes at an agreed \
        time (the days before an appointment are not a late answer).
        """
    /// How to fix a finding.
    public let howToFix = "Remove the wait before the step (staff, appointments, an acknowledgement first) or restate the standard."

    /// Creates the rule.
    public init() {}

    /// Finds broken commitments.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        var channelCommitment: [String: BlueprintDuration] = [:]
        for channel in context.blueprint.channels where channelCommitment[channel.id] == nil {
            if let commitment = channel.responseCommitment { channelCommitment[channel.id] = commitment }
        }
        return steps.indices.compactMap { i in
            let v = Int32(i)
            // Fields read in place (a copy of the step retains all of its strings and arrays).
            let standards = steps[i].standards
            var commitments: [(what: LocalizedText, limit: BlueprintDuration)] = []
            if let start = standards.startWithin {
                commitments.append((LocalizedText("finding.standard-impossible-after-wait.start", ["limit": .duration(start)]), start))
            }
            // The customer's own steps and the service's outbound contacts answer nobody.
            if !context.isOutbound(v), !context.isCustomerStep(v) {
                if let response = standards.response {
                    commitments.append((LocalizedText("finding.standard-impossible-after-wait.respond", ["limit": .duration(response)]), response))
                } else if let channel = steps[i].channel, let commitment = channelCommitment[channel.rawValue],
                    Self.answersCustomerContact(v, context)
                {
                    let arguments: [String: TextArgument] = ["limit": .duration(commitment), "channel": .verbatim("\(channel)")]
                    commitments.append((LocalizedText("finding.standard-impossible-after-wait.channel", arguments), commitment))
                }
            }
            guard let tightest = commitments.min(by: { $0.limit < $1.limit }) else { return nil }
            let (wait, waitStep) = Self.waitBefore(v, graph: graph, steps: steps)
            guard wait > tightest.limit.seconds else { return nil }
            var message = LocalizedText("finding.standard-impossible-after-wait", [
                "step": context.step(argument: v), "commitment": .phrase(tightest.what), "wait": .duration(BlueprintDuration(seconds: wait)),
            ])
            if let waitStep {
                message.key += ".waitStep"
                message.arguments["waitStep"] = context.step(argument: waitStep)
            }
            return context.finding(
                message,
                steps: waitStep.map { [v, $0] } ?? [v], path: ["steps", i, "standards"],
                fix: SuggestedFix(
                    .custom("remove-wait-before-standard"),
                    text: LocalizedText("fix.standard-impossible-after-wait", ["step": context.step(argument: v), "limit": .duration(tightest.limit)])))
        }
    }

    /// `true` when a work flow leads to the step straight from a customer touchpoint, or through automated
    /// steps only (a system pulling up the booking as the customer arrives): the customer has made contact,
    /// and the step is the service's answer.
    static func answersCustomerContact(_ v: Int32, _ context: AnalysisContext) -> Bool {
        var seen: Set<Int32> = [v]
        var stack: [Int32] = [v]
        // Bounded: a long automated run before a step is no contact the customer is waiting on.
        while let w = stack.popLast(), seen.count < 64 {
            var answers = false
            context.graph.forEachPredecessor(of: w) { p, _, _ in
                let step = context.step(p)
                if context.isCustomerStep(p) {
                    if step.channel != nil { answers = true }
                } else if step.kind == .automated, step.channel == nil, seen.insert(p).inserted {
                    stack.append(p)
                }
            }
            if answers { return true }
        }
        return false
    }

    /// The step's `waitBefore`, plus the shortest of the `wait` steps just before it when every work flow into
    /// it comes from one (the customer waits there first); the second value is that wait step.
    static func waitBefore(_ v: Int32, graph: BlueprintGraph, steps: [Step]) -> (Double, Int32?) {
        var shortest: (seconds: Double, step: Int32)?
        var allWaits = true
        var any = false
        graph.forEachPredecessor(of: v) { p, _, _ in
            any = true
            guard steps[Int(p)].kind == .wait else { allWaits = false; return }
            let seconds = graph.waitSeconds[Int(p)] + graph.processSeconds[Int(p)]
            if seconds < shortest?.seconds ?? .infinity { shortest = (seconds, p) }
        }
        let own = graph.waitSeconds[Int(v)]
        guard any, allWaits, let shortest, shortest.seconds > 0 else { return (own, nil) }
        return (own + shortest.seconds, shortest.step)
    }
}
