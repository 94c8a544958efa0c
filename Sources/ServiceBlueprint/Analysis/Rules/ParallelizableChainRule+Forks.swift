/// Independent successors at forks and joins: a step one work flow after a step that also forks
/// elsewhere, or a step that joins several branches, which needs nothing from the step before it.
extension ParallelizableChainRule {
    /// Ancestor searches stop after this many steps (the candidate is then skipped), so the rule stays
    /// near-linear on large blueprints.
    static let ancestorSearchLimit = 4_096

    /// The fork and join candidates the serial-chain search cannot see (steps in `covered` are skipped).
    ///
    /// For a work flow `u → v` where `u` forks or `v` joins, `v` moves when it is backstage or support
    /// work with declared needs and depends on nothing from `u`. It then starts after the latest
    /// upstream step it does depend on: the latest producer of what it needs (or sender of an
    /// information flow to it), its single-capacity actor's previous step, or a step nothing moves
    /// across (a customer step, a wait, a transport, a hand-off). `u` joins `v`'s successors instead.
    func forkJoinCandidates(_ context: AnalysisContext, covered: Set<Int32>) -> [Candidate] {
        let graph = context.graph
        let steps = context.blueprint.steps
        let flows = context.blueprint.flows
        func plain(_ flow: Int32) -> Bool {
            let f = flows[Int(flow)]
            return (f.kind == .sequence || f.kind == .handoff) && (f.probability ?? 1) >= 1
        }
        // The flow into the moved step may be one of exclusive branches (approved / corrections): the branch
        // then leads to the step's successors instead, with its label and probability.
        func work(_ flow: Int32) -> Bool {
            let f = flows[Int(flow)]
            return f.kind == .sequence || f.kind == .handoff
        }
        var candidates: [Candidate] = []
        for u in 0..<Int32(graph.stepCount) where !isBarrier(u, context) && steps[Int(u)].kind != .decision {
            let forks = graph.outDegree(of: u) > 1
            graph.forEachSuccessor(of: u) { v, flow, _ in
                guard v != u, !covered.contains(v), forks || graph.inDegree(of: v) > 1, work(flow),
                    isMovable(v, context), !dependsDirectly(v, on: u, context)
                else { return }
                var exits: [Int32] = []
                var exitFlows: [Int32] = []
                var allPlain = true
                graph.forEachSuccessor(of: v) { w, f, _ in
                    if !plain(f) || w == v || w == u { allPlain = false }
                    if !exits.contains(w) { exits.append(w); exitFlows.append(f) }
                }
                guard allPlain, !exits.isEmpty, let upstream = latestDependencies(of: v, before: u, context), !upstream.isEmpty
                else { return }
                // The branches it already joins stay; of all it waits for, only the latest are named.
                var waits = Set(upstream)
                graph.forEachPredecessor(of: v) { p, _, _ in if p != u { waits.insert(p) } }
                let after = waits.filter { a in !waits.contains { b in b != a && context.leadsTo(a, b) } }.sorted()
                let ids = { (nodes: [Int32]) in nodes.map { graph.id(of: $0) } }
                var suggestion = ParallelizationSuggestion(
                    entry: graph.id(of: u), steps: [graph.id(of: v)], exits: ids(exits),
                    dependencies: [.init(step: graph.id(of: v), after: ids(after))],
                    checks: [.init(step: graph.id(of: v), needs: steps[Int(v)].needs, runsAlongside: [graph.id(of: u)])])
                if forks, leavesPath(u, after: exits, context) { suggestion.entryJoinsExits = false }
                candidates.append(Candidate(
                    entry: u, region: [v], exits: exits, predecessors: [[-1]], suggestion: suggestion,
                    flows: [flow] + exitFlows, isForkJoin: true))
            }
        }
        return candidates
    }

    /// `true` when `u` produces information and nothing from `exits` on needs it or gets an information flow
    /// from it: once the step after it moves, `u` need not precede the exits and leaves the customer's path,
    /// continuing only on its other branches (a letter dictated while the patient goes on). `false` when
    /// the search is too large.
    func leavesPath(_ u: Int32, after exits: [Int32], _ context: AnalysisContext) -> Bool {
        let products = Set(context.step(u).produces)
        guard !products.isEmpty else { return false }
        let graph = context.graph
        var informs = Set<Int32>()
        graph.forEachSuccessor(of: u, kinds: .information) { w, _, _ in informs.insert(w) }
        var seen = Set(exits)
        var queue = exits
        var head = 0
        while head < queue.count {
            if queue.count > Self.ancestorSearchLimit { return false }
            let w = queue[head]
            head += 1
            if w == u || informs.contains(w) || !products.isDisjoint(with: context.step(w).needs) { return false }
            graph.forEachSuccessor(of: w) { x, _, _ in if seen.insert(x).inserted { queue.append(x) } }
        }
        return true
    }

    /// Customer steps, evidence, waits, transports and hand-offs: the case itself or the passing of time.
    func isBarrier(_ v: Int32, _ context: AnalysisContext) -> Bool {
        // Fields read in place (a copy of the step retains all of its strings and arrays).
        let steps = context.blueprint.steps
        let kind = steps[Int(v)].kind
        return kind == .wait || kind == .transport || kind == .handoff || steps[Int(v)].lane == .evidence
            || context.isCustomerStep(v)
    }

    /// Backstage or support work, not a barrier, decision or approval, whose needs are declared. An approval
    /// signs off the case as it stands, so it keeps waiting for everything before it (an estimate is approved
    /// once liability is known, although the approval form lists only the estimate).
    func isMovable(_ v: Int32, _ context: AnalysisContext) -> Bool {
        let steps = context.blueprint.steps
        let lane = steps[Int(v)].lane, kind = steps[Int(v)].kind
        return (lane == .backstage || lane == .support) && !isBarrier(v, context) && kind != .decision
            && kind != .approval && !steps[Int(v)].needs.isEmpty
    }

    /// The single-capacity actor performing the step, if any.
    func singleServer(_ v: Int32, _ context: AnalysisContext) -> String? {
        guard let actor = context.performer(ofStep: v), context.actor(actor)?.capacity == 1 else { return nil }
        return actor
    }

    /// `true` when `v` needs something `u` produces, gets an information flow from it, or shares its
    /// single-capacity actor.
    func dependsDirectly(_ v: Int32, on u: Int32, _ context: AnalysisContext) -> Bool {
        let needs = Set(context.step(v).needs)
        if !needs.isDisjoint(with: context.step(u).produces) { return true }
        var informed = false
        context.graph.forEachSuccessor(of: u, kinds: .information) { w, _, _ in if w == v { informed = true } }
        if informed { return true }
        if let actor = singleServer(v, context), actor == singleServer(u, context) { return true }
        return false
    }

    /// The latest steps upstream of `u` that `v` must still follow (see ``forkJoinCandidates(_:covered:)``),
    /// without one that leads to another; `nil` when the search is too large.
    func latestDependencies(of v: Int32, before u: Int32, _ context: AnalysisContext) -> [Int32]? {
        let graph = context.graph
        var found: [Int32] = []
        var seen: Set<Int32> = [u]
        var queue: [Int32] = []
        graph.forEachPredecessor(of: u) { p, _, _ in if seen.insert(p).inserted { queue.append(p) } }
        var head = 0
        while head < queue.count {
            if queue.count > Self.ancestorSearchLimit { return nil }
            let p = queue[head]
            head += 1
            if p == v { return nil }  // a cycle through v
            if isBarrier(p, context) || dependsDirectly(v, on: p, context) {
                found.append(p)
                continue
            }
            graph.forEachPredecessor(of: p) { q, _, _ in if seen.insert(q).inserted { queue.append(q) } }
        }
        let latest = found.filter { a in !found.contains { b in b != a && context.leadsTo(a, b) } }
        return latest.sorted()
    }

    /// Why `v` must start after `p`: "which produces 'Case'", "the previous step of single-capacity actor
    /// 'clerk'", or "which it cannot move across".
    func reason(_ v: Int32, after p: Int32, _ context: AnalysisContext) -> LocalizedText {
        let produced = context.step(v).needs.filter { context.step(p).produces.contains($0) }
        if !produced.isEmpty {
            return LocalizedText("finding.parallelizable-chain.because.produces", ["items": .list(produced.map(context.item(argument:)))])
        }
        if let actor = singleServer(v, context), actor == singleServer(p, context) {
            return LocalizedText("finding.parallelizable-chain.because.singleServer", ["actor": .quoted(actor)])
        }
        var informed = false
        context.graph.forEachSuccessor(of: p, kinds: .information) { w, _, _ in if w == v { informed = true } }
        if informed { return LocalizedText("finding.parallelizable-chain.because.informs") }
        return LocalizedText(context.isCustomerStep(p) ? "finding.parallelizable-chain.because.customer" : "finding.parallelizable-chain.because.nothing")
    }
}
