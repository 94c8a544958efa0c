// The entry points that default to the built-in rules. They live with the registry, not with the
// engine, so that Analysis does not name the capacity rules.

extension Analyzer {
    /// Creates an analyzer that runs the built-in rules (``RuleRegistry/builtIn``).
    public init(configuration: AnalysisConfiguration = .default) {
        self.init(configuration: configuration, rules: RuleRegistry.builtIn)
    }
}
