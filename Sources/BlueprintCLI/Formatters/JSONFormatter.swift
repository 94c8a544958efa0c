import Foundation
import ServiceBlueprint

/// Machine-readable output for tools: a JSON object with every problem, keys sorted.
enum JSONFormatter {
    struct Output: Encodable {
        var version = 1
        var problems: [Problem]
        var summary: [String: Int]
    }

    static func format(_ problems: [Problem]) -> String {
        var summary = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
        for problem in problems { summary[problem.severity.rawValue, default: 0] += 1 }
        return encode(Output(problems: problems, summary: summary))
    }

    /// Pretty, key-sorted JSON so output is byte-identical across runs.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
