import Foundation
import ServiceBlueprint

/// Machine-readable output for tools: a JSON object with every problem, keys sorted.
enum JSONFormatter {
    /// `{"problems": […], "summary": {severity: count}, "version": 1}`, the bytes ``encode(_:)`` would
    /// give, written directly: on a large blueprint the encoder took longer than reading and analysing it.
    static func format(_ problems: [Problem]) -> String {
        var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
        for problem in problems { counts[problem.severity.rawValue, default: 0] += 1 }
        var json = PrettyJSON(capacity: problems.count * 320)
        json.object { json in
            json.field("problems")
            json.array(problems) { json, problem in problem.write(to: &json) }
            json.field("summary")
            json.object { json in
                for (severity, count) in counts.sorted(by: { $0.key < $1.key }) { json.field(severity, count) }
            }
            json.field("version", 1)
        }
        return json.text
    }

    /// Pretty, key-sorted JSON so output is byte-identical across runs.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
