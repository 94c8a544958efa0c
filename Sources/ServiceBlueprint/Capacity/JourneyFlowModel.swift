/// One journey's flow graph in local indices, ready for the visit-rate equations and Monte Carlo.
///
/// Local indices are positions in the journey's topological order (work-ordering flows only), so
/// "u < v" means "u can come before v" and every loop over the journey is a forward sweep. Edges
/// carry the probability of being taken once their source has run:
/// - a step whose outgoing flows have a probability (on the flow or in the journey's
///   ``Journey/branchProbabilities``), or whose kind is ``StepKind/decision``, is an **exclusive**
///   split: exactly one flow is taken. Flows without a probability share what the others leave
///   evenly; the result is normalised over the flows inside the journey;
/// - any other step with several outgoing flows is a **parallel** split: all are taken.
///
/// End steps of the journey have no outgoing edges. Rework flows are kept apart as loops with
/// the region they repeat: the steps on a path from the rework target to its source.
package struct JourneyFlowModel: Sendable {
    /// A rework loop: after `source` the work goes back to `target` with `probability`.
    package struct ReworkLoop: Sendable {
        /// Local index of the step the rework leaves from.
        package let source: Int32
        /// Local index of the step the work goes back to.
        package let target: Int32
        /// The probability of going round once more, capped.
        package let probability: Double
        /// Local indices of the steps repeated by one round, ascending (so `target` first, `source` last).
        package let region: [Int32]
    }

    /// Global step index of each local node, in topological order.
    package let nodes: [Int32]
    /// Local index of each global step, −1 outside the journey.
    package let localIndex: [Int32]
    /// The journey's steps as a set of global indices (the scope handed to graph algorithms).
    package let scope: StepSet
    /// Forward CSR over the edges that carry work inside the journey.
    package let outOffsets: [Int32]
    /// Target (local) of each forward edge.
    package let outTargets: [Int32]
    /// Probability that the edge is taken when its source has run (1 on parallel edges).
    package let outProbability: [Double]
    /// Reverse CSR over the same edges.
    package let inOffsets: [Int32]
    /// Source (local) of each reverse edge.
    package let inSources: [Int32]
    /// Position in the forward arrays of each reverse edge.
    package let inEdge: [Int32]
    /// `true` for exclusive splits (one outgoing edge is taken).
    package let isExclusive: [Bool]
    /// The rework loops, in source order then flow order.
    package let loops: [ReworkLoop]

    /// The number of steps in the journey.
    package var count: Int { nodes.count }

    /// An empty model (unknown start).
    static func empty(stepCount: Int) -> JourneyFlowModel {
        JourneyFlowModel(
            nodes: [], localIndex: [Int32](repeating: -1, count: stepCount), scope: StepSet(capacity: stepCount),
            outOffsets: [0], outTargets: [], outProbability: [], inOffsets: [0], inSources: [], inEdge: [],
            isExclusive: [], loops: [])
    }

    /// Builds the model of `journey`.
    /// - Parameters:
    ///   - isDecision: Per step, whether its kind is ``StepKind/decision``.
    ///   - flowProbability: Per flow, its probability clamped to 0…1, NaN when it has none.
    ///   - scope: The journey's steps (``BlueprintGraph/steps(of:)``).
    ///   - order: A topological order of the whole graph over work-ordering flows; nodes a cycle left
    ///     over may follow at the end (flows that run backwards in this order are ignored).
    init(
        journey: Journey, blueprint: Blueprint, graph: BlueprintGraph, isDecision: [Bool], flowProbability: [Double],
        options: CapacityOptions, scope reachable: StepSet, order: [Int32]
    ) {
        let n = graph.stepCount
        let nodes = order.filter { reachable.contains($0) }
        guard let start = graph.index(of: journey.start), nodes.first == start else {
            // Unknown start, or a cycle of ordering flows through it: nothing to schedule.
            self = .empty(stepCount: n)
            return
        }
        let overrides = Self.overrides(of: journey, graph: graph)
        var local = [Int32](repeating: -1, count: n)
        for (position, node) in nodes.enumerated() { local[Int(node)] = Int32(position) }
        let count = nodes.count
        let ends = StepSet(capacity: n, members: journey.ends.compactMap { graph.index(of: $0) })

        var outOffsets = [Int32](repeating: 0, count: count + 1)
        var outTargets = [Int32]()
        var outProbability = [Double]()  // NaN while "no probability written"
        outTargets.reserveCapacity(count + count / 2)
        outProbability.reserveCapacity(count + count / 2)
        var isExclusive = [Bool](repeating: false, count: count)
        for u in 0..<count {
            let global = nodes[u]
            let first = outTargets.count
            outOffsets[u] = Int32(first)
            guard !ends.contains(global) else { continue }
            var anyExplicit = false
            graph.forEachSuccessor(of: global, kinds: .ordering) { target, flow, _ in
                let t = local[Int(target)]
                guard t > u else { return }
                let p = overrides.isEmpty ? flowProbability[Int(flow)] : overrides[flow] ?? flowProbability[Int(flow)]
                if !p.isNaN || blueprint.flows[Int(flow)].isProbabilityUnknown { anyExplicit = true }
                outTargets.append(t)
                outProbability.append(p)
            }
            let end = outTargets.count
            if end - first > 1, isDecision[Int(global)] || anyExplicit {
                isExclusive[u] = true
                Self.shareExclusively(&outProbability, first..<end)
            } else {
                for e in first..<end { outProbability[e] = 1 }
            }
        }
        outOffsets[count] = Int32(outTargets.count)

        // Reverse CSR from the forward one (counting sort keeps source order).
        var inOffsets = [Int32](repeating: 0, count: count + 1)
        for t in outTargets { inOffsets[Int(t) + 1] += 1 }
        for u in 0..<count { inOffsets[u + 1] += inOffsets[u] }
        var cursor = inOffsets
        var inSources = [Int32](repeating: 0, count: outTargets.count)
        var inEdge = [Int32](repeating: 0, count: outTargets.count)
        for u in 0..<count {
            for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) {
                let t = Int(outTargets[e])
                let slot = Int(cursor[t])
                cursor[t] += 1
                inSources[slot] = Int32(u)
                inEdge[slot] = Int32(e)
            }
        }

        self.nodes = nodes
        self.localIndex = local
        self.scope = StepSet(capacity: n, members: nodes)
        self.outOffsets = outOffsets
        self.outTargets = outTargets
        self.outProbability = outProbability
        self.inOffsets = inOffsets
        self.inSources = inSources
        self.inEdge = inEdge
        self.isExclusive = isExclusive
        self.loops = Self.reworkLoops(
            nodes: nodes, localIndex: local, outOffsets: outOffsets, outTargets: outTargets, inOffsets: inOffsets,
            inSources: inSources, blueprint: blueprint, graph: graph, flowProbability: flowProbability,
            overrides: overrides, options: options)
    }

    private init(
        nodes: [Int32], localIndex: [Int32], scope: StepSet, outOffsets: [Int32], outTargets: [Int32],
        outProbability: [Double], inOffsets: [Int32], inSources: [Int32], inEdge: [Int32], isExclusive: [Bool],
        loops: [ReworkLoop]
    ) {
        self.nodes = nodes
        self.localIndex = localIndex
        self.scope = scope
        self.outOffsets = outOffsets
        self.outTargets = outTargets
        self.outProbability = outProbability
        self.inOffsets = inOffsets
        self.inSources = inSources
        self.inEdge = inEdge
        self.isExclusive = isExclusive
        self.loops = loops
    }

    /// The rework loops of a journey with the region each one repeats.
    private static func reworkLoops(
        nodes: [Int32], localIndex: [Int32], outOffsets: [Int32], outTargets: [Int32], inOffsets: [Int32],
        inSources: [Int32], blueprint: Blueprint, graph: BlueprintGraph, flowProbability: [Double],
        overrides: [Int32: Double], options: CapacityOptions
    ) -> [ReworkLoop] {
        let count = nodes.count
        var loops = [ReworkLoop]()
        var forward = [UInt32](repeating: 0, count: count)
        var backward = [UInt32](repeating: 0, count: count)
        var stamp: UInt32 = 0
        let cap = min(max(0, options.maximumReworkProbability), 0.999_999)
        for s in 0..<count {
            let global = nodes[s]
            graph.forEachSuccessor(of: global, kinds: .rework) { target, flow, _ in
                let t = Int(localIndex[Int(target)])
                guard t >= 0, t <= s else { return }
                var p = overrides[flow] ?? flowProbability[Int(flow)]
                if p.isNaN {
                    p = blueprint.steps[Int(global)].failPoint?.likelihood.flatMap { $0.isFinite ? $0 : nil }
                        ?? options.defaultReworkProbability
                }
                p = min(cap, max(0, p.isFinite ? p : 0))
                guard p > 0 else { return }
                stamp += 1
                // Steps on a path t → … → s: reached forward from t and backward from s, both kept
                // between t and s in topological order (a sweep, not a search of the whole journey).
                forward[t] = stamp
                for u in t...s where forward[u] == stamp {
                    for e in Int(outOffsets[u])..<Int(outOffsets[u + 1]) where Int(outTargets[e]) <= s {
                        forward[Int(outTargets[e])] = stamp
                    }
                }
                backward[s] = stamp
                for u in stride(from: s, through: t, by: -1) where backward[u] == stamp {
                    for e in Int(inOffsets[u])..<Int(inOffsets[u + 1]) where Int(inSources[e]) >= t {
                        backward[Int(inSources[e])] = stamp
                    }
                }
                let region = (t...s).filter { forward[$0] == stamp && backward[$0] == stamp }.map { Int32($0) }
                guard region.first == Int32(t), region.last == Int32(s) else { return }
                loops.append(ReworkLoop(source: Int32(s), target: Int32(t), probability: p, region: region))
            }
        }
        return loops
    }

    /// Each flow's probability clamped to 0…1, NaN when it has none (or not a finite number).
    static func flowProbabilities(_ blueprint: Blueprint) -> [Double] {
        var result = [Double](repeating: .nan, count: blueprint.flows.count)
        for f in 0..<blueprint.flows.count {
            if let p = blueprint.flows[f].probability, p.isFinite { result[f] = min(1, max(0, p)) }
        }
        return result
    }

    /// The journey's ``Journey/branchProbabilities`` by flow index. Keys are flow ids `from->to`;
    /// they are resolved through the graph (not by building every flow's id), and a key names every
    /// flow between the two steps.
    static func overrides(of journey: Journey, graph: BlueprintGraph) -> [Int32: Double] {
        var result = [Int32: Double]()
        for key in journey.branchProbabilities.keys.sorted() {
            guard let value = journey.branchProbabilities[key] else { continue }
            // Step ids may themselves contain "->": try every split until both sides are steps.
            var searchStart = key.startIndex
            while let arrow = key.range(of: "->", range: searchStart..<key.endIndex) {
                if let from = graph.index(of: String(key[..<arrow.lowerBound])),
                    let to = graph.index(of: String(key[arrow.upperBound...]))
                {
                    graph.forEachSuccessor(of: from, kinds: .all) { target, flow, _ in
                        if target == to { result[flow] = value.isFinite ? min(1, max(0, value)) : .nan }
                    }
                    break
                }
                searchStart = arrow.upperBound
            }
        }
        return result
    }

    /// Turns the written probabilities in `range` (NaN = none) into the shares of an exclusive
    /// split: written ones as they are, the rest of 1 shared evenly by the flows without one, then
    /// normalised to sum to 1 (even shares if everything is 0).
    static func shareExclusively(_ probabilities: inout [Double], _ range: Range<Int>) {
        var given = 0.0
        var unspecified = 0
        for e in range {
            if probabilities[e].isNaN { unspecified += 1 } else { given += probabilities[e] }
        }
        let rest = unspecified > 0 ? max(0, 1 - given) / Double(unspecified) : 0
        var total = 0.0
        for e in range {
            if probabilities[e].isNaN { probabilities[e] = rest }
            total += probabilities[e]
        }
        for e in range { probabilities[e] = total > 0 ? probabilities[e] / total : 1 / Double(range.count) }
    }
}

extension JourneyFlowModel {
    /// Expected visits to each local step per customer who starts the journey.
    ///
    /// Without rework every step runs at most once per customer, so its visit rate is the
    /// probability that it runs. Probabilities flow forward in topological order; where branches
    /// meet, the result depends on how they split: branches of an exclusive split add up, branches
    /// of a parallel split are synchronised (the join runs once if any branch reaches it, computed
    /// as the union of independent events). The split a join closes is found on the dominator tree
    /// (each step's immediate dominator is the meeting point of its predecessors in that tree), and
    /// contributions are merged bottom-up along it, so nested mixes of exclusive and parallel splits
    /// are handled. Each rework loop then multiplies the visits of its region by the expected number
    /// of rounds, 1 / (1 − p); loops that contain each other multiply (exact for nested loops, an
    /// approximation when several rework flows leave the same step).
    ///
    /// - Complexity: O(n + m) plus, per join, the distance in the dominator tree to the split it
    ///   closes, plus the length of each loop's region — linear for blueprints of local structure.
    /// With `rework` false, the visits of one pass: no loop multiplies (issue 16's cost of rework).
    func visitRates(rework: Bool = true) -> [Double] {
        let n = count
        guard n > 0 else { return [] }
        var visits = [Double](repeating: 0, count: n)
        var dominator = [Int32](repeating: -1, count: n)
        var depth = [Int32](repeating: 0, count: n)
        visits[0] = 1
        var anchors = [Int32]()
        var values = [Double]()
        for v in 1..<n {
            let first = Int(inOffsets[v]), end = Int(inOffsets[v + 1])
            guard first < end else {
                dominator[v] = 0
                depth[v] = 1
                continue
            }
            // Immediate dominator: the nearest common ancestor of all predecessors.
            var meet = inSources[first]
            for e in (first + 1)..<end {
                var other = inSources[e]
                while meet != other {
                    if depth[Int(meet)] < depth[Int(other)] || (depth[Int(meet)] == depth[Int(other)] && meet < other) {
                        other = dominator[Int(other)]
                    } else {
                        meet = dominator[Int(meet)]
                    }
                }
            }
            dominator[v] = meet
            depth[v] = depth[Int(meet)] + 1

            // Merge the incoming contributions bottom-up along the dominator tree.
            anchors.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            for e in first..<end {
                let source = inSources[e]
                anchors.append(source)
                values.append(visits[Int(source)] * outProbability[Int(inEdge[e])])
            }
            while anchors.count > 1 {
                var deepest = 0
                for i in 1..<anchors.count {
                    let a = Int(anchors[i]), b = Int(anchors[deepest])
                    if depth[a] > depth[b] || (depth[a] == depth[b] && a > b) { deepest = i }
                }
                let anchor = anchors[deepest]
                let base = visits[Int(anchor)]
                let parallel = !isExclusive[Int(anchor)]
                var sum = 0.0
                var missProduct = 1.0
                var i = 0
                while i < anchors.count {
                    if anchors[i] == anchor {
                        sum += values[i]
                        if base > 0 { missProduct *= 1 - min(1, values[i] / base) }
                        anchors.swapAt(i, anchors.count - 1)
                        values.swapAt(i, values.count - 1)
                        anchors.removeLast()
                        values.removeLast()
                    } else {
                        i += 1
                    }
                }
                let merged = base > 0 ? (parallel ? base * (1 - missProduct) : min(base, sum)) : 0
                anchors.append(dominator[Int(anchor)])
                values.append(merged)
                if anchors.count == 1 { break }
            }
            visits[v] = values.first ?? 0
        }
        for loop in loops where rework {
            let factor = 1 / (1 - loop.probability)
            for u in loop.region { visits[Int(u)] *= factor }
        }
        return visits
    }
}
