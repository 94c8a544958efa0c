import Foundation
import ServiceBlueprint
import Testing

@testable import blueprint

/// `check --format json|sarif` write their JSON directly; these tests hold them to the bytes
/// `JSONEncoder` gives for the same structures, which is what the output was before.
@Suite struct PrettyJSONTests {
    /// Problems with every shape: optional fields absent and present, empty and nested lists,
    /// and strings that need escaping (quotes, backslashes, controls, slashes, DEL, Chinese).
    static let problems: [Problem] = {
        var located = Problem(diagnostic: Diagnostic(.error, "bad \"value\" \\ here/there\t\u{1}\u{7f}\n", location: SourceLocation(path: "./a b/ü.yaml", line: 3, column: 7)), path: "x")
        located.steps = []
        var grouped = located
        grouped.ruleID = "redundant-step"
        grouped.severity = .warning
        grouped.message = "步骤“审核”重复"
        grouped.fix = "merge them\r\n\u{8}\u{c}"
        grouped.steps = ["a", "b/c"]
        var member = grouped
        member.line = nil
        member.column = nil
        member.related = nil
        var memberWithLine = grouped
        memberWithLine.column = nil
        grouped.related = [member, memberWithLine]
        var unlocated = grouped
        unlocated.related = []
        unlocated.line = nil
        unlocated.column = nil
        unlocated.severity = .note
        return [located, grouped, unlocated, member]
    }()

    @Test func jsonOutputMatchesTheEncoder() {
        for problems in [Self.problems, [], [Self.problems[0]]] {
            var summary = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
            for problem in problems { summary[problem.severity.rawValue, default: 0] += 1 }
            let expected = JSONFormatter.encode(ReferenceJSON(problems: problems, summary: summary))
            #expect(JSONFormatter.format(problems) == expected)
        }
    }

    @Test(arguments: [Language.english, .simplifiedChinese])
    func sarifOutputMatchesTheEncoder(language: Language) {
        for problems in [Self.problems, []] {
            let expected = ReferenceSARIF.format(problems, rules: RuleRegistry.all, language: language)
            #expect(SARIFFormatter.format(problems, rules: RuleRegistry.all, language: language) == expected)
        }
    }

    @Test func layoutIsTheEncoders() {
        var json = PrettyJSON()
        json.object { json in
            json.field("a")
            json.array { _ in }
            json.field("b")
            json.object { _ in }
            json.field("c", "x/\u{7f}\u{1}\u{1f}é\"\\\n\t\u{8}\u{c}\r")
            json.field("e")
            json.array([[Int]()]) { json, inner in json.array(inner) { $0.integer($1) } }
            json.field("g")
            json.array(["q"]) { $0.string($1) }
        }
        #expect(json.text == """
            {
              "a" : [

              ],
              "b" : {

              },
              "c" : "x/\u{7f}\\u0001\\u001fé\\"\\\\\\n\\t\\b\\f\\r",
              "e" : [
                [

                ]
              ],
              "g" : [
                "q"
              ]
            }
            """)
    }
}

/// The `Encodable` shape `check --format json` had.
private struct ReferenceJSON: Encodable {
    var version = 1
    var problems: [Problem]
    var summary: [String: Int]
}

/// The `Encodable` SARIF structures `check --format sarif` was written from.
private enum ReferenceSARIF {
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

    static func format(_ problems: [Problem], rules: [any BlueprintRule], language: Language) -> String {
        var descriptors = rules.map { rule in
            Rule(
                id: rule.id, name: rule.title(in: language), shortDescription: .init(text: rule.title(in: language)),
                fullDescription: .init(text: rule.rationale(in: language)), help: .init(text: rule.howToFix(in: language)),
                defaultConfiguration: .init(level: SARIFFormatter.level(rule.defaultSeverity)))
        }
        func invalid(_ key: String) -> Message { Message(text: LocalizedText("cli.sarif.invalid.\(key)").rendered(in: language)) }
        descriptors.append(Rule(
            id: Problem.invalidBlueprintRule, name: invalid("name").text, shortDescription: invalid("short"),
            fullDescription: invalid("full"), help: invalid("help"), defaultConfiguration: .init(level: "error")))
        let index = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func physicalLocation(_ problem: Problem) -> PhysicalLocation {
            PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: SARIFFormatter.uri(problem.path)),
                region: problem.line.map { Region(startLine: $0, startColumn: problem.column) })
        }
        let results = problems.map { problem in
            Result(
                ruleId: problem.ruleID, ruleIndex: index[problem.ruleID] ?? descriptors.count - 1,
                level: SARIFFormatter.level(problem.severity), message: .init(text: problem.message),
                locations: [Location(physicalLocation: physicalLocation(problem))],
                relatedLocations: problem.related.map { members in
                    members.enumerated().map { offset, member in
                        RelatedLocation(id: offset, physicalLocation: physicalLocation(member), message: .init(text: member.message))
                    }
                })
        }
        return JSONFormatter.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: descriptors)), results: results)]))
    }
}
