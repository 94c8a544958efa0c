import ServiceBlueprint

extension RenderOverlay {
    /// Builds the findings overlay from an analysis report: the critical path of the main journey,
    /// redundant steps, parallelization suggestions and a badge per finding on the steps involved.
    ///
    /// - Parameters:
    ///   - report: The analysis of `blueprint`.
    ///   - blueprint: The blueprint that was analyzed.
    ///   - utilization: Heat per step id (0…1+, e.g. the utilization of the step's actor), with a label.
    public init(report: AnalysisReport, blueprint: Blueprint, utilization: [String: Heat] = [:]) {
        self.init()
        heat = utilization
        let preferred = blueprint.journeys.first { $0.demand != nil }?.id ?? blueprint.journeys.first?.id
        if let journey = report.metrics.journeys.first(where: { $0.journey == preferred }) ?? report.metrics.journeys.first {
            criticalSteps = Set(journey.criticalPath)
            criticalFlows = Set(zip(journey.criticalPath, journey.criticalPath.dropFirst()).map { "\($0)->\($1)" })
        }
        for finding in report.findings {
            if finding.ruleID.hasPrefix("redundant-"), let step = finding.stepIDs.last, redundant[step] == nil {
                redundant[step] = finding.message
            }
            if case .parallelize(let suggestion)? = finding.fix?.action {
                for partner in suggestion.with {
                    parallel.append(ParallelPair(first: partner, second: suggestion.step, note: finding.impact?.description ?? ""))
                }
            }
            for step in finding.stepIDs {
                findings[step, default: []].append(Finding(severity: finding.severity, message: "[\(finding.ruleID)] \(finding.message)"))
            }
        }
    }
}
