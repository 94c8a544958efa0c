/// The flow graph of a blueprint in compact, integer-indexed form, built once and shared by the analyses.
///
/// Steps become nodes `0..<stepCount` in blueprint step order; flows become edges stored in
/// compressed sparse row (CSR) form, forward and reverse, each edge remembering the index of its
/// flow in ``Blueprint/flows`` and the flow's kind. Every algorithm on the graph is iterative and
/// linear (or `n log n` where ties are broken by index), so it scales to 100 000 steps.
///
/// Building never fails: flows that name unknown steps are skipped and listed in
/// ``skippedFlows``; a step id that appears twice resolves to its first occurrence.
///
/// ```swift
/// let graph = BlueprintGraph(blueprint)
/// let order = graph.topologicalOrder()          // work order, rework edges ignored
/// let timing = graph.longestPath()              // earliest/latest start, slack, critical path
/// ```
public struct BlueprintGraph: Sendable {
    /// The step ids, by node index.
    public let stepIDs: [String]
    /// Node index by step id (first occurrence wins for duplicate ids).
    private let indexByID: IDTable
    /// The node of each id in ``indexByID`` (ids are numbered apart from nodes when some repeat).
    private let nodeOfID: [Int32]

    /// Forward CSR: the out-edges of node `v` are positions `forwardOffsets[v]..<forwardOffsets[v+1]`.
    package let forwardOffsets: [Int32]
    /// Forward CSR: target node of each out-edge.
    package let forwardTargets: [Int32]
    /// Forward CSR: index in ``Blueprint/flows`` of each out-edge.
    package let forwardFlows: [Int32]
    /// Forward CSR: kind code of each out-edge (see ``kind(ofForwardEdge:)``).
    let forwardKinds: [UInt8]

    /// Reverse CSR: the in-edges of node `v` are positions `reverseOffsets[v]..<reverseOffsets[v+1]`.
    package let reverseOffsets: [Int32]
    /// Reverse CSR: source node of each in-edge.
    package let reverseSources: [Int32]
    /// Reverse CSR: index in ``Blueprint/flows`` of each in-edge.
    package let reverseFlows: [Int32]
    /// Reverse CSR: kind code of each in-edge.
    let reverseKinds: [UInt8]

    /// Wait before each step in seconds (``Step/waitBefore``, 0 when absent).
    public let waitSeconds: [Double]
    /// Likely process time of each step in seconds (``ProcessTime/likely``, 0 when absent).
    public let processSeconds: [Double]

    /// Indices in ``Blueprint/flows`` of flows whose `from` or `to` names no step; they are not in the graph.
    public let skippedFlows: [Int]
    /// The probability written on each flow of ``Blueprint/flows`` (`nil` when none), by flow index.
    public let flowProbabilities: [Double?]
    /// The steps marked ``Step/followUp``: they start work off the customer's path.
    package let markedFollowUps: StepSet

    /// The number of nodes (steps).
    public var stepCount: Int { stepIDs.count }
    /// The number of edges (flows that name known steps).
    public var edgeCount: Int { forwardTargets.count }

    /// Builds the graph of `blueprint` in time linear in steps + flows.
    public init(_ blueprint: Blueprint) {
        WorkCounters.countGraphBuild()
        self.init(building: blueprint)
    }

    /// The graph of a rewritten copy of an analysed blueprint (a what-if), counted apart from the
    /// graphs of the blueprints themselves.
    init(variant blueprint: Blueprint) {
        WorkCounters.countVariantGraphBuild()
        self.init(building: blueprint)
    }

    private init(building blueprint: Blueprint) {
        let steps = blueprint.steps
        let flows = blueprint.flows
        let n = steps.count

        var indexByID = IDTable(minimumCapacity: n)
        // Node of each id's first occurrence, by table position (the table numbers distinct ids only).
        var nodeOfID = [Int32]()
        nodeOfID.reserveCapacity(n)
        var stepIDs = [String]()
        stepIDs.reserveCapacity(n)
        var waits = [Double](repeating: 0, count: n)
        var processes = [Double](repeating: 0, count: n)
        var followUps = StepSet(capacity: n)
        for i in 0..<n {
            if steps[i].followUp { followUps.insert(Int32(i)) }
            let id = steps[i].id
            stepIDs.append(id)
            if indexByID.insert(id).inserted { nodeOfID.append(Int32(i)) }
            waits[i] = steps[i].waitBefore?.seconds ?? 0
            processes[i] = steps[i].duration?.likely.seconds ?? 0
        }

        // Resolve flow endpoints once; count degrees for the CSR offsets.
        var sources = [Int32]()
        var targets = [Int32]()
        var flowIndices = [Int32]()
        var kinds = [UInt8]()
        sources.reserveCapacity(flows.count)
        targets.reserveCapacity(flows.count)
        flowIndices.reserveCapacity(flows.count)
        kinds.reserveCapacity(flows.count)
        var skipped = [Int]()
        var probabilities = [Double?](repeating: nil, count: flows.count)
        var outDegree = [Int32](repeating: 0, count: n + 1)
        var inDegree = [Int32](repeating: 0, count: n + 1)
        for f in flows.indices {
            probabilities[f] = flows[f].probability
            guard let fromID = indexByID[flows[f].from], let toID = indexByID[flows[f].to] else {
                skipped.append(f)
                continue
            }
            let from = nodeOfID[Int(fromID)], to = nodeOfID[Int(toID)]
            sources.append(from)
            targets.append(to)
            flowIndices.append(Int32(f))
            kinds.append(flows[f].kind.bitIndex)
            outDegree[Int(from) + 1] += 1
            inDegree[Int(to) + 1] += 1
        }
        for v in 0..<n {
            outDegree[v + 1] += outDegree[v]
            inDegree[v + 1] += inDegree[v]
        }
        let m = sources.count
        var fTargets = [Int32](repeating: 0, count: m)
        var fFlows = [Int32](repeating: 0, count: m)
        var fKinds = [UInt8](repeating: 0, count: m)
        var rSources = [Int32](repeating: 0, count: m)
        var rFlows = [Int32](repeating: 0, count: m)
        var rKinds = [UInt8](repeating: 0, count: m)
        var outCursor = outDegree
        var inCursor = inDegree
        // Edges are placed in flow order, so each node's edges keep the designer's order.
        for e in 0..<m {
            let from = Int(sources[e]), to = Int(targets[e])
            let o = Int(outCursor[from])
            outCursor[from] += 1
            fTargets[o] = targets[e]
            fFlows[o] = flowIndices[e]
            fKinds[o] = kinds[e]
            let r = Int(inCursor[to])
            inCursor[to] += 1
            rSources[r] = sources[e]
            rFlows[r] = flowIndices[e]
            rKinds[r] = kinds[e]
        }

        self.stepIDs = stepIDs
        self.indexByID = indexByID
        self.nodeOfID = nodeOfID
        forwardOffsets = outDegree
        forwardTargets = fTargets
        forwardFlows = fFlows
        forwardKinds = fKinds
        reverseOffsets = inDegree
        reverseSources = rSources
        reverseFlows = rFlows
        reverseKinds = rKinds
        waitSeconds = waits
        processSeconds = processes
        skippedFlows = skipped
        flowProbabilities = probabilities
        markedFollowUps = followUps
    }

    /// The node index of the step with id `id`, if any.
    package func index(of id: String) -> Int32? { indexByID[id].map { nodeOfID[Int($0)] } }

    /// The step with id `id`, if any (the first, when two steps share the id).
    public func stepIndex(of id: String) -> StepIndex? { index(of: id).map(StepIndex.init(node:)) }

    /// The id of a step.
    public func id(of step: StepIndex) -> String { stepIDs[step.position] }

    /// The steps that `step`'s flows of the given kinds lead to, in flow order.
    public func successors(of step: StepIndex, kinds: FlowKindSet = .ordering) -> [StepIndex] {
        successors(of: step.node, kinds: kinds).map { StepIndex(node: $0.node) }
    }

    /// The steps whose flows of the given kinds lead to `step`, in flow order.
    public func predecessors(of step: StepIndex, kinds: FlowKindSet = .ordering) -> [StepIndex] {
        predecessors(of: step.node, kinds: kinds).map { StepIndex(node: $0.node) }
    }

    /// The step id of node `index`.
    package func id(of index: Int32) -> String { stepIDs[Int(index)] }

    /// Wait plus likely process time of each node in seconds: the node weights of the critical path.
    public var timeWeights: [Double] {
        var weights = waitSeconds
        for i in weights.indices { weights[i] += processSeconds[i] }
        return weights
    }

    /// The kind of the forward edge at CSR position `position`.
    package func kind(ofForwardEdge position: Int) -> FlowKind { .fromBitIndex(forwardKinds[position]) }
    /// The kind of the reverse edge at CSR position `position`.
    package func kind(ofReverseEdge position: Int) -> FlowKind { .fromBitIndex(reverseKinds[position]) }

    /// One edge seen from a node: the node at the other end, the flow index, and the kind.
    package struct Edge: Sendable, Hashable {
        /// The node at the other end (the target for successors, the source for predecessors).
        package let node: Int32
        /// The index of the flow in ``Blueprint/flows``.
        package let flow: Int32
        /// The flow's kind.
        package let kind: FlowKind
    }

    /// The out-edges of `node` whose kind is in `kinds`, in flow order.
    package func successors(of node: Int32, kinds: FlowKindSet = .ordering) -> [Edge] {
        var edges = [Edge]()
        forEachSuccessor(of: node, kinds: kinds) { target, flow, kind in
            edges.append(Edge(node: target, flow: flow, kind: kind))
        }
        return edges
    }

    /// The in-edges of `node` whose kind is in `kinds`, in flow order.
    package func predecessors(of node: Int32, kinds: FlowKindSet = .ordering) -> [Edge] {
        var edges = [Edge]()
        forEachPredecessor(of: node, kinds: kinds) { source, flow, kind in
            edges.append(Edge(node: source, flow: flow, kind: kind))
        }
        return edges
    }

    /// Calls `body(target, flowIndex, kind)` for each out-edge of `node` whose kind is in `kinds`,
    /// without allocating. Out-of-range nodes have no edges.
    /// - Parameters:
    ///   - node: The step index.
    ///   - kinds: The flow kinds to follow.
    ///   - excluded: Flow indices to leave out, e.g. ``excludedFlows(for:)`` of a journey.
    ///   - body: Called with the target step index, the flow index and the flow kind.
    @inline(__always)
    package func forEachSuccessor(
        of node: Int32, kinds: FlowKindSet = .ordering, skipping excluded: StepSet? = nil,
        _ body: (Int32, Int32, FlowKind) throws -> Void
    ) rethrows {
        let v = Int(node)
        guard v >= 0, v < stepCount else { return }
        var position = Int(forwardOffsets[v])
        let end = Int(forwardOffsets[v + 1])
        while position < end {
            let code = forwardKinds[position]
            if kinds.rawValue & (1 << code) != 0, !(excluded?.contains(forwardFlows[position]) ?? false) {
                try body(forwardTargets[position], forwardFlows[position], .fromBitIndex(code))
            }
            position += 1
        }
    }

    /// Calls `body(source, flowIndex, kind)` for each in-edge of `node` whose kind is in `kinds`.
    /// - Parameters:
    ///   - node: The step index.
    ///   - kinds: The flow kinds to follow.
    ///   - excluded: Flow indices to leave out.
    ///   - body: Called with the source step index, the flow index and the flow kind.
    @inline(__always)
    package func forEachPredecessor(
        of node: Int32, kinds: FlowKindSet = .ordering, skipping excluded: StepSet? = nil,
        _ body: (Int32, Int32, FlowKind) throws -> Void
    ) rethrows {
        let v = Int(node)
        guard v >= 0, v < stepCount else { return }
        var position = Int(reverseOffsets[v])
        let end = Int(reverseOffsets[v + 1])
        while position < end {
            let code = reverseKinds[position]
            if kinds.rawValue & (1 << code) != 0, !(excluded?.contains(reverseFlows[position]) ?? false) {
                try body(reverseSources[position], reverseFlows[position], .fromBitIndex(code))
            }
            position += 1
        }
    }

    /// The number of out-edges of `node` whose kind is in `kinds`.
    package func outDegree(of node: Int32, kinds: FlowKindSet = .ordering) -> Int {
        var count = 0
        forEachSuccessor(of: node, kinds: kinds) { _, _, _ in count += 1 }
        return count
    }

    /// The number of in-edges of `node` whose kind is in `kinds`.
    package func inDegree(of node: Int32, kinds: FlowKindSet = .ordering) -> Int {
        var count = 0
        forEachPredecessor(of: node, kinds: kinds) { _, _, _ in count += 1 }
        return count
    }
}
