import ServiceBlueprint

extension RenderOverlay {
    /// Findings that involve more steps than this (journey-wide ones) get no per-step badges.
    static let maximumStepsPerBadgedFinding = 3

    /// The findings overlay of one analysis run: utilization heat from its capacity analysis, the
    /// critical path of its main journey (`BlueprintAnalysis.mainJourney`), redundant steps,
    /// parallelization suggestions and a badge per finding on the steps involved.
    ///
    /// Findings are sorted into the drawing by their rule's `RuleFamily`, so a custom rule draws as
    /// a badge whatever its id says. The run's graph and capacity analysis are reused, not rebuilt.
    ///
    /// ```swift
    /// let analysis = Analyzer().run(blueprint)
    /// let svg = try await GraphvizRenderer.shared.render(analysis, format: .svg)
    /// // or, to edit it first:
    /// var overlay = RenderOverlay(analysis: analysis)
    /// overlay.maxFindingsPerStep = 1
    /// ```
    public init(analysis: BlueprintAnalysis) {
        self.init()
        heat = Self.heat(of: analysis.capacity)
        if let journey = analysis.mainJourney {
            criticalSteps = Set(journey.criticalPath)
            criticalFlows = Set(zip(journey.criticalPath, journey.criticalPath.dropFirst()).map { "\($0)->\($1)" })
        }
        let blueprint = analysis.blueprint
        for finding in analysis.findings {
            let family = analysis.family(of: finding)
            // The redundant step is the finding's subject (the step its path points at), not the
            // earlier step it repeats.
            if family == .redundant, let step = Self.subjectStep(of: finding, in: blueprint), redundant[step] == nil {
                redundant[step] = finding.message
                if let text = finding.text { redundantTexts[step] = text }
            }
            if case .parallelize(let suggestion)? = finding.fix?.action {
                for partner in suggestion.with {
                    parallel.append(ParallelPair(first: partner, second: suggestion.step, note: finding.impact?.description ?? ""))
                    if let impact = finding.impact { parallelTexts["\(partner)|\(suggestion.step)"] = impact.text }
                }
            }
            // Journey-wide findings name every step of a path; a badge on each would bury the
            // step-level ones, so only findings about a few steps get badges.
            guard finding.stepIDs.count <= Self.maximumStepsPerBadgedFinding else { continue }
            // Capacity notes (which actor is the bottleneck, ceilings) are what the heat colour shows.
            if family == .capacity, finding.severity == .note { continue }
            for step in finding.stepIDs {
                findings[step, default: []].append(Finding(severity: finding.severity, message: finding.ruleID))
            }
        }
    }

    /// Heat per step: the utilization of the queueing actor that performs it, labelled in `language`.
    static func heat(of capacity: CapacityAnalysis, in language: Language = .english) -> [String: Heat] {
        var heat: [String: Heat] = [:]
        for actor in capacity.actors where actor.isQueue {
            guard let utilization = actor.utilization, utilization.isFinite else { continue }
            for step in actor.steps {
                let text = LocalizedText("viewer.heat", ["actor": .verbatim(actor.actorID), "share": .percent(utilization)])
                heat[step] = Heat(value: utilization, label: text.rendered(in: language))
                heat[step]?.text = text
            }
        }
        return heat
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
