import Foundation
import ServiceBlueprint

/// What the viewer's script reads about one blueprint: steps and their SVG ids, findings, overlays,
/// journeys, lanes and metrics. Encoded as JSON with sorted keys, so a page is byte-identical for the
/// same input.
struct ViewerData: Encodable {
    struct Step: Encodable {
        var id: String
        /// The step's id as written in the SVG (`step-<token>`).
        var token: String
        var title: String
        var lane: String
        var laneTitle: String
        var stage: String
        var actor: String?
    }

    struct Finding: Encodable {
        var rule: String
        var familyTitle: String
        /// Where the family comes in listings (`RuleFamily`'s order).
        var familyRank: Int
        var severity: String
        /// The severity in the page's language; absent in English, where the script shows ``severity``.
        var severityLabel: String?
        var message: String
        var fix: String?
        var steps: [String]
        /// Set when the finding is about a journey as a whole: the viewer points at the journey.
        var journey: String?
        var line: Int?
        var column: Int?
    }

    struct Heat: Encodable {
        var step: String
        var value: Double
        var label: String
    }

    struct Journey: Encodable {
        var id: String
        var title: String
        var steps: [String]
    }

    struct Lane: Encodable {
        var id: String
        var title: String
    }

    struct Metric: Encodable {
        var name: String
        var value: String
    }

    struct Blueprint: Encodable {
        var id: String
        var title: String
        var source: String
        var steps: [Step]
        var findings: [Finding]
        var heat: [Heat]
        var critical: [String]
        var journeys: [Journey]
        var lanes: [Lane]
        var metrics: [Metric]
        /// "33 findings: 0 errors, 19 warnings, 14 notes" in the page's language; absent in English,
        /// whose line the script writes.
        var counts: String?
    }

    var blueprints: [Blueprint]
    /// The script's own texts in the page's language; absent in English, whose texts the script holds.
    var labels: [String: String]?

    /// The script's texts (`viewer.script.*`) in `language`; `nil` for English.
    static func labels(in language: Language) -> [String: String]? {
        guard language != .english else { return nil }
        let keys = ["hint", "allJourneys", "allRules", "noFindings", "fix", "findings"]
        return Dictionary(uniqueKeysWithValues: keys.map { ($0, LocalizedText("viewer.script.\($0)").rendered(in: language)) })
    }
}

extension ViewerData.Blueprint {
    /// The viewer's view of one analysis run.
    init(analysis: BlueprintAnalysis, source: String, language: Language = .english) {
        let blueprint = analysis.blueprint
        let stageTitles = Dictionary(blueprint.stages.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.init(
            id: blueprint.id, title: blueprint.title, source: source,
            steps: blueprint.steps.map { step in
                ViewerData.Step(
                    id: step.id, token: DOTText.token(step.id), title: step.title, lane: step.lane.rawValue,
                    laneTitle: step.lane.title(in: language), stage: stageTitles[step.stage] ?? step.stage, actor: step.actor)
            },
            findings: analysis.findings.map { Self.finding($0, analysis: analysis, language: language) },
            heat: RenderOverlay.heat(of: analysis.capacity, in: language)
                .sorted { $0.key < $1.key }
                .map { ViewerData.Heat(step: $0.key, value: $0.value.value, label: $0.value.label) },
            critical: analysis.mainJourney?.criticalPath ?? [],
            journeys: Self.journeys(of: analysis),
            lanes: Lane.allCases.filter { lane in blueprint.steps.contains { $0.lane == lane } }
                .map { ViewerData.Lane(id: $0.rawValue, title: $0.title(in: language)) },
            metrics: Self.metrics(of: analysis, language: language),
            counts: language == .english ? nil : Self.counts(of: analysis.findings, in: language))
    }

    /// The findings line above the list: the total, then each severity.
    private static func counts(of findings: [ServiceBlueprint.Finding], in language: Language) -> String {
        func count(_ key: String, _ count: Int) -> TextArgument {
            .phrase(LocalizedText("\(key).\(count == 1 ? "one" : "other")", ["count": .integer(count)]))
        }
        let severities = [Severity.error, .warning, .note].map { severity in
            count("cli.check.count.\(severity.rawValue)", findings.filter { $0.severity == severity }.count)
        }
        return LocalizedText("viewer.counts", ["findings": count("viewer.counts.findings", findings.count), "counts": .enumeration(severities)])
            .rendered(in: language)
    }

    private static func finding(_ finding: ServiceBlueprint.Finding, analysis: BlueprintAnalysis, language: Language) -> ViewerData.Finding {
        let family = analysis.family(of: finding)
        return ViewerData.Finding(
            rule: finding.ruleID,
            familyTitle: language == .english ? family.title : LocalizedText("viewer.family.\(family.rawValue)").rendered(in: language),
            familyRank: RuleFamily.allCases.firstIndex(of: analysis.family(of: finding)) ?? RuleFamily.allCases.count, severity: finding.severity.rawValue,
            severityLabel: language == .english ? nil : LocalizedText("severity.\(finding.severity.rawValue)").rendered(in: language),
            message: finding.message(in: language), fix: finding.fix?.summary(in: language), steps: finding.stepIDs,
            journey: journey(of: finding, in: analysis.blueprint),
            line: finding.location?.line, column: finding.location?.column)
    }

    /// The journey a finding is about as a whole: its model path points into `journeys[i]`.
    private static func journey(of finding: ServiceBlueprint.Finding, in blueprint: ServiceBlueprint.Blueprint) -> String? {
        guard let components = finding.path?.components, components.count >= 2, components[0] == .key("journeys"),
            case .index(let index) = components[1], blueprint.journeys.indices.contains(index)
        else { return nil }
        return blueprint.journeys[index].id
    }

    /// Each journey with the steps its schedule covers (its path and follow-ups).
    private static func journeys(of analysis: BlueprintAnalysis) -> [ViewerData.Journey] {
        analysis.metrics.journeys.compactMap { metrics in
            guard let id = metrics.journey else { return nil }
            return ViewerData.Journey(id: id, title: metrics.title, steps: metrics.timings.map(\.step) + metrics.followUps)
        }
    }

    /// The main journey's figures, with units, and the critical path as step titles.
    private static func metrics(of analysis: BlueprintAnalysis, language: Language) -> [ViewerData.Metric] {
        func row(_ key: String, _ value: String) -> ViewerData.Metric {
            ViewerData.Metric(name: LocalizedText("viewer.metric.\(key)").rendered(in: language), value: value)
        }
        var rows = [row("steps", "\(analysis.metrics.stepCount)"), row("flows", "\(analysis.metrics.flowCount)")]
        guard let main = analysis.mainJourney else { return rows }
        let titles = Dictionary(analysis.blueprint.steps.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let target = main.target.map {
            LocalizedText(main.meetsTarget == true ? "viewer.metric.target.met" : "viewer.metric.target.missed", ["target": .duration($0)])
                .rendered(in: language)
        }
        rows += [
            row("journey", main.title),
            row("leadTime", language.duration(main.leadTime)),
            row("target", target ?? "–"),
            row("valueAdding", language.duration(main.valueAddingTime)),
            row("efficiency", language.format(.percent(main.processCycleEfficiency))),
            row("customerWaiting", language.duration(main.customerWaitingTime)),
            row("touchpoints", "\(main.touchpoints)"),
            row("handoffsActors", "\(main.handoffsBetweenActors)"),
            row("handoffsDepartments", "\(main.handoffsBetweenDepartments)"),
            row(
                "lineCrossings",
                "\(main.lineCrossings.interaction) / \(main.lineCrossings.visibility) / \(main.lineCrossings.internalInteraction)"),
            row("criticalPath", main.criticalPath.map { titles[$0] ?? $0 }.joined(separator: " → ")),
        ]
        return rows
    }
}
