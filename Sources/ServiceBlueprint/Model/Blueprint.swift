/// A service blueprint: stages, steps in the five lanes, the flows between them, and the actors,
/// channels, information, journeys and demand that give the analyses their numbers.
///
/// A blueprint is a plain value. Build one with the DSL (``Blueprint/init(id:title:summary:version:maturity:evidence:content:)``),
/// load one from YAML or JSON with ``BlueprintDocument``, and check it with ``Blueprint/validate()``.
public struct Blueprint: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `after-sales-repair`.
    public var id: String
    /// Display title.
    public var title: String
    /// What the service is, in a sentence or two.
    public var summary: String?
    /// The version label of this process, e.g. "as-is" or "2026-Q3 to-be".
    public var version: String?
    /// The stages (columns), left to right.
    public var stages: [Stage]
    /// The performers.
    public var actors: [Actor]
    /// Channels beyond the built-in ones, and response commitments per channel.
    public var channels: [ChannelDefinition]
    /// Information items that steps need and produce.
    public var information: [InformationItem]
    /// The customers the service is designed for.
    public var personas: [Persona]
    /// Named paths through the blueprint, with demand and targets.
    public var journeys: [Journey]
    /// The steps, in the order the designer wrote them.
    public var steps: [Step]
    /// The flows between steps.
    public var flows: [Flow]
    /// Steps or actors the designer knows to limit throughput.
    public var bottlenecks: [DeclaredBottleneck]
    /// How far the blueprint is worked out; picks the analysis preset (``RulePreset/for(_:)``) when set.
    public var maturity: Maturity?
    /// What the customer sees throughout the service (the servicescape: the building, the website, the brand).
    public var evidence: [String]
    /// Undirected links between steps: related, with no order (left out of paths and path analyses).
    public var associations: [Association]
    /// Experience and process KPIs (NPS, CSAT, CES, handling time, cost per case…), measured at touchpoints,
    /// stages or journeys.
    public var kpis: [KPI]
    /// How money is written (file key `currency`, e.g. `¥` or `EUR`): the unit of actor rates, step costs
    /// and cost-per-case KPIs, put before amounts in findings, reports and `diff`. `nil` writes plain numbers.
    public var currency: String? = nil
    /// The language the blueprint is written in (file key `language`, e.g. `zh-Hans`): its drawing and
    /// report use it unless `--language` says otherwise. `nil` leaves it to the environment.
    public var language: Language?
    /// sim17 (issue 17): the `simulation:` block (calendars, resources, segments, profiles, patience);
    /// `nil` when the file has none. Read and set it through ``simulation``.
    public var simulationSettings: SimulationSettings? = nil

    /// Creates a blueprint from its parts.
    public init(
        id: String, title: String? = nil, summary: String? = nil, version: String? = nil,
        stages: [Stage] = [], actors: [Actor] = [], channels: [ChannelDefinition] = [],
        information: [InformationItem] = [], personas: [Persona] = [], journeys: [Journey] = [],
        steps: [Step] = [], flows: [Flow] = [], bottlenecks: [DeclaredBottleneck] = [],
        maturity: Maturity? = nil, evidence: [String] = [], associations: [Association] = [], kpis: [KPI] = [],
        language: Language? = nil
    ) {
        self.language = language
        self.kpis = kpis
        self.maturity = maturity
        self.evidence = evidence
        self.associations = associations
        self.id = id
        self.title = title ?? id
        self.summary = summary
        self.version = version
        self.stages = stages
        self.actors = actors
        self.channels = channels
        self.information = information
        self.personas = personas
        self.journeys = journeys
        self.steps = steps
        self.flows = flows
        self.bottlenecks = bottlenecks
    }

    /// The five lanes, top to bottom. Every blueprint has all of them, even when some are empty.
    public var lanes: [Lane] { Lane.allCases }
    /// The three lines between the lanes.
    public var lines: [BlueprintLine] { BlueprintLine.allCases }

    /// The step with the given id, if any.
    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }
    /// The actor with the given id, if any.
    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
    /// The stage with the given id, if any.
    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }
    /// The journey with the given id, if any.
    public func journey(_ id: String) -> Journey? { journeys.first { $0.id == id } }

    /// The response commitment for a channel, from ``channels``, if declared.
    public func responseCommitment(for channel: Channel) -> BlueprintDuration? {
        channels.first { $0.id == channel.rawValue }?.responseCommitment
    }
}

/// How far a blueprint is worked out, declared with a top-level `maturity:`.
public enum Maturity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Titles, lanes and order only, e.g. transcribed from published material: the `sketch` preset.
    case sketch
    /// Being worked out: the `recommended` preset (the same as saying nothing).
    case draft
    /// Times, standards and owners are meant to be complete: the `strict` preset.
    case detailed
}
