// eventlog-bench: read an event log, measure it, and print the process-mining figures and
// timings as JSON for Benchmarks/eventlog/crosscheck.py (compared with PM4Py there).
//
//   swift run -c release eventlog-bench LOG                 # figures + timings as JSON
//   swift run -c release eventlog-bench --generate N PATH   # seeded synthetic log (.csv or .xes)
import BlueprintProcessData
import Foundation
import ServiceBlueprint

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

/// A small ticketing process with a branch and a rework loop, simulated with a seeded LCG.
func generate(events target: Int, path: String) throws {
    var state: UInt64 = 0x5EED
    func random() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let xes = path.hasSuffix(".xes")
    var out = xes ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n"
                  : "case:concept:name,concept:name,time:timestamp,org:resource\n"
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
    var written = 0
    var caseNumber = 0
    var clock = 1_704_067_200.0 // 2024-01-01T00:00:00Z
    let formatter = ISO8601DateFormatter()
    while written < target {
        caseNumber += 1
        clock += random() * 600
        var time = clock
        var activities = ["open ticket", "classify"]
        if random() < 0.3 { activities.append("ask customer") }
        activities.append(random() < 0.7 ? "fix remotely" : "send technician")
        while random() < 0.15 { activities.append("reopen"); activities.append("fix remotely") }
        activities.append("close ticket")
        if xes { out += "<trace><string key=\"concept:name\" value=\"case-\(caseNumber)\"/>\n" }
        for activity in activities where written < target {
            time += 60 + random() * 3_600
            let stamp = formatter.string(from: Date(timeIntervalSince1970: time.rounded()))
            let resource = "agent-\(Int(random() * 20))"
            if xes {
                out += "<event><string key=\"concept:name\" value=\"\(activity)\"/><string key=\"org:resource\" value=\"\(resource)\"/><date key=\"time:timestamp\" value=\"\(stamp)\"/></event>\n"
            } else {
                out += "case-\(caseNumber),\(activity),\(stamp),\(resource)\n"
            }
            written += 1
        }
        if xes { out += "</trace>\n" }
        if out.utf8.count > 1 << 20 { handle.write(Data(out.utf8)); out = "" }
    }
    if xes { out += "</log>\n" }
    handle.write(Data(out.utf8))
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
    for pair in discovery.directlyFollows { dfg["\(pair.from)>\(pair.to)"] = pair.count }
    let report: [String: Any] = [
        "log": path, "bytes": size, "cases": measurement.log.cases, "events": measurement.log.events,
        "variants": discovery.variantCount, "dfg": dfg,
        "caseDurationMean": discovery.caseDuration?.mean ?? 0, "caseDurationMedian": discovery.caseDuration?.median ?? 0,
        "readAndAggregateSeconds": read, "totalSeconds": total,
        "eventsPerSecond": Double(measurement.log.events) / max(total, 1e-9), "peakRSSMiB": peakResidentMiB(),
        "errors": summary.diagnostics.filter { $0.severity == .error }.count,
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "--generate", arguments.count == 3, let count = Int(arguments[1]) {
        try generate(events: count, path: arguments[2])
    } else if arguments.count == 1 {
        try run(arguments[0])
    } else {
        FileHandle.standardError.write(Data("usage: eventlog-bench LOG | --generate EVENTS PATH.{csv,xes}\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("eventlog-bench: \(error)\n".utf8))
    exit(1)
}
