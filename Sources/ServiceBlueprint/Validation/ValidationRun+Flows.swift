/// Checks of the flow graph: endpoints, duplicates, self-loops, probabilities and cycles.
extension ValidationRun {
    /// Probabilities may add up to a hair over 1 through rounding.
    static let probabilityTolerance = 1e-9

    mutating func checkFlows() {
        /// Per source step: running sum of work-flow probabilities, and whether an error was reported.
        var probabilitySums: [String: (sum: Double, reported: Bool)] = [:]

        let flows = blueprint.flows
        for position in flows.indices {
            let flow = flows[position]
            // Built only for a diagnostic.
            var path: ModelPath { ModelPath([.key("flows"), .index(position)]) }
            if references.flowSources[position] < 0 {
                unknownReference(flow.from, at: path.appending("from"), kind: "step", collection: "steps", ids: stepIDs)
            }
            if references.flowTargets[position] < 0 {
                unknownReference(flow.to, at: path.appending("to"), kind: "step", collection: "steps", ids: stepIDs)
            }

            if flow.from == flow.to, !flow.from.isEmpty {
                error("selfFlow", ["from": .quoted(flow.from)], at: path)
            }
            let first = Int(references.firstFlows[position])
            if first != position {
                error(
                    "duplicateFlow", ["from": .quoted(flow.from), "to": .quoted(flow.to), "first": validator.describe(["flows", first])],
                    at: path)
            }
            if flow.isProbabilityUnknown, flow.kind == .information {
                error("informationUnknownProbability", [:], at: path.appending("probability"))
            }
            if let probability = flow.probability {
                checkProbability(probability, at: path.appending("probability"))
                // Out-of-range values are reported above; adding them up would only repeat that.
                if flow.kind != .information, (0...1).contains(probability) {
                    var entry = probabilitySums[flow.from] ?? (0, false)
                    entry.sum += probability
                    if entry.sum > 1 + Self.probabilityTolerance, !entry.reported {
                        entry.reported = true
                        error("probabilitySum", ["from": .quoted(flow.from), "sum": .verbatim(Self.format(entry.sum))], at: path.appending("probability"))
                    }
                    probabilitySums[flow.from] = entry
                }
            }
        }
        // Steps in no flow are reported by the `structure-no-flow` analysis rule, which configuration can change.
        checkCycles()
    }

    /// Branch probabilities of a journey: keys must name existing flows (`from->to`), values lie in
    /// 0…1, and with the flows' own probabilities for the branches not overridden, the flows leaving
    /// one step must not add up to more than 1.
    mutating func checkBranchProbabilities(of journey: Journey, at path: ModelPath) {
        guard !journey.branchProbabilities.isEmpty else { return }
        let flowIndex = indexFlowIDs()
        var overriddenSources: [String] = []
        var firstKeyOfSource: [String: String] = [:]
        for key in journey.branchProbabilities.keys.sorted() {
            let entryPath = path.appending(key)
            let value = journey.branchProbabilities[key] ?? 0
            checkProbability(value, at: entryPath)
            guard let flowPosition = flowIndex[key] else {
                reportMissingFlow(key, at: entryPath)
                continue
            }
            let source = blueprint.flows[flowPosition].from
            if firstKeyOfSource[source] == nil {
                firstKeyOfSource[source] = key
                overriddenSources.append(source)
            }
        }
        guard !overriddenSources.isEmpty else { return }
        let sources = Set(overriddenSources)
        var sums: [String: Double] = [:]
        for flow in blueprint.flows where flow.kind != .information && sources.contains(flow.from) {
            // Each flow once: a duplicate flow was reported already.
            guard let position = flowIndex[flow.id], blueprint.flows[position] == flow else { continue }
            let probability = journey.branchProbabilities[flow.id] ?? flow.probability ?? 0
            if (0...1).contains(probability) { sums[flow.from, default: 0] += probability }
        }
        for source in overriddenSources {
            let sum = sums[source] ?? 0
            if sum > 1 + Self.probabilityTolerance, let key = firstKeyOfSource[source] {
                error(
                    "journeyProbabilitySum", ["journey": .quoted(journey.id), "from": .quoted(source), "sum": .verbatim(Self.format(sum))],
                    at: path.appending(key))
            }
        }
    }

    private mutating func reportMissingFlow(_ key: String, at path: ModelPath) {
        guard let arrow = key.range(of: "->") else {
            error("branchKey", ["key": .quoted(key)], at: path)
            return
        }
        let from = String(key[..<arrow.lowerBound])
        let to = String(key[arrow.upperBound...])
        if stepIndex[from] == nil || stepIndex[to] == nil {
            guard !validator.unreadable.incompleteIDs.contains("steps") else { return }
            let unknown = stepIndex[from] == nil ? from : to
            error("unknownBranchStep", ["step": .quoted(unknown), "branch": .quoted(key), "suggestion": suggestion(for: unknown, in: stepIDs)], at: path)
        } else {
            error("branchWithoutFlow", ["from": .quoted(from), "to": .quoted(to), "key": .quoted(key)], at: path)
        }
    }

    // MARK: Cycles

    /// Reports every cycle of flows that order work (all kinds but `rework` and `information`).
    ///
    /// An iterative depth-first search over a CSR adjacency, from the steps in declaration order and
    /// along flows in declaration order. Each back edge closes a cycle: the flow that goes back is
    /// reported with the cycle's steps, and together the reported flows are a set whose marking as
    /// rework leaves the graph acyclic. Self-loops and duplicate flows are reported elsewhere and left out.
    mutating func checkCycles() {
        let nodeCount = blueprint.steps.count
        guard nodeCount > 0 else { return }
        // Edges (source, target, flow position) of the work graph.
        var edgeCounts = [Int](repeating: 0, count: nodeCount + 1)
        var edges: [(from: Int32, to: Int32, flow: Int32)] = []
        let blueprintFlows = blueprint.flows
        edges.reserveCapacity(blueprintFlows.count)
        for position in blueprintFlows.indices {
            let from = Int(references.flowSources[position])
            let to = Int(references.flowTargets[position])
            let kind = blueprintFlows[position].kind
            // Declared ends that differ are different steps: position equality is `from != to`.
            guard kind != .rework, kind != .information, from >= 0, to >= 0, from != to,
                references.firstFlows[position] == position
            else { continue }
            edges.append((Int32(from), Int32(to), Int32(position)))
            edgeCounts[from + 1] += 1
        }
        guard !edges.isEmpty else { return }
        // CSR: offsets[node]..<offsets[node + 1] index targets/flows; order within a node follows the flows.
        var offsets = edgeCounts
        for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
        var targets = [Int32](repeating: 0, count: edges.count)
        var flows = [Int32](repeating: 0, count: edges.count)
        var fill = offsets
        for edge in edges {
            let slot = fill[Int(edge.from)]
            targets[slot] = edge.to
            flows[slot] = edge.flow
            fill[Int(edge.from)] += 1
        }

        // 0 = unvisited, 1 = on the DFS stack, 2 = done.
        var state = [UInt8](repeating: 0, count: nodeCount)
        var nextEdge = Array(offsets.dropLast())
        var stackPosition = [Int32](repeating: -1, count: nodeCount)
        var stack: [Int32] = []
        for root in 0..<nodeCount where state[root] == 0 {
            state[root] = 1
            stackPosition[root] = 0
            stack.append(Int32(root))
            while let top = stack.last {
                let node = Int(top)
                if nextEdge[node] < offsets[node + 1] {
                    let slot = nextEdge[node]
                    nextEdge[node] += 1
                    let target = Int(targets[slot])
                    switch state[target] {
                    case 0:
                        state[target] = 1
                        stackPosition[target] = Int32(stack.count)
                        stack.append(Int32(target))
                    case 1:
                        reportCycle(onStackFrom: Int(stackPosition[target]), stack: stack, closingFlow: Int(flows[slot]))
                    default:
                        break
                    }
                } else {
                    state[node] = 2
                    stackPosition[node] = -1
                    stack.removeLast()
                }
            }
        }
    }

    /// One error per back edge, naming the cycle's steps in order (long cycles shortened in the middle).
    private mutating func reportCycle(onStackFrom start: Int, stack: [Int32], closingFlow: Int) {
        let length = stack.count - start
        let shown = 12
        var names: [String] = []
        if length <= shown {
            names = stack[start...].map { blueprint.steps[Int($0)].id }
        } else {
            names = stack[start..<(start + 5)].map { blueprint.steps[Int($0)].id } + ["… \(length - 10) more …"]
                + stack[(stack.count - 5)...].map { blueprint.steps[Int($0)].id }
        }
        names.append(blueprint.steps[Int(stack[start])].id)
        let flow = blueprint.flows[closingFlow]
        error(
            "cycle", ["cycle": .verbatim(names.joined(separator: " -> ")), "from": .quoted(flow.from), "to": .quoted(flow.to)],
            at: ["flows", closingFlow])
    }
}
