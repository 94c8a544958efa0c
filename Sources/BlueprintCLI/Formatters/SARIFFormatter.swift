import Foundation
import ServiceBlueprint

/// SARIF 2.1.0 output for code-scanning upload (e.g. GitHub's `upload-sarif`).
///
/// Written directly as `JSONEncoder` would write the SARIF structures (keys sorted, pretty-printed):
/// a large blueprint has tens of thousands of results, and encoding them took longer than the analysis.
enum SARIFFormatter {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// A reporting descriptor: one analysis rule, or the pseudo-rule of files that do not load.
    struct Rule {
        var id: String
        var name: String
        var shortDescription: String
        var fullDescription: String
        var help: String
        var level: String

        func write(to json: inout PrettyJSON) {
            json.object { json in
                json.field("defaultConfiguration")
                json.object { $0.field("level", level) }
                json.field("fullDescription")
                SARIFFormatter.message(fullDescription, to: &json)
                json.field("help")
                SARIFFormatter.message(help, to: &json)
                json.field("id", id)
                json.field("name", name)
                json.field("shortDescription")
                SARIFFormatter.message(shortDescription, to: &json)
            }
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// The SARIF log; rule descriptions in `language` (ids, levels and field names never translated).
    static func format(_ problems: [Problem], rules: [any BlueprintRule], language: Language = .english) -> String {
        var descriptors = rules.map { rule in
            Rule(
                id: rule.id, name: rule.title(in: language), shortDescription: rule.title(in: language),
                fullDescription: rule.rationale(in: language), help: rule.howToFix(in: language),
                level: level(rule.defaultSeverity))
        }
        // The pseudo-rule of files that do not load or validate.
        func invalid(_ key: String) -> String { LocalizedText("cli.sarif.invalid.\(key)").rendered(in: language) }
        descriptors.append(Rule(
            id: Problem.invalidBlueprintRule, name: invalid("name"), shortDescription: invalid("short"),
            fullDescription: invalid("full"), help: invalid("help"), level: "error"))
        let index = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Every problem of a file has the same path: escape it once per file.
        var uris: [String: String] = [:]
        func cachedURI(_ path: String) -> String {
            if let known = uris[path] { return known }
            let made = uri(path)
            uris[path] = made
            return made
        }
        func location(_ problem: Problem, to json: inout PrettyJSON) {
            json.field("physicalLocation")
            json.object { json in
                json.field("artifactLocation")
                json.object { $0.field("uri", cachedURI(problem.path)) }
                if let line = problem.line {
                    json.field("region")
                    json.object { json in
                        json.field("startColumn", ifPresent: problem.column)
                        json.field("startLine", line)
                    }
                }
            }
        }

        var json = PrettyJSON(capacity: problems.count * 480 + descriptors.count * 900)
        json.object { json in
            json.field("$schema", schema)
            json.field("runs")
            json.array { json in
                json.item()
                json.object { json in
                    json.field("results")
                    json.array(problems) { json, problem in
                        json.object { json in
                            json.field("level", level(problem.severity))
                            json.field("locations")
                            json.array(CollectionOfOne(problem)) { json, problem in json.object { location(problem, to: &$0) } }
                            json.field("message")
                            message(problem.message, to: &json)
                            // Every step of a grouped finding, so code scanning shows each place.
                            if let related = problem.related {
                                json.field("relatedLocations")
                                json.array(related.enumerated()) { json, entry in
                                    json.object { json in
                                        json.field("id", entry.offset)
                                        json.field("message")
                                        message(entry.element.message, to: &json)
                                        location(entry.element, to: &json)
                                    }
                                }
                            }
                            json.field("ruleId", problem.ruleID)
                            json.field("ruleIndex", index[problem.ruleID] ?? descriptors.count - 1)
                        }
                    }
                    json.field("tool")
                    json.object { json in
                        json.field("driver")
                        json.object { json in
                            json.field("informationUri", ProjectHome.repository)
                            json.field("name", "blueprint")
                            json.field("rules")
                            json.array(descriptors) { json, rule in rule.write(to: &json) }
                            json.field("version", ToolVersion.current)
                        }
                    }
                }
            }
            json.field("version", "2.1.0")
        }
        return json.text
    }

    /// A SARIF message object: `{"text": …}`.
    static func message(_ text: String, to json: inout PrettyJSON) {
        json.object { $0.field("text", text) }
    }

    /// Relative paths stay relative (SARIF consumers resolve them against the checkout).
    static func uri(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }
}
