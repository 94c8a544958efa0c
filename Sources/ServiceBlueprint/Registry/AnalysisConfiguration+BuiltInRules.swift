// The entry points that default to the built-in rules. They live with the registry, not with the
// engine, so that Analysis does not name the capacity rules.

extension AnalysisConfiguration {
    /// Reads a configuration from YAML text that may name the built-in rules
    /// (see ``load(yaml:path:rules:)``).
    public static func load(yaml: String, path: String = fileName) -> LoadedConfiguration {
        load(yaml: yaml, path: path, rules: RuleRegistry.builtIn)
    }

    /// Reads a configuration file that may name the built-in rules
    /// (see ``load(contentsOfFile:rules:)``).
    public static func load(contentsOfFile path: String) -> LoadedConfiguration {
        load(contentsOfFile: path, rules: RuleRegistry.builtIn)
    }
}
