/// The five dimensions of perceived service quality (SERVQUAL; Parasuraman, Zeithaml & Berry, 1988).
///
/// A standard or a KPI is tagged with the dimension it protects, so a coverage analysis can say which
/// kind of quality no standard protects in a stage.
public enum ServqualDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// Facilities, equipment, materials: the physical evidence.
    case tangibles
    /// Doing what was promised, right the first time.
    case reliability
    /// Willingness to help, and speed.
    case responsiveness
    /// Competence, courtesy, trust.
    case assurance
    /// Individual attention.
    case empathy
}

/// What a key performance indicator measures.
///
/// Definitions (GUIDE §4): NPS is % promoters (9–10) − % detractors (0–6) of "how likely are you to
/// recommend us" on 0–10, from −100 to +100; CSAT is the % of 4–5 answers to "how satisfied" on 1–5;
/// CES is the mean of "how easy was it" on 1–7 (higher is easier).
public enum KPIKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Net Promoter Score, −100…+100.
    case nps
    /// Customer satisfaction, % of 4–5 answers on a 1–5 scale.
    case csat
    /// Customer effort score, the mean on a 1–7 scale (higher = easier).
    case ces
    /// Any other score; higher is better.
    case custom
    /// Time until the customer gets a first answer, in minutes.
    case responseTime
    /// Average handling time, in minutes.
    case handlingTime
    /// Share of cases solved without another contact, in %.
    case firstContactResolution
    /// Share of cases with an error or rework, in %.
    case errorRate
    /// Cost per case, in the blueprint's currency.
    case costPerCase

    /// `true` when a higher value is better (scores, first-contact resolution); `false` for times, errors
    /// and cost.
    public var higherIsBetter: Bool {
        switch self {
        case .nps, .csat, .ces, .custom, .firstContactResolution: true
        case .responseTime, .handlingTime, .errorRate, .costPerCase: false
        }
    }

    /// `true` for scores from customer surveys, which need a sample large enough to compare.
    public var isSurvey: Bool {
        switch self {
        case .nps, .csat, .ces, .custom: true
        default: false
        }
    }

    /// The lowest answer of the survey scale, for ``KPIMeasurement/scores`` (NPS 0, CSAT 1, CES 1).
    public var lowestScore: Int { self == .nps ? 0 : 1 }
}

/// One measured value of a KPI: the figure, or the answer counts it comes from, with sample and period.
public struct KPIMeasurement: Sendable, Hashable {
    /// The reported figure, in the KPI's unit; computed from ``scores`` when only they are given.
    public var value: Double?
    /// Answer counts by score, from the scale's lowest answer up: 11 counts (0…10) for NPS, 5 (1…5) for
    /// CSAT, 7 (1…7) for CES.
    public var scores: [Int]
    /// How many answers or cases the figure comes from; the sum of ``scores`` when not given.
    public var sample: Int?
    /// When it was measured, e.g. `2026-Q2`.
    public var period: String?

    /// Creates a measurement.
    public init(value: Double? = nil, scores: [Int] = [], sample: Int? = nil, period: String? = nil) {
        self.value = value
        self.scores = scores
        self.sample = sample
        self.period = period
    }

    /// The number of answers or cases: ``sample``, else the sum of ``scores``.
    public var sampleSize: Int? { sample ?? (scores.isEmpty ? nil : scores.reduce(0, +)) }
}

/// A key performance indicator measured at a touchpoint (step), a stage or a journey.
///
/// ```yaml
/// kpis:
///   - id: nps-repair
///     kind: nps
///     journey: household
///     target: 30
///     dimension: reliability
///     measured:
///       - {scores: [4, 2, 3, 5, 6, 10, 12, 20, 38, 50, 50], period: 2026-Q2}
/// ```
public struct KPI: Sendable, Hashable, Identifiable {
    /// Stable id.
    public var id: String
    /// Display title; the kind when not given.
    public var title: String
    /// What it measures.
    public var kind: KPIKind
    /// The touchpoint it is measured at, by step id.
    public var step: String?
    /// The stage it is measured over, by stage id.
    public var stage: String?
    /// The journey it is measured over, by journey id.
    public var journey: String?
    /// The value to reach (at least, or at most when lower is better; see ``KPIKind/higherIsBetter``).
    public var target: Double?
    /// The SERVQUAL dimension it watches.
    public var dimension: ServqualDimension?
    /// Measured values, oldest first; the last one is the current figure.
    public var measured: [KPIMeasurement]

    /// Creates a KPI.
    public init(
        id: String, title: String? = nil, kind: KPIKind, step: String? = nil, stage: String? = nil,
        journey: String? = nil, target: Double? = nil, dimension: ServqualDimension? = nil,
        measured: [KPIMeasurement] = []
    ) {
        self.id = id
        self.title = title ?? id
        self.kind = kind
        self.step = step
        self.stage = stage
        self.journey = journey
        self.target = target
        self.dimension = dimension
        self.measured = measured
    }
}
