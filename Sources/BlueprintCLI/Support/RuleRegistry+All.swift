import ServiceBlueprint

extension RuleRegistry {
    /// Every rule the command runs: the built-in analysis rules and the capacity rules.
    static var all: [any BlueprintRule] { builtIn + capacity }
}
