import ServiceBlueprint

extension Measurer {
    /// Checks one variant against the flows. Allowed: it starts at a journey start (or a step
    /// nothing leads to), each next step follows a flow (rework included) or runs in parallel
    /// (neither step reaches the other), and it ends at a journey end (or a step that leads
    /// nowhere). Deviations name the skipped steps, the pairs in unexpected order and the
    /// activities the blueprint lacks.
    struct VariantCheck {
        var deviations: [LocalizedText] = []
        var skipped: Set<String> = []
        var unexpectedOrder = false
        var notInBlueprint = false
        var conforms: Bool { deviations.isEmpty }
    }

    func check(_ variant: [Int32], reach: inout [Int32: StepSet]) -> VariantCheck {
        var result = VariantCheck()
        var steps: [Int32] = []
        for activity in variant {
            let step = stepOfActivity[Int(activity)]
            if step < 0 {
                result.notInBlueprint = true
                let message = LocalizedText("measured.deviation.notInBlueprint", ["activity": .quoted(activityNames[Int(activity)])])
                if !result.deviations.contains(message) { result.deviations.append(message) }
            } else {
                steps.append(step)
            }
        }
        guard let first = steps.first, let last = steps.last else { return result }
        let starts = Set(blueprint.journeys.compactMap { graph.index(of: $0.start) } + graph.sources(kinds: .ordering))
        if !starts.contains(first) { result.deviations.append(LocalizedText("measured.deviation.start", ["step": .quoted(graph.id(of: first))])) }
        for index in 1..<max(1, steps.count) {
            let (a, b) = (steps[index - 1], steps[index])
            var direct = false
            graph.forEachSuccessor(of: a, kinds: .work) { target, _, _ in if target == b { direct = true } }
            if direct || passesSilently(from: a, to: b) { continue }
            let fromA = reachable(from: a, cache: &reach)
            let fromB = reachable(from: b, cache: &reach)
            if a != b, fromA.contains(b) {
                let path = shortestPath(from: a, to: b)
                let between = path.dropFirst().dropLast().map { graph.id(of: $0) }
                result.skipped.formUnion(between)
                result.deviations.append(LocalizedText("measured.deviation.skipped", [
                    "steps": .enumeration(between.map { .quoted($0) }), "from": .quoted(graph.id(of: a)), "to": .quoted(graph.id(of: b)),
                ]))
            } else if a == b {
                result.unexpectedOrder = true
                result.deviations.append(LocalizedText("measured.deviation.repeated", ["step": .quoted(graph.id(of: a))]))
            } else if fromB.contains(a) {
                result.unexpectedOrder = true
                result.deviations.append(LocalizedText("measured.deviation.order", ["second": .quoted(graph.id(of: b)), "first": .quoted(graph.id(of: a))]))
            } else if let split = exclusiveSplit(between: a, and: b, reach: &reach) {
                // Alternatives of one choice (flows with probabilities), both taken in one pass.
                result.unexpectedOrder = true
                result.deviations.append(LocalizedText("measured.deviation.exclusive", [
                    "first": .quoted(graph.id(of: a)), "second": .quoted(graph.id(of: b)), "split": .quoted(graph.id(of: split)),
                ]))
            }
            // Otherwise neither reaches the other: parallel branches (a fork) interleave; allowed.
        }
        let ends = journeyEnds.reduce(into: Set(graph.sinks(kinds: .ordering))) { $0.formUnion($1) }
        if !ends.contains(last) { result.deviations.append(LocalizedText("measured.deviation.end", ["step": .quoted(graph.id(of: last))])) }
        return result
    }

    /// Whether `b` follows `a` through routing steps only: steps tagged ``Discoverer/gatewayTag``
    /// that no activity of the log maps to (a discovered draft's fork after a choice). A log cannot
    /// show such a step, so passing it is no skip.
    func passesSilently(from a: Int32, to b: Int32) -> Bool {
        var found = false
        graph.forEachSuccessor(of: a, kinds: .work) { target, _, _ in
            if !found, isSilent(target), silentTargets(of: target).contains(b) { found = true }
        }
        return found
    }

    /// The steps that are not routing steps and that `step` leads to through routing steps only.
    func silentTargets(of step: Int32) -> Set<Int32> {
        var queue: [Int32] = [step], seen: Set<Int32> = [step], targets = Set<Int32>()
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            graph.forEachSuccessor(of: v, kinds: .work) { target, _, _ in
                if !isSilent(target) { targets.insert(target) } else if seen.insert(target).inserted { queue.append(target) }
            }
        }
        return targets
    }

    func isSilent(_ step: Int32) -> Bool {
        blueprint.steps[Int(step)].tags.contains(Discoverer.gatewayTag) && !stepOfActivity.contains(step)
    }

    /// The step whose exclusive choice (ordering flows with a probability, known or not) puts `a`
    /// and `b` on different alternatives: `a` only after one, `b` only after another. `nil` when no
    /// choice separates them (they are on a fork's branches, or unrelated), or when a rework flow
    /// leads from `a` back to `b`'s side (a second pass may take the other alternative).
    func exclusiveSplit(between a: Int32, and b: Int32, reach: inout [Int32: StepSet]) -> Int32? {
        for (split, alternatives) in exclusiveChoices {
            var sideOfA: Int32?, sideOfB: Int32?
            for alternative in alternatives {
                let after = reachable(from: alternative, cache: &reach)
                let hasA = alternative == a || after.contains(a), hasB = alternative == b || after.contains(b)
                if hasA && hasB { sideOfA = nil; sideOfB = nil; break }
                if hasA { sideOfA = alternative }
                if hasB { sideOfB = alternative }
            }
            guard let x = sideOfA, let y = sideOfB, x != y else { continue }
            if graph.reachable(from: [a], kinds: .work).contains(b) { return nil }
            return split
        }
        return nil
    }

    /// Steps with an exclusive choice: two or more ordering flows out, each with a probability
    /// (or `probability: unknown`), and the steps those flows lead to.
    static func exclusiveChoices(in blueprint: Blueprint, graph: BlueprintGraph) -> [(split: Int32, alternatives: [Int32])] {
        var choices: [(split: Int32, alternatives: [Int32])] = []
        for node in 0..<Int32(graph.stepCount) {
            var alternatives: [Int32] = []
            var exclusive = true
            var total = 0.0
            graph.forEachSuccessor(of: node, kinds: .ordering) { target, flow, _ in
                let declared = blueprint.flows[Int(flow)]
                if declared.probability == nil && !declared.isProbabilityUnknown { exclusive = false }
                total += declared.probability ?? 0
                if !alternatives.contains(target) { alternatives.append(target) }
            }
            // Shares adding up to more than one are not one choice (the validator says so): no verdict.
            if exclusive, total <= 1 + 1e-9, alternatives.count > 1 { choices.append((node, alternatives)) }
        }
        return choices
    }

    func reachable(from step: Int32, cache: inout [Int32: StepSet]) -> StepSet {
        if let known = cache[step] { return known }
        let set = graph.reachable(from: [step], kinds: .ordering)
        cache[step] = set
        return set
    }

    /// The shortest path over ordering flows (breadth-first), `from` and `to` included.
    func shortestPath(from: Int32, to: Int32) -> [Int32] {
        var parent = [Int32](repeating: -1, count: graph.stepCount)
        var queue = [from]
        var head = 0
        parent[Int(from)] = from
        while head < queue.count, parent[Int(to)] < 0 {
            let v = queue[head]
            head += 1
            graph.forEachSuccessor(of: v, kinds: .ordering) { next, _, _ in
                if parent[Int(next)] < 0 { parent[Int(next)] = v; queue.append(next) }
            }
        }
        guard parent[Int(to)] >= 0 else { return [from, to] }
        var path = [to]
        var node = to
        while node != from { node = parent[Int(node)]; path.append(node) }
        return path.reversed()
    }

    func conformance() -> Conformance {
        var reach: [Int32: StepSet] = [:]
        var cases = 0, conforming = 0, unexpected = 0, missing = 0
        var skipped: [String: Int] = [:]
        var deviating: [Conformance.Variant] = []
        for variant in variantOrder {
            let count = variants[variant] ?? 0
            cases += count
            let check = check(variant, reach: &reach)
            if check.conforms { conforming += count; continue }
            if check.unexpectedOrder { unexpected += count }
            if check.notInBlueprint { missing += count }
            for step in check.skipped { skipped[step, default: 0] += count }
            deviating.append(.init(activities: variant.map { activityNames[Int($0)] }, cases: count,
                                   conforms: false, deviations: check.deviations.map { $0.rendered(in: .english) },
                                   deviationTexts: check.deviations))
        }
        deviating.sort { $0.cases != $1.cases ? $0.cases > $1.cases : $0.activities.lexicographicallyPrecedes($1.activities) }
        return Conformance(cases: cases, conforming: conforming, share: cases == 0 ? 0 : Double(conforming) / Double(cases),
                           skippedSteps: skipped, unexpectedOrder: unexpected, notInBlueprint: missing,
                           deviatingVariants: Array(deviating.prefix(20)))
    }
}
