import ServiceBlueprint

/// Where BPMN needs gateways: other tools read several plain flows out of a task as a parallel
/// split and several flows into one as a join that may wait, so a blueprint's branches are
/// spelled out.
///
/// - Exclusive branches (flows leaving one step with a probability or `probability: unknown`)
///   leave through an exclusive gateway; plain flows beside them stay direct, so the import
///   gives back exactly the blueprint's flows.
/// - Several plain flows (a fork: all are taken) leave through a parallel gateway.
/// - Several flows into one step meet in a join: parallel when every one comes from the same
///   fork (through steps with one way in and out, or through inner joins of that fork), else
///   exclusive, which never waits for a branch that is not taken.
struct BPMNGatewayPlan {
    enum Kind {
        case exclusive, parallel

        var element: String { self == .exclusive ? "bpmn:exclusiveGateway" : "bpmn:parallelGateway" }
    }

    struct Gateway {
        var id: String
        var kind: Kind
        var step: Int
        var isSplit: Bool
    }

    /// One end of a sequence flow: a step or a gateway, by index.
    enum End: Equatable {
        case step(Int)
        case gateway(Int)
    }

    var gateways: [Gateway] = []
    var splitOf: [Int: Int] = [:]
    var joinOf: [Int: Int] = [:]
    /// Per blueprint flow (by its position in `flows`): whether it leaves through its source's split.
    var throughSplit: [Bool]

    static func isExclusive(_ flow: Flow) -> Bool { flow.probability != nil || flow.isProbabilityUnknown }

    /// - Parameters:
    ///   - flows: The flows to write, with their step indices.
    ///   - stepIDs: The XML ids of the steps.
    ///   - ranks: ``FlowOrder/ranks(of:)``, an order in which a step's predecessors come first.
    init(flows: [(from: Int, to: Int, flow: Flow)], stepIDs: [String], ranks: [Int]) {
        let count = stepIDs.count
        throughSplit = Array(repeating: false, count: flows.count)
        var outgoing = Array(repeating: [Int](), count: count)
        var incoming = Array(repeating: [Int](), count: count)
        for (position, flow) in flows.enumerated() where flow.flow.kind.ordersWork {
            outgoing[flow.from].append(position)
            incoming[flow.to].append(position)
        }
        for step in 0..<count {
            let exclusive = outgoing[step].filter { Self.isExclusive(flows[$0].flow) }
            let plain = outgoing[step].filter { !Self.isExclusive(flows[$0].flow) }
            let members: [Int], kind: Kind
            if exclusive.count >= 2 || exclusive.contains(where: { flows[$0].flow.isProbabilityUnknown }) {
                (members, kind) = (exclusive, .exclusive)
            } else if exclusive.isEmpty, plain.count >= 2 {
                (members, kind) = (plain, .parallel)
            } else {
                continue
            }
            splitOf[step] = gateways.count
            gateways.append(Gateway(id: "Gateway_split_\(stepIDs[step])", kind: kind, step: step, isSplit: true))
            for member in members { throughSplit[member] = true }
        }
        // Joins, predecessors first: `region[s]` is the fork whose parallel branches `s` lies on.
        var region: [Int?] = Array(repeating: nil, count: count)
        var decided = Array(repeating: false, count: count)
        func origin(_ position: Int) -> Int? {
            let flow = flows[position]
            guard flow.flow.kind != .rework, !Self.isExclusive(flow.flow) else { return nil }
            if throughSplit[position] { return splitOf[flow.from].flatMap { gateways[$0].kind == .parallel ? flow.from : nil } }
            guard outgoing[flow.from].count == 1, decided[flow.from] else { return nil }
            return region[flow.from]
        }
        for step in (0..<count).sorted(by: { (ranks[$0], $0) < (ranks[$1], $1) }) {
            let arriving = incoming[step]
            if arriving.count >= 2 {
                let origins = arriving.map(origin)
                let fork = origins[0]
                let parallel = fork != nil && origins.allSatisfy { $0 == fork }
                joinOf[step] = gateways.count
                gateways.append(
                    Gateway(id: "Gateway_join_\(stepIDs[step])", kind: parallel ? .parallel : .exclusive, step: step, isSplit: false))
                region[step] = parallel ? fork.flatMap { decided[$0] ? region[$0] : nil } : nil
            } else if let only = arriving.first {
                region[step] = origin(only)
            }
            decided[step] = true
        }
    }

    /// Where the blueprint flow at `position` starts and ends in the BPMN.
    func ends(of position: Int, from: Int, to: Int, ordersWork: Bool) -> (source: End, target: End) {
        let source: End = throughSplit[position] ? .gateway(splitOf[from] ?? 0) : .step(from)
        let target: End = ordersWork ? joinOf[to].map { End.gateway($0) } ?? .step(to) : .step(to)
        return (source, target)
    }

    /// The sequence flow between a gateway and its step.
    func linkID(of gateway: Gateway) -> String {
        gateway.id.replacingOccurrences(of: "Gateway_", with: "Flow_", options: .anchored)
    }
}
