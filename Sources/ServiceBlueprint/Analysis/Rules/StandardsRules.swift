/// `missing-time-standard`: steps without a time standard.
public struct MissingTimeStandardRule: BlueprintRule {
    /// `missing-time-standard`.
    public let id = "missing-time-standard"
    /// The title.
    public let title = "Step without a time standard"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A frontstage, backstage or support step has no time standard (expected time and tolerance). Without \
        one nobody can tell whether the step runs late, and the journey has no standard duration to manage by. \
        Wait steps and the customer's own steps are exempt.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add `standards.time: {target: …, tolerance: …}`; the finding suggests values from the step's duration \
        estimate (target = likely, tolerance = max − likely).
        """

    /// Creates the rule.
    public init() {}

    /// Finds steps without time standards.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        return steps.indices.compactMap { i in
            let v = Int32(i)
            guard steps[i].standards.time == nil, steps[i].lane >= .frontstage, steps[i].kind != .wait,
                !context.isCustomerStep(v)
            else { return nil }
            let step = steps[i]
            var message = LocalizedText("finding.missing-time-standard", ["step": context.step(argument: v)])
            var target: BlueprintDuration?
            var tolerance: BlueprintDuration?
            if let duration = step.duration {
                target = duration.likely
                tolerance = duration.max > duration.likely ? duration.max - duration.likely : nil
                message.key += tolerance == nil ? ".estimate" : ".estimateTolerance"
                message.arguments["target"] = .duration(duration.likely)
                message.arguments["tolerance"] = tolerance.map(TextArgument.duration)
            }
            return context.finding(
                message, steps: [v],
                fix: SuggestedFix(
                    .addTimeStandard(step: step.id, suggestedTarget: target, suggestedTolerance: tolerance),
                    text: LocalizedText("fix.missing-time-standard", ["step": context.step(argument: v)])))
        }
    }
}

/// `missing-response-commitment`: customer-facing touchpoints without a response-time commitment.
public struct MissingResponseCommitmentRule: BlueprintRule {
    /// `missing-response-commitment`.
    public let id = "missing-response-commitment"
    /// The title.
    public let title = "Touchpoint without a response-time commitment"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        Customer or frontstage touchpoints on a channel that has no response-time commitment (on the channel \
        or on the step). Customers judge responsiveness first; without a commitment per channel nobody staffs \
        or measures to it. One finding per channel lists its touchpoints. Outbound touchpoints (the service \
        contacts the customer: an SMS, an e-mail, a letter) owe no response and are left out.
        """
    /// How to fix a finding.
    public let howToFix = """
        Declare the channel with `responseCommitment` under `channels` (e.g. chat 2min, email 4h), or set \
        `standards.response` on the touchpoint.
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold("exemptChannels", default: .names([]), "Channels that need no response commitment, e.g. [letter]."),
    ]

    /// Creates the rule.
    public init() {}

    /// Finds channels without commitments.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let exempt = Set(context.names("exemptChannels"))
        var byChannel: [String: [Int32]] = [:]
        var committed: [String: Bool] = [:]
        for channel in context.blueprint.channels where committed[channel.id] == nil {
            committed[channel.id] = channel.responseCommitment != nil
        }
        let steps = context.blueprint.steps
        for i in steps.indices {
            // Outbound touchpoints (the service writes to the customer) owe no response.
            guard let channel = steps[i].channel, steps[i].lane == .customer || steps[i].lane == .frontstage,
                steps[i].standards.response == nil, committed[channel.rawValue] != true,
                !exempt.contains(channel.rawValue), !context.isOutbound(Int32(i))
            else { continue }
            byChannel[channel.rawValue, default: []].append(Int32(i))
        }
        return byChannel.keys.sorted().map { channel in
            let steps = byChannel[channel, default: []]
            let variant = steps.count == 1 ? "one" : steps.count > 5 ? "manyMore" : "many"
            let message = LocalizedText("finding.missing-response-commitment.\(variant)", [
                "channel": .quoted(channel), "count": .integer(steps.count),
                "steps": context.steps(argument: Array(steps.prefix(5))), "more": .integer(steps.count - 5),
            ])
            let declared = context.blueprint.channels.firstIndex { $0.id == channel }
            let path: ModelPath = declared.map { ["channels", $0] } ?? context.path(ofStep: steps[0]).appending("channel")
            return context.finding(
                message, steps: steps, path: path,
                fix: SuggestedFix(
                    .addResponseCommitment(channel: channel, steps: steps.map { context.graph.id(of: $0) }),
                    text: LocalizedText("fix.missing-response-commitment", ["channel": .quoted(channel)])))
        }
    }
}

/// `missing-service-standard`: frontstage steps without a service standard, script or SOP.
public struct MissingServiceStandardRule: BlueprintRule {
    /// `missing-service-standard`.
    public let id = "missing-service-standard"
    /// The title.
    public let title = "Frontstage step without a service standard"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A frontstage step (staff in front of the customer) has neither a service standard or script nor an SOP \
        reference. What the customer experiences then depends on who is on shift. Automated steps are exempt.
        """
    /// How to fix a finding.
    public let howToFix = "Set `standards.service` (the script or quality standard) or `standards.sop` (the procedure reference)."

    /// Creates the rule.
    public init() {}

    /// Finds frontstage steps without service standards.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        return steps.indices.compactMap { i in
            guard steps[i].lane == .frontstage, steps[i].kind != .automated, steps[i].standards.service == nil,
                steps[i].standards.sop == nil
            else { return nil }
            let step = steps[i]
            let v = Int32(i)
            return context.finding(
                LocalizedText("finding.missing-service-standard", ["step": context.step(argument: v)]),
                steps: [v],
                fix: SuggestedFix(
                    .addServiceStandard(step: step.id),
                    text: LocalizedText("fix.missing-service-standard", ["step": context.step(argument: v)])))
        }
    }
}

/// `missing-recovery-plan`: fail points without a recovery plan or recovery owner.
public struct MissingRecoveryPlanRule: BlueprintRule {
    /// `missing-recovery-plan`.
    public let id = "missing-recovery-plan"
    /// The title.
    public let title = "Fail point without recovery"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A step marked as a fail point has no recovery plan, or no owner for the recovery. When it fails, staff \
        improvise and the customer feels it; service recovery must be designed, not hoped for.
        """
    /// How to fix a finding.
    public let howToFix = "Set `failPoint.recovery` (what happens when it fails) and `failPoint.owner` (who makes it happen)."

    /// Creates the rule.
    public init() {}

    /// Finds fail points without recovery.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        return steps.indices.compactMap { i in
            guard let failPoint = steps[i].failPoint, failPoint.recovery == nil || failPoint.owner == nil else { return nil }
            let step = steps[i]
            let v = Int32(i)
            let missing = failPoint.recovery != nil ? "owner" : failPoint.owner != nil ? "plan" : "both"
            let arguments: [String: TextArgument] = ["step": context.step(argument: v), "risk": .quoted(failPoint.risk)]
            return context.finding(
                LocalizedText("finding.missing-recovery-plan.\(missing)", arguments),
                steps: [v], path: context.path(ofStep: v).appending("failPoint"),
                fix: SuggestedFix(.addRecovery(step: step.id), text: LocalizedText("fix.missing-recovery-plan.\(missing)", arguments)))
        }
    }
}

/// `missing-wait-tolerance`: wait points without a tolerance.
public struct MissingWaitToleranceRule: BlueprintRule {
    /// `missing-wait-tolerance`.
    public let id = "missing-wait-tolerance"
    /// The title.
    public let title = "Wait point without tolerance"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A wait point (where the customer waits) does not say how long the customer will accept to wait. \
        Without a tolerance the wait cannot be managed or compared with the actual wait.
        """
    /// How to fix a finding.
    public let howToFix = "Set `waitPoint.tolerance`, e.g. `3min` on hold or `15min` in a waiting room."

    /// Creates the rule.
    public init() {}

    /// Finds wait points without tolerance.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        return steps.indices.compactMap { i in
            guard let waitPoint = steps[i].waitPoint, waitPoint.tolerance == nil else { return nil }
            let step = steps[i]
            let v = Int32(i)
            var message = LocalizedText("finding.missing-wait-tolerance", ["step": context.step(argument: v)])
            if let wait = step.waitBefore {
                message.key += ".modelled"
                message.arguments["wait"] = .duration(wait)
            }
            return context.finding(
                message, steps: [v], path: context.path(ofStep: v).appending("waitPoint"),
                fix: SuggestedFix(
                    .addTolerance(step: step.id), text: LocalizedText("fix.missing-wait-tolerance", ["step": context.step(argument: v)])))
        }
    }
}

/// `missing-owner`: steps nobody is accountable for.
public struct MissingOwnerRule: BlueprintRule {
    /// `missing-owner`.
    public let id = "missing-owner"
    /// The title.
    public let title = "Step without an owner"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A frontstage, backstage or support step has neither an actor nor an owner. Work nobody is accountable \
        for is where cases get stuck.
        """
    /// How to fix a finding.
    public let howToFix = "Set `actor` (who does it) or `owner` (who is accountable) on the step."

    /// Creates the rule.
    public init() {}

    /// Finds steps without owner.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        return steps.indices.compactMap { i in
            guard steps[i].lane >= .frontstage, steps[i].actor == nil, steps[i].owner == nil else { return nil }
            let step = steps[i]
            let v = Int32(i)
            return context.finding(
                LocalizedText("finding.missing-owner", ["step": context.step(argument: v)]),
                steps: [v],
                fix: SuggestedFix(.addOwner(step: step.id), text: LocalizedText("fix.missing-owner", ["step": context.step(argument: v)])))
        }
    }
}

/// `missing-journey-target`: journeys without a lead-time target.
public struct MissingJourneyTargetRule: BlueprintRule {
    /// `missing-journey-target`.
    public let id = "missing-journey-target"
    /// The title.
    public let title = "Journey without a target"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A journey has no lead-time target, so its standard duration cannot be checked and nobody knows \
        whether today's lead time is good enough.
        """
    /// How to fix a finding.
    public let howToFix = "Set `target: {leadTime: …, attainment: …}` on the journey; the finding quotes today's lead time."

    /// Creates the rule.
    public init() {}

    /// Finds journeys without targets.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        context.blueprint.journeys.enumerated().compactMap { position, journey in
            guard journey.target == nil else { return nil }
            let lead = context.metrics.journey(journey.id)?.leadTime
            let name = TextArgument.step(title: journey.title, id: journey.id)
            var message = LocalizedText("finding.missing-journey-target", ["journey": name])
            if let lead {
                message.key += ".today"
                message.arguments["leadTime"] = .duration(lead)
            }
            let start = context.graph.index(of: journey.start).map { [$0] } ?? []
            return context.finding(
                message, steps: start, path: ["journeys", position],
                fix: SuggestedFix(
                    .addTarget(journey: journey.id, suggestedLeadTime: lead),
                    text: LocalizedText("fix.missing-journey-target", ["journey": name])))
        }
    }
}

/// `inconsistent-time-standards`: time standards along the critical path that cannot meet the journey's target.
public struct InconsistentTimeStandardsRule: BlueprintRule {
    /// `inconsistent-time-standards`.
    public let id = "inconsistent-time-standards"
    /// The title.
    public let title = "Time standards inconsistent with the journey target"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// Listed with the standards rules.
    public var family: RuleFamily { .missing }
    /// What the rule finds and why it matters.
    public let rationale = """
        Along the journey's critical path (computed with each step's wait plus its time standard, or its \
        estimate where it has none), the time standards — or the standards plus their tolerances — add up to \
        more than the journey's lead-time target. Every step can meet its standard and the journey still misses \
        its target. Tolerances are combined as independent variations (the root of the sum of their squares, \
        as engineering tolerances stack): steps rarely all run to their limits on the same case. When the \
        estimates themselves already miss the target, `journey-over-target` reports the journey, and this rule \
        only speaks when the time standards alone (without waits and estimates) exceed the target.
        """
    /// How to fix a finding.
    public let howToFix = """
        Tighten the standards (or tolerances) of the listed steps, cut waits or steps on the critical path, or \
        renegotiate the target so standards and target agree.
        """

    /// Creates the rule.
    public init() {}

    /// Finds inconsistent standards.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        var nominal = graph.waitSeconds
        var limit = graph.waitSeconds
        var standardsOnly = [Double](repeating: 0, count: steps.count)
        for i in steps.indices {
            // The standard read in place: copying each `Step` retained all of its strings and arrays.
            let time = steps[i].standards.time
            nominal[i] += time?.target.seconds ?? graph.processSeconds[i]
            limit[i] += time?.limit.seconds ?? graph.processSeconds[i]
            standardsOnly[i] = time?.target.seconds ?? 0
        }
        // A path's standards (and waits, and estimates where there is no standard) with its tolerances
        // stacked statistically.
        func stacked(_ path: LongestPath) -> Double {
            var sum = 0.0
            var squares = 0.0
            for v in path.path {
                sum += nominal[Int(v)]
                let tolerance = steps[Int(v)].standards.time?.tolerance.seconds ?? 0
                squares += tolerance * tolerance
            }
            return sum + squares.squareRoot()
        }
        var findings: [Finding] = []
        for scope in context.scopes {
            guard let journey = scope.journey, let target = journey.target?.leadTime, let position = scope.journeyIndex
            else { continue }
            // Estimates already over the target: `journey-over-target` names the journey and its drivers.
            if scope.schedule.length > target.seconds * (1 + 1e-9),
                graph.longestPath(weights: standardsOnly, within: scope.path, skipping: scope.excludedFlows).length <= target.seconds
            {
                continue
            }
            let strict = graph.longestPath(weights: nominal, within: scope.path, skipping: scope.excludedFlows)
            let worst = graph.longestPath(weights: limit, within: scope.path, skipping: scope.excludedFlows)
            let failing: LongestPath
            var total: Double
            if strict.length > target.seconds {
                (failing, total) = (strict, strict.length)
            } else {
                let candidates = [(strict, stacked(strict)), (worst, stacked(worst))]
                let chosen = candidates[candidates[1].1 > candidates[0].1 ? 1 : 0]
                (failing, total) = chosen
            }
            // Whole seconds: a statistical stack is no more precise than the standards it combines.
            total = total.rounded()
            guard total > target.seconds else { continue }
            let standardised = failing.path.filter { steps[Int($0)].standards.time != nil }
            guard !standardised.isEmpty else { continue }
            let excess = BlueprintDuration(seconds: total - target.seconds)
            let estimated = failing.path.count - standardised.count
            let what = strict.length > target.seconds ? "standards" : "tolerances"
            let message = LocalizedText("finding.inconsistent-time-standards.\(what)\(estimated > 0 ? ".estimated" : "")", [
                "journey": .step(title: journey.title, id: journey.id), "target": .duration(target),
                "total": .duration(BlueprintDuration(seconds: total)), "excess": .duration(excess),
                "estimated": .integer(estimated), "count": .integer(failing.path.count),
            ])
            findings.append(context.finding(
                message, steps: failing.path, path: ["journeys", position],
                fix: SuggestedFix(
                    .alignStandards(journey: journey.id, steps: standardised.map { graph.id(of: $0) }, excess: excess),
                    text: LocalizedText("fix.inconsistent-time-standards", ["excess": .duration(excess), "journey": .quoted(journey.title)]))))
        }
        return findings
    }
}
