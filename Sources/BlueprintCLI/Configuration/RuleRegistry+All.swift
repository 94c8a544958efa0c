import ServiceBlueprint

extension RuleRegistry {
    /// Every rule the command runs: all built-in rules, capacity included.
    static var all: [any BlueprintRule] { builtIn }
}
