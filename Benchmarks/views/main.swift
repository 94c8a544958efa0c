// views-bench — the render time of both views of the showcase blueprints, in one process (issue 16).
//
//   swift run -c release views-bench [--runs 9] [--format svg|png] [files…]   (default: blueprints/*.yaml)
//
// Each file is read and analysed once; then, alternating, the blueprint view (with its findings overlay,
// as `blueprint render` draws it) and the journey map are rendered `runs` times. Prints the median
// wall and process-CPU milliseconds per view and file, the totals, and both views / blueprint view
// (the issue's target: at most 1.2×). Run it next to `Benchmarks/views/run.sh`, which times whole
// `blueprint render` processes.
import BlueprintGraphviz
import Foundation
import ServiceBlueprint

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 9
var format = OutputFormat.svg
var files: [String] = []
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--runs": runs = Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? runs
    case "--format": format = (arguments.isEmpty ? "" : arguments.removeFirst()) == "png" ? .png : .svg
    default: files.append(argument)
    }
}
if files.isEmpty {
    let folder = "blueprints"
    files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        .map { folder + "/" + $0 }
}

let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
print("# views-bench, \(runs) runs, \(format == .png ? "png" : "svg"), load average \(load)")
print("file".padding(toLength: 34, withPad: " ", startingAt: 0) + "  blueprint ms (cpu)   journey ms (cpu)   both / blueprint")
var totals = (blueprint: 0.0, journey: 0.0, blueprintCPU: 0.0, journeyCPU: 0.0)
for path in files {
    do {
        let document = try BlueprintDocument.read(from: path)
        let analysis = Analyzer(rules: RuleRegistry.builtIn).run(document.blueprint, sourceMap: document.sourceMap)
        var options = RenderOptions()
        options.language = document.blueprint.language ?? .english
        var wall: [String: [Double]] = [:]
        var cpu: [String: [Double]] = [:]
        for _ in 0..<runs {
            for view in ["blueprint", "journey"] {
                let (start, startCPU) = (Date(), cpuSeconds())
                if view == "blueprint" {
                    _ = try await GraphvizRenderer.shared.render(analysis, format: format, options: options)
                } else {
                    _ = try await GraphvizRenderer.shared.renderJourneyMap(analysis.blueprint, analysis: analysis, format: format, options: options)
                }
                wall[view, default: []].append(Date().timeIntervalSince(start) * 1000)
                cpu[view, default: []].append((cpuSeconds() - startCPU) * 1000)
            }
        }
        let b = median(wall["blueprint"] ?? []), j = median(wall["journey"] ?? [])
        let bc = median(cpu["blueprint"] ?? []), jc = median(cpu["journey"] ?? [])
        totals = (totals.blueprint + b, totals.journey + j, totals.blueprintCPU + bc, totals.journeyCPU + jc)
        let name = (path as NSString).lastPathComponent.padding(toLength: 34, withPad: " ", startingAt: 0)
        print(name + String(format: "  %8.1f (%6.1f)    %8.1f (%6.1f)   %.2f×", b, bc, j, jc, (b + j) / b))
    } catch {
        print("\(path): \(error)")
    }
}
print("all".padding(toLength: 34, withPad: " ", startingAt: 0) + String(
    format: "  %8.1f (%6.1f)    %8.1f (%6.1f)   %.2f× wall, %.2f× cpu", totals.blueprint, totals.blueprintCPU, totals.journey,
    totals.journeyCPU, (totals.blueprint + totals.journey) / totals.blueprint,
    (totals.blueprintCPU + totals.journeyCPU) / totals.blueprintCPU))
