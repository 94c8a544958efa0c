import ServiceBlueprint

/// Runs every built-in rule and the metrics at `steps / 10` and `steps` and prints the ratio.
func runAnalyze(steps: Int, seed: UInt64) {
    print("analyze: not available yet")
}
