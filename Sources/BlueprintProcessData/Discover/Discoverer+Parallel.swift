import ServiceBlueprint

extension Discoverer {
    /// Blocks of mutually parallel activities: a parallel cut, as the inductive miner finds it.
    ///
    /// The activities that run in parallel with some other one fall into connected groups of the
    /// "parallel" relation. Within such a group, the branches are the connected components of the
    /// relation's complement: every pair of activities from different branches is parallel, and
    /// the activities of one branch are not (they are alternatives, or in sequence). A group with
    /// one branch only is no block. All of it is linear in activities plus parallel pairs.
    struct ParallelBlocks {
        /// Per activity: the block it belongs to, or -1.
        var block: [Int]
        /// Per activity: its branch within its block (an index into ``branches``), or -1.
        var branch: [Int]
        /// Per block: its branches, each a list of activities in ascending order; branches ordered
        /// by their first activity.
        var branches: [[[Int]]]

        init(count: Int) {
            block = [Int](repeating: -1, count: count)
            branch = [Int](repeating: -1, count: count)
            branches = []
        }
    }

    /// The parallel blocks of `count` activities, given the parallel pairs (`a < b`, any order).
    static func parallelBlocks(count: Int, pairs: [(Int, Int)]) -> ParallelBlocks {
        var result = ParallelBlocks(count: count)
        guard !pairs.isEmpty else { return result }
        // Compact adjacency (CSR) of the undirected relation.
        var offsets = [Int](repeating: 0, count: count + 1)
        for (a, b) in pairs { offsets[a + 1] += 1; offsets[b + 1] += 1 }
        for v in 0..<count { offsets[v + 1] += offsets[v] }
        var fill = offsets
        var neighbours = [Int](repeating: 0, count: offsets[count])
        for (a, b) in pairs {
            neighbours[fill[a]] = b; fill[a] += 1
            neighbours[fill[b]] = a; fill[b] += 1
        }
        var component = [Int](repeating: -1, count: count)
        var stamp = [Int](repeating: -1, count: count)
        for seed in 0..<count where component[seed] < 0 && offsets[seed + 1] > offsets[seed] {
            // The connected group of `seed`, iteratively.
            var members = [seed]
            component[seed] = seed
            var head = 0
            while head < members.count {
                let v = members[head]
                head += 1
                for u in neighbours[offsets[v]..<offsets[v + 1]] where component[u] < 0 {
                    component[u] = seed
                    members.append(u)
                }
            }
            members.sort()
            // Components of the complement within the group: a search that scans the activities not
            // yet reached, skipping the parallel neighbours of the current one (stamped). Each scan
            // step either reaches an activity or skips a neighbour, so the whole is linear.
            var unreached = members
            var groups: [[Int]] = []
            while !unreached.isEmpty {
                let start = unreached.removeLast()
                var group = [start]
                var next = 0
                while next < group.count {
                    let v = group[next]
                    next += 1
                    for u in neighbours[offsets[v]..<offsets[v + 1]] { stamp[u] = v }
                    var kept: [Int] = []
                    for u in unreached {
                        if stamp[u] == v { kept.append(u) } else { group.append(u) }
                    }
                    unreached = kept
                }
                groups.append(group.sorted())
            }
            guard groups.count > 1 else { continue }
            groups.sort { $0[0] < $1[0] }
            let index = result.branches.count
            for (b, group) in groups.enumerated() {
                for activity in group { result.block[activity] = index; result.branch[activity] = b }
            }
            result.branches.append(groups)
        }
        return result
    }

    /// Per block: the most frequent step directly before it (the fork) and directly after it (the
    /// join), from outside the block; `nil` where cases start or end in it. Ties go to the lower
    /// activity number.
    static func forksAndJoins(_ blocks: ParallelBlocks, follows: [UInt64: Int]) -> [(fork: Int?, join: Int?)] {
        var into = [[Int: Int]](repeating: [:], count: blocks.branches.count)
        var outOf = [[Int: Int]](repeating: [:], count: blocks.branches.count)
        for (key, n) in follows {
            let (a, b) = (Int(key >> 32), Int(key & 0xFFFF_FFFF))
            guard a < blocks.block.count, b < blocks.block.count, blocks.block[a] != blocks.block[b] else { continue }
            if blocks.block[b] >= 0 { into[blocks.block[b]][a, default: 0] += n }
            if blocks.block[a] >= 0 { outOf[blocks.block[a]][b, default: 0] += n }
        }
        func best(_ counts: [Int: Int]) -> Int? { counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key }
        return blocks.branches.indices.map { (best(into[$0]), best(outOf[$0])) }
    }

    /// The blocks whose fork and join differ and whose branches leave (by kept flows) to the join
    /// alone, renumbered, with their forks and joins.
    static func wellFormed(
        _ blocks: ParallelBlocks, ends: [(fork: Int?, join: Int?)], kept: [(from: Int, to: Int, count: Int)]
    ) -> (ParallelBlocks, [(fork: Int?, join: Int?)]) {
        var good = blocks.branches.indices.map { ends[$0].fork == nil || ends[$0].fork != ends[$0].join }
        for edge in kept {
            let block = blocks.block[edge.from]
            if block >= 0, blocks.block[edge.to] != block, edge.to != ends[block].join { good[block] = false }
        }
        var result = ParallelBlocks(count: blocks.block.count)
        var kept: [(fork: Int?, join: Int?)] = []
        for (index, branches) in blocks.branches.enumerated() where good[index] {
            for (b, branch) in branches.enumerated() {
                for activity in branch { result.block[activity] = result.branches.count; result.branch[activity] = b }
            }
            result.branches.append(branches)
            kept.append(ends[index])
        }
        return (result, kept)
    }

    /// Adds, for each branch of each block without a kept flow from the fork (to the join), one from
    /// the fork to the branch's member it most often directly follows (from its member most often
    /// directly followed by the join), if the log shows that pair at all (below the threshold).
    /// Returns how many flows it added.
    static func connectBranches(
        _ kept: inout [(from: Int, to: Int, count: Int)], blocks: ParallelBlocks, ends: [(fork: Int?, join: Int?)],
        follows: [UInt64: Int]
    ) -> Int {
        var present = Set(kept.map { Measurer.pair(Int32($0.from), Int32($0.to)) })
        var added = 0
        func add(_ from: Int, _ to: Int) {
            let key = Measurer.pair(Int32(from), Int32(to))
            guard let n = follows[key] else { return }  // only pairs the log shows
            if present.insert(key).inserted { kept.append((from, to, n)); added += 1 }
        }
        func count(_ from: Int, _ to: Int) -> Int { follows[Measurer.pair(Int32(from), Int32(to))] ?? 0 }
        // Which branches the kept flows already link to their fork and join (one pass).
        var entered = blocks.branches.map { [Bool](repeating: false, count: $0.count) }, left = entered
        for edge in kept {
            let (inTo, inFrom) = (blocks.block[edge.to], blocks.block[edge.from])
            if inTo >= 0, edge.from == ends[inTo].fork { entered[inTo][blocks.branch[edge.to]] = true }
            if inFrom >= 0, edge.to == ends[inFrom].join { left[inFrom][blocks.branch[edge.from]] = true }
        }
        for (block, branches) in blocks.branches.enumerated() {
            for (index, branch) in branches.enumerated() {
                if let fork = ends[block].fork, !entered[block][index],
                   let entry = branch.max(by: { (count(fork, $0), $1) < (count(fork, $1), $0) }) {
                    add(fork, entry)
                }
                if let join = ends[block].join, !left[block][index],
                   let exit = branch.max(by: { (count($0, join), $1) < (count($1, join), $0) }) {
                    add(exit, join)
                }
            }
        }
        if added > 0 { kept.sort { ($0.from, $0.to) < ($1.from, $1.to) } }
        return added
    }

    /// The activities in order of first appearance, except that a block's are written together,
    /// branch by branch, where its first one appears: alternatives of a branch then sit side by side.
    static func stepOrder(count: Int, blocks: ParallelBlocks) -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(count)
        var written = [Bool](repeating: false, count: blocks.branches.count)
        for activity in 0..<count {
            let block = blocks.block[activity]
            if block < 0 { order.append(activity); continue }
            guard !written[block] else { continue }
            written[block] = true
            order += blocks.branches[block].joined()
        }
        return order
    }

    /// The sentences a block adds to the guesses: the block (and, when cases skip it, the choice
    /// before it and the routing step that forks), and each branch whose activities are
    /// alternatives (no kept flow between them), which a fork's flows cannot say.
    func describe(
        _ blocks: ParallelBlocks, ends: [(fork: Int?, join: Int?)], kept: [(from: Int, to: Int, count: Int)],
        skips: [SkippedBlock], gateways: [Int: String]
    ) -> [LocalizedText] {
        var sentences: [LocalizedText] = []
        func quoted(_ activity: Int) -> TextArgument { .quoted(names[activity]) }
        func alternatives(_ items: [TextArgument]) -> TextArgument {
            guard let last = items.last, items.count > 1 else { return items.first ?? .verbatim("") }
            return .phrase(LocalizedText("discover.list.or", ["items": .enumeration(items.dropLast()), "last": last]))
        }
        // A branch of several activities is a set of alternatives when no kept flow joins two of them.
        var linked = Set<Int>()  // (block, branch) as block << 32 | branch
        for edge in kept where blocks.block[edge.from] >= 0 && blocks.block[edge.from] == blocks.block[edge.to]
            && blocks.branch[edge.from] == blocks.branch[edge.to] {
            linked.insert(blocks.block[edge.from] << 32 | blocks.branch[edge.from])
        }
        for (block, branches) in blocks.branches.enumerated() {
            var parts: [TextArgument] = [], notes: [LocalizedText] = []
            for (index, branch) in branches.enumerated() {
                let isAlternatives = !linked.contains(block << 32 | index)
                let members = branch.map(quoted)
                let text = branch.count == 1 ? members[0] : isAlternatives ? alternatives(members) : .list(members)
                parts.append(branch.count == 1 ? text : .phrase(LocalizedText("discover.group", ["items": text])))
                if branch.count > 1, isAlternatives {
                    notes.append(LocalizedText("discover.parallel.alternatives", ["branch": text]))
                }
            }
            let after = ends[block].fork.map { TextArgument.phrase(LocalizedText("discover.parallel.after", ["step": quoted($0)])) }
                ?? .phrase(LocalizedText("discover.parallel.fromStart"))
            let until = ends[block].join.map { TextArgument.phrase(LocalizedText("discover.parallel.until", ["step": quoted($0)])) }
                ?? .phrase(LocalizedText("discover.parallel.toEnd"))
            let evidence = LocalizedText(startEvents > 0 ? "discover.parallel.evidence.intervals" : "discover.parallel.evidence.orders")
            var arguments: [String: TextArgument] = ["branches": .list(parts), "after": after, "until": until, "evidence": .phrase(evidence)]
            if let skip = skips.first(where: { $0.block == block }) {
                arguments["fork"] = quoted(skip.fork)
                arguments["entered"] = .integer(skip.entries.reduce(0) { $0 + $1.count })
                arguments["cases"] = .integer(instances[skip.fork])
                arguments["skips"] = .list(skip.skips.map { quoted($0.to) })
                arguments["gateway"] = .verbatim(gateways[block] ?? "")
                sentences.append(LocalizedText("discover.parallel.skipped", arguments))
            } else {
                sentences.append(LocalizedText("discover.parallel.block", arguments))
            }
            sentences += notes
        }
        return sentences
    }
}
