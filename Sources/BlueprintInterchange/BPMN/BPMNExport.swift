import Foundation
import ServiceBlueprint

/// Options for ``BPMNExporter``.
public struct BPMNExportOptions: Sendable {
    /// One BPMN lane per blueprint lane (the default) or per actor.
    public enum Lanes: String, Sendable, CaseIterable {
        /// Physical evidence, customer actions, frontstage, backstage, support (those with steps).
        case blueprint
        /// One lane per actor, in the order of the blueprint's actors; steps without one in "Unassigned".
        case actor
    }

    /// How steps are grouped into lanes.
    public var lanes: Lanes
    /// Write the `sb:` extension elements that carry what BPMN cannot (stages, standards, fail
    /// and wait points, journeys…), so that import gives back an equal blueprint.
    public var extensions: Bool

    /// Creates options.
    public init(lanes: Lanes = .blueprint, extensions: Bool = true) {
        self.lanes = lanes
        self.extensions = extensions
    }
}

/// Writes blueprints as BPMN 2.0 XML with diagram interchange (shapes and edges), laid out by
/// lane (rows) and flow rank (columns), valid against the OMG BPMN 2.0 XSDs.
///
/// Native BPMN carries the steps (task type from the kind, name, documentation), the lanes,
/// wait steps as timer events with their ISO 8601 duration, the flows (label as name, kind and
/// probability as `sb:` attributes) and the information items as data objects with input and
/// output associations. Standards, fail and wait points are also written into each task's
/// documentation for people; `sb:step` and `sb:blueprint` extension elements carry the exact
/// model so the round trip is lossless.
public enum BPMNExporter {
    /// The namespace of the `sb:` extension elements and attributes.
    public static let namespace = "https://service-blueprint.dev/bpmn/1.0"

    /// The blueprint as BPMN 2.0 XML.
    public static func text(for blueprint: Blueprint, options: BPMNExportOptions = .init()) -> String {
        var export = BPMNExport(blueprint: blueprint, options: options)
        return export.write()
    }

    /// Writes the blueprint to `path` atomically.
    public static func write(_ blueprint: Blueprint, to path: String, options: BPMNExportOptions = .init()) throws {
        try AtomicFile.write(text(for: blueprint, options: options), to: path)
    }

    /// A valid XML `NCName` for a blueprint id: kept when it is one, else `_` and the id with every
    /// other character as `_xHEX_`.
    static func xmlID(_ id: String) -> String {
        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
        }
        func isName(_ scalar: Unicode.Scalar) -> Bool {
            isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
        }
        let scalars = Array(id.unicodeScalars)
        if let first = scalars.first, isNameStart(first), scalars.allSatisfy(isName) { return id }
        var result = "_"
        for scalar in scalars {
            if isName(scalar) && scalar != "_" { result.unicodeScalars.append(scalar) } else { result += "_x\(String(scalar.value, radix: 16))_" }
        }
        return result
    }
}

/// One export run: ids, layout, then the XML.
struct BPMNExport {
    let blueprint: Blueprint
    let options: BPMNExportOptions
    var writer = XMLWriter()

    struct Row {
        var id: String
        var name: String
        var steps: [Int]
    }

    struct Box {
        var x: Double, y: Double, width: Double, height: Double
    }

    static let poolX = 160.0, poolY = 80.0, laneHeader = 30.0, columnWidth = 160.0, rowHeight = 110.0
    static let taskWidth = 110.0, taskHeight = 80.0, eventSize = 36.0, gatewaySize = 36.0

    init(blueprint: Blueprint, options: BPMNExportOptions) {
        self.blueprint = blueprint
        self.options = options
    }

    var stepID: [String] { blueprint.steps.map { BPMNExporter.xmlID($0.id) } }

    func rows() -> [Row] {
        switch options.lanes {
        case .blueprint:
            return Lane.allCases.compactMap { lane in
                let members = blueprint.steps.indices.filter { blueprint.steps[$0].lane == lane }
                return members.isEmpty ? nil : Row(id: "Lane_\(lane.rawValue)", name: lane.title, steps: members)
            }
        case .actor:
            var rows = blueprint.actors.enumerated().compactMap { offset, actor -> Row? in
                let members = blueprint.steps.indices.filter { blueprint.steps[$0].actor == actor.id }
                return members.isEmpty ? nil : Row(id: "Lane_actor_\(offset + 1)", name: actor.title, steps: members)
            }
            let known = Set(blueprint.actors.map(\.id))
            let rest = blueprint.steps.indices.filter { blueprint.steps[$0].actor.map { !known.contains($0) } ?? true }
            if !rest.isEmpty { rows.append(Row(id: "Lane_unassigned", name: "Unassigned", steps: rest)) }
            return rows
        }
    }

    /// Shapes of the steps, lanes and pool.
    func layout(rows: [Row]) -> (steps: [Box], lanes: [Box], pool: Box) {
        let rank = FlowOrder.ranks(of: blueprint)
        var boxes = Array(repeating: Box(x: 0, y: 0, width: 0, height: 0), count: blueprint.steps.count)
        var laneBoxes: [Box] = []
        let columns = (rank.max() ?? 0) + 1
        let laneWidth = Double(columns) * Self.columnWidth + 40
        var y = Self.poolY
        for row in rows {
            var used: [Int: Int] = [:]
            for step in row.steps {
                let slot = used[rank[step], default: 0]
                used[rank[step]] = slot + 1
                let isEvent = blueprint.steps[step].kind == .wait
                let width = isEvent ? Self.eventSize : Self.taskWidth, height = isEvent ? Self.eventSize : Self.taskHeight
                let centerX = Self.poolX + Self.laneHeader + 20 + Double(rank[step]) * Self.columnWidth + Self.taskWidth / 2
                let centerY = y + Double(slot) * Self.rowHeight + Self.rowHeight / 2
                boxes[step] = Box(x: centerX - width / 2, y: centerY - height / 2, width: width, height: height)
            }
            let height = Double(max(1, used.values.max() ?? 1)) * Self.rowHeight
            laneBoxes.append(Box(x: Self.poolX + Self.laneHeader, y: y, width: laneWidth, height: height))
            y += height
        }
        let pool = Box(x: Self.poolX, y: Self.poolY, width: laneWidth + Self.laneHeader, height: max(Self.rowHeight, y - Self.poolY))
        return (boxes, laneBoxes, pool)
    }

    mutating func write() -> String {
        let rows = rows()
        let ids = stepID
        let processID = "Process_" + BPMNExporter.xmlID(blueprint.id)
        let collaborationID = "Collaboration_1", participantID = "Participant_1"
        let informationIDs = blueprint.information.map { BPMNExporter.xmlID($0.id) }
        var incoming = Array(repeating: [String](), count: blueprint.steps.count)
        var outgoing = Array(repeating: [String](), count: blueprint.steps.count)
        var stepIndex: [String: Int] = [:]
        for (position, step) in blueprint.steps.enumerated() where stepIndex[step.id] == nil { stepIndex[step.id] = position }
        var flowEnds: [(id: String, from: Int, to: Int, flow: Flow)] = []
        for (position, flow) in blueprint.flows.enumerated() {
            guard let from = stepIndex[flow.from], let to = stepIndex[flow.to] else { continue }
            flowEnds.append(("Flow_\(position + 1)", from, to, flow))
        }
        let plan = BPMNGatewayPlan(
            flows: flowEnds.map { ($0.from, $0.to, $0.flow) }, stepIDs: ids, ranks: FlowOrder.ranks(of: blueprint))
        // Each blueprint flow's own sequence flow first, in flow order (the import keeps file order),
        // then the flows between the steps and their gateways.
        var segments: [Segment] = []
        var gatewayIncoming = Array(repeating: [String](), count: plan.gateways.count)
        var gatewayOutgoing = Array(repeating: [String](), count: plan.gateways.count)
        func connect(_ segment: Segment) {
            switch segment.source {
            case .step(let step): outgoing[step].append(segment.id)
            case .gateway(let gateway): gatewayOutgoing[gateway].append(segment.id)
            }
            switch segment.target {
            case .step(let step): incoming[step].append(segment.id)
            case .gateway(let gateway): gatewayIncoming[gateway].append(segment.id)
            }
            segments.append(segment)
        }
        for (position, end) in flowEnds.enumerated() {
            let (source, target) = plan.ends(of: position, from: end.from, to: end.to, ordersWork: end.flow.kind.ordersWork)
            connect(Segment(id: end.id, source: source, target: target, flow: end.flow))
        }
        for (index, gateway) in plan.gateways.enumerated() {
            let link = plan.linkID(of: gateway)
            connect(
                gateway.isSplit
                    ? Segment(id: link, source: .step(gateway.step), target: .gateway(index), flow: nil)
                    : Segment(id: link, source: .gateway(index), target: .step(gateway.step), flow: nil))
        }

        writer.open(
            "bpmn:definitions",
            [
                ("xmlns:bpmn", "http://www.omg.org/spec/BPMN/20100524/MODEL"),
                ("xmlns:bpmndi", "http://www.omg.org/spec/BPMN/20100524/DI"),
                ("xmlns:dc", "http://www.omg.org/spec/DD/20100524/DC"), ("xmlns:di", "http://www.omg.org/spec/DD/20100524/DI"),
                ("xmlns:sb", BPMNExporter.namespace), ("id", "Definitions_" + BPMNExporter.xmlID(blueprint.id)),
                ("targetNamespace", "https://service-blueprint.dev/blueprints/" + BPMNExporter.xmlID(blueprint.id)),
                ("exporter", "ServiceBlueprint"), ("exporterVersion", "1.0"),
            ])
        writer.open("bpmn:collaboration", [("id", collaborationID)])
        writer.empty("bpmn:participant", [("id", participantID), ("name", blueprint.title), ("processRef", processID)])
        writer.close()

        writer.open("bpmn:process", [("id", processID), ("name", blueprint.title), ("isExecutable", "false")])
        if let summary = blueprint.summary { writer.leaf("bpmn:documentation", text: summary) }
        if options.extensions {
            var shell = blueprint
            shell.steps = []
            shell.flows = []
            writer.open("bpmn:extensionElements")
            writer.leaf("sb:blueprint", text: shell.jsonText())
            writer.close()
        }
        writer.open("bpmn:laneSet", [("id", "LaneSet_1")])
        for row in rows {
            writer.open("bpmn:lane", [("id", row.id), ("name", row.name)])
            for step in row.steps { writer.leaf("bpmn:flowNodeRef", text: ids[step]) }
            writer.close()
        }
        writer.close()
        for (offset, item) in blueprint.information.enumerated() {
            writer.empty("bpmn:dataObject", [("id", "DataObject_\(informationIDs[offset])"), ("name", item.title)])
            writer.empty(
                "bpmn:dataObjectReference",
                [("id", "DataRef_\(informationIDs[offset])"), ("name", item.title), ("dataObjectRef", "DataObject_\(informationIDs[offset])")])
        }
        var informationPosition: [String: Int] = [:]
        for (offset, item) in blueprint.information.enumerated() where informationPosition[item.id] == nil {
            informationPosition[item.id] = offset
        }
        for (position, step) in blueprint.steps.enumerated() {
            writeStep(step, id: ids[position], incoming: incoming[position], outgoing: outgoing[position], information: informationPosition, informationIDs: informationIDs)
        }
        for (index, gateway) in plan.gateways.enumerated() {
            writer.open(
                gateway.kind.element, [("id", gateway.id), ("gatewayDirection", gateway.isSplit ? "Diverging" : "Converging")])
            for flow in gatewayIncoming[index] { writer.leaf("bpmn:incoming", text: flow) }
            for flow in gatewayOutgoing[index] { writer.leaf("bpmn:outgoing", text: flow) }
            writer.close()
        }
        func reference(_ end: BPMNGatewayPlan.End) -> String {
            switch end {
            case .step(let step): ids[step]
            case .gateway(let gateway): plan.gateways[gateway].id
            }
        }
        for segment in segments {
            let flow = segment.flow
            writer.empty(
                "bpmn:sequenceFlow",
                [
                    ("id", segment.id), ("name", flow?.label), ("sourceRef", reference(segment.source)),
                    ("targetRef", reference(segment.target)),
                    ("sb:kind", flow.flatMap { $0.kind == .sequence ? nil : $0.kind.rawValue }),
                    ("sb:probability", flow.flatMap { $0.isProbabilityUnknown ? "unknown" : $0.probability.map { NumberFormat.text($0) } }),
                ])
        }
        writer.close()
        writeDiagram(
            rows: rows, ids: ids, plan: plan, segments: segments, collaborationID: collaborationID, participantID: participantID,
            informationIDs: informationIDs)
        writer.close()
        return writer.text
    }

    static func taskElement(for step: Step) -> String {
        switch step.kind {
        case .automated: "bpmn:serviceTask"
        case .communication: step.lane <= .frontstage && step.lane != .customer ? "bpmn:sendTask" : "bpmn:userTask"
        case .decision: "bpmn:businessRuleTask"
        case .handoff, .transport: "bpmn:manualTask"
        case .wait: "bpmn:intermediateCatchEvent"
        case .action, .approval, .check: step.lane == .evidence ? "bpmn:task" : "bpmn:userTask"
        }
    }

    /// Human-readable documentation: notes, then standards, fail and wait points.
    static func documentation(for step: Step) -> String? {
        var lines: [String] = []
        if let notes = step.notes { lines.append(notes) }
        if let time = step.standards.time {
            lines.append("Time standard: \(time.target)" + (time.tolerance == .zero ? "" : " ± \(time.tolerance)"))
        }
        if let sop = step.standards.sop { lines.append("SOP: \(sop)") }
        if let service = step.standards.service { lines.append("Service standard: \(service)") }
        if let response = step.standards.response { lines.append("Response within: \(response)") }
        if let fail = step.failPoint {
            lines.append("Fail point: \(fail.risk)" + (fail.recovery.map { "; recovery: \($0)" } ?? ""))
        }
        if let wait = step.waitPoint {
            lines.append("Wait point" + (wait.tolerance.map { ": tolerance \($0)" } ?? "") + (wait.notes.map { "; \($0)" } ?? ""))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    mutating func writeStep(
        _ step: Step, id: String, incoming: [String], outgoing: [String], information: [String: Int], informationIDs: [String]
    ) {
        let element = Self.taskElement(for: step)
        writer.open(element, [("id", id), ("name", step.title)])
        if let documentation = Self.documentation(for: step) { writer.leaf("bpmn:documentation", text: documentation) }
        if options.extensions {
            var single = Blueprint(id: "step")
            single.steps = [step]
            writer.open("bpmn:extensionElements")
            writer.leaf("sb:step", text: single.jsonText())
            writer.close()
        }
        for flow in incoming { writer.leaf("bpmn:incoming", text: flow) }
        for flow in outgoing { writer.leaf("bpmn:outgoing", text: flow) }
        if step.kind == .wait {
            writer.open("bpmn:timerEventDefinition", [("id", "Timer_\(id)")])
            if let duration = step.duration {
                writer.leaf("bpmn:timeDuration", [("xsi:type", nil)], text: BPMNVocabulary.isoText(duration.likely))
            }
            writer.close()
        } else {
            let needs = step.needs.compactMap { information[$0] }
            if !needs.isEmpty { writer.empty("bpmn:property", [("id", "Property_\(id)"), ("name", "__targetRef_placeholder")]) }
            for (offset, item) in needs.enumerated() {
                writer.open("bpmn:dataInputAssociation", [("id", "DataIn_\(id)_\(offset + 1)")])
                writer.leaf("bpmn:sourceRef", text: "DataRef_\(informationIDs[item])")
                writer.leaf("bpmn:targetRef", text: "Property_\(id)")
                writer.close()
            }
            for (offset, item) in step.produces.compactMap({ information[$0] }).enumerated() {
                writer.open("bpmn:dataOutputAssociation", [("id", "DataOut_\(id)_\(offset + 1)")])
                writer.leaf("bpmn:targetRef", text: "DataRef_\(informationIDs[item])")
                writer.close()
            }
        }
        writer.close()
    }

    /// A sequence flow to write: a blueprint flow (`flow`) or the link between a step and its gateway.
    struct Segment {
        var id: String
        var source: BPMNGatewayPlan.End
        var target: BPMNGatewayPlan.End
        var flow: Flow?
    }

    mutating func writeDiagram(
        rows: [Row], ids: [String], plan: BPMNGatewayPlan, segments: [Segment], collaborationID: String,
        participantID: String, informationIDs: [String]
    ) {
        let (boxes, laneBoxes, pool) = layout(rows: rows)
        writer.open("bpmndi:BPMNDiagram", [("id", "Diagram_1")])
        writer.open("bpmndi:BPMNPlane", [("id", "Plane_1"), ("bpmnElement", collaborationID)])
        shape(participantID, pool, horizontal: true)
        for (row, box) in zip(rows, laneBoxes) { shape(row.id, box, horizontal: true) }
        for (position, box) in boxes.enumerated() { shape(ids[position], box, horizontal: nil) }
        // A split just right of its step, a join just left of it, in the gap between columns.
        let gatewayBoxes = plan.gateways.map { gateway in
            let step = boxes[gateway.step], size = Self.gatewaySize
            let x = gateway.isSplit ? step.x + step.width + 7 : step.x - 7 - size
            return Box(x: x, y: step.y + step.height / 2 - size / 2, width: size, height: size)
        }
        for (gateway, box) in zip(plan.gateways, gatewayBoxes) { shape(gateway.id, box, horizontal: nil) }
        func box(_ end: BPMNGatewayPlan.End) -> Box {
            switch end {
            case .step(let step): boxes[step]
            case .gateway(let gateway): gatewayBoxes[gateway]
            }
        }
        for (offset, id) in informationIDs.enumerated() {
            let box = Box(x: pool.x + Double(offset) * 80, y: pool.y + pool.height + 40, width: 36, height: 50)
            shape("DataRef_\(id)", box, horizontal: nil)
        }
        for segment in segments {
            writer.open("bpmndi:BPMNEdge", [("id", "\(segment.id)_di"), ("bpmnElement", segment.id)])
            for (x, y) in Self.waypoints(from: box(segment.source), to: box(segment.target)) {
                writer.empty("di:waypoint", [("x", NumberFormat.text(x)), ("y", NumberFormat.text(y))])
            }
            writer.close()
        }
        writer.close()
        writer.close()
    }

    /// Orthogonal route: out of the source's right side, into the target's left side; a flow
    /// back to an earlier column goes round underneath.
    static func waypoints(from source: Box, to target: Box) -> [(Double, Double)] {
        let sx = source.x + source.width, sy = source.y + source.height / 2
        let tx = target.x, ty = target.y + target.height / 2
        if tx > sx {
            if sy == ty { return [(sx, sy), (tx, ty)] }
            let middle = (sx + tx) / 2
            return [(sx, sy), (middle, sy), (middle, ty), (tx, ty)]
        }
        let below = max(source.y + source.height, target.y + target.height) + 15
        let sourceBottom = (source.x + source.width / 2, source.y + source.height)
        let targetBottom = (target.x + target.width / 2, target.y + target.height)
        return [sourceBottom, (sourceBottom.0, below), (targetBottom.0, below), targetBottom]
    }

    mutating func shape(_ element: String, _ box: Box, horizontal: Bool?) {
        writer.open(
            "bpmndi:BPMNShape",
            [("id", "\(element)_di"), ("bpmnElement", element), ("isHorizontal", horizontal.map { $0 ? "true" : "false" })])
        writer.empty(
            "dc:Bounds",
            [
                ("x", NumberFormat.text(box.x)), ("y", NumberFormat.text(box.y)), ("width", NumberFormat.text(box.width)),
                ("height", NumberFormat.text(box.height)),
            ])
        writer.close()
    }
}

/// Short, deterministic number text: whole numbers without a fraction.
enum NumberFormat {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
