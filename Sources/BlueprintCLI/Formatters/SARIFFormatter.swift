import Foundation
import ServiceBlueprint

/// SARIF 2.1.0 output for code-scanning upload (e.g. GitHub's `upload-sarif`).
enum SARIFFormatter {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name = "blueprint"
        var informationUri = ProjectHome.repository
        var version = ToolVersion.current
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        /// Every step of a grouped finding, so code scanning shows each place.
        var relatedLocations: [RelatedLocation]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct RelatedLocation: Encodable {
        var id: Int
        var physicalLocation: PhysicalLocation
        var message: Message
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
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
                id: rule.id, name: rule.title(in: language), shortDescription: .init(text: rule.title(in: language)),
                fullDescription: .init(text: rule.rationale(in: language)), help: .init(text: rule.howToFix(in: language)),
                defaultConfiguration: .init(level: level(rule.defaultSeverity)))
        }
        // The pseudo-rule of files that do not load or validate.
        func invalid(_ key: String) -> Message { Message(text: LocalizedText("cli.sarif.invalid.\(key)").rendered(in: language)) }
        descriptors.append(Rule(
            id: Problem.invalidBlueprintRule, name: invalid("name").text, shortDescription: invalid("short"),
            fullDescription: invalid("full"), help: invalid("help"), defaultConfiguration: .init(level: "error")))
        let index = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = problems.map { problem in
            Result(
                ruleId: problem.ruleID, ruleIndex: index[problem.ruleID] ?? descriptors.count - 1,
                level: level(problem.severity), message: .init(text: problem.message),
                locations: [Location(physicalLocation: physicalLocation(problem))],
                relatedLocations: problem.related.map { members in
                    members.enumerated().map { offset, member in
                        RelatedLocation(id: offset, physicalLocation: physicalLocation(member), message: .init(text: member.message))
                    }
                })
        }
        return JSONFormatter.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: descriptors)), results: results)]))
    }

    static func physicalLocation(_ problem: Problem) -> PhysicalLocation {
        PhysicalLocation(
            artifactLocation: ArtifactLocation(uri: uri(problem.path)),
            region: problem.line.map { Region(startLine: $0, startColumn: problem.column) })
    }

    /// Relative paths stay relative (SARIF consumers resolve them against the checkout).
    static func uri(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }
}
