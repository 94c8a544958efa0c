import Foundation
import Testing

@testable import ServiceBlueprint

/// A small valid document; tests change one line and assert the exact diagnostics.
///
/// ```
///  1 id: test
///  2 title: Test
///  3 stages:
///  4   - id: contact
///  5   - id: repair
///  6 steps:
///  7   - id: call
///  8     title: Customer calls
///  9     lane: customer
/// 10     stage: contact
/// 11   - id: fix
/// 12     title: Technician repairs
/// 13     lane: backstage
/// 14     stage: repair
/// 15 flows:
/// 16   - {from: call, to: fix}
/// ```
let baseDocument = """
    id: test
    title: Test
    stages:
      - id: contact
      - id: repair
    steps:
      - id: call
        title: Customer calls
        lane: customer
        stage: contact
      - id: fix
        title: Technician repairs
        lane: backstage
        stage: repair
    flows:
      - {from: call, to: fix}

    """

/// The base document with `old` replaced by `new` (which must occur).
func variant(_ old: String, _ new: String, in base: String = baseDocument) -> String {
    precondition(base.contains(old), "test document does not contain \(old)")
    return base.replacingOccurrences(of: old, with: new)
}

/// `line:column: severity: message` of every diagnostic of `text`.
func diagnosticLines(_ text: String, format: DocumentFormat = .yaml) -> [String] {
    DocumentTesting.lines(text, format: format)
}

@Suite("Document reader diagnostics")
struct DocumentReaderTests {
    @Test func baseDocumentIsValid() throws {
        let document = try BlueprintDocument.parse(baseDocument, path: "base.yaml", format: .yaml)
        #expect(document.diagnostics.isEmpty)
        #expect(document.blueprint.steps.map(\.id) == ["call", "fix"])
        #expect(document.blueprint.steps[1].lane == .backstage)
        #expect(document.format == .yaml)
        #expect(document.path == "base.yaml")
    }

    // MARK: Syntax

    @Test func yamlSyntaxError() {
        #expect(diagnosticLines("id: x\nsteps: [a, b\ntitle: y\n") == [
            "3:6: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 8)"
        ])
    }

    @Test func yamlIndentationError() {
        #expect(diagnosticLines(variant("    title: Technician repairs\n", "   title: Technician repairs\n")) == [
            "12:4: error: YAML syntax error: did not find expected '-' indicator (while parsing a block collection at line 7, column 3)"
        ])
    }

    @Test func jsonSyntaxError() {
        #expect(diagnosticLines("{\n  \"id\": \"x\",\n  \"title\" \"y\"\n}\n", format: .json) == [
            "3:11: error: JSON syntax error: did not find expected ',' or '}' (while parsing an object at line 1, column 1)"
        ])
    }

    @Test func tabIndentation() {
        #expect(diagnosticLines("id: x\nsteps:\n\t- id: a\n") == [
            "3:1: error: YAML syntax error: found character that cannot start any token (while scanning for the next token at line 3, column 1)"
        ])
    }

    @Test func undefinedAliasAndSecondDocument() {
        #expect(diagnosticLines("id: &x a\ntitle: *x\nsteps: *nope\n") == ["3:8: error: YAML error: found undefined alias"])
        #expect(diagnosticLines("id: a\n---\nid: b\n") == ["2:1: error: a blueprint file holds one document; found a second one"])
    }

    @Test func controlCharacter() {
        #expect(diagnosticLines("id: a\ntitle: b\u{7}\n") == [
            "2:9: error: invalid character (U+0007): control characters are not allowed"
        ])
    }

    @Test func nestingTooDeepIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(diagnosticLines(deep, format: .json) == ["1:1001: error: the document is nested too deeply (more than 1000 levels)"])
        let deepBlock = String(repeating: "- ", count: 3_000) + "x\n"
        #expect(diagnosticLines(deepBlock) == ["1:1999: error: the document is nested too deeply (more than 1000 levels)"])
        // 999 levels is within libyaml's limit and must not overflow the stack either.
        let nearLimit = "id: x\nsteps: " + String(repeating: "[", count: 999) + String(repeating: "]", count: 999) + "\n"
        #expect(diagnosticLines(nearLimit) == ["2:9: error: a step must be a mapping, found a list"])
    }

    // MARK: Shape of the document

    @Test func emptyDocuments() {
        let message = "1:1: error: the document is empty; a blueprint needs at least 'id', 'stages' and 'steps'"
        #expect(diagnosticLines("") == [message])
        #expect(diagnosticLines("# only a comment\n\n") == [message])
        #expect(diagnosticLines("", format: .json) == [message])
    }

    @Test func topLevelScalarOrList() {
        #expect(diagnosticLines("hello\n") == [
            "1:1: error: a blueprint document must be a mapping with keys such as 'id', 'stages' and 'steps', found 'hello'"
        ])
        #expect(diagnosticLines("- a\n- b\n") == [
            "1:1: error: a blueprint document must be a mapping with keys such as 'id', 'stages' and 'steps', found a list"
        ])
        #expect(diagnosticLines("[1, 2]", format: .json) == [
            "1:1: error: a blueprint document must be a mapping with keys such as 'id', 'stages' and 'steps', found a list"
        ])
        #expect(diagnosticLines("42") == [
            "1:1: error: a blueprint document must be a mapping with keys such as 'id', 'stages' and 'steps', found the number 42"
        ])
    }

    @Test func wrongCollectionShapes() {
        #expect(diagnosticLines("id: x\nsteps: {a: 1}\n") == ["2:8: error: 'steps' must be a list, found a mapping"])
        #expect(diagnosticLines(variant("  - id: call\n", "  - hello\n  - id: call\n")) == [
            "7:5: error: a step must be a mapping, found 'hello'"
        ])
    }

    // MARK: Keys

    @Test func unknownKeyWithSuggestion() {
        #expect(diagnosticLines(variant("    stage: repair\n", "    stage: repair\n    actr: agent\n")) == [
            "15:5: error: unknown key 'actr' in step; did you mean 'actor'?"
        ])
    }

    @Test func unknownKeyWithoutSuggestion() {
        #expect(diagnosticLines(baseDocument + "colour: red\n") == ["17:1: error: unknown key 'colour' in blueprint"])
    }

    @Test func missingRequiredKey() {
        #expect(diagnosticLines(variant("    lane: backstage\n", "")) == ["11:5: error: missing required key 'lane' in step"])
        #expect(diagnosticLines(variant("  - {from: call, to: fix}", "  - {from: call}")) == [
            "16:5: error: missing required key 'to' in flow"
        ])
    }

    @Test func missingBlueprintID() {
        #expect(diagnosticLines(variant("id: test\n", "")) == ["1:1: error: missing required key 'id' in blueprint"])
    }

    @Test func duplicateKeysAreReportedAtEachRepetition() {
        let text = variant("    lane: backstage\n", "    lane: backstage\n    lane: support\n    lane: evidence\n")
        #expect(diagnosticLines(text) == [
            "14:5: error: duplicate key 'lane' (first at line 13, column 5)",
            "15:5: error: duplicate key 'lane' (first at line 13, column 5)",
        ])
        // The first value wins.
        #expect(DocumentTesting.diagnostics(text).count == 2)
    }

    @Test func duplicateKeysInJSON() {
        let json = """
            {
              "id": "x",
              "title": "A",
              "id": "y",
              "steps": [{"id": "a", "title": "A", "lane": "customer", "stage": "s", "lane": "support"}],
              "stages": [{"id": "s"}]
            }
            """
        #expect(diagnosticLines(json, format: .json) == [
            "4:3: error: duplicate key 'id' (first at line 2, column 3)",
            "5:73: error: duplicate key 'lane' (first at line 5, column 39)",
        ])
    }

    @Test func schemaKeyIsAccepted() throws {
        let json = #"{"$schema": "../schema/blueprint.schema.json", "id": "x", "stages": [{"id": "s"}], "steps": [{"id": "a", "title": "A", "lane": "customer", "stage": "s"}]}"#
        let document = try BlueprintDocument.parse(json, path: "x.json", format: .json)
        #expect(document.blueprint.id == "x")
        let yaml = "# yaml-language-server: $schema=../schema/blueprint.schema.json\n" + baseDocument
        #expect(diagnosticLines(yaml).isEmpty)
    }

    // MARK: Values

    @Test func wrongTypes() {
        #expect(diagnosticLines(baseDocument + "actors:\n  - id: agent\n    capacity: six\n") == [
            "19:15: error: 'capacity' must be a whole number, found 'six'"
        ])
        #expect(diagnosticLines(variant("    stage: repair\n", "    stage: repair\n    notes:\n")) == [
            "15:11: error: 'notes' must be a string, found nothing (null)"
        ])
        #expect(diagnosticLines(variant("    stage: repair\n", "    stage: repair\n    needs: serial\n")) == [
            "15:12: error: 'needs' must be a list, found 'serial'"
        ])
        #expect(diagnosticLines(variant("id: test", "id: 404")) == [
            "1:5: error: 'id' must be a string, found the number 404; put it in quotes"
        ])
        #expect(diagnosticLines(variant("title: Test", "title: true")) == [
            "2:8: error: 'title' must be a string, found true; put it in quotes"
        ])
        #expect(diagnosticLines(baseDocument + "information:\n  - {id: serial, fromCustomer: yes}\n") == [
            "18:5: warning: information item 'serial' is never needed or produced by a step",
            "18:32: error: 'fromCustomer' must be true or false, found 'yes'",
        ])
    }

    @Test func numbersThatAreNotNumbers() {
        func flow(_ probability: String) -> [String] {
            diagnosticLines(variant("{from: call, to: fix}", "{from: call, to: fix, probability: \(probability)}"))
        }
        #expect(flow("high") == ["16:40: error: 'probability' must be a number, found 'high'"])
        #expect(flow("'0.5'") == ["16:40: error: 'probability' must be a number, found '0.5'; remove the quotes"])
        #expect(flow(".nan") == ["16:40: error: 'probability' must be a finite number, found .nan"])
        #expect(flow("-.inf") == ["16:40: error: 'probability' must be a finite number, found -.inf"])
        #expect(flow("1e999") == ["16:40: error: 'probability' is too large: 1e999"])
        #expect(flow("0x1F") == ["16:40: error: 'probability' must be a decimal number, found 0x1F"])
        #expect(flow("5e-1").isEmpty)
    }

    @Test func hugeIntegers() {
        #expect(diagnosticLines(baseDocument + "actors:\n  - {id: agent, capacity: 99999999999999999999999}\n") == [
            "18:27: error: 'capacity' is too large: 99999999999999999999999"
        ])
        #expect(diagnosticLines(baseDocument + "actors:\n  - {id: agent, capacity: 2.5}\n") == [
            "18:27: error: 'capacity' must be a whole number, found 2.5"
        ])
    }

    @Test func wholeNumbersMayHaveAZeroFraction() throws {
        let document = try BlueprintDocument.parse(
            baseDocument + "actors:\n  - {id: agent, capacity: 6.0}\n", path: "x.yaml", format: .yaml)
        #expect(document.blueprint.actors.first?.capacity == 6)
    }

    @Test func malformedDuration() {
        let text = variant("    stage: repair\n", "    stage: repair\n    waitBefore: 5 parsecs\n")
        #expect(diagnosticLines(text) == [
            "15:17: error: malformed duration '5 parsecs': unknown unit 'parsecs'; expected a duration such as '90s', '5min', '2h', '1.5d' or '1h30min'"
        ])
    }

    @Test func malformedThreePointDuration() {
        let text = variant("    stage: repair\n", "    stage: repair\n    duration: {min: 2min, likely: soon}\n")
        #expect(diagnosticLines(text) == [
            "15:35: error: malformed duration 'soon'; expected a duration such as '90s', '5min', '2h', '1.5d' or '1h30min'"
        ])
        let minimumOnly = variant("    stage: repair\n", "    stage: repair\n    duration: {min: 2min}\n")
        #expect(diagnosticLines(minimumOnly) == [
            "15:15: error: 'duration' needs 'likely', 'max' (up to), or both 'min' and 'max' (a range); a minimum alone says nothing about how long the step takes"
        ])
    }

    @Test func durationsAsNumbersAreSeconds() throws {
        let text = variant("    stage: repair\n", "    stage: repair\n    waitBefore: 90\n")
        let document = try BlueprintDocument.parse(text, path: "x.yaml", format: .yaml)
        #expect(document.blueprint.steps[1].waitBefore == .seconds(90))
        // Read as seconds, but not silently.
        #expect(document.diagnostics.map(DocumentTesting.short) == [
            "15:17: warning: 'waitBefore' 90 has no unit and is read as 90 seconds (1min 30s); write '90s' to keep that, or e.g. '90min'"
        ])
    }

    @Test func invalidLaneWithSuggestion() {
        #expect(diagnosticLines(variant("lane: backstage", "lane: backstge")) == [
            "13:11: error: unknown lane 'backstge'; did you mean 'backstage'?"
        ])
        #expect(diagnosticLines(variant("lane: backstage", "lane: basement")) == [
            "13:11: error: unknown lane 'basement'; expected one of evidence, customer, frontstage, backstage, support, back-stage, customer-actions, customerActions, customer_actions, front-stage, invisible-contact, onstage, physical-evidence, physicalEvidence, physical_evidence, support-processes, supportProcesses, support_processes, visible-contact"
        ])
    }

    @Test func laneAliasesAreAccepted() throws {
        let document = try BlueprintDocument.parse(variant("lane: backstage", "lane: onstage"), path: "x.yaml", format: .yaml)
        #expect(document.blueprint.steps[1].lane == .frontstage)
    }

    @Test func otherEnumValues() {
        #expect(diagnosticLines(variant("    stage: repair\n", "    stage: repair\n    kind: aprroval\n")) == [
            "15:11: error: unknown step kind 'aprroval'; did you mean 'approval'?"
        ])
        #expect(diagnosticLines(variant("{from: call, to: fix}", "{from: call, to: fix, kind: rwork}")) == [
            "16:33: error: unknown flow kind 'rwork'; did you mean 'rework'?"
        ])
        #expect(diagnosticLines(variant("    stage: repair\n", "    stage: repair\n    value: wastes\n")) == [
            "15:12: error: unknown value class 'wastes'; did you mean 'waste'?"
        ])
    }

    // MARK: All at once

    @Test func fiveErrorsGiveFiveDiagnostics() {
        var text = variant("    title: Customer calls\n", "    title: Customer calls\n    colour: red\n")
        text = variant("lane: backstage", "lane: backstge", in: text)
        text = variant("  - id: repair\n", "  - id: repair\n    emotion: lots\n", in: text)
        text = variant("{from: call, to: fix}", "{from: call, to: fix, probability: 2}", in: text)
        text += "actors:\n  - {id: a, capacity: 0}\n"
        #expect(diagnosticLines(text) == [
            "6:14: error: 'emotion' must be a whole number, found 'lots'",
            "10:5: error: unknown key 'colour' in step",
            "15:11: error: unknown lane 'backstge'; did you mean 'backstage'?",
            "18:40: error: probability must be between 0 and 1, found 2",
            "20:23: error: capacity must be at least 1 (the number of people or machines working in parallel), found 0",
        ])
    }

    @Test func brokenFixtureReportsEveryErrorOnce() throws {
        let path = DocumentTesting.fixtures.appendingPathComponent("invalid-broken.yaml").path
        #expect(throws: BlueprintError.self) { try BlueprintDocument.read(from: path) }
        do {
            _ = try BlueprintDocument.read(from: path)
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(path):9:11: error: unknown lane 'custmer'; did you mean 'customer'?",
                "\(path):11:15: error: malformed duration '5 parsecs': unknown unit 'parsecs'; expected a duration such as '90s', '5min', '2h', '1.5d' or '1h30min'",
                "\(path):15:12: error: unknown stage 'contakt'; did you mean 'contact'?",
                "\(path):16:5: error: unknown key 'colour' in step",
                "\(path):18:43: error: probability must be between 0 and 1, found 1.5",
            ])
        }
    }

    @Test func unreadableValuesDoNotCascade() {
        // The stage id cannot be read, so the steps' references to it are not reported again.
        let text = variant("  - id: repair\n", "  - id: [repair]\n")
        #expect(diagnosticLines(text) == ["5:9: error: 'id' must be a string, found a list"])
    }

    // MARK: Encodings and line ends

    @Test func byteOrderMarkAndCRLF() {
        let expected = ["13:11: error: unknown lane 'backstge'; did you mean 'backstage'?"]
        let broken = variant("lane: backstage", "lane: backstge")
        #expect(diagnosticLines("\u{FEFF}" + broken) == expected)
        #expect(diagnosticLines(broken.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
    }

    @Test func columnsCountUnicodeScalars() {
        let text = variant("    title: Technician repairs\n", "    title: 修理 😀\n    lane: backstge\n    # ünïcödé\n")
            .replacingOccurrences(of: "    lane: backstage\n", with: "")
        #expect(diagnosticLines(text) == ["13:11: error: unknown lane 'backstge'; did you mean 'backstage'?"])
    }

    @Test func jsonEscapesAndNumbers() throws {
        let json = #"""
            {
              "id": "json",
              "title": "Caf\u00e9 \"quoted\" \/ back\\slash \ud83d\ude00 tab\there\nnew line",
              "stages": [{"id": "s", "emotion": -2}],
              "actors": [{"id": "a", "capacity": 6.0, "hours": {"perDay": 7.5e0, "daysPerWeek": 5}}],
              "steps": [{"id": "x", "title": "X", "lane": "customer", "stage": "s", "actor": "a"}],
              "journeys": [{"id": "j", "start": "x", "demand": {"arrivals": 1.2E+2, "per": "day"}, "branchProbabilities": {}}]
            }
            """#
        let document = try BlueprintDocument.parse(json, path: "x.json", format: .json)
        let blueprint = document.blueprint
        #expect(blueprint.title == "Café \"quoted\" / back\\slash 😀 tab\there\nnew line")
        #expect(blueprint.stages[0].emotion == -2)
        #expect(blueprint.actors[0].capacity == 6)
        #expect(blueprint.actors[0].hours == WorkingHours(perDay: 7.5, daysPerWeek: 5))
        #expect(blueprint.journeys[0].demand == Demand(arrivals: 120, per: .day))
    }

    @Test func compactJSONIsRead() throws {
        let json = #"{"id":"c","stages":[{"id":"s"}],"steps":[{"id":"x","title":"X","lane":"customer","stage":"s"}]}"#
        #expect(try BlueprintDocument.parse(json, path: "c.json", format: .json).blueprint.steps.count == 1)
    }

    @Test func loneSurrogateIsReported() {
        let json = #"{"id": "\ud83d", "steps": []}"#
        #expect(diagnosticLines(json, format: .json) == [
            "1:11: error: JSON syntax error: found invalid Unicode character escape code (while parsing a quoted scalar at line 1, column 8)"
        ])
    }

    // MARK: Files

    @Test func fileErrorsBecomeDiagnostics() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.yaml").path
        #expect(throws: BlueprintError.self) { try BlueprintDocument.read(from: missing) }
        do {
            _ = try BlueprintDocument.read(from: missing)
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(missing):1:1: error: cannot read the file: no such file"])
        }
        do {
            _ = try BlueprintDocument.read(from: folder.path)
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(folder.path):1:1: error: cannot read the file: it is a directory"])
        }
        let binary = folder.appendingPathComponent("binary.yaml")
        try Data("id: x\ntitle: caf".utf8 + [0xC3, 0x28] + Data("\n".utf8)).write(to: binary)
        do {
            _ = try BlueprintDocument.read(from: binary.path)
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(binary.path):2:11: error: the file is not valid UTF-8 text (bad byte at offset 16)"
            ])
        }
    }

    @Test func readsByExtensionAndSniffsOthers() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("blueprint.txt")
        try Samples.everyProperty.jsonText().write(to: json, atomically: true, encoding: .utf8)
        let fromJSON = try BlueprintDocument.read(from: json.path)
        #expect(fromJSON.format == .json)
        #expect(fromJSON.blueprint == Samples.everyProperty)
        let yaml = folder.appendingPathComponent("blueprint.YML")
        try Samples.everyProperty.yamlText().write(to: yaml, atomically: true, encoding: .utf8)
        let fromYAML = try BlueprintDocument.read(from: yaml.path)
        #expect(fromYAML.format == .yaml)
        #expect(fromYAML.blueprint == Samples.everyProperty)
        #expect(fromYAML.sourceMap.location(of: ["steps", 1, "actor"]) == SourceLocation(path: yaml.path, line: 95, column: 12))
    }

    @Test func documentFormatFromPath() {
        #expect(DocumentFormat(path: "a/b.yaml") == .yaml)
        #expect(DocumentFormat(path: "a/b.YML") == .yaml)
        #expect(DocumentFormat(path: "b.json") == .json)
        #expect(DocumentFormat(path: "b.txt") == nil)
        #expect(DocumentFormat(path: "dir.json/file") == nil)
        #expect(DocumentFormat(path: "noextension") == nil)
    }

    // MARK: Source map

    @Test func sourceMapLocatesEveryValue() throws {
        let document = try BlueprintDocument.parse(baseDocument, path: "m.yaml", format: .yaml)
        let map = document.sourceMap
        func at(_ path: ModelPath) -> String? { map.location(of: path).map { "\($0.line):\($0.column)" } }
        #expect(at([]) == "1:1")
        #expect(at(["title"]) == "2:8")
        #expect(at(["stages", 1]) == "5:5")
        #expect(at(["stages", 1, "id"]) == "5:9")
        #expect(at(["steps", 1]) == "11:5")
        #expect(at(["steps", 1, "lane"]) == "13:11")
        #expect(at(["flows", 0]) == "16:5")
        #expect(at(["flows", 0, "to"]) == "16:22")
        // Paths without a value of their own fall back to the nearest ancestor.
        #expect(at(["steps", 1, "actor"]) == "11:5")
    }

    // MARK: Robustness

    @Test func mutatedDocumentsNeverCrash() {
        // Deterministic pseudo-random edits of a full document: deletions, duplications and
        // insertions of structural characters. Reading must return or throw, never trap.
        var generator = SplitMix64(seed: 2026)
        let source = Array(Samples.everyProperty.yamlText().unicodeScalars)
        let json = Array(Samples.everyProperty.jsonText().unicodeScalars)
        let alphabet: [Unicode.Scalar] = [":", "-", " ", "\n", "[", "]", "{", "}", "\"", "'", "#", "&", "*", "!", "|", ">", "\t", "\\", "0", "9", ".", "e", "\u{0}", "é", "😀"]
        for round in 0..<400 {
            var scalars = round % 2 == 0 ? source : json
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(scalars.count))
                switch generator.next() % 3 {
                case 0: scalars.remove(at: position)
                case 1: scalars.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                default:
                    let end = min(scalars.count, position + Int(generator.next() % 40))
                    scalars.insert(contentsOf: scalars[position..<end], at: position)
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let diagnostics = DocumentTesting.diagnostics(String(view), format: round % 2 == 0 ? .yaml : .json)
            #expect(diagnostics.allSatisfy { $0.location != nil })
        }
    }
}

