import ServiceBlueprint

extension RuleRegistry {
    /// Every rule the command runs: the built-in analysis rules.
    static var all: [any BlueprintRule] { builtIn }
}
