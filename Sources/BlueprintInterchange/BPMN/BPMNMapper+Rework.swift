import ServiceBlueprint

extension BPMNMapper {
    /// Marks the flows that close a loop as rework, so that the other flows leave no cycle.
    ///
    /// Steps are taken in flow order (Kahn): a step comes once every flow into it has been
    /// taken. When every step left waits for another (a loop), the one nearest the start (fewest
    /// flows from a step nothing leads to; then document order) goes next, and the flows still
    /// waiting to reach it become rework. So a loop's rework flow is the one that returns
    /// towards the start, whatever the document order; a depth-first search would instead mark
    /// the second branch into a join as rework when the first branch's loop reaches it first.
    /// Linear apart from one sort of the steps.
    func markReworkFlows(_ flows: inout [Flow], successors: [[Int]]) {
        let count = steps.count
        let index = Dictionary(steps.indices.map { (steps[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        // Flows already marked rework (by an export) break their cycles: they are not followed.
        var targets: [[(flow: Int, step: Int)]] = Array(repeating: [], count: count)
        var sources: [[(flow: Int, step: Int)]] = Array(repeating: [], count: count)
        for from in successors.indices {
            for flow in successors[from] where flows[flow].kind.ordersWork && flows[flow].kind != .rework {
                guard let to = index[flows[flow].to] else { continue }
                targets[from].append((flow, to))
                sources[to].append((flow, from))
            }
        }
        // Distance from the start, breadth first from the steps nothing leads to.
        var level = Array(repeating: Int.max, count: count)
        var queue = (0..<count).filter { sources[$0].isEmpty }
        for root in queue { level[root] = 0 }
        var head = 0
        while head < queue.count {
            let step = queue[head]
            head += 1
            for (_, next) in targets[step] where level[next] == Int.max {
                level[next] = level[step] + 1
                queue.append(next)
            }
        }
        let nearest = (0..<count).sorted { (level[$0], $0) < (level[$1], $1) }
        var waiting = sources.map(\.count)
        var done = Array(repeating: false, count: count)
        var ready = (0..<count).filter { waiting[$0] == 0 }
        var readHead = 0, pointer = 0
        for _ in 0..<count {
            if readHead == ready.count {
                while done[nearest[pointer]] { pointer += 1 }
                let step = nearest[pointer]
                for (flow, from) in sources[step] where !done[from] { flows[flow].kind = .rework }
                waiting[step] = 0
                ready.append(step)
            }
            let step = ready[readHead]
            readHead += 1
            done[step] = true
            for (flow, next) in targets[step] where flows[flow].kind != .rework && !done[next] {
                waiting[next] -= 1
                if waiting[next] == 0 { ready.append(next) }
            }
        }
    }
}
