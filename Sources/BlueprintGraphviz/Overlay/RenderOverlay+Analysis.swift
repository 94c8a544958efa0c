import ServiceBlueprint

extension RenderOverlay {
    /// Findings that involve more steps than this (journey-wide ones) get no per-step badges.
    static let maximumStepsPerBadgedFinding = 3

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
            // The redundant step is the finding's subject (the step its path points at), not the
            // earlier step it repeats.
            if finding.ruleID.hasPrefix("redundant-"), let step = Self.subjectStep(of: finding, in: blueprint), redundant[step] == nil {
                redundant[step] = finding.message
            }
            if case .parallelize(let suggestion)? = finding.fix?.action {
                for partner in suggestion.with {
                    parallel.append(ParallelPair(first: partner, second: suggestion.step, note: finding.impact?.description ?? ""))
                }
            }
            // Journey-wide findings name every step of a path; a badge on each would bury the
            // step-level ones, so only findings about a few steps get badges.
            guard finding.stepIDs.count <= Self.maximumStepsPerBadgedFinding else { continue }
            // Capacity notes (which actor is the bottleneck, ceilings) are what the heat colour shows.
            if finding.ruleID.hasPrefix("capacity-"), finding.severity == .note { continue }
            for step in finding.stepIDs {
                findings[step, default: []].append(Finding(severity: finding.severity, message: finding.ruleID))
            }
        }
    }

    /// The step a finding is about: the one its model path points at, else its first step.
    static func subjectStep(of finding: ServiceBlueprint.Finding, in blueprint: Blueprint) -> String? {
        if let components = finding.path?.components, components.count >= 2,
            components[0] == .key("steps"), case .index(let index) = components[1], blueprint.steps.indices.contains(index)
        {
            return blueprint.steps[index].id
        }
        return finding.stepIDs.first
    }
}
