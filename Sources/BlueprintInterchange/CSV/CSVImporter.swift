import BlueprintCSV
import Foundation
import ServiceBlueprint

/// The result of a CSV import.
public struct CSVImportResult: Sendable {
    /// The blueprint (validated).
    public var blueprint: Blueprint
    /// Warnings, located as `file.csv:row:column`.
    public var diagnostics: [Diagnostic]
    /// Where each step and flow came from (rows and cells).
    public var sourceMap: SourceMap
}

/// Reads a blueprint from a CSV table of steps (and, when it exists, the flows table beside
/// it; see ``CSVExporter``).
///
/// The steps table has a header row; column names are matched without regard to case, spaces
/// or dashes (`Wait before` = `wait_before`). Only `id` and `lane` are required. Lists inside a
/// cell (`after`, `needs`, `produces`, `evidence`, `pain_points`, `tags`) are separated by `|`;
/// a three-point duration is `min..likely..max`. Stages, actors, information items and custom
/// channels are declared from their first use, in order. UTF-8 with or without BOM; comma,
/// semicolon or tab, detected from the header. Every problem is reported at once as
/// `file.csv:row:column` (rows counted as lines of the file).
public enum CSVImporter {
    /// The largest file accepted, in bytes.
    public static let maxBytes = 64 << 20

    /// Imports the CSV file at `path` (and `NAME.flows.csv` beside it, if present).
    public static func importFile(_ path: String) throws(BlueprintError) -> CSVImportResult {
        let steps = try readFile(path)
        let flowsPath = CSVExporter.flowsPath(for: path)
        let flows = FileManager.default.fileExists(atPath: flowsPath) ? try readFile(flowsPath) : nil
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try importTables(steps: steps, path: path, flows: flows, flowsPath: flowsPath, id: name)
    }

    static func readFile(_ path: String) throws(BlueprintError) -> Data {
        func failure(_ key: String, _ arguments: [String: TextArgument] = [:]) -> BlueprintError {
            BlueprintError(diagnostics: [
                Diagnostic(.error, LocalizedText("interchange.\(key)", arguments), location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw failure("tooLarge", ["size": .integer(size), "limit": .integer(maxBytes)])
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannotRead") }
        return data
    }

    /// Imports tables given as bytes (`flows` optional), reporting against the paths given.
    public static func importTables(
        steps: Data, path: String, flows: Data? = nil, flowsPath: String? = nil, id: String = "imported"
    ) throws(BlueprintError) -> CSVImportResult {
        var reader = CSVTableReader(path: path)
        reader.readSteps(steps)
        if let flows { reader.readFlows(flows, path: flowsPath ?? CSVExporter.flowsPath(for: path)) }
        let blueprint = reader.blueprint(id: id)
        let sourceMap = SourceMap(path: path, locations: reader.locations)
        let validation = sourceMap.locate(blueprint.validate())
        let diagnostics = reader.diagnostics + validation
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BlueprintError(diagnostics: diagnostics.sortedByLocation())
        }
        return CSVImportResult(blueprint: blueprint, diagnostics: diagnostics, sourceMap: sourceMap)
    }
}

/// One import: the header decides the columns, each row a step, every problem collected.
struct CSVTableReader {
    let path: String
    var diagnostics: [Diagnostic] = []
    var locations: [ModelPath: SourceLocation] = [:]
    var steps: [Step] = []
    var flows: [Flow] = []
    var stageIDs: [String] = []
    var actorIDs: [String] = []
    var informationIDs: [String] = []
    var channelIDs: [String] = []

    init(path: String) { self.path = path }

    static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

    func location(_ position: CSVPosition, in file: String? = nil) -> SourceLocation {
        SourceLocation(path: file ?? path, line: position.line, column: position.column)
    }

    mutating func error(_ message: String, at position: CSVPosition, in file: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, location: location(position, in: file)))
    }

    /// An error whose message is the catalog text `interchange.csv.<key>`.
    mutating func error(_ key: String, _ arguments: [String: TextArgument], at position: CSVPosition, in file: String? = nil) {
        diagnostics.append(Diagnostic(.error, LocalizedText("interchange.csv.\(key)", arguments), location: location(position, in: file)))
    }

    /// The did-you-mean of `word` among `candidates`, in any language.
    static func suggestion(_ word: String, in candidates: [String]) -> TextArgument { Suggestion.didYouMeanArgument(word, in: candidates) }

    /// Tokenizes; tokenizer problems become errors.
    mutating func records(_ data: Data, file: String) -> [CSVRecord] {
        do {
            let (records, errors) = try CSVTokenizer.records(in: data)
            for problem in errors { error(problem.message, at: problem.position, in: file) }
            return records
        } catch let problem as CSVError {
            error(problem.message, at: problem.position, in: file)
        } catch {
            self.error("cannotRead", ["error": .verbatim("\(error)")], at: CSVPosition(line: 1, column: 1), in: file)
        }
        return []
    }

    /// Maps header names to column indexes; unknown names are errors with a suggestion.
    mutating func header(_ record: CSVRecord, known: [String], file: String) -> [String: Int] {
        var columns: [String: Int] = [:]
        for (index, raw) in record.fields.enumerated() {
            let name = Self.normalized(raw)
            let position = record.positions[safe: index] ?? record.position
            if name.isEmpty { continue }
            guard known.contains(name) else {
                error("unknownColumn", ["column": .quoted(raw), "suggestion": Self.suggestion(name, in: known)], at: position, in: file)
                continue
            }
            if columns[name] != nil {
                error("duplicateColumn", ["column": .quoted(raw)], at: position, in: file)
                continue
            }
            columns[name] = index
        }
        return columns
    }

    mutating func readSteps(_ data: Data) {
        let records = records(data, file: path)
        guard let first = records.first else {
            error("empty", [:], at: CSVPosition(line: 1, column: 1))
            return
        }
        let columns = header(first, known: CSVColumns.names, file: path)
        for required in ["id", "lane"] where columns[required] == nil {
            error("missingColumn", ["column": .quoted(required)], at: first.position)
        }
        guard columns["id"] != nil, columns["lane"] != nil else { return }
        var afterCells: [(step: Int, ids: [String], position: CSVPosition)] = []
        for record in records.dropFirst() {
            let index = steps.count
            let path = ModelPath([.key("steps"), .index(index)])
            func cell(_ name: String) -> (text: String, position: CSVPosition)? {
                guard let column = columns[name] else { return nil }
                let text = record.fields[safe: column]?.trimmingCharacters(in: .whitespaces) ?? ""
                let position = record.positions[safe: column] ?? record.position
                return text.isEmpty ? nil : (text, position)
            }
            locations[path] = location(record.position)
            for (key, name) in CSVColumns.columnOfKey {
                if let column = columns[name] { locations[path.appending(key)] = location(record.positions[safe: column] ?? record.position) }
            }
            if record.fields.count > first.fields.count {
                error(
                    "fieldCount", ["fields": .integer(record.fields.count), "header": .integer(first.fields.count)],
                    at: record.positions[safe: first.fields.count] ?? record.position)
            }
            let id = cell("id")?.text ?? ""
            if id.isEmpty { error("noID", [:], at: record.position) }
            var lane = Lane.backstage
            if let (text, position) = cell("lane") {
                if let parsed = Lane(name: text) ?? Lane(name: text.lowercased()) {
                    lane = parsed
                } else {
                    error("unknownLane", ["lane": .quoted(text), "suggestion": Self.suggestion(text, in: Lane.allCases.map(\.rawValue))], at: position)
                }
            } else {
                error("noLane", [:], at: record.positions[safe: columns["lane"] ?? 0] ?? record.position)
            }
            let stage = cell("stage")?.text ?? "main"
            if !stageIDs.contains(stage) { stageIDs.append(stage) }
            var step = Step(id: id, title: cell("title")?.text ?? id, lane: lane, stage: stage)
            step.actor = declaredActor(cell("actor")?.text)
            step.owner = declaredActor(cell("owner")?.text)
            if let (text, _) = cell("channel") {
                step.channel = Channel(rawValue: text)
                if !Channel(rawValue: text).isBuiltIn, !channelIDs.contains(text) { channelIDs.append(text) }
            }
            if let (text, position) = cell("kind") {
                if let kind = StepKind(rawValue: text) { step.kind = kind } else {
                    error("unknownKind", ["kind": .quoted(text), "suggestion": Self.suggestion(text, in: StepKind.allCases.map(\.rawValue))], at: position)
                }
            }
            if let (text, position) = cell("duration") { step.duration = processTime(text, at: position) }
            step.waitBefore = duration(cell("wait_before"))
            step.needs = declaredInformation(cell("needs")?.text)
            step.produces = declaredInformation(cell("produces")?.text)
            step.evidence = CSVColumns.list(cell("evidence")?.text ?? "")
            if let target = duration(cell("standard_time")) {
                step.standards.time = TimeStandard(target: target, tolerance: duration(cell("standard_tolerance")) ?? .zero)
            } else if let (_, position) = cell("standard_tolerance") {
                error("toleranceWithoutStandard", [:], at: position)
            }
            step.standards.sop = cell("sop")?.text
            step.standards.service = cell("service_standard")?.text
            step.standards.response = duration(cell("response"))
            if let risk = cell("fail_risk")?.text {
                step.failPoint = FailPoint(
                    risk: risk, recovery: cell("fail_recovery")?.text, owner: declaredActor(cell("fail_owner")?.text),
                    likelihood: number(cell("fail_likelihood")))
            } else if let (_, position) = cell("fail_recovery") ?? cell("fail_owner") ?? cell("fail_likelihood") {
                error("failPointWithoutRisk", [:], at: position)
            }
            if cell("wait_point") != nil || cell("wait_tolerance") != nil || cell("wait_notes") != nil {
                step.waitPoint = WaitPoint(tolerance: duration(cell("wait_tolerance")), notes: cell("wait_notes")?.text)
            }
            if let (text, position) = cell("value") {
                if let value = ValueClass(rawValue: text) { step.value = value } else {
                    error("unknownValue", ["value": .quoted(text), "suggestion": Self.suggestion(text, in: ValueClass.allCases.map(\.rawValue))], at: position)
                }
            }
            if let (text, position) = cell("emotion") {
                if let value = Int(text) { step.emotion = value } else { error("emotion", ["found": .quoted(text)], at: position) }
            }
            step.painPoints = CSVColumns.list(cell("pain_points")?.text ?? "")
            step.tags = CSVColumns.list(cell("tags")?.text ?? "")
            step.notes = cell("notes")?.text
            step.url = cell("url")?.text
            step.cost = number(cell("cost"))
            step.standards.dimension = dimension(cell("standard_dimension"))
            step.painDimension = dimension(cell("pain_dimension"))
            if let (text, position) = cell("after") { afterCells.append((index, CSVColumns.list(text), position)) }
            steps.append(step)
        }
        for (index, ids, position) in afterCells {
            for from in ids {
                locations[["flows", flows.count]] = location(position)
                flows.append(Flow(from: from, to: steps[index].id))
            }
        }
    }

    mutating func readFlows(_ data: Data, path file: String) {
        let records = records(data, file: file)
        guard let first = records.first else { return }
        let columns = header(first, known: CSVColumns.flowNames, file: file)
        for required in ["from", "to"] where columns[required] == nil {
            error("flows.missingColumn", ["column": .quoted(required)], at: first.position, in: file)
        }
        guard let fromColumn = columns["from"], let toColumn = columns["to"] else { return }
        for record in records.dropFirst() {
            func cell(_ name: String) -> (text: String, position: CSVPosition)? {
                guard let column = columns[name] else { return nil }
                let text = record.fields[safe: column]?.trimmingCharacters(in: .whitespaces) ?? ""
                return text.isEmpty ? nil : (text, record.positions[safe: column] ?? record.position)
            }
            var flow = Flow(from: record.fields[safe: fromColumn] ?? "", to: record.fields[safe: toColumn] ?? "")
            if let (text, position) = cell("kind") {
                if let kind = FlowKind(rawValue: text) { flow.kind = kind } else {
                    error("unknownFlowKind", ["kind": .quoted(text), "suggestion": Self.suggestion(text, in: FlowKind.allCases.map(\.rawValue))], at: position, in: file)
                }
            }
            flow.label = cell("label")?.text
            if let (text, position) = cell("probability") {
                if let value = Double(text) { flow.probability = value } else { error("probability", ["found": .quoted(text)], at: position, in: file) }
            }
            locations[["flows", flows.count]] = location(record.position, in: file)
            flows.append(flow)
        }
    }

    mutating func declaredActor(_ id: String?) -> String? {
        guard let id else { return nil }
        if !actorIDs.contains(id) { actorIDs.append(id) }
        return id
    }

    mutating func declaredInformation(_ text: String?) -> [String] {
        let ids = CSVColumns.list(text ?? "")
        for id in ids where !informationIDs.contains(id) { informationIDs.append(id) }
        return ids
    }

    mutating func duration(_ cell: (text: String, position: CSVPosition)?) -> BlueprintDuration? {
        guard let (text, position) = cell else { return nil }
        do { return try BlueprintDuration(parsing: text) } catch {
            if let text = error.text {
                diagnostics.append(Diagnostic(.error, text, location: location(position)))
            } else {
                self.error(error.message, at: position)
            }
            return nil
        }
    }

    mutating func number(_ cell: (text: String, position: CSVPosition)?) -> Double? {
        guard let (text, position) = cell else { return nil }
        guard let value = Double(text) else {
            error("number", ["found": .quoted(text)], at: position)
            return nil
        }
        return value
    }

    mutating func processTime(_ text: String, at position: CSVPosition) -> ProcessTime? {
        let parts = text.components(separatedBy: "..")
        let durations = parts.compactMap { duration(($0, position)) }
        guard durations.count == parts.count else { return nil }
        switch durations.count {
        case 1: return ProcessTime(durations[0])
        case 3: return ProcessTime(min: durations[0], likely: durations[1], max: durations[2])
        default:
            error("duration", ["found": .quoted(text)], at: position)
            return nil
        }
    }

    func blueprint(id: String) -> Blueprint {
        Blueprint(
            id: id, title: id, stages: stageIDs.map { Stage(id: $0) }, actors: actorIDs.map { Actor(id: $0) },
            channels: channelIDs.map { ChannelDefinition(id: $0) }, information: informationIDs.map { InformationItem(id: $0) },
            steps: steps, flows: flows)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
