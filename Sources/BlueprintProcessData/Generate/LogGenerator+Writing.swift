import BlueprintCSV

extension LogGenerator {
    /// Writes the generated log as CSV (`case:concept:name`, `concept:name`,
    /// `lifecycle:transition`, `time:timestamp`, `org:resource`) or XES, handing `write` chunks
    /// of about 1 MiB; returns the number of events.
    @discardableResult
    public func write(_ options: Options, format: EventLogFormat, _ write: (String) throws -> Void) throws -> Int {
        var chunk = ""
        func flush(_ force: Bool) throws {
            guard force || chunk.utf8.count >= 1 << 20 else { return }
            try write(chunk)
            chunk = ""
        }
        switch format {
        case .csv:
            chunk = "case:concept:name,concept:name,lifecycle:transition,time:timestamp,org:resource\n"
            let count = try generate(options) { event in
                chunk += "case-\(event.caseNumber),\(CSVWriter.field(event.activity)),\(event.lifecycle == .start ? "start" : "complete"),"
                chunk += Self.iso8601(event.timestamp) + "," + CSVWriter.field(event.resource) + "\n"
                try flush(false)
            }
            try flush(true)
            return count
        case .xes:
            // Grouped by case: XES nests events in their trace.
            var grouped = options
            grouped.timeOrdered = false
            chunk = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\" xmlns=\"http://www.xes-standard.org/\">\n"
            var open = 0
            let count = try generate(grouped) { event in
                if event.caseNumber != open {
                    if open != 0 { chunk += "</trace>\n" }
                    open = event.caseNumber
                    chunk += "<trace><string key=\"concept:name\" value=\"case-\(open)\"/>\n"
                }
                chunk += "<event><string key=\"concept:name\" value=\"\(Self.xml(event.activity))\"/>"
                chunk += "<string key=\"lifecycle:transition\" value=\"\(event.lifecycle == .start ? "start" : "complete")\"/>"
                chunk += "<string key=\"org:resource\" value=\"\(Self.xml(event.resource))\"/>"
                chunk += "<date key=\"time:timestamp\" value=\"\(Self.iso8601(event.timestamp))\"/></event>\n"
                try flush(false)
            }
            if open != 0 { chunk += "</trace>\n" }
            chunk += "</log>\n"
            try flush(true)
            return count
        }
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `2024-01-01T09:15:00.250Z` (UTC, milliseconds), without a formatter (millions of calls).
    package static func iso8601(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        // Civil date from days since 1970 (H. Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = rest % 1000
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600_000)):\(two(rest / 60_000 % 60)):\(two(rest / 1000 % 60)).\(msText)Z"
    }
}
