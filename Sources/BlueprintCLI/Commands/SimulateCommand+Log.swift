import BlueprintCSV
import BlueprintProcessData
import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// The simulated run as an event log that `blueprint measure` reads: one start and one complete
/// event per executed step, the step id as activity and the actor as resource, case by case.
enum SimulationLog {
    /// The simulated clock starts on Monday 2024-01-01 00:00 UTC.
    static let origin = 1_704_067_200.0

    /// Writes the trace as CSV or XES (by the file's extension), atomically; returns the number of events.
    static func write(_ trace: SimulationTrace, blueprint: Blueprint, to path: String) throws -> Int {
        let xes = path.hasSuffix(".xes")
        // Grouped by case, in time order within a case (start before complete at equal times), as
        // XES nests events in traces and `measure` expects each case's events in order.
        let order = (0..<(trace.cases.count * 2)).sorted { a, b in
            let (ka, kb) = (a / 2, b / 2)
            let ta = a % 2 == 0 ? trace.starts[ka] : trace.ends[ka], tb = b % 2 == 0 ? trace.starts[kb] : trace.ends[kb]
            return (trace.cases[ka], ta, a) < (trace.cases[kb], tb, b)
        }
        var text = xes
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\" xmlns=\"http://www.xes-standard.org/\">\n"
            : "case:concept:name,concept:name,lifecycle:transition,time:timestamp,org:resource\n"
        var open: Int32 = 0
        for event in order {
            let k = event / 2
            let step = blueprint.steps[Int(trace.steps[k])]
            let resource = step.actor ?? "customer"
            let caseName = "case-\(trace.cases[k])"
            let lifecycle = event % 2 == 0 ? "start" : "complete"
            let stamp = LogGenerator.iso8601(origin + (event % 2 == 0 ? trace.starts[k] : trace.ends[k]))
            if xes {
                if trace.cases[k] != open {
                    if open != 0 { text += "</trace>\n" }
                    open = trace.cases[k]
                    text += "<trace><string key=\"concept:name\" value=\"\(MarkupEscaping.xml(caseName))\"/>\n"
                }
                text += "<event><string key=\"concept:name\" value=\"\(MarkupEscaping.xml(step.id))\"/>"
                text += "<string key=\"lifecycle:transition\" value=\"\(lifecycle)\"/>"
                text += "<string key=\"org:resource\" value=\"\(MarkupEscaping.xml(resource))\"/>"
                text += "<date key=\"time:timestamp\" value=\"\(stamp)\"/></event>\n"
            } else {
                text += "\(caseName),\(CSVWriter.field(step.id)),\(lifecycle),\(stamp),\(CSVWriter.field(resource))\n"
            }
        }
        if xes {
            if open != 0 { text += "</trace>\n" }
            text += "</log>\n"
        }
        try AtomicFile.write(text, to: path)
        return order.count
    }
}
