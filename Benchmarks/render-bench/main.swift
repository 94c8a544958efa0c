// render-bench — measures the in-process renderer.
//
//   swift run -c release render-bench large  [--steps 1000] [--runs 5] [--routing ortho|straight]
//       model → DOT → SVG in-process vs `dot -Tsvg` and `neato -n2 -Tsvg` on the same DOT file.
//   swift run -c release render-bench memory [--renders 1000] [--steps 30] [--max-kib-per-render K]
//       RSS before and after many renders of one blueprint in one process.
//   swift run -c release render-bench writer [--steps 1000] [--runs 20]
//       times the DOT writer alone.
//   swift run -c release render-bench write <folder> [--steps 1000]
//       writes the generated blueprint as DOT and SVG for inspection.
import BlueprintGraphviz
import Foundation
import ServiceBlueprint

// MARK: Generated blueprints

/// The package's deterministic generator, with the one draw this benchmark needs.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

/// A service-like blueprint: stages of about 25 steps, the customer journey in the customer lane, each customer
/// step answered frontstage, with back-office and support work, evidence, escalations, information flows and
/// rework loops. Same arguments, same blueprint.
func generatedBlueprint(steps count: Int, seed: UInt64 = 1) -> Blueprint {
    var random = SplitMix(seed: seed)
    let stageCount = max(1, count / 25)
    let stages = (0..<stageCount).map { Stage(id: "stage-\($0)", title: "Stage \($0 + 1)", goal: "Goal of stage \($0 + 1)") }
    let actors = [
        Actor(id: "agent", title: "Agent", capacity: 10), Actor(id: "expert", title: "Expert", capacity: 2),
        Actor(id: "system", title: "Core system", kind: .system),
    ]
    let lanePattern: [Lane] = [.customer, .frontstage, .backstage, .frontstage, .customer, .support, .backstage, .evidence]
    var steps: [Step] = []
    var flows: [Flow] = []
    var previousInLane: [Lane: String] = [:]
    for index in 0..<count {
        let stage = min(stageCount - 1, index * stageCount / count)
        let lane = random.below(5) == 0 ? Lane.allCases[random.below(5)] : lanePattern[index % lanePattern.count]
        var step = Step(
            id: "step-\(index)", title: "Step \(index) " + ["checks", "records", "explains", "approves", "ships"][random.below(5)]
                + " the case", lane: lane, stage: "stage-\(stage)")
        step.actor = lane == .customer ? nil : actors[random.below(actors.count)].id
        if lane == .customer || lane == .frontstage { step.channel = [.phone, .chat, .web, .inPerson][random.below(4)] }
        if random.below(3) == 0 { step.duration = ProcessTime(min: .minutes(2), likely: .minutes(5), max: .minutes(15)) }
        if random.below(8) == 0 { step.failPoint = FailPoint(risk: "Something goes wrong") }
        if random.below(10) == 0 { step.waitPoint = WaitPoint(tolerance: .minutes(10)) }
        if random.below(6) == 0 { step.standards = Standards(time: TimeStandard(target: .minutes(5), tolerance: .minutes(2))) }
        steps.append(step)
        if index > 0 {
            flows.append(Flow(from: "step-\(index - 1)", to: step.id))
            if let earlier = previousInLane[lane], earlier != "step-\(index - 1)", random.below(4) == 0 {
                flows.append(Flow(from: earlier, to: step.id, kind: .information, label: "data"))
            }
            if random.below(20) == 0, index > 3 {
                flows.append(Flow(from: step.id, to: "step-\(index - 2 - random.below(2))", kind: .rework, label: "redo"))
            }
            if random.below(25) == 0, index > 5 {
                flows.append(Flow(from: "step-\(index - 3)", to: step.id, kind: .escalation))
            }
        }
        previousInLane[lane] = step.id
    }
    return Blueprint(id: "generated-\(count)", title: "Generated blueprint, \(count) steps", stages: stages, actors: actors,
                     steps: steps, flows: flows)
}

// MARK: Measurement helpers

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double) -> String { String(format: "%.3f s", value) }

/// Resident set size of this process in MiB, from /proc (Linux).
func residentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return -1 }
    let kib = Double(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    return kib / 1024
}

/// Runs a command, discarding its output; returns its wall-clock time.
func timeCommand(_ arguments: [String]) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    process.waitUntilExit()
    let elapsed = seconds(clock.now - start)
    guard process.terminationStatus == 0 else {
        throw RenderError(.render, message: "\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return elapsed
}

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return Int(arguments[index + 1]) ?? value
}

func stringOption(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

// MARK: Commands

func large() throws {
    let count = option("--steps", default: 1_000)
    let runs = option("--runs", default: 5)
    var options = RenderOptions()
    if stringOption("--routing") == "straight" { options.edgeRouting = .straight }
    let renderer = GraphvizRenderer.shared
    try renderer.checkInstallation()
    let blueprint = generatedBlueprint(steps: count)
    let dotText = DOTWriter(options: options).dot(for: blueprint)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("render-bench-\(count).dot")
    try Data(dotText.utf8).write(to: file, options: .atomic)
    print("blueprint: \(blueprint.steps.count) steps, \(blueprint.flows.count) flows, \(blueprint.stages.count) stages; "
        + "routing \(options.edgeRouting.rawValue); DOT \(dotText.utf8.count / 1024) KiB at \(file.path)")
    _ = try renderer.render(dot: dotText, format: .svg, engine: .pinned)  // warm-up: plugins, fonts

    let clock = ContinuousClock()
    var writer: [Double] = []
    var inProcess: [Double] = []
    var total: [Double] = []
    var dotCLI: [Double] = []
    var neatoCLI: [Double] = []
    var svgBytes = 0
    for _ in 0..<runs {
        // Alternate the contenders so machine load affects them alike.
        let start = clock.now
        let text = DOTWriter(options: options).dot(for: blueprint)
        let written = clock.now
        let svg = try renderer.render(dot: text, format: .svg, engine: .pinned)
        let done = clock.now
        svgBytes = svg.count
        writer.append(seconds(written - start))
        inProcess.append(seconds(done - written))
        total.append(seconds(done - start))
        dotCLI.append(try timeCommand(["dot", "-Tsvg", file.path, "-o", "/dev/null"]))
        neatoCLI.append(try timeCommand(["neato", "-n2", "-Tsvg", file.path, "-o", "/dev/null"]))
    }
    print("runs: \(runs) (SVG \(svgBytes / 1024) KiB)          median      min")
    func row(_ name: String, _ values: [Double]) {
        print("  \(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(format(median(values)))  \(format(values.min() ?? 0))")
    }
    row("model → DOT (Swift)", writer)
    row("DOT → SVG in-process", inProcess)
    row("model → DOT → SVG in-process", total)
    row("dot -Tsvg file.dot (CLI)", dotCLI)
    row("neato -n2 -Tsvg file.dot (CLI)", neatoCLI)
    for (name, value) in [("median", median(total) / median(dotCLI)), ("min", (total.min() ?? 0) / (dotCLI.min() ?? 1))] {
        print(String(format: "  in-process / dot CLI (%@) = %.2f: %@", name, value, value <= 1.1 ? "within 10 %" : "more than 10 % slower"))
    }
}

func memory() throws {
    let renders = option("--renders", default: 1_000)
    let count = option("--steps", default: 30)
    let renderer = GraphvizRenderer.shared
    try renderer.checkInstallation()
    let blueprint = generatedBlueprint(steps: count, seed: 7)
    // `--dot file` renders that DOT text instead (with its own layout attribute), to find what leaks.
    let dotFile = stringOption("--dot")
    let text = try dotFile.map { try String(contentsOfFile: $0, encoding: .utf8) }
    let format = OutputFormat(rawValue: stringOption("--format") ?? "svg") ?? .svg
    func renderOnce() throws {
        if let text {
            _ = try renderer.render(dot: text, format: format, engine: .pinned)
        } else {
            _ = try renderer.render(blueprint, format: format)
        }
    }
    // Warm up: the first renders load plugins, fonts and caches; measure from there.
    for _ in 0..<5 { try renderOnce() }
    let before = residentMiB()
    print("\(dotFile ?? "blueprint: \(blueprint.steps.count) steps, \(blueprint.flows.count) flows"), \(format); "
        + "RSS after warm-up \(String(format: "%.1f", before)) MiB")
    let clock = ContinuousClock()
    let start = clock.now
    for index in 1...renders {
        try renderOnce()
        if index % (renders / 10 == 0 ? 1 : renders / 10) == 0 {
            print(String(format: "  after %5d renders: RSS %.1f MiB", index, residentMiB()))
        }
    }
    let after = residentMiB()
    print(String(format: "RSS before %.1f MiB, after %.1f MiB: %+.1f MiB over %d renders (%.1f KiB per render); %.1f ms per render",
                 before, after, after - before, renders, (after - before) * 1024 / Double(renders),
                 seconds(clock.now - start) * 1000 / Double(renders)))
    // `--max-kib-per-render K` turns the measurement into a check (exit 1 above K), for CI or a release
    // checklist: issue 10 measured 78 KiB per 200-step render with <b>/<i> spans in the labels.
    if let bound = stringOption("--max-kib-per-render").flatMap({ Double($0) }), (after - before) * 1024 / Double(renders) > bound {
        print(String(format: "FAIL: more than %.1f KiB per render", bound))
        exit(1)
    }
}

func writer() {
    let count = option("--steps", default: 1_000)
    let runs = option("--runs", default: 20)
    let blueprint = generatedBlueprint(steps: count)
    let clock = ContinuousClock()
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<runs {
        let start = clock.now
        bytes = DOTWriter().dot(for: blueprint).utf8.count
        times.append(seconds(clock.now - start))
    }
    print("model → DOT, \(count) steps, \(bytes / 1024) KiB: median \(format(median(times))), min \(format(times.min() ?? 0))")
}

func write() throws {
    let arguments = CommandLine.arguments
    guard arguments.count > 2 else { throw RenderError(.render, message: "usage: render-bench write <folder>") }
    let folder = URL(fileURLWithPath: arguments[2])
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let count = option("--steps", default: 1_000)
    let blueprint = generatedBlueprint(steps: count)
    let dot = DOTWriter().dot(for: blueprint)
    try Data(dot.utf8).write(to: folder.appendingPathComponent("generated-\(count).dot"), options: .atomic)
    let svg = try GraphvizRenderer.shared.render(dot: dot, format: .svg, engine: .pinned)
    try svg.write(to: folder.appendingPathComponent("generated-\(count).svg"), options: .atomic)
    print("wrote \(folder.path)/generated-\(count).{dot,svg}")
}

do {
    switch CommandLine.arguments.dropFirst().first {
    case "large": try large()
    case "memory": try memory()
    case "write": try write()
    case "writer": writer()
    default:
        print("usage: render-bench large [--steps N] [--runs N] [--routing ortho|straight] | memory [--renders N] [--steps N] | writer [--steps N] | write <folder>")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
