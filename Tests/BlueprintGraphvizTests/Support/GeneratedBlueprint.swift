import ServiceBlueprint

/// Random but reproducible blueprints for structure and stress tests.
enum GeneratedBlueprint {
    /// A blueprint of `steps` steps over `stages` stages, with forward flows of every kind, some long
    /// cross-lane flows and rework loops. Same seed, same blueprint.
    static func make(steps count: Int, stages stageCount: Int, seed: UInt64) -> Blueprint {
        var random = SplitMix(seed: seed)
        let stages = (0..<stageCount).map { Stage(id: "stage-\($0)", title: "Stage \($0 + 1)") }
        var steps: [Step] = []
        for index in 0..<count {
            let stage = min(stageCount - 1, index * stageCount / max(count, 1))
            let lane = Lane.allCases[Int(random.next() % 5)]
            var step = Step(id: "s\(index)", title: "Step \(index) " + String(repeating: "word ", count: Int(random.next() % 6)),
                            lane: lane, stage: "stage-\(stage)")
            if random.next() % 5 == 0 { step.failPoint = FailPoint(risk: "risk") }
            if random.next() % 6 == 0 { step.waitPoint = WaitPoint(tolerance: .minutes(5)) }
            if random.next() % 2 == 0 { step.duration = ProcessTime(.minutes(Double(1 + random.next() % 30))) }
            steps.append(step)
        }
        var flows: [Flow] = []
        for index in 1..<max(count, 1) {
            let from = Int(random.next() % UInt64(index))
            let nearby = max(0, index - 1 - Int(random.next() % 3))
            let source = random.next() % 4 == 0 ? from : nearby
            let kind: FlowKind = [.sequence, .sequence, .sequence, .information, .escalation, .handoff][Int(random.next() % 6)]
            flows.append(Flow(from: "s\(source)", to: "s\(index)", kind: kind, label: random.next() % 4 == 0 ? "label \(index)" : nil))
            if random.next() % 12 == 0, index > 2 {
                flows.append(Flow(from: "s\(index)", to: "s\(index - 1 - Int(random.next() % 2))", kind: .rework))
            }
        }
        return Blueprint(id: "generated-\(seed)", title: "Generated \(count)", stages: stages, steps: steps, flows: flows)
    }
}

/// The package's deterministic generator (SplitMix64).
typealias SplitMix = SplitMix64
