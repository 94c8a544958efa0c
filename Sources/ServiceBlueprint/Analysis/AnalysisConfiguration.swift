/// Which rules run, how severe their findings are, and the thresholds they use.
///
/// Configure in code or load a `.blueprint.yml` file with ``load(yaml:path:rules:)``:
///
/// ```swift
/// var configuration = AnalysisConfiguration.default
/// configuration.disable("missing-time-standard")
/// configuration.setSeverity(.error, for: "redundant-information-request")
/// configuration.setThreshold("minimumSaving", to: .duration(.minutes(5)), for: "parallelizable-chain")
/// let report = Analyzer(configuration: configuration).analyze(blueprint)
/// ```
public struct AnalysisConfiguration: Sendable, Hashable {
    /// The settings for one rule; `nil` fields fall back to the rule's defaults.
    public struct RuleSettings: Sendable, Hashable {
        /// `false` to skip the rule, `true` to run a rule that is off by default.
        public var enabled: Bool?
        /// Replaces the rule's default severity.
        public var severity: Severity?
        /// Threshold values by key.
        public var thresholds: [String: ThresholdValue]

        /// Creates rule settings.
        public init(enabled: Bool? = nil, severity: Severity? = nil, thresholds: [String: ThresholdValue] = [:]) {
            self.enabled = enabled
            self.severity = severity
            self.thresholds = thresholds
        }
    }

    /// Settings by rule id.
    public var rules: [String: RuleSettings]
    /// The rules and severities to start from; a blueprint's ``Blueprint/maturity`` replaces it
    /// (see ``resolved(for:)``). Settings in ``rules`` apply on top.
    public var preset: RulePreset
    /// When a rule reports more than this many steps for the same reason, they become one finding
    /// that lists them all (``Finding/grouped``); `nil` never groups. Default 5.
    public var groupAbove: Int?

    /// The default of ``groupAbove``.
    public static let defaultGroupAbove = 5

    /// Creates a configuration.
    public init(rules: [String: RuleSettings] = [:], preset: RulePreset = .recommended, groupAbove: Int? = defaultGroupAbove) {
        self.rules = rules
        self.preset = preset
        self.groupAbove = groupAbove
    }

    /// The configuration for `blueprint`: its declared maturity, when it has one, picks the preset
    /// (a blueprint knows better than a folder-wide file how far it is worked out).
    public func resolved(for blueprint: Blueprint) -> Self {
        guard let maturity = blueprint.maturity else { return self }
        var copy = self
        copy.preset = .for(maturity)
        return copy
    }

    /// Every rule with its defaults.
    public static let `default` = AnalysisConfiguration()

    /// Stops the rule with id `ruleID` from running.
    public mutating func disable(_ ruleID: String) { rules[ruleID, default: .init()].enabled = false }
    /// Makes the rule with id `ruleID` run.
    public mutating func enable(_ ruleID: String) { rules[ruleID, default: .init()].enabled = true }
    /// Sets the severity of the rule's findings.
    public mutating func setSeverity(_ severity: Severity, for ruleID: String) {
        rules[ruleID, default: .init()].severity = severity
    }
    /// Sets a threshold of the rule.
    public mutating func setThreshold(_ key: String, to value: ThresholdValue, for ruleID: String) {
        rules[ruleID, default: .init()].thresholds[key] = value
    }

    /// A copy with the rule disabled.
    public func disabling(_ ruleID: String) -> Self { var copy = self; copy.disable(ruleID); return copy }
    /// A copy with the rule's severity set.
    public func withSeverity(_ severity: Severity, for ruleID: String) -> Self {
        var copy = self
        copy.setSeverity(severity, for: ruleID)
        return copy
    }
    /// A copy with the rule's threshold set.
    public func withThreshold(_ key: String, _ value: ThresholdValue, for ruleID: String) -> Self {
        var copy = self
        copy.setThreshold(key, to: value, for: ruleID)
        return copy
    }

    /// Whether `rule` runs.
    public func isEnabled(_ rule: any BlueprintRule) -> Bool { rules[rule.id]?.enabled ?? preset.isEnabled(rule) }
    /// The severity of `rule`'s findings.
    public func severity(for rule: any BlueprintRule) -> Severity { rules[rule.id]?.severity ?? preset.severity(for: rule) }
    /// The thresholds of `rule`: its defaults with configured values on top.
    ///
    /// A configured value of the wrong type is ignored (the loader reports it as a diagnostic).
    public func thresholds(for rule: any BlueprintRule) -> [String: ThresholdValue] {
        var values: [String: ThresholdValue] = [:]
        let configured = rules[rule.id]?.thresholds ?? [:]
        for threshold in rule.thresholds {
            if let value = configured[threshold.key], value.typeName == threshold.defaultValue.typeName {
                values[threshold.key] = value
            } else {
                values[threshold.key] = threshold.defaultValue
            }
        }
        return values
    }
}

/// A configuration read from a file, with every problem found in it.
public struct LoadedConfiguration: Sendable, Hashable {
    /// The configuration, with the problem entries left out.
    public var configuration: AnalysisConfiguration
    /// Problems in the file, located, in file order.
    public var diagnostics: [Diagnostic]
    /// `true` when a diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Creates a loaded configuration, e.g. the defaults with no diagnostics.
    public init(configuration: AnalysisConfiguration, diagnostics: [Diagnostic] = []) {
        self.configuration = configuration
        self.diagnostics = diagnostics
    }
}
