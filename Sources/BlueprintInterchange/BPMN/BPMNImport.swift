import Foundation
import ServiceBlueprint

/// Options for ``BPMNImporter``.
public struct BPMNImportOptions: Sendable {
    /// Flatten sub-processes into their parent instead of making each one a stage.
    public var flattenSubProcesses: Bool
    /// Overrides of the blueprint lane each step lands in.
    public var mapping: LaneMapping
    /// Bounds on the XML read.
    public var limits: XMLLimits
    /// Use the `sb:` extension elements a ServiceBlueprint export wrote (so export → import is
    /// lossless); `false` maps the plain BPMN only.
    public var useExtensions: Bool

    /// Creates options.
    public init(
        flattenSubProcesses: Bool = false, mapping: LaneMapping = .init(), limits: XMLLimits = .standard,
        useExtensions: Bool = true
    ) {
        self.flattenSubProcesses = flattenSubProcesses
        self.mapping = mapping
        self.limits = limits
        self.useExtensions = useExtensions
    }
}

/// Why a step landed in its blueprint lane (the importer prints these).
public struct LaneDecision: Sendable, Hashable, CustomStringConvertible {
    /// The step id (the BPMN element id).
    public var step: String
    /// The BPMN element type, e.g. `userTask`.
    public var elementType: String
    /// The BPMN lane (or pool) the element sits in, if any.
    public var bpmnLane: String?
    /// The blueprint lane chosen.
    public var lane: Lane
    /// The rule that chose it, e.g. `mapping file: type serviceTask` or `touches the customer`.
    public var reason: String
    /// ``reason`` as a catalog text, so the import can print it in any ``Language``.
    public var reasonText: LocalizedText?

    /// Creates a decision.
    public init(step: String, elementType: String, bpmnLane: String?, lane: Lane, reason: String) {
        self.step = step
        self.elementType = elementType
        self.bpmnLane = bpmnLane
        self.lane = lane
        self.reason = reason
    }

    /// `step (type, in lane) → lane: reason`.
    public var description: String { description(in: .english) }

    /// `step (type, in lane) → lane: reason` in `language`; ids, element types and lanes as in files.
    public func description(in language: Language) -> String {
        let within: TextArgument = bpmnLane.map { .phrase(LocalizedText("interchange.lane.within", ["lane": .quoted($0)])) } ?? .verbatim("")
        return LocalizedText(
            "interchange.lane.decision",
            [
                "step": .verbatim(step), "type": .verbatim(elementType), "within": within, "lane": .verbatim(lane.rawValue),
                "reason": reasonText.map { .phrase($0) } ?? .verbatim(reason),
            ]
        ).rendered(in: language)
    }
}

/// How many XML elements the import mapped, warned about, or read as parts of others.
public struct BPMNElementCounts: Sendable, Hashable, CustomStringConvertible {
    /// Semantic elements with a blueprint counterpart (tasks, events, gateways, flows, lanes…).
    public var mapped: Int
    /// Elements reported with a located warning (not mapped, or mapped only in part).
    public var warned: Int
    /// Elements read as part of another (incoming/outgoing refs, conditions, documentation,
    /// extension and diagram-interchange content, top-level declarations such as `message`).
    public var parts: Int

    /// Creates counts.
    public init(mapped: Int = 0, warned: Int = 0, parts: Int = 0) {
        self.mapped = mapped
        self.warned = warned
        self.parts = parts
    }

    /// Every element of the file.
    public var total: Int { mapped + warned + parts }

    /// `mapped 12, warned 1, parts 40`.
    public var description: String { description(in: .english) }

    /// `mapped 12, warned 1, parts 40` in `language`.
    public func description(in language: Language) -> String {
        LocalizedText("interchange.counts", ["mapped": .integer(mapped), "warned": .integer(warned), "parts": .integer(parts)]).rendered(in: language)
    }
}

/// The result of a BPMN import.
public struct BPMNImportResult: Sendable {
    /// The blueprint (validated).
    public var blueprint: Blueprint
    /// Located warnings: elements not mapped, guesses made, validation warnings.
    public var diagnostics: [Diagnostic]
    /// The lane each step landed in, and why.
    public var decisions: [LaneDecision]
    /// Element counts.
    public var counts: BPMNElementCounts
    /// Where each step, flow and information item came from in the BPMN file (so findings on
    /// the imported blueprint point into it).
    public var sourceMap: SourceMap
}

/// Imports BPMN 2.0 process models as blueprints.
///
/// Mapping rules (each element is mapped or reported with a `file:line:column` warning):
/// - pools (participants) and lanes become actors; a pool or lane named like a customer
///   (customer, client, patient, guest, applicant…) is the customer;
/// - tasks become steps whose kind follows the task type; the blueprint lane is decided per step:
///   a step of the customer → `customer`; a task linked to the customer by a message flow →
///   `frontstage`; other user, manual, plain, send, receive tasks and call activities →
///   `backstage`; service, script and business-rule tasks → `support`. A BPMN lane named like a
///   blueprint lane (`Frontstage`, `Support processes`…) decides directly; a ``LaneMapping``
///   overrides by id, lane name or task type;
/// - gateways are joined across into step-to-step flows, with a probability where the
///   sequence flow states one (an `sb:probability` attribute, an extension property named
///   `probability` as Camunda and Zeebe write them, `probability = 0.3` or a bare number in the
///   condition expression, BIMP/QBP `executionProbability`, or a name ending in a percentage
///   such as `yes (70%)` or `no (30 %)`); branches of an exclusive, inclusive or event-based
///   split that state none are `probability: unknown`, branches of a parallel split a fork;
/// - intermediate timer events become wait steps (their ISO 8601 duration is the step's
///   duration); a timer on a task's boundary becomes the task's wait point with that tolerance;
///   an error boundary becomes a fail point; boundary flows become escalation flows;
/// - message flows with the customer make their task a touchpoint (channel from the flow's or
///   task's name: e-mail, phone, chat, web, app, SMS, letter; else in person) and become
///   hand-off flows between steps;
/// - data objects and stores become information items, their input and output associations
///   the steps' `needs` and `produces`;
/// - text annotations become notes of the element they are associated with; documentation
///   becomes the step's notes (the process's becomes the summary);
/// - sub-processes become stages (or are flattened by option); call activities become steps
///   whose notes name the called process;
/// - loops become rework flows: the flow that returns towards the start (the steps nothing
///   leads to), whatever the document order;
/// - ids longer than 128 characters are shortened (start plus a stable hash, with a warning);
///   an unnamed process takes the file's name as title.
public enum BPMNImporter {
    /// Imports the BPMN file at `path`.
    public static func importFile(_ path: String, options: BPMNImportOptions = .init()) throws(BlueprintError) -> BPMNImportResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BlueprintError(diagnostics: [
                Diagnostic(
                    .error, LocalizedText("reading.failed", ["error": .verbatim(error.localizedDescription)]),
                    location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        return try importBPMN(data, path: path, options: options)
    }

    /// Imports BPMN XML `data`, reporting problems against `path`.
    public static func importBPMN(_ data: Data, path: String, options: BPMNImportOptions = .init()) throws(BlueprintError)
        -> BPMNImportResult
    {
        let tree = try XMLTreeReader.read(data, path: path, limits: options.limits)
        var mapper = BPMNMapper(tree: tree, path: path, options: options)
        return try mapper.run()
    }
}
