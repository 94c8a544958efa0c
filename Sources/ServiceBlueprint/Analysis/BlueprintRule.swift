/// A check that looks at a blueprint and reports findings.
///
/// The built-in rules are in ``RuleRegistry/builtIn``; third-party rules conform to the same protocol
/// and are passed to ``Analyzer/init(configuration:rules:)`` next to (or instead of) them.
///
/// ```swift
/// struct NoNightShifts: BlueprintRule {
///     let id = "acme-no-night-shift"
///     let title = "Support work outside office hours"
///     let defaultSeverity = Severity.warning
///     let rationale = "Support teams only work office hours; steps that need them at night wait until morning."
///     let howToFix = "Move the work to a 24/7 team or make it automated."
///     func analyze(_ context: AnalysisContext) -> [Finding] {
///         context.blueprint.steps.indices.compactMap { index in
///             let step = context.blueprint.steps[index]
///             guard step.tags.contains("night") else { return nil }
///             return context.finding("\(context.name(ofStep: StepIndex(index))) runs at night.", steps: [StepIndex(index)])
///         }
///     }
/// }
/// ```
public protocol BlueprintRule: Sendable {
    /// Stable kebab-case id, grouped by family prefix, e.g. `redundant-information-request`.
    var id: String { get }
    /// A short title, e.g. "Information requested twice".
    var title: String { get }
    /// The severity of the rule's findings unless the configuration overrides it.
    var defaultSeverity: Severity { get }
    /// What the rule finds and why it matters.
    var rationale: String { get }
    /// How to resolve a finding.
    var howToFix: String { get }
    /// The family the rule belongs to, for listings.
    var family: RuleFamily { get }
    /// The thresholds the rule reads, with their defaults; the configuration may override them.
    var thresholds: [RuleThreshold] { get }
    /// Whether the rule runs when the configuration says nothing about it.
    var isEnabledByDefault: Bool { get }
    /// Looks at the blueprint in `context` and returns the findings.
    ///
    /// Use ``AnalysisContext/finding(_:steps:flows:path:fix:impact:)`` to create findings: it fills in
    /// the rule id, the configured severity and the model path.
    func analyze(_ context: AnalysisContext) -> [Finding]
}

extension BlueprintRule {
    /// No thresholds.
    public var thresholds: [RuleThreshold] { [] }
    /// Enabled.
    public var isEnabledByDefault: Bool { true }
    /// The family named by the id's prefix (`redundant-`, `parallelizable-`, `missing-`, `structure-`), else custom.
    public var family: RuleFamily {
        for family in RuleFamily.allCases where family != .custom && id.hasPrefix(family.rawValue + "-") {
            return family
        }
        return .custom
    }
}

/// The groups rules are listed in.
public enum RuleFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// Redundant steps: repeated requests, duplicates, stacked approvals, unused work, rework, bouncing hand-offs.
    case redundant
    /// Serial chains whose steps could run in parallel.
    case parallelizable
    /// Missing or inconsistent standards.
    case missing
    /// The shape of the blueprint: unreachable steps, dead ends, unsupported steps, missing evidence.
    case structure
    /// Demand against capacity: unstable queues, high utilization, bottlenecks, throughput ceilings.
    case capacity
    /// Experience KPIs against their targets and samples (issue 16).
    case experience
    /// Third-party rules.
    case custom

    /// A heading for listings.
    public var title: String {
        switch self {
        case .redundant: "Redundant steps"
        case .parallelizable: "Serial chains that could run in parallel"
        case .missing: "Missing standards"
        case .structure: "Structure"
        case .capacity: "Capacity and bottlenecks"
        case .experience: "Customer experience"
        case .custom: "Other rules"
        }
    }
}

/// A value of a rule threshold: typed so configuration files are checked, not guessed.
public enum ThresholdValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A length of time, written like `5min` in files.
    case duration(BlueprintDuration)
    /// A plain number, e.g. a share `0.8`.
    case number(Double)
    /// A whole number, e.g. a count.
    case integer(Int)
    /// On or off.
    case flag(Bool)
    /// A list of names, e.g. channels to exempt.
    case names([String])

    /// The name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .duration: "duration"
        case .number: "number"
        case .integer: "integer"
        case .flag: "boolean"
        case .names: "list of names"
        }
    }

    /// The value as written in a configuration file.
    public var description: String {
        switch self {
        case .duration(let value): value.description
        case .number(let value): DurationText.number(value)
        case .integer(let value): String(value)
        case .flag(let value): String(value)
        case .names(let value): "[" + value.joined(separator: ", ") + "]"
        }
    }
}

/// A threshold a rule reads: its key, default value and meaning.
public struct RuleThreshold: Sendable, Hashable {
    /// The key, camelCase, as written in configuration files.
    public var key: String
    /// The value used unless configured; its case fixes the threshold's type.
    public var defaultValue: ThresholdValue
    /// What the threshold controls.
    public var summary: String
    /// The values a configuration may set (seconds for durations); others are rejected with a located error.
    public var range: ClosedRange<Double>?

    /// Creates a threshold.
    /// - Parameters:
    ///   - key: The key a configuration sets it with.
    ///   - defaultValue: The value when no configuration sets it.
    ///   - summary: What the threshold controls.
    ///   - range: The accepted values; by default a share (0…1) for a number whose default
    ///     is one, else 0…1 000 000 for numbers and whole numbers, and up to a year for durations.
    public init(_ key: String, default defaultValue: ThresholdValue, _ summary: String, range: ClosedRange<Double>? = nil) {
        self.key = key
        self.defaultValue = defaultValue
        self.summary = summary
        self.range = range ?? Self.defaultRange(for: defaultValue)
    }

    static func defaultRange(for value: ThresholdValue) -> ClosedRange<Double>? {
        switch value {
        case .number(let number): (0...1).contains(number) ? 0...1 : 0...1_000_000
        case .integer: 0...1_000_000
        case .duration: 0...(366 * 86_400)
        case .flag, .names: nil
        }
    }

    /// `true` when the threshold is a share (0…1), so configurations may write it as a percentage.
    public var isFraction: Bool { range == 0...1 }
}
