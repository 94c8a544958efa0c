import ServiceBlueprint

/// Runs every built-in rule and the metrics at `steps / 10` and `steps` (best of three runs each), prints both times,
/// their ratio (near-linear means about 10) and per-rule counts of the larger run.
func runAnalyze(steps: Int, seed: UInt64) {
    let analyzer = Analyzer()
    var times: [Int: Double] = [:]
    var lastReport: AnalysisReport?
    for size in [max(1, steps / 10), steps] {
        let blueprint = BlueprintGenerator(stepCount: size, seed: seed).generate()
        // Best of three runs: the machine is shared, and the minimum is the least disturbed measurement.
        var best = Double.infinity
        var bestCPU = Double.infinity
        var runs: [String] = []
        for _ in 0..<3 {
            let (report, time) = measure { analyzer.analyze(blueprint) }
            best = min(best, time)
            bestCPU = min(bestCPU, lastCPUTime)
            runs.append(format(time))
            lastReport = report
        }
        times[size] = best
        print("analyze \(size) steps, \(blueprint.flows.count) flows: best \(format(best)) of [\(runs.joined(separator: ", "))] "
            + "(CPU \(format(bestCPU))), \(lastReport?.findings.count ?? 0) findings")
    }
    let small = times[max(1, steps / 10)] ?? 0
    let large = times[steps] ?? 0
    let ratio = small > 0 ? large / small : 0
    print("ratio \(steps) / \(max(1, steps / 10)) steps: \(String(format: "%.2f", ratio)) \(ratio < 12 ? "OK" : "OVER") (budget 12)")
    print("total at \(steps) steps: \(format(large)) \(large < 2 ? "OK" : "OVER") (budget 2 s)")
    let largest = BlueprintGenerator(stepCount: steps, seed: seed).generate()
    let (toBe, toBeTime) = measure { analyzer.toBe(largest) }
    let (toBeMetrics, metricsTime) = measure { BlueprintMetrics(toBe) }
    let asIsLead = lastReport?.metrics.journeys.first?.leadTime ?? .zero
    print("to-be variant   \(format(toBeTime)) (all chain rewrites applied); its metrics \(format(metricsTime)): "
        + "lead time \(asIsLead) → \(toBeMetrics.journeys.first?.leadTime ?? .zero)")
    if let report = lastReport {
        var counts: [String: Int] = [:]
        for finding in report.findings { counts[finding.ruleID, default: 0] += 1 }
        for rule in RuleRegistry.builtIn {
            print("  \(rule.id.padding(toLength: 40, withPad: " ", startingAt: 0)) \(counts[rule.id] ?? 0)")
        }
        for journey in report.metrics.journeys {
            print("  journey \(journey.journey ?? "-"): lead time \(journey.leadTime), \(journey.stepCount) steps, PCE \(String(format: "%.3f", journey.processCycleEfficiency))")
        }
    }
}

/// Times (CPU) the metrics alone and each rule alone (each run includes the shared context, so the
/// metrics-only time is subtracted).
func runProfile(steps: Int, seed: UInt64) {
    let blueprint = BlueprintGenerator(stepCount: steps, seed: seed).generate()
    let (_, graphTime) = measure { BlueprintGraph(blueprint) }
    _ = measure { Analyzer(rules: []).analyze(blueprint) }
    let base = lastCPUTime
    print("graph build \(format(graphTime)); context + metrics CPU \(format(base))")
    for rule in RuleRegistry.builtIn {
        let (report, _) = measure { Analyzer(rules: [rule]).analyze(blueprint) }
        print("  \(rule.id.padding(toLength: 40, withPad: " ", startingAt: 0)) CPU \(format(lastCPUTime - base))  \(report.findings.count)")
    }
}
