/// A starting set of rules, chosen with `extends:` in `.blueprint.yml` (in the spirit of bpmnlint's
/// `extends`) or by a blueprint's ``Maturity``. Settings of single rules apply on top.
///
/// | preset | runs | severities |
/// |---|---|---|
/// | `sketch` | structure and redundancy rules only (and third-party rules) | the rules' defaults |
/// | `recommended` | every rule that is on by default | the rules' defaults |
/// | `strict` | every rule, also those off by default | notes raised to warnings |
public enum RulePreset: String, Sendable, Hashable, Codable, CaseIterable {
    /// For sketches (titles, lanes and order only): structure and redundancy.
    case sketch
    /// The default.
    case recommended
    /// Everything, with notes raised to warnings.
    case strict

    /// The preset a blueprint of the given maturity is checked with: sketch → `sketch`,
    /// draft → `recommended`, detailed → `strict`.
    public static func `for`(_ maturity: Maturity) -> RulePreset {
        switch maturity {
        case .sketch: .sketch
        case .draft: .recommended
        case .detailed: .strict
        }
    }

    /// Whether the preset runs `rule` (before the rule's own settings).
    public func isEnabled(_ rule: any BlueprintRule) -> Bool {
        switch self {
        case .sketch: rule.isEnabledByDefault && [.structure, .redundant, .custom].contains(rule.family)
        case .recommended: rule.isEnabledByDefault
        case .strict: true
        }
    }

    /// The severity the preset gives `rule`'s findings (before the rule's own settings).
    public func severity(for rule: any BlueprintRule) -> Severity {
        self == .strict && rule.defaultSeverity == .note ? .warning : rule.defaultSeverity
    }
}
