/// `capacity-unstable`: actors whose utilization is at or above 1.
public struct CapacityUnstableRule: BlueprintRule {
    /// `capacity-unstable`.
    public let id = "capacity-unstable"
    /// The title.
    public let title = "Queue that cannot keep up"
    /// Error: the service cannot work as modelled.
    public let defaultSeverity = Severity.error
    /// What the rule finds and why it matters.
    public let rationale = """
        An actor receives more work per working hour than its servers can do (utilization = arrivals × mean \
        service time ÷ servers ≥ 100%). Its queue grows without bound: every day ends with more cases waiting \
        than it started with, and waits are limited only by customers giving up.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add servers (`capacity`), extend working hours, shorten the steps it performs, or move steps to \
        another actor; the finding says how many servers make the queue stable and how many keep it under 85%.
        """

    /// Creates the rule.
    public init() {}

    /// Finds unstable queues.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let capacity = CapacityAnalysis.forRules(context)
        return capacity.unstableActors.compactMap { load in
            guard let a = capacity.actorIndex(load.actorID), let servers = load.servers else { return nil }
            let actor = context.blueprint.actors[a]
            let stable = CapacityText.servers(for: load.offeredLoad, atMost: 0.999_999)
            let comfortable = CapacityText.servers(for: load.offeredLoad, atMost: 0.85)
            let variant = (servers == 1 ? "one" : "other") + (stable == comfortable ? ".same" : ".differ")
            let text = LocalizedText("finding.capacity-unstable.\(variant)", [
                "actor": CapacityText.name(argument: actor), "utilization": .percent(load.utilization ?? .infinity),
                "servers": .integer(servers), "arrivals": CapacityText.number(argument: load.arrivalsPerHour),
                "service": .approximateDuration(seconds: load.meanServiceSeconds),
                "offered": CapacityText.number(argument: load.offeredLoad), "stable": .integer(stable),
                "comfortable": .integer(comfortable),
            ])
            let fix = LocalizedText(
                stable == comfortable ? "fix.capacity-unstable.same" : "fix.capacity-unstable.differ",
                ["actor": CapacityText.name(argument: actor), "stable": .integer(stable), "comfortable": .integer(comfortable)])
            return context.finding(
                text, steps: capacity.loadedSteps(of: load), path: ["actors", a],
                fix: SuggestedFix(
                    .custom("Give \(actor.id) capacity \(comfortable) (now \(servers)), or move work away from it."),
                    text: fix))
        }
    }
}

/// `capacity-high-utilization`: actors above a utilization threshold (default 0.85) but below 1.
public struct CapacityHighUtilizationRule: BlueprintRule {
    /// `capacity-high-utilization`.
    public let id = "capacity-high-utilization"
    /// The title.
    public let title = "Queue close to saturation"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        An actor is busy more than the threshold (default 85%) of its working time. In a queue the expected \
        wait grows like 1 ÷ (1 − utilization), so a small rise in demand or a sick day makes waits explode. \
        The finding gives the M/M/c (Erlang C) probability of waiting, the expected wait and queue length, and \
        what one more server would change.
        """
    /// How to fix a finding.
    public let howToFix = """
        Add a server, spread demand over longer hours, shorten or automate its steps, or move steps to a less \
        busy actor (`CapacityAnalysis.whatIfAddingServer(to:)`, `whatIfMoving(step:to:)`).
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold("threshold", default: .number(0.85), "Utilization above which an actor is reported (0…1)."),
    ]

    /// Creates the rule.
    public init() {}

    /// Finds highly utilized, stable queues.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let threshold = context.number("threshold")
        let capacity = CapacityAnalysis.forRules(context)
        return capacity.actors.compactMap { load in
            guard let utilization = load.utilization, utilization > threshold, utilization < 1,
                let servers = load.servers, servers < Int.max, let a = capacity.actorIndex(load.actorID)
            else { return nil }
            let actor = context.blueprint.actors[a]
            var key = "finding.capacity-high-utilization." + (servers == 1 ? "one" : "other")
            var arguments: [String: TextArgument] = [
                "actor": CapacityText.name(argument: actor), "utilization": .percent(utilization),
                "servers": .integer(servers), "threshold": .percent(threshold),
                "probability": .percent(load.probabilityOfWaiting),
                "wait": .approximateDuration(seconds: load.expectedWaitSeconds),
                "queue": CapacityText.number(argument: load.expectedQueueLength),
            ]
            var impact: Impact?
            if let queue = load.queue {
                let more = MMcQueue(arrivalRate: queue.arrivalRate, serviceRate: queue.serviceRate, servers: servers + 1)
                let wait = more.expectedWait * 3_600
                key += ".more"
                arguments["moreUtilization"] = .percent(more.utilization)
                arguments["moreWait"] = .approximateDuration(seconds: wait)
                impact = Impact(customerWaitRemoved: CapacityText.rounded(load.expectedWaitSeconds - wait))
            }
            return context.finding(
                LocalizedText(key, arguments), steps: capacity.loadedSteps(of: load), path: ["actors", a],
                fix: SuggestedFix(
                    .custom("Give \(actor.id) capacity \(servers + 1) (now \(servers)), or move work away from it."),
                    text: LocalizedText("fix.capacity-high-utilization", ["actor": CapacityText.name(argument: actor)])),
                impact: impact)
        }
    }
}

/// `capacity-bottleneck`: the actor with the highest utilization, with its throughput ceiling.
public struct CapacityBottleneckRule: BlueprintRule {
    /// `capacity-bottleneck`.
    public let id = "capacity-bottleneck"
    /// The title.
    public let title = "The bottleneck"
    /// Note: every service with queues has one.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        The actor with the highest utilization limits how much demand the whole service can take: it \
        saturates first when demand grows. The finding gives its throughput ceiling (cases per working hour it \
        can complete), how far demand can grow before it saturates, and the step that loads it most.
        """
    /// How to fix a finding.
    public let howToFix = """
        Nothing is wrong by itself; capacity planning starts here. If the headroom is small, add servers or \
        take work off its busiest step.
        """

    /// Creates the rule.
    public init() {}

    /// Finds the busiest queue.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let capacity = CapacityAnalysis.forRules(context)
        guard let load = capacity.bottleneck, let utilization = load.utilization,
            let a = capacity.actorIndex(load.actorID)
        else { return [] }
        let actor = context.blueprint.actors[a]
        let queues = capacity.actors.filter { $0.utilization != nil && $0.offeredLoad > 0 }
        // Up to three whole sentences, each from the catalog.
        var key = "finding.capacity-bottleneck." + (queues.count > 1 ? "many" : "single")
        var arguments: [String: TextArgument] = [
            "actor": CapacityText.name(argument: actor), "utilization": .percent(utilization), "count": .integer(queues.count),
        ]
        if let next = queues.filter({ $0.actorID != load.actorID }).max(by: { ($0.utilization ?? 0) < ($1.utilization ?? 0) }),
            let nextActor = context.actor(next.actorID)
        {
            key += ".next"
            arguments["next"] = CapacityText.name(argument: nextActor)
            arguments["nextUtilization"] = .percent(next.utilization ?? 0)
        }
        var sentences = [LocalizedText(key, arguments)]
        if let ceiling = load.throughputCeilingPerHour, let servers = load.servers {
            let variant = (servers == 1 ? "one" : "other") + (utilization < 1 ? ".grow" : ".fall")
            sentences.append(LocalizedText("finding.capacity-bottleneck.ceiling.\(variant)", [
                "servers": .integer(servers), "service": .approximateDuration(seconds: load.meanServiceSeconds),
                "ceiling": CapacityText.number(argument: ceiling), "arrivals": CapacityText.number(argument: load.arrivalsPerHour),
                "factor": CapacityText.factor(1 / utilization),
            ]))
        }
        let loaded = capacity.loadedSteps(of: load)
        if let top = loaded.first, load.offeredLoad > 0 {
            let share = capacity.steps[Int(top)].offeredLoad / load.offeredLoad
            sentences.append(LocalizedText(
                "finding.capacity-bottleneck.heaviest", ["step": context.step(argument: top), "share": .percent(share)]))
        }
        return [context.finding(LocalizedText.sentences(sentences), steps: loaded, path: ["actors", a])]
    }
}

/// Declared bottlenecks (``Blueprint/bottlenecks``) judged against the computed utilizations.
struct DeclaredBottleneckVerdict {
    /// Position in ``Blueprint/bottlenecks``.
    let index: Int
    /// `true` when the numbers agree with the designer.
    let confirmed: Bool
    /// The finding's message.
    let text: LocalizedText
    /// Steps to name in the finding.
    let steps: [Int32]

    /// Judges every declared bottleneck that names a known step or actor. Nothing is judged when no
    /// journey has demand: then there are no numbers to agree or disagree with.
    static func all(_ context: AnalysisContext) -> [DeclaredBottleneckVerdict] {
        let threshold = context.number("threshold")
        let margin = context.number("margin")
        let capacity = CapacityAnalysis.forRules(context)
        guard capacity.hasDemand else { return [] }
        let busiest = capacity.bottleneck
        let top = busiest?.utilization ?? 0
        var verdicts: [DeclaredBottleneckVerdict] = []
        for (k, declared) in context.blueprint.bottlenecks.enumerated() {
            var steps: [Int32] = []
            var subject: TextArgument
            var actorID: String?
            if let stepID = declared.step {
                guard let v = context.graph.index(of: stepID) else { continue }
                steps = [v]
                subject = context.step(argument: v)
                actorID = context.blueprint.steps[Int(v)].actor
                if capacity.steps[Int(v)].arrivalsPerHour == 0 {
                    verdicts.append(DeclaredBottleneckVerdict(
                        index: k, confirmed: false,
                        text: LocalizedText("finding.capacity-declared.noDemand", ["subject": subject, "cause": .verbatim(declared.cause)]),
                        steps: steps))
                    continue
                }
            } else if let id = declared.actor, let actor = context.actor(id) {
                subject = CapacityText.name(argument: actor)
                actorID = id
            } else {
                continue
            }
            var arguments: [String: TextArgument] = ["subject": subject, "cause": .verbatim(declared.cause)]
            func verdict(_ key: String, confirmed: Bool) -> DeclaredBottleneckVerdict {
                DeclaredBottleneckVerdict(
                    index: k, confirmed: confirmed, text: LocalizedText("finding.capacity-declared.\(key)", arguments), steps: steps)
            }
            guard let actorID, let load = capacity.actor(actorID), let actor = context.actor(actorID) else {
                verdicts.append(verdict("noActor", confirmed: false))
                continue
            }
            arguments["performer"] = declared.step == nil
                ? .phrase(LocalizedText("capacity.performer.it"))
                : .phrase(LocalizedText("capacity.performer.actor", ["actor": CapacityText.name(argument: actor)]))
            if steps.isEmpty { steps = capacity.loadedSteps(of: load) }
            guard let utilization = load.utilization else {
                verdicts.append(verdict(actor.kind == .customer ? "customer" : "unlimited", confirmed: false))
                continue
            }
            arguments["utilization"] = .percent(utilization)
            arguments["threshold"] = .percent(threshold)
            arguments["top"] = .percent(top)
            let isBusiest = busiest?.actorID == actorID
            let busiestActor = busiest.flatMap { context.actor($0.actorID) }
            if let busiestActor { arguments["busiest"] = CapacityText.name(argument: busiestActor) }
            if utilization >= 1 || utilization > threshold || isBusiest || utilization >= top - margin {
                verdicts.append(verdict(isBusiest ? "confirmed.highest" : busiestActor != nil ? "confirmed.busiest" : "confirmed", confirmed: true))
            } else {
                verdicts.append(verdict(busiestActor != nil ? "contradicted.busiest" : "contradicted", confirmed: false))
            }
        }
        return verdicts
    }
}

/// `capacity-declared-bottleneck-contradicted`: declared bottlenecks the numbers do not support.
public struct CapacityDeclaredBottleneckContradictedRule: BlueprintRule {
    /// `capacity-declared-bottleneck-contradicted`.
    public let id = "capacity-declared-bottleneck-contradicted"
    /// The title.
    public let title = "Declared bottleneck the numbers contradict"
    /// Warning: either the model's demand and capacity or the team's belief is wrong.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        The blueprint declares a step or actor a bottleneck, but with the modelled demand and capacity it is \
        neither above the utilization threshold nor within the margin of the busiest queue (or it has no \
        capacity, or no demand reaches it). Either the numbers in the model are wrong, or effort is about to go \
        into the wrong place.
        """
    /// How to fix a finding.
    public let howToFix = """
        Check the demand, branch probabilities, durations and capacity behind it; if they are right, drop the \
        declaration and look at the real bottleneck (`capacity-bottleneck`).
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold("threshold", default: .number(0.85), "Utilization above which a declared bottleneck counts as confirmed."),
        RuleThreshold("margin", default: .number(0.1), "A declared bottleneck within this much of the highest utilization counts as confirmed."),
    ]

    /// Creates the rule.
    public init() {}

    /// Finds contradicted declarations.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        DeclaredBottleneckVerdict.all(context).filter { !$0.confirmed }.map {
            context.finding($0.text, steps: $0.steps, path: ["bottlenecks", $0.index])
        }
    }
}

/// `capacity-declared-bottleneck-confirmed`: declared bottlenecks the numbers support.
public struct CapacityDeclaredBottleneckConfirmedRule: BlueprintRule {
    /// `capacity-declared-bottleneck-confirmed`.
    public let id = "capacity-declared-bottleneck-confirmed"
    /// The title.
    public let title = "Declared bottleneck the numbers confirm"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        The blueprint declares a step or actor a bottleneck and the modelled demand and capacity agree: it is \
        above the utilization threshold, the busiest queue, or within the margin of it.
        """
    /// How to fix a finding.
    public let howToFix = "Nothing to fix; see `capacity-high-utilization` and the what-if analysis for remedies."
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold("threshold", default: .number(0.85), "Utilization above which a declared bottleneck counts as confirmed."),
        RuleThreshold("margin", default: .number(0.1), "A declared bottleneck within this much of the highest utilization counts as confirmed."),
    ]

    /// Creates the rule.
    public init() {}

    /// Finds confirmed declarations.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        DeclaredBottleneckVerdict.all(context).filter(\.confirmed).map {
            context.finding($0.text, steps: $0.steps, path: ["bottlenecks", $0.index])
        }
    }
}

/// `capacity-throughput-ceiling`: per journey, the arrival rate at which it saturates.
public struct CapacityThroughputCeilingRule: BlueprintRule {
    /// `capacity-throughput-ceiling`.
    public let id = "capacity-throughput-ceiling"
    /// The title.
    public let title = "Journey throughput ceiling"
    /// Note.
    public let defaultSeverity = Severity.note
    /// What the rule finds and why it matters.
    public let rationale = """
        For each journey that passes a queue: the arrival rate at which the first queue on it reaches 100% \
        (with the other journeys' demand unchanged), compared with its current demand, and which actor limits it.
        """
    /// How to fix a finding.
    public let howToFix = """
        If the headroom is small for the growth you expect, add capacity at the limiting actor or take work \
        off it.
        """

    /// Creates the rule.
    public init() {}

    /// Reports each journey's ceiling.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let capacity = CapacityAnalysis.forRules(context)
        return capacity.journeys.enumerated().compactMap { j, journey in
            guard let ceiling = journey.throughputCeiling, let limitingID = journey.limitingActorID,
                let limiting = context.actor(limitingID), let load = capacity.actor(limitingID)
            else { return nil }
            let model = context.blueprint.journeys[j]
            let arrivals = CapacityAnalysis.arrivals(journey.demand)
            var arguments: [String: TextArgument] = [
                "journey": .step(title: model.title, id: model.id), "per": CapacityText.per(argument: journey.ceilingPeriod),
                "actor": CapacityText.name(argument: limiting), "ceiling": CapacityText.number(argument: ceiling),
                "arrivals": CapacityText.number(argument: arrivals),
            ]
            let key: String
            if arrivals > 0 {
                if ceiling <= 0 {
                    key = "saturated"
                } else if ceiling < arrivals {
                    key = "above"
                } else {
                    key = "headroom"
                    arguments["factor"] = CapacityText.factor(ceiling / arrivals)
                }
            } else {
                key = "noDemand"
            }
            let message = LocalizedText("finding.capacity-throughput-ceiling.\(key)", arguments)
            let scope = StepSet(capacity: context.graph.stepCount, members: journey.visits.compactMap { context.graph.index(of: $0.stepID) })
            let steps = capacity.loadedSteps(of: load).filter { scope.contains($0) }
            return context.finding(message, steps: steps, path: ["journeys", j])
        }
    }
}
