/// `parallelizable-chain`: serial steps that need nothing from each other and could run in parallel.
public struct ParallelizableChainRule: BlueprintRule {
    /// `parallelizable-chain`.
    public let id = "parallelizable-chain"
    /// The title.
    public let title = "Serial chain that could run in parallel"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        Steps that run one after the other although the later one needs nothing the earlier one produces \
        (checked on the information each step needs and produces, information flows, shared single-capacity \
        actors and the customer), so the order is habit, not necessity. Running them in parallel shortens the \
        lead time; the saving is measured by re-running the critical path on the rewritten flows.
        """
    /// How to fix a finding.
    public let howToFix = """
        Start the independent steps together after the chain's first step and join them before the step after \
        the chain; `Analyzer.toBe(_:)` or `ParallelizationSuggestion.apply(to:)` produce the rewritten blueprint.
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold(
            "minimumSaving", default: .duration(.zero),
            "Report a chain only when it saves more than this much lead time on some journey."),
    ]
    /// Blueprints up to this many steps are re-analysed literally for every candidate (rewrite, new
    /// graph, new critical path); larger ones use the equivalent windowed computation.
    let exactRerunLimit: Int

    /// On blueprints above ``exactRerunLimit``, at most this many fork/join candidates are re-run per journey.
    static let forkJoinRerunLimit = 64

    /// Creates the rule.
    public init() { exactRerunLimit = 5_000 }

    /// Creates the rule with a custom limit for the literal re-run (tests compare both methods).
    init(exactRerunLimit: Int) { self.exactRerunLimit = exactRerunLimit }

    /// Finds the chains and reports those that save lead time.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let minimum = context.duration("minimumSaving").seconds
        let found = suggestions(context).filter { $0.best.map { $0.saving > minimum } ?? false }
        // The money is worked out only when a finding will state it (kpi16: issue 16's cost).
        let money = found.isEmpty ? nil : CaseMoney(context.blueprint)
        return found.compactMap { candidate in
            candidate.best.map { finding(for: candidate, best: $0, context: context, money: money) }
        }
    }

    /// A chain that can be rewritten, with its rewrite and its measured savings.
    struct Candidate {
        var entry: Int32
        var region: [Int32]
        var exits: [Int32]
        /// New predecessors per region position; -1 stands for the entry.
        var predecessors: [[Int]]
        var suggestion: ParallelizationSuggestion
        /// Flow indices of the chain's work flows.
        var flows: [Int32]
        /// `true` for a step moved at a fork or join (measured by re-running the critical path only).
        var isForkJoin = false
        /// Lead time before and after, per scope position.
        var measured: [(scope: Int, before: Double, after: Double)] = []

        var best: (scope: Int, before: Double, after: Double, saving: Double)? {
            var result: (scope: Int, before: Double, after: Double, saving: Double)?
            for m in measured {
                let saving = ((m.before - m.after) * 1_000).rounded() / 1_000
                if result == nil || saving > result!.saving { result = (m.scope, m.before, m.after, saving) }
            }
            return result
        }
    }

    /// Every rewritable chain, measured on each journey that contains it.
    func suggestions(_ context: AnalysisContext) -> [Candidate] {
        var candidates = chains(context).compactMap { rewrite($0, context: context) }
        let covered = Set(candidates.flatMap { [$0.entry] + $0.region })
        candidates += forkJoinCandidates(context, covered: covered)
        guard !candidates.isEmpty else { return [] }
        let graph = context.graph
        let weights = graph.timeWeights
        let literal = context.blueprint.steps.count <= exactRerunLimit
        for (s, scope) in context.scopes.enumerated() {
            let ends = Set(scope.journey?.ends ?? [])
            var inScope: [Int] = []
            for (c, candidate) in candidates.enumerated() {
                let nodes = [candidate.entry] + candidate.region
                guard nodes.allSatisfy({ scope.schedule.scheduled.contains($0) }),
                    candidate.exits.contains(where: { scope.schedule.scheduled.contains($0) }),
                    !candidate.region.contains(where: { ends.contains(graph.id(of: $0)) }),
                    !candidate.flows.contains(where: { scope.excludedFlows?.contains($0) ?? false })
                else { continue }
                inScope.append(c)
            }
            guard !inScope.isEmpty else { continue }
            let schedule = scope.schedule
            // Fork and join rewrites have no windowed formula: they are always re-run, a bounded number of times.
            let rerun = literal ? inScope : Array(inScope.filter { candidates[$0].isForkJoin }.prefix(Self.forkJoinRerunLimit))
            let windowed = literal ? [] : inScope.filter { !candidates[$0].isForkJoin }
            if !rerun.isEmpty {
                for c in rerun {
                    let rewritten = candidates[c].suggestion.apply(to: context.blueprint)
                    let newGraph = BlueprintGraph(variant: rewritten)
                    // Re-measured on the rewritten graph's customer's path, as the metrics measure it.
                    var after: Double
                    if let journey = scope.journey {
                        let excluded = newGraph.excludedFlows(for: journey)
                        let path = newGraph.parts(of: journey, skipping: excluded).path
                        after = newGraph.longestPath(within: path, skipping: excluded).length
                    } else {
                        after = newGraph.longestPath(within: newGraph.wholeBlueprintParts().path).length
                    }
                    candidates[c].measured.append((s, schedule.length, after))
                }
            }
            if !windowed.isEmpty {
                let bypass = graph.longestPathsAvoiding(
                    regions: windowed.map { candidates[$0].region }, within: scope.path, schedule: schedule,
                    skipping: scope.excludedFlows)
                for (q, c) in windowed.enumerated() {
                    guard let avoiding = bypass[q] else { continue }
                    let candidate = candidates[c]
                    var finish = [Double](repeating: 0, count: candidate.region.count)
                    for (j, v) in candidate.region.enumerated() {
                        let start = candidate.predecessors[j].map { $0 < 0 ? 0 : finish[$0] }.max() ?? 0
                        finish[j] = start + weights[Int(v)]
                    }
                    let exitTail = candidate.exits.filter { schedule.scheduled.contains($0) }
                        .map { schedule.length - schedule.latestStart[Int($0)] }.max() ?? 0
                    let through = schedule.earliestFinish[Int(candidate.entry)] + (finish.max() ?? 0) + exitTail
                    candidates[c].measured.append((s, schedule.length, max(avoiding, through)))
                }
            }
        }
        return candidates
    }

    /// Maximal serial chains with a single entry: `entry → region… → exits`.
    func chains(_ context: AnalysisContext) -> [(entry: Int32, region: [Int32], exits: [Int32])] {
        let graph = context.graph
        let steps = context.blueprint.steps
        let flows = context.blueprint.flows
        let n = graph.stepCount
        func plain(_ flow: Int32) -> Bool {
            let f = flows[Int(flow)]
            return (f.kind == .sequence || f.kind == .handoff) && (f.probability ?? 1) >= 1
        }
        // The single work edge out of / into each node, when it has exactly one.
        var onlySuccessor = [Int32](repeating: -1, count: n)
        var onlyPredecessor = [Int32](repeating: -1, count: n)
        var succFlow = [Int32](repeating: -1, count: n)
        var predFlow = [Int32](repeating: -1, count: n)
        for v in 0..<Int32(n) {
            var count = 0
            graph.forEachSuccessor(of: v) { w, f, _ in
                count += 1
                onlySuccessor[Int(v)] = w
                succFlow[Int(v)] = f
            }
            if count != 1 { onlySuccessor[Int(v)] = -1 }
            count = 0
            graph.forEachPredecessor(of: v) { u, f, _ in
                count += 1
                onlyPredecessor[Int(v)] = u
                predFlow[Int(v)] = f
            }
            if count != 1 { onlyPredecessor[Int(v)] = -1 }
        }
        func inChain(_ v: Int32) -> Bool { steps[Int(v)].kind != .decision }
        // A chain edge joins two non-decision steps, one the other's only successor and only predecessor.
        func chainNext(_ v: Int32) -> Int32? {
            let w = onlySuccessor[Int(v)]
            guard w >= 0, w != v, onlyPredecessor[Int(w)] == v, inChain(v), inChain(w), plain(succFlow[Int(v)]) else {
                return nil
            }
            return w
        }
        var hasChainPredecessor = [Bool](repeating: false, count: n)
        for v in 0..<Int32(n) { if let w = chainNext(v) { hasChainPredecessor[Int(w)] = true } }
        var result: [(Int32, [Int32], [Int32])] = []
        for start in 0..<Int32(n) where !hasChainPredecessor[Int(start)] && chainNext(start) != nil {
            var segment = [start]
            var cursor = start
            while let next = chainNext(cursor), segment.count <= n {
                segment.append(next)
                cursor = next
            }
            // The entry must be able to fork: the segment's only predecessor, joined by a plain flow, not a decision.
            let entry: Int32
            let before = onlyPredecessor[Int(start)]
            if before >= 0, before != start, steps[Int(before)].kind != .decision, plain(predFlow[Int(start)]) {
                entry = before
            } else {
                entry = segment.removeFirst()
            }
            // The exits must be able to join: every successor of the last step, all joined by plain flows.
            guard let last = segment.last else { continue }
            var exits: [Int32] = []
            var allPlain = true
            graph.forEachSuccessor(of: last) { w, f, _ in
                if !plain(f) || w == last || segment.contains(w) || w == entry { allPlain = false }
                if !exits.contains(w) { exits.append(w) }
            }
            if exits.isEmpty || !allPlain {
                guard let removed = segment.popLast() else { continue }
                exits = [removed]
            }
            // Nothing moves across a barrier (a customer step, a wait, a transport, a hand-off), so the chain
            // falls apart there into pieces that are rewritten and measured on their own; a piece then fits
            // inside the journey whose part it is, even when the whole chain runs through several journeys.
            var pieceEntry = entry
            var piece: [Int32] = []
            for v in segment {
                if isBarrier(v, context) {
                    if piece.count >= 2 { result.append((pieceEntry, piece, [v])) }
                    pieceEntry = v
                    piece = []
                } else {
                    piece.append(v)
                }
            }
            guard piece.count >= 2 else { continue }
            result.append((pieceEntry, piece, exits))
        }
        return result
    }

    /// The dependency-driven rewrite of a chain, or `nil` when no step can run alongside an earlier one.
    ///
    /// Only backstage and support work moves. Customer actions, evidence, waits, transports and hand-offs
    /// stay where they are and nothing moves across them: they carry the case itself, or the passing of time.
    /// Decisions and approvals stay too: they decide on the case as it stands, with everything before them.
    func rewrite(_ chain: (entry: Int32, region: [Int32], exits: [Int32]), context: AnalysisContext) -> Candidate? {
        let region = chain.region
        let steps = context.blueprint.steps
        let graph = context.graph
        let k = region.count
        var position: [Int32: Int] = [:]
        for (j, v) in region.enumerated() { position[v] = j }

        func involvesCustomer(_ v: Int32) -> Bool {
            context.isCustomerStep(v) || (steps[Int(v)].lane == .frontstage && steps[Int(v)].channel != nil)
        }
        func singleCapacityActor(_ v: Int32) -> String? {
            guard let actor = context.performer(ofStep: v), context.actor(actor)?.capacity == 1 else { return nil }
            return actor
        }
        func barrier(_ v: Int32) -> Bool {
            [.wait, .transport, .handoff].contains(steps[Int(v)].kind) || steps[Int(v)].lane == .evidence
                || context.isCustomerStep(v)
        }
        func movable(_ v: Int32) -> Bool { isMovable(v, context) }

        // deps[j]: chain positions j must wait for.
        var deps = [[Int]](repeating: [], count: k)
        for j in 1..<k {
            let v = region[j]
            let needs = Set(steps[Int(v)].needs)
            var informationFrom = Set<Int>()
            graph.forEachPredecessor(of: v, kinds: .information) { u, _, _ in
                if let i = position[u], i < j { informationFrom.insert(i) }
            }
            for i in 0..<j {
                let u = region[i]
                let dataDependency = !needs.isDisjoint(with: steps[Int(u)].produces) || informationFrom.contains(i)
                let resourceConflict = (singleCapacityActor(v).map { $0 == singleCapacityActor(u) } ?? false)
                    || (involvesCustomer(v) && involvesCustomer(u))
                // Steps that do not move wait for everything before them, as today.
                let fixedOrder = barrier(u) || !movable(v)
                if dataDependency || resourceConflict || fixedOrder { deps[j].append(i) }
            }
        }
        // Transitive reduction: keep only dependencies not implied by another one.
        var ancestors = [Set<Int>](repeating: [], count: k)
        var predecessors = [[Int]](repeating: [-1], count: k)
        for j in 0..<k {
            var all = Set<Int>()
            for i in deps[j] { all.insert(i); all.formUnion(ancestors[i]) }
            ancestors[j] = all
            let direct = deps[j].filter { i in !deps[j].contains { l in l != i && ancestors[l].contains(i) } }
            predecessors[j] = direct.isEmpty ? [-1] : direct.sorted()
        }
        // A step moves when it no longer waits for some earlier chain step.
        let moved = (1..<k).filter { ancestors[$0].count < $0 }
        guard !moved.isEmpty else { return nil }

        let ids = region.map { graph.id(of: $0) }
        let entryID = graph.id(of: chain.entry)
        let dependencies = (0..<k).map { j in
            ParallelizationSuggestion.Dependency(step: ids[j], after: predecessors[j].map { $0 < 0 ? entryID : ids[$0] })
        }
        let checks = moved.map { j in
            ParallelizationSuggestion.DependencyCheck(
                step: ids[j], needs: steps[Int(region[j])].needs,
                runsAlongside: (0..<j).filter { !ancestors[j].contains($0) }.map { ids[$0] })
        }
        let suggestion = ParallelizationSuggestion(
            entry: entryID, steps: ids, exits: chain.exits.map { graph.id(of: $0) }, dependencies: dependencies,
            checks: checks)
        let sequence = [chain.entry] + region
        var flowIndices: [Int32] = []
        for (u, w) in Array(zip(sequence, sequence.dropFirst())) + chain.exits.map({ (region[k - 1], $0) }) {
            graph.forEachSuccessor(of: u) { target, flow, _ in
                if target == w, !flowIndices.contains(flow) { flowIndices.append(flow) }
            }
        }
        return Candidate(
            entry: chain.entry, region: region, exits: chain.exits, predecessors: predecessors,
            suggestion: suggestion, flows: flowIndices)
    }

    func finding(
        for candidate: Candidate, best: (scope: Int, before: Double, after: Double, saving: Double),
        context: AnalysisContext, money: CaseMoney? = nil
    ) -> Finding {
        let suggestion = candidate.suggestion
        let scope = context.scopes[best.scope]
        func node(_ id: String) -> Int32 { context.graph.index(of: id) ?? 0 }
        var reasons: [TextArgument] = []
        var involved = Set<String>()
        for check in suggestion.checks {
            let alongside = check.runsAlongside.map(node)
            involved.insert(check.step)
            involved.formUnion(check.runsAlongside)
            reasons.append(.phrase(LocalizedText("finding.parallelizable-chain.reason.\(alongside.count == 1 ? "one" : "many")", [
                "step": context.step(argument: node(check.step)), "alongside": context.steps(argument: alongside),
                "needs": .list(check.needs.map(context.item(argument:))),
            ])))
        }
        let saving = BlueprintDuration(seconds: best.saving)
        // Name where each moved step starts: the latest step it really depends on, not the chain's entry.
        let starts = suggestion.checks.map { check -> TextArgument in
            let after = suggestion.dependencies.first { $0.step == check.step }?.after ?? [suggestion.entry]
            let named = after.map { id -> TextArgument in
                guard candidate.isForkJoin else { return context.step(argument: node(id)) }
                return .phrase(LocalizedText("finding.parallelizable-chain.afterBecause", [
                    "step": context.step(argument: node(id)), "reason": .phrase(reason(node(check.step), after: node(id), context)),
                ]))
            }
            return .phrase(LocalizedText(
                "finding.parallelizable-chain.start", ["step": context.step(argument: node(check.step)), "after": .list(named)]))
        }
        let leaves = suggestion.entryJoinsExits == false
        var impact = Impact(leadTimeSaved: saving, journey: scope.journey?.id)
        var savingArgument = TextArgument.duration(saving)
        if let money, let amount = money.saving(leadTime: saving, journey: scope.journey?.id) {
            impact.costSaved = amount
            savingArgument = .phrase(LocalizedText("cost.timeAndMoney", ["time": .duration(saving), "money": money.text(amount)]))
        }
        let message = LocalizedText("finding.parallelizable-chain\(leaves ? ".leaves" : "")", [
            "reasons": .series(reasons, separator: LocalizedText("list.semicolon")), "starts": .list(starts),
            "scope": scope.nameArgument, "before": .duration(BlueprintDuration(seconds: best.before)),
            "after": .duration(BlueprintDuration(seconds: best.after)), "saving": savingArgument,
            "entry": context.step(argument: candidate.entry),
        ])
        let first = suggestion.checks.first
        let fix = SuggestedFix(
            .parallelize(suggestion),
            text: LocalizedText("fix.parallelizable-chain", [
                "step": first.map { context.step(argument: node($0.step)) } ?? .phrase(LocalizedText("finding.parallelizable-chain.theSteps")),
                "alongside": context.steps(argument: (first?.runsAlongside ?? []).map(node)),
                "after": context.steps(argument: (suggestion.dependencies.first { $0.step == first?.step }?.after ?? [suggestion.entry]).map(node)),
                "exits": context.steps(argument: candidate.exits),
            ]))
        // At a fork or join the step it no longer waits for is the entry: name both.
        let named = candidate.isForkJoin ? [candidate.entry] + candidate.region : candidate.region
        return context.finding(
            message, steps: named.filter { involved.contains(context.graph.id(of: $0)) },
            flows: candidate.flows, fix: fix, impact: impact)
    }
}
