import Foundation
import Testing
import Yams

@testable import ServiceBlueprint

/// Checks the JSON Schema with a real validator: Python's `jsonschema` (draft 2020-12).
@Suite("JSON Schema")
struct SchemaTests {
    static let schemaFile = DocumentTesting.repositoryRoot.appendingPathComponent("schema/blueprint.schema.json")

    /// Validates each JSON file against the schema; `true` per file when valid, with the errors otherwise.
    static let validatorScript = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("MISSING-JSONSCHEMA")
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8") as f:
                instance = json.load(f)
            errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
            if errors:
                print("INVALID\\t" + path + "\\t" + " | ".join("/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors))
            else:
                print("VALID\\t" + path)
        """

    /// Runs the validator on `documents` (name → JSON text) and returns name → error text (`nil` when valid).
    /// Records an issue, with what to install, when python3 or jsonschema is missing.
    static func validate(_ documents: [(name: String, json: String)]) throws -> [String: String?] {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var pathToName: [String: String] = [:]
        for (index, document) in documents.enumerated() {
            let path = folder.appendingPathComponent("\(index).json").path
            try document.json.write(toFile: path, atomically: true, encoding: .utf8)
            pathToName[path] = document.name
        }
        let run: (status: Int32, output: String)
        do {
            run = try DocumentTesting.python(
                validatorScript, arguments: [schemaFile.path] + documents.indices.map { folder.appendingPathComponent("\($0).json").path })
        } catch {
            Issue.record("python3 could not be started (\(error)); the schema tests need python3 with the jsonschema package")
            return [:]
        }
        if run.output.contains("MISSING-JSONSCHEMA") {
            Issue.record("the Python package 'jsonschema' is missing; install it with `pip install jsonschema`")
            return [:]
        }
        if run.status == 127 || run.output.contains("No such file or directory") && run.output.contains("python3") {
            Issue.record("python3 is not installed; the schema tests need python3 with the jsonschema package")
            return [:]
        }
        #expect(run.status == 0, "validator failed: \(run.output)")
        var results: [String: String?] = [:]
        for line in run.output.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count >= 2, let name = pathToName[fields[1]] else { continue }
            results[name] = fields[0] == "VALID" ? .some(nil) : .some(fields.count > 2 ? fields[2] : "invalid")
        }
        #expect(results.count == documents.count, "not every document was checked: \(run.output)")
        return results
    }

    /// A YAML or JSON file's content as JSON, exactly as written (YAML 1.2 core schema for plain scalars).
    static func jsonOfFile(_ url: URL) throws -> String {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let node = try Yams.compose(yaml: text) else { return "null" }
        return JSONWriter.text(for: DocumentValue(node: node))
    }

    @Test func repositoryFileEqualsLibraryConstant() throws {
        let file = try Data(contentsOf: Self.schemaFile)
        #expect(file == Data(BlueprintSchema.json.utf8), "schema/blueprint.schema.json and BlueprintSchema.json differ: run python3 schema/generate.py")
    }

    @Test func schemaAgreesWithTheReader() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(BlueprintSchema.json.utf8)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        func properties(_ object: Any?) -> Set<String> {
            Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        func definition(_ name: String) -> [String: Any]? { definitions[name] as? [String: Any] }
        #expect(properties(schema) == Set(DocumentKeys.blueprint + [DocumentKeys.schemaHint]))
        let pairs: [(String, [String])] = [
            ("stage", DocumentKeys.stage), ("actor", DocumentKeys.actor), ("workingHours", DocumentKeys.workingHours),
            ("channelDefinition", DocumentKeys.channel), ("informationItem", DocumentKeys.information),
            ("persona", DocumentKeys.persona), ("journey", DocumentKeys.journey), ("demand", DocumentKeys.demand),
            ("journeyTarget", DocumentKeys.target), ("step", DocumentKeys.step), ("standards", DocumentKeys.standards),
            ("timeStandard", DocumentKeys.timeStandard), ("failPoint", DocumentKeys.failPoint),
            ("waitPoint", DocumentKeys.waitPoint), ("flow", DocumentKeys.flow), ("bottleneck", DocumentKeys.bottleneck),
            ("kpi", ExperienceDocumentKeys.kpi), ("measurement", ExperienceDocumentKeys.measurement),
        ]
        for (name, keys) in pairs {
            #expect(properties(definition(name)) == Set(keys), "\(name)")
            #expect(definition(name)?["additionalProperties"] as? Bool == false, "\(name)")
        }
        let processTime = try #require(definition("processTime")?["oneOf"] as? [Any])
        #expect(properties(processTime.last) == Set(DocumentKeys.processTime))

        func enumValues(_ object: Any?) -> Set<String> { Set((object as? [String: Any])?["enum"] as? [String] ?? []) }
        func property(_ definitionName: String, _ key: String) -> Any? {
            (definition(definitionName)?["properties"] as? [String: Any])?[key]
        }
        #expect(enumValues(definition("lane")) == Set(Lane.allCases.map(\.rawValue) + Lane.aliases.keys))
        #expect(enumValues(property("step", "kind")) == Set(StepKind.allCases.map(\.rawValue)))
        #expect(enumValues(property("step", "value")) == Set(ValueClass.allCases.map(\.rawValue)))
        #expect(enumValues(property("flow", "kind")) == Set(FlowKind.allCases.map(\.rawValue) + [DocumentKeys.associationFlowKind]))
        #expect(enumValues(property("actor", "kind")) == Set(Actor.Kind.allCases.map(\.rawValue)))
        #expect(enumValues(property("informationItem", "kind")) == Set(InformationItem.Kind.allCases.map(\.rawValue)))
        #expect(enumValues(property("demand", "per")) == Set(Demand.Period.allCases.map(\.rawValue)))
        #expect(enumValues(property("kpi", "kind")) == Set(KPIKind.allCases.map(\.rawValue)))
        #expect(enumValues(definition("servqualDimension")) == Set(ServqualDimension.allCases.map(\.rawValue)))
        let channels = try #require(definition("channel")?["anyOf"] as? [Any])
        #expect(enumValues(channels.first) == Set(Channel.builtIn.map(\.rawValue)))
    }

    @Test func everyKeyIsDescribed() throws {
        // Walk the schema: every property schema has a description (directly or on its $ref's target).
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(BlueprintSchema.json.utf8)) as? [String: Any])
        var undescribed: [String] = []
        func visit(_ object: Any, at path: String) {
            guard let mapping = object as? [String: Any] else {
                if let list = object as? [Any] { for (index, item) in list.enumerated() { visit(item, at: "\(path)[\(index)]") } }
                return
            }
            if let properties = mapping["properties"] as? [String: Any] {
                for (key, value) in properties {
                    if (value as? [String: Any])?["description"] == nil { undescribed.append("\(path).\(key)") }
                }
            }
            for (key, value) in mapping { visit(value, at: "\(path).\(key)") }
        }
        visit(schema, at: "")
        #expect(undescribed.isEmpty, "\(undescribed.sorted())")
        let definitions = try #require(schema["$defs"] as? [String: Any])
        for (name, definition) in definitions {
            #expect((definition as? [String: Any])?["description"] != nil, "$defs.\(name) has no description")
        }
    }

    @Test func schemaValidatesEveryBlueprintFile() throws {
        var documents: [(name: String, json: String)] = []
        for url in DocumentTesting.validBlueprintFiles {
            // The file as written, and the library's own canonical JSON and YAML of it.
            let name = String(url.path.dropFirst(DocumentTesting.repositoryRoot.path.count))
            documents.append((name, try Self.jsonOfFile(url)))
            let blueprint = try BlueprintDocument.read(from: url.path).blueprint
            documents.append((name + " (written as JSON)", blueprint.jsonText()))
            let yaml = try #require(try Yams.compose(yaml: blueprint.yamlText()))
            documents.append((name + " (written as YAML)", JSONWriter.text(for: DocumentValue(node: yaml))))
        }
        #expect(Set(documents.map(\.name)).count == documents.count, "document names must be unique")
        documents.append(("every-property (JSON)", Samples.everyProperty.jsonText()))
        let everyYAML = try #require(try Yams.compose(yaml: Samples.everyProperty.yamlText()))
        documents.append(("every-property (YAML)", JSONWriter.text(for: DocumentValue(node: everyYAML))))

        let results = try Self.validate(documents)
        for (name, _) in documents {
            if let result = results[name] { #expect(result == nil, "\(name): \(result ?? "")") }
        }
    }

    @Test func schemaRejectsBrokenDocuments() throws {
        let valid = #"{"id": "x", "steps": [{"id": "a", "title": "A", "lane": "customer", "stage": "s"}]}"#
        func replacing(_ old: String, _ new: String) -> String { valid.replacingOccurrences(of: old, with: new) }
        let broken: [(name: String, json: String)] = [
            ("the broken fixture", try Self.jsonOfFile(DocumentTesting.fixtures.appendingPathComponent("invalid-broken.yaml"))),
            ("unknown top-level key", replacing(#""id": "x""#, #""id": "x", "colour": "red""#)),
            ("unknown step key", replacing(#""stage": "s""#, #""stage": "s", "actr": "agent""#)),
            ("misspelt lane", replacing(#""customer""#, #""custmer""#)),
            ("missing title", replacing(#""title": "A", "#, "")),
            ("malformed duration", replacing(#""stage": "s""#, #""stage": "s", "waitBefore": "5 parsecs""#)),
            ("probability out of range", replacing(#""id": "x""#, #""id": "x", "flows": [{"from": "a", "to": "a", "probability": 1.5}]"#)),
            ("emotion out of range", replacing(#""stage": "s""#, #""stage": "s", "emotion": 3"#)),
            ("zero capacity", replacing(#""id": "x""#, #""id": "x", "actors": [{"id": "p", "capacity": 0}]"#)),
            ("bottleneck naming both", replacing(#""id": "x""#, #""id": "x", "bottlenecks": [{"step": "a", "actor": "p", "cause": "c"}]"#)),
            ("no steps", #"{"id": "x", "steps": []}"#),
            ("a number as title", replacing(#""title": "A""#, #""title": 5"#)),
            ("a list as document", "[]"),
        ]
        let results = try Self.validate(broken + [("the valid base", valid)])
        #expect(results["the valid base"] == .some(nil), "the base document must be valid: \(String(describing: results["the valid base"]))")
        for (name, _) in broken {
            #expect(results[name] != .some(nil), "\(name) was accepted")
        }
    }

    @Test func durationPatternMatchesTheParser() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(BlueprintSchema.json.utf8)) as? [String: Any])
        let duration = try #require(((schema["$defs"] as? [String: Any])?["duration"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let pattern = try #require(duration.first?["pattern"] as? String)
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        for text in ["90s", "5min", "2h", "1.5d", "1h30min", "1h 30min", "10 m", "45", ".5h", "2 weeks", "1w", "3days", "250ms", " 5min "] {
            #expect(matches(text), "\(text) should match")
            #expect((try? BlueprintDuration(parsing: text)) != nil, "\(text) should parse")
        }
        for text in ["", "5 parsecs", "abc", "h", "-3min", "5min later", "1..5h", "min5"] {
            #expect(!matches(text), "\(text) should not match")
            #expect((try? BlueprintDuration(parsing: text)) == nil, "\(text) should not parse")
        }
    }
}
