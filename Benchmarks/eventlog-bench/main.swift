// eventlog-bench: read an event log, measure it, and print the process-mining figures and
// timings as JSON for Benchmarks/eventlog/crosscheck.py (compared with PM4Py there).
//
//   swift run -c release eventlog-bench LOG                 # figures + timings as JSON
//   swift run -c release eventlog-bench --generate N PATH [BLUEPRINT]   # simulated log (.csv or .xes)
import BlueprintProcessData
import Foundation
import ServiceBlueprint

/// CPU seconds (user + system) this process has used so far, start-up included.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024 // Linux reports KiB
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576 // macOS reports bytes
    #endif
}

/// Simulates `blueprint` (default: Examples/measure/ticket-desk.yaml) into a time-ordered log of
/// `target` events with start and complete events (``LogGenerator``, seed 1).
func generate(events target: Int, path: String, blueprintPath: String) throws {
    let text = try String(contentsOfFile: blueprintPath, encoding: .utf8)
    let blueprint = try BlueprintDocument.parse(text, path: blueprintPath, format: DocumentFormat(path: blueprintPath) ?? .yaml).blueprint
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
    let options = LogGenerator.Options(seed: 1, cases: target, maxEvents: target, meanInterarrival: 120)
    try LogGenerator(blueprint: blueprint).write(options, format: EventLogFormat(path: path)) { handle.write(Data($0.utf8)) }
    try handle.close()
}

func run(_ path: String) throws {
    let started = Date()
    var measurer = Measurer(blueprint: Blueprint(id: "none"))
    let summary = try EventLogReader.read(path: path) { trace, names in measurer.add(trace, activities: names) }
    let read = Date().timeIntervalSince(started)
    let measurement = measurer.result(summary: summary)
    let total = Date().timeIntervalSince(started)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let discovery = measurement.discovery
    var dfg: [String: Int] = [:]
    var performance: [String: Double] = [:]
    for pair in discovery.directlyFollows {
        dfg["\(pair.from)>\(pair.to)"] = pair.count
        performance["\(pair.from)>\(pair.to)"] = pair.meanSeconds
    }
    let report: [String: Any] = [
        "log": path, "bytes": size, "cases": measurement.log.cases, "events": measurement.log.events,
        "variants": discovery.variantCount, "dfg": dfg, "dfgMeanSeconds": performance,
        "caseDurationMean": discovery.caseDuration?.mean ?? 0, "caseDurationMedian": discovery.caseDuration?.median ?? 0,
        "readAndAggregateSeconds": read, "totalSeconds": total, "processCPUSeconds": processCPUSeconds(),
        "eventsPerSecond": Double(measurement.log.events) / max(total, 1e-9), "peakRSSMiB": peakResidentMiB(),
        "startEvents": measurement.log.startEvents,
        "errors": summary.diagnostics.filter { $0.severity == .error }.count,
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "--generate", (3...4).contains(arguments.count), let count = Int(arguments[1]) {
        try generate(events: count, path: arguments[2], blueprintPath: arguments.count == 4 ? arguments[3] : "Examples/measure/ticket-desk.yaml")
    } else if arguments.count == 1 {
        try run(arguments[0])
    } else {
        FileHandle.standardError.write(Data("usage: eventlog-bench LOG | --generate EVENTS PATH.{csv,xes} [BLUEPRINT]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("eventlog-bench: \(error)\n".utf8))
    exit(1)
}
