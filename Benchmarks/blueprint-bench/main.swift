import Foundation
import ServiceBlueprint

// Benchmarks for the graph core and the analysis engine on generated blueprints.
//
//   swift run -c release --scratch-path .build-analysis blueprint-bench graph --steps 100000
//   swift run -c release --scratch-path .build-analysis blueprint-bench analyze --steps 100000

// montecarlo (issue 4) parses its own arguments: see MonteCarloBenchmark.swift.
if CommandLine.arguments.dropFirst().first == "montecarlo" { runMonteCarloBenchmark(Array(CommandLine.arguments.dropFirst(2))) }
// corpus writes generated blueprint files for timing the CLI: see CorpusCommand.swift.
if CommandLine.arguments.dropFirst().first == "corpus" { runCorpusCommand(Array(CommandLine.arguments.dropFirst(2))) }
// memory shows where a large blueprint's memory goes (issue 13): see MemoryBenchmark.swift.
if CommandLine.arguments.dropFirst().first == "memory" { runMemoryBenchmark(Array(CommandLine.arguments.dropFirst(2))) }

let usage = """
    usage: blueprint-bench graph|analyze|profile [--steps N] [--seed S]
      graph    graph build, topological order and longest path (issue 2: < 0.5 s at 100 000 steps)
      analyze  all rules + metrics, at N/10 and N steps, with the time ratio and peak memory
      profile  the metrics and each rule timed on its own
    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first, ["graph", "analyze", "profile"].contains(mode) else {
    print(usage)
    exit(2)
}
arguments.removeFirst()
var stepCount = 100_000
var seed: UInt64 = 0x5EED
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else { print(usage); exit(2) }
    arguments.removeFirst()
    switch flag {
    case "--steps": stepCount = Int(value) ?? stepCount
    case "--seed": seed = UInt64(value) ?? seed
    default: print(usage); exit(2)
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU time of this process in seconds (all threads; the analysis is single-threaded).
func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// The CPU time of the last `measure` call: on a shared machine it shows how much of the wall time
/// was our own work.
nonisolated(unsafe) var lastCPUTime = 0.0

func measure<T>(_ body: () -> T) -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let cpuStart = cpuSeconds()
    let elapsed = clock.measure { result = body() }
    lastCPUTime = cpuSeconds() - cpuStart
    // `result` is always set by `measure`, which runs `body` exactly once.
    return (result!, seconds(elapsed))
}

/// Peak resident set size of this process, from /proc/self/status (Linux), in bytes.
func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return digits.map { $0 * 1_024 }
    }
    return nil
}

func format(_ value: Double) -> String { String(format: "%.3f s", value) }

func runGraph(steps: Int, seed: UInt64) {
    let (blueprint, generateTime) = measure { BlueprintGenerator(stepCount: steps, seed: seed).generate() }
    print("generated \(blueprint.steps.count) steps, \(blueprint.flows.count) flows in \(format(generateTime)) (not counted)")
    let (graph, buildTime) = measure { BlueprintGraph(blueprint) }
    let (order, topoTime) = measure { graph.topologicalOrder() }
    let (longest, pathTime) = measure { graph.longestPath() }
    print("graph build     \(format(buildTime))  (\(graph.stepCount) nodes, \(graph.edgeCount) edges)")
    print("topological     \(format(topoTime))  (\(order.order.count) sorted, \(order.leftover.count) left over)")
    print("longest path    \(format(pathTime))  (\(longest.path.count) steps on the path, lead time \(BlueprintDuration(seconds: longest.length)))")
    let total = buildTime + topoTime + pathTime
    print("total           \(format(total))  \(total < 0.5 ? "OK" : "OVER") (budget 0.5 s)")
}

switch mode {
case "graph":
    runGraph(steps: stepCount, seed: seed)
case "profile":
    runProfile(steps: stepCount, seed: seed)
default:
    runAnalyze(steps: stepCount, seed: seed)
}
if let peak = peakResidentBytes() {
    print("peak RSS        \(peak / 1_048_576) MiB")
}
