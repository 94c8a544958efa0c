/// References resolved once: every id a step or flow names is hashed a single time, and the checks
/// then work on positions (`-1` for an id declared nowhere).
extension ValidationRun {
    /// The positions the references of a blueprint point to.
    struct References {
        /// Per step, its stage's position in `stages`.
        var stepStages: [Int32] = []
        /// The `needs`, then the `produces` of each step in turn, as positions in `information`.
        var information: [Int32] = []
        /// Per flow, the positions of its source and target steps.
        var flowSources: [Int32] = []
        var flowTargets: [Int32] = []
        /// Per flow, the position of the first flow with the same id (`from->to`): its own for the first.
        var firstFlows: [Int32] = []
    }

    mutating func resolveReferences() {
        let steps = blueprint.steps
        var stepStages = [Int32](repeating: -1, count: steps.count)
        var information: [Int32] = []
        // Fields read in place: copying a whole step would retain all of its strings and arrays.
        for position in steps.indices {
            stepStages[position] = Self.position(of: steps[position].stage, in: stageIndex)
            for id in steps[position].needs { information.append(Self.position(of: id, in: informationIndex)) }
            for id in steps[position].produces { information.append(Self.position(of: id, in: informationIndex)) }
        }
        let flows = blueprint.flows
        var sources = [Int32](repeating: -1, count: flows.count)
        var targets = [Int32](repeating: -1, count: flows.count)
        for position in flows.indices {
            sources[position] = Self.position(of: flows[position].from, in: stepIndex)
            targets[position] = Self.position(of: flows[position].to, in: stepIndex)
        }
        references = References(
            stepStages: stepStages, information: information, flowSources: sources, flowTargets: targets, firstFlows: [])
        references.firstFlows = firstFlows()
    }

    static func position(of id: String, in index: [String: Int]) -> Int32 {
        index[id].map { Int32(truncatingIfNeeded: $0) } ?? -1
    }

    /// The position of the first flow with each flow's id.
    ///
    /// Two ids `from->to` are equal exactly when their ends are, unless an end contains `>` (then
    /// `a->b` + `c` and `a` + `b->c` meet). Without one, flows between declared steps are compared
    /// by their step positions, grouped by source in linear time, and only the others by their id text.
    private func firstFlows() -> [Int32] {
        let flows = blueprint.flows
        let sources = references.flowSources
        let targets = references.flowTargets
        // A declared end is canonically equal to its step's id, so the step ids answer for them.
        let mayMeet =
            stepIDs.contains(where: Self.mayContainArrow)
            || flows.indices.contains { position in
                (sources[position] < 0 && Self.mayContainArrow(flows[position].from))
                    || (targets[position] < 0 && Self.mayContainArrow(flows[position].to))
            }
        guard !mayMeet else { return flowIDIndexedFirstFlows(flows.indices) }
        let stepCount = blueprint.steps.count
        // Flows between declared steps, grouped by source in declaration order (a counting sort).
        var starts = [Int32](repeating: 0, count: stepCount + 1)
        var unresolved: [Int] = []
        for position in flows.indices {
            if sources[position] >= 0, targets[position] >= 0 {
                starts[Int(sources[position]) + 1] += 1
            } else {
                unresolved.append(position)
            }
        }
        for step in 0..<stepCount { starts[step + 1] += starts[step] }
        var fill = starts
        var grouped = [Int32](repeating: 0, count: flows.count - unresolved.count)
        for position in flows.indices where sources[position] >= 0 && targets[position] >= 0 {
            let source = Int(sources[position])
            grouped[Int(fill[source])] = Int32(position)
            fill[source] += 1
        }
        var firsts = flowIDIndexedFirstFlows(unresolved)
        // Within one source, the first flow to each target is marked by the source that saw it last.
        var markedBy = [Int32](repeating: -1, count: stepCount)
        var firstTo = [Int32](repeating: 0, count: stepCount)
        for source in 0..<stepCount {
            for slot in Int(starts[source])..<Int(starts[source + 1]) {
                let position = grouped[slot]
                let target = Int(targets[Int(position)])
                if markedBy[target] == Int32(source) {
                    firsts[Int(position)] = firstTo[target]
                } else {
                    markedBy[target] = Int32(source)
                    firstTo[target] = position
                    firsts[Int(position)] = position
                }
            }
        }
        return firsts
    }

    /// First flows by id text for the flows at `positions` (ascending); other entries are left `-1`.
    private func flowIDIndexedFirstFlows(_ positions: some Sequence<Int>) -> [Int32] {
        let flows = blueprint.flows
        var firsts = [Int32](repeating: -1, count: flows.count)
        var index: [String: Int] = [:]
        for position in positions {
            firsts[position] = Int32(truncatingIfNeeded: Self.firstPosition(of: flows[position].id, at: position, in: &index))
        }
        return firsts
    }

    /// `true` when `id` has a `>` or a character that decomposes to one (U+226F `≯`), which could
    /// make `from->to` split in two ways.
    static func mayContainArrow(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { bytes in
            for offset in bytes.indices {
                if bytes[offset] == UInt8(ascii: ">") { return true }
                // U+226F in UTF-8: E2 89 AF.
                if bytes[offset] == 0xAF, offset >= 2, bytes[offset - 1] == 0x89, bytes[offset - 2] == 0xE2 { return true }
            }
            return false
        }
    }

    /// Position of the first flow with each id (`from->to`), for branch-probability keys; built on first use.
    mutating func indexFlowIDs() -> [String: Int] {
        if let flowIDIndex { return flowIDIndex }
        var index: [String: Int] = [:]
        index.reserveCapacity(blueprint.flows.count)
        for (position, flow) in blueprint.flows.enumerated() { _ = Self.firstPosition(of: flow.id, at: position, in: &index) }
        flowIDIndex = index
        return index
    }
}
