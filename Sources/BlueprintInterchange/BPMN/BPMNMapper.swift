import Foundation
import ServiceBlueprint

/// Maps a parsed BPMN tree to a blueprint. One pass collects the flow nodes of every process
/// (iteratively, sub-processes included), a second joins sequence flows across gateways and
/// events into step-to-step flows, a third decides lanes and attaches data, notes and
/// touchpoints. Every XML element ends up counted as mapped, warned or part of another.
struct BPMNMapper {
    enum Status { case unset, mapped, warned, part }

    /// A node of the flow graph: a step, or something flows pass through (gateway, event,
    /// the entry or exit of an expanded sub-process).
    struct Vertex {
        var node: Int
        var step: Int?
    }

    struct Edge {
        var to: Int
        var probability: Double?
        var label: String?
        var kind: FlowKind
        var node: Int
    }

    let tree: XMLTree
    let path: String
    let options: BPMNImportOptions
    var status: [Status]
    var diagnostics: [Diagnostic] = []

    var vertexOf: [String: Int] = [:]
    var exitVertexOf: [String: Int] = [:]
    var vertices: [Vertex] = []
    var edges: [[Edge]] = []
    var steps: [Step] = []
    var stepNodes: [Int] = []
    var stepIndexOf: [String: Int] = [:]
    var stepPool: [Int?] = []
    var stepLane: [Int?] = []
    var touchesCustomer: [Bool] = []
    var channelHints: [[String]] = []
    var stages: [Stage] = []
    var stageNodes: [Int] = []
    var actors: [Actor] = []
    var actorOfNode: [Int: String] = [:]
    var customerNodes: Set<Int> = []
    var information: [InformationItem] = []
    var informationIndex: [String: Int] = [:]
    var informationNodes: [Int] = []
    var informationOfReference: [String: String] = [:]
    var flowNodes: [Int] = []
    var summaryParts: [String] = []
    var annotationText: [String: String] = [:]
    var processNodes: [Int] = []
    var participantOfProcess: [String: Int] = [:]
    var participantIDs: [String: Int] = [:]
    var poolOfNode: [String: Int] = [:]
    var laneOfNode: [String: Int] = [:]
    var decisions: [LaneDecision] = []
    var elementNode: [String: Int] = [:]
    /// The XML element each joined flow came from (its last edge), by flow position.
    var flowSourceNodes: [Int] = []
    /// Branch shares from BIMP / QBP simulation data, by sequence flow id.
    var simulatedProbability: [String: Double] = [:]

    static let defaultStage = "main"

    init(tree: XMLTree, path: String, options: BPMNImportOptions) {
        self.tree = tree
        self.path = path
        self.options = options
        status = Array(repeating: .unset, count: tree.nodes.count)
    }

    // MARK: - Reporting

    func location(_ node: Int) -> SourceLocation {
        SourceLocation(path: path, line: tree[node].line, column: tree[node].column)
    }

    /// A warning whose message is the catalog text `interchange.bpmn.<key>`.
    mutating func warn(_ key: String, _ arguments: [String: TextArgument] = [:], at node: Int) {
        diagnostics.append(Diagnostic(.warning, LocalizedText("interchange.bpmn.\(key)", arguments), location: location(node)))
        status[node] = .warned
    }

    mutating func mark(_ node: Int, _ value: Status) {
        if status[node] == .unset || (value == .warned) { status[node] = value }
    }

    func describe(_ node: Int) -> String {
        let element = tree[node]
        let id = element.attribute("id").map { " '\($0)'" } ?? ""
        return "\(element.name)\(id)"
    }

    // MARK: - Run

    mutating func run() throws(BlueprintError) -> BPMNImportResult {
        guard tree[0].name == "definitions" else {
            throw BlueprintError(diagnostics: [
                Diagnostic(
                    .error, LocalizedText("interchange.bpmn.notBPMN", ["root": .quoted(tree[0].name)]),
                    location: location(0))
            ])
        }
        status[0] = .part
        for (index, node) in tree.nodes.enumerated() {
            if let id = node.attribute("id"), elementNode[id] == nil { elementNode[id] = index }
            // BIMP / QBP simulation data: `<qbp:sequenceFlow elementId="…" executionProbability="0.3"/>`.
            if node.name == "sequenceFlow", let id = node.attribute("elementId"),
                let value = node.attribute("executionProbability").flatMap(BPMNVocabulary.probability(number:))
            {
                simulatedProbability[id] = value
            }
            if node.name == "BPMNDiagram" || node.name == "extensionElements" {
                status[index] = .part
                for descendant in tree.descendants(of: index) { status[descendant] = .part }
            }
        }
        for child in tree[0].children where BPMNVocabulary.declarations.contains(tree[child].name) {
            status[child] = .part
            for descendant in tree.descendants(of: child) { status[descendant] = .part }
        }
        readCollaborations()
        for child in tree[0].children where tree[child].name == "process" { readProcess(child) }
        readBoundaryEvents()
        readMessageFlows()
        readArtifacts()
        decideLanes()
        let flows = joinedFlows()
        flowSourceNodes = flows.nodes
        let blueprint = assemble(flows: flows.flows)
        warnUnmapped()
        let sourceMap = sourceMap(flowNodes: flows.nodes)
        var result = BPMNImportResult(
            blueprint: blueprint, diagnostics: [], decisions: decisions, counts: counts(), sourceMap: sourceMap)
        let validation = sourceMap.locate(blueprint.validate())
        result.diagnostics = diagnostics + validation
        if validation.contains(where: { $0.severity == .error }) { throw BlueprintError(diagnostics: result.diagnostics) }
        if options.useExtensions, let restored = try BPMNExtensions.restore(result, tree: tree, mapper: self) {
            return restored
        }
        return result
    }

    func counts() -> BPMNElementCounts {
        var counts = BPMNElementCounts()
        for value in status {
            switch value {
            case .mapped: counts.mapped += 1
            case .warned: counts.warned += 1
            case .part, .unset: counts.parts += 1
            }
        }
        return counts
    }

    // MARK: - Pools and lanes

    mutating func readCollaborations() {
        for collaboration in tree.children(of: 0, named: "collaboration") {
            status[collaboration] = .mapped
            for participant in tree.children(of: collaboration, named: "participant") {
                status[participant] = .mapped
                let id = tree[participant].attribute("id") ?? "pool-\(participant)"
                participantIDs[id] = participant
                if let process = tree[participant].attribute("processRef") { participantOfProcess[process] = participant }
                addActor(for: participant, name: tree[participant].attribute("name"), department: nil, pool: true)
            }
        }
    }

    mutating func addActor(for node: Int, name: String?, department: String?, pool: Bool) {
        let id = uniqueActorID(tree[node].attribute("id") ?? "actor-\(node)")
        let title = BPMNVocabulary.label(name) ?? id
        let isCustomer = BPMNVocabulary.namesCustomer(name)
        let hasProcess = tree[node].attribute("processRef") != nil
        let kind: Actor.Kind = isCustomer ? .customer : pool ? (hasProcess ? .department : .partner) : .role
        if isCustomer { customerNodes.insert(node) }
        actors.append(Actor(id: id, title: title, kind: kind, department: department))
        actorOfNode[node] = id
    }

    func uniqueActorID(_ base: String) -> String {
        var candidate = base, counter = 2
        while actors.contains(where: { $0.id == candidate }) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    // MARK: - Processes

    mutating func readProcess(_ process: Int) {
        status[process] = .mapped
        processNodes.append(process)
        let processID = tree[process].attribute("id") ?? ""
        let pool = participantOfProcess[processID]
        if let text = tree.childText(of: process, named: "documentation") { summaryParts.append(text) }
        // Lanes, innermost last so it wins.
        let poolName = pool.flatMap { tree[$0].attribute("name") }
        for laneSet in tree.children(of: process, named: "laneSet") {
            status[laneSet] = .part
            for lane in tree.descendants(of: laneSet) {
                switch tree[lane].name {
                case "lane":
                    status[lane] = .mapped
                    addActor(for: lane, name: tree[lane].attribute("name"), department: BPMNVocabulary.label(poolName), pool: false)
                    for reference in tree.children(of: lane, named: "flowNodeRef") {
                        let id = tree[reference].text.trimmingCharacters(in: .whitespacesAndNewlines)
                        laneOfNode[id] = lane
                    }
                case "flowNodeRef", "childLaneSet", "documentation": status[lane] = .part
                default: break
                }
            }
        }
        // Flow elements, iteratively through expanded sub-processes.
        var pending: [(container: Int, stage: String?)] = [(process, nil)]
        while let (container, stage) = pending.popLast() {
            for child in tree[container].children {
                let name = tree[child].name
                let id = tree[child].attribute("id") ?? ""
                if let pool { poolOfNode[id] = pool }
                if laneOfNode[id] == nil, let parentLane = laneOfNode[tree[container].attribute("id") ?? ""] {
                    laneOfNode[id] = parentLane
                }
                if BPMNVocabulary.tasks.contains(name) {
                    addStep(child, stage: stage)
                } else if BPMNVocabulary.containers.contains(name) {
                    if let inner = expandSubProcess(child, stage: stage) { pending.append(inner) }
                } else if BPMNVocabulary.gateways.contains(name) {
                    addVertex(child)
                    status[child] = .mapped
                    markParts(of: child)
                } else if BPMNVocabulary.events.contains(name) {
                    readEvent(child, stage: stage)
                } else if name == "sequenceFlow" {
                    flowNodes.append(child)
                } else if name == "dataObject" {
                    status[child] = .mapped
                    addInformation(key: id, node: child, kind: .document, name: tree[child].attribute("name"))
                    markParts(of: child)
                } else if name == "dataObjectReference" || name == "dataStoreReference" {
                    readDataReference(child)
                } else if name == "textAnnotation" || name == "association" || name == "group" {
                    continue  // artifacts: read after every element is known
                } else if BPMNVocabulary.parts.contains(name) {
                    markParts(of: child, including: true)
                }
            }
        }
    }

    mutating func markParts(of node: Int, including: Bool = false) {
        if including { mark(node, .part) }
        for child in tree[node].children where BPMNVocabulary.parts.contains(tree[child].name) {
            mark(child, .part)
            for descendant in tree.descendants(of: child) where status[descendant] == .unset { status[descendant] = .part }
        }
    }

    @discardableResult
    mutating func addVertex(_ node: Int, step: Int? = nil) -> Int {
        let index = vertices.count
        vertices.append(Vertex(node: node, step: step))
        edges.append([])
        if let id = tree[node].attribute("id") { vertexOf[id] = index }
        return index
    }

    /// An id a blueprint can hold: ids longer than ``BlueprintIdentifier/maximumLength`` (some
    /// modellers concatenate names into them) keep their start plus a short stable hash of the
    /// whole, with a warning; ids stay unique.
    mutating func shortened(_ id: String, at node: Int) -> String {
        let length = id.unicodeScalars.count
        guard length > BlueprintIdentifier.maximumLength else { return id }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: the same id always gives the same result
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        let base = String(String.UnicodeScalarView(id.unicodeScalars.prefix(100))) + "-" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
        var candidate = base, counter = 2
        while stepIndexOf[candidate] != nil {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        diagnostics.append(
            Diagnostic(
                .warning, LocalizedText("interchange.bpmn.longID", ["id": .quoted(candidate), "length": .verbatim("\(length)")]),
                location: location(node)))
        return candidate
    }

    mutating func addStep(_ node: Int, stage: String?, kind overridden: StepKind? = nil, duration: BlueprintDuration? = nil) {
        let element = tree[node]
        let id = element.attribute("id") ?? "step-\(node)"
        guard stepIndexOf[id] == nil else {
            warn("duplicateID", ["id": .quoted(id), "element": .verbatim(element.name)], at: node)
            return
        }
        let title = BPMNVocabulary.label(element.attribute("name")) ?? id
        var notes: [String] = []
        if let documentation = tree.childText(of: node, named: "documentation") { notes.append(documentation) }
        if element.name == "callActivity" {
            let called = element.attribute("calledElement") ?? "an unnamed process"
            notes.append("Calls process '\(called)'.")
        }
        let stepID = shortened(id, at: node)
        var step = Step(
            id: stepID, title: title, lane: .backstage, stage: stage ?? Self.defaultStage,
            kind: overridden ?? BPMNVocabulary.kind(type: element.name, name: title))
        if let duration { step.duration = ProcessTime(duration) }
        step.notes = notes.isEmpty ? nil : notes.joined(separator: "\n\n")
        let index = steps.count
        steps.append(step)
        stepNodes.append(node)
        stepIndexOf[id] = index
        stepIndexOf[stepID] = index
        stepPool.append(poolOfNode[id])
        stepLane.append(laneOfNode[id])
        touchesCustomer.append(false)
        channelHints.append([title])
        addVertex(node, step: index)
        status[node] = .mapped
        markParts(of: node)
        for child in element.children {
            switch tree[child].name {
            case "dataInputAssociation", "dataOutputAssociation":
                readDataAssociation(child, step: index)
            case "dataObject":
                status[child] = .mapped
                addInformation(key: tree[child].attribute("id") ?? "data-\(child)", node: child, kind: .document, name: tree[child].attribute("name"))
            case "dataObjectReference", "dataStoreReference":
                readDataReference(child)
            case "textAnnotation", "association", "group":
                continue  // artifacts: read with the others
            case "standardLoopCharacteristics", "multiInstanceLoopCharacteristics":
                warn("repeatsStep", ["element": .verbatim(describe(node)), "loop": .verbatim(tree[child].name)], at: child)
                for descendant in tree.descendants(of: child) { status[descendant] = .part }
            default:
                if status[child] == .unset {
                    warn("insideNotMapped", ["child": .quoted(tree[child].name), "element": .verbatim(describe(node))], at: child)
                }
            }
        }
    }

    /// A sub-process with flow nodes inside becomes a stage (or is flattened); one without
    /// becomes a step. Returns the container to walk, if any.
    mutating func expandSubProcess(_ node: Int, stage: String?) -> (Int, String?)? {
        let element = tree[node]
        let inner = element.children.filter { BPMNVocabulary.flowNodes.contains(tree[$0].name) }
        guard !inner.isEmpty else {
            addStep(node, stage: stage)
            return nil
        }
        let id = element.attribute("id") ?? "subprocess-\(node)"
        status[node] = .mapped
        markParts(of: node)
        if element.attribute("triggeredByEvent") == "true" {
            warn("eventStage", ["element": .verbatim(describe(node))], at: node)
        }
        for child in element.children where tree[child].name.hasSuffix("LoopCharacteristics") {
            warn("repeats", ["element": .verbatim(describe(node)), "loop": .verbatim(tree[child].name)], at: child)
            for descendant in tree.descendants(of: child) { status[descendant] = .part }
        }
        var innerStage = stage
        if !options.flattenSubProcesses {
            innerStage = id
            var summary: Stage = Stage(id: id, title: BPMNVocabulary.label(element.attribute("name")) ?? id)
            if let documentation = tree.childText(of: node, named: "documentation") { summary.goal = documentation }
            stages.append(summary)
            stageNodes.append(node)
        }
        // Entry and exit: flows into the sub-process go to its start events (or first nodes),
        // flows out leave from its end events (or last nodes).
        let entry = addVertex(node)
        let exit = vertices.count
        vertices.append(Vertex(node: node, step: nil))
        edges.append([])
        exitVertexOf[id] = exit
        var targeted: Set<String> = [], sourced: Set<String> = []
        for child in inner {
            for flow in tree.children(of: child, named: "incoming") {
                targeted.insert(tree[flow].text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            for flow in tree.children(of: child, named: "outgoing") {
                sourced.insert(tree[flow].text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        for child in element.children where tree[child].name == "sequenceFlow" {
            targeted.insert(tree[child].attribute("id") ?? "")
        }
        var starts: [String] = [], ends: [String] = []
        let flowTargets = Set(element.children.filter { tree[$0].name == "sequenceFlow" }.compactMap { tree[$0].attribute("targetRef") })
        let flowSources = Set(element.children.filter { tree[$0].name == "sequenceFlow" }.compactMap { tree[$0].attribute("sourceRef") })
        for child in inner where tree[child].name != "boundaryEvent" {
            let childID = tree[child].attribute("id") ?? ""
            if tree[child].name == "startEvent" || !flowTargets.contains(childID) { starts.append(childID) }
            if tree[child].name == "endEvent" || !flowSources.contains(childID) { ends.append(childID) }
        }
        pendingContainerLinks.append((entry, exit, starts, ends))
        return (node, innerStage)
    }

    var pendingContainerLinks: [(entry: Int, exit: Int, starts: [String], ends: [String])] = []

    mutating func readEvent(_ node: Int, stage: String?) {
        let element = tree[node]
        markParts(of: node)
        let timer = tree.child(of: node, named: "timerEventDefinition")
        switch element.name {
        case "intermediateCatchEvent" where timer != nil:
            let duration = timer.flatMap { tree.childText(of: $0, named: "timeDuration") }.flatMap(BPMNVocabulary.isoDuration)
            addStep(node, stage: stage, kind: .wait, duration: duration)
            let index = steps.count - 1
            if stepNodes.last == node {
                steps[index].waitPoint = WaitPoint(tolerance: nil, notes: nil)
                if duration == nil, let timer {
                    warn("timerNoDuration", ["element": .verbatim(describe(node))], at: timer)
                }
            }
        case "boundaryEvent":
            addVertex(node)
            status[node] = .mapped
        case "startEvent" where timer != nil:
            addVertex(node)
            warn("timerStart", ["element": .verbatim(describe(node))], at: node)
        default:
            addVertex(node)
            status[node] = .mapped
        }
    }

    // MARK: - Boundary events

    mutating func readBoundaryEvents() {
        for (index, vertex) in vertices.enumerated() where vertex.step == nil && tree[vertex.node].name == "boundaryEvent" {
            let node = vertex.node
            // On an expanded sub-process, the escalation leaves from where the sub-process ends.
            if let attached = tree[node].attribute("attachedToRef"), stepIndexOf[attached] == nil,
                let exit = exitVertexOf[attached]
            {
                edges[exit].append(Edge(to: index, probability: nil, label: BPMNVocabulary.label(tree[node].attribute("name")), kind: .escalation, node: node))
                continue
            }
            guard let attached = tree[node].attribute("attachedToRef"), let step = stepIndexOf[attached],
                let from = vertexOf[attached]
            else {
                warn("boundaryUnattached", ["element": .verbatim(describe(node))], at: node)
                continue
            }
            edges[from].append(Edge(to: index, probability: nil, label: BPMNVocabulary.label(tree[node].attribute("name")), kind: .escalation, node: node))
            if let timer = tree.child(of: node, named: "timerEventDefinition") {
                let tolerance = tree.childText(of: timer, named: "timeDuration").flatMap(BPMNVocabulary.isoDuration)
                steps[step].waitPoint = WaitPoint(
                    tolerance: tolerance, notes: BPMNVocabulary.label(tree[node].attribute("name")).map { "Escalates: \($0)" })
            } else if tree.child(of: node, named: "errorEventDefinition") != nil {
                let risk = BPMNVocabulary.label(tree[node].attribute("name")) ?? "error event '\(tree[node].attribute("id") ?? "")'"
                steps[step].failPoint = FailPoint(risk: risk)
            }
        }
    }

    // MARK: - Message flows

    func isCustomerSide(_ id: String) -> Bool {
        if let participant = participantIDs[id] { return customerNodes.contains(participant) }
        if let lane = laneOfNode[id], customerNodes.contains(lane) { return true }
        if let pool = poolOfNode[id], customerNodes.contains(pool) { return true }
        return false
    }

    mutating func readMessageFlows() {
        for collaboration in tree.children(of: 0, named: "collaboration") {
            for flow in tree.children(of: collaboration, named: "messageFlow") {
                markParts(of: flow)
                let source = tree[flow].attribute("sourceRef") ?? "", target = tree[flow].attribute("targetRef") ?? ""
                let name = BPMNVocabulary.label(tree[flow].attribute("name"))
                var mapped = false
                for (mine, other) in [(source, target), (target, source)] where isCustomerSide(other) {
                    if let step = stepIndexOf[mine], !isCustomerSide(mine) {
                        touchesCustomer[step] = true
                        if let name { channelHints[step].append(name) }
                        mapped = true
                    }
                }
                if let from = vertexOf[source], let to = vertexOf[target] {
                    edges[from].append(Edge(to: to, probability: nil, label: name, kind: .handoff, node: flow))
                    mapped = true
                } else if !mapped {
                    // A step exchanging messages with a pool that is not the customer's (a partner):
                    // kept as a note on the step.
                    for (mine, other) in [(source, target), (target, source)] {
                        guard let step = stepIndexOf[mine], let pool = participantIDs[other] else { continue }
                        let partner = BPMNVocabulary.label(tree[pool].attribute("name")) ?? other
                        let note = "Exchanges messages with \(partner)" + (name.map { " (\($0))" } ?? "") + "."
                        steps[step].notes = [steps[step].notes, note].compactMap { $0 }.joined(separator: "\n\n")
                        mapped = true
                    }
                }
                if mapped {
                    status[flow] = .mapped
                } else {
                    warn("messagePools", ["element": .verbatim(describe(flow))], at: flow)
                }
            }
        }
    }

    // MARK: - Data

    mutating func addInformation(key: String, node: Int, kind: InformationItem.Kind, name: String?) {
        guard informationIndex[key] == nil else {
            if let name = BPMNVocabulary.label(name), let index = informationIndex[key], information[index].title == key {
                information[index].title = name
            }
            return
        }
        informationIndex[key] = information.count
        information.append(InformationItem(id: key, title: BPMNVocabulary.label(name), kind: kind))
        informationNodes.append(node)
    }

    mutating func readDataReference(_ node: Int) {
        let element = tree[node]
        let id = element.attribute("id") ?? "data-\(node)"
        let isStore = element.name == "dataStoreReference"
        let target = element.attribute(isStore ? "dataStoreRef" : "dataObjectRef") ?? id
        let key = isStore ? id : target
        var name = element.attribute("name")
        if name == nil, let object = elementNode[target] { name = tree[object].attribute("name") }
        addInformation(key: key, node: node, kind: isStore ? .data : .document, name: name)
        informationOfReference[id] = key
        status[node] = .mapped
        markParts(of: node)
        if let state = tree.child(of: node, named: "dataState"), let stateName = tree[state].attribute("name"),
            let index = informationIndex[key]
        {
            information[index].notes = "State: \(stateName)"
        }
    }

    mutating func readDataAssociation(_ node: Int, step: Int) {
        let isInput = tree[node].name == "dataInputAssociation"
        let refs = tree.children(of: node, named: isInput ? "sourceRef" : "targetRef")
        for child in tree[node].children { mark(child, .part) }
        var found = false
        for reference in refs {
            let id = tree[reference].text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = informationOfReference[id] ?? (informationIndex[id] != nil ? id : nil) else { continue }
            found = true
            if isInput {
                if !steps[step].needs.contains(key) { steps[step].needs.append(key) }
            } else if !steps[step].produces.contains(key) {
                steps[step].produces.append(key)
            }
        }
        // References are read when the whole file is known; an unresolved one is retried there.
        if found { status[node] = .mapped } else { unresolvedAssociations.append((node, step)) }
    }

    var unresolvedAssociations: [(node: Int, step: Int)] = []

    // MARK: - Artifacts

    mutating func readArtifacts() {
        // Data associations whose data reference came later in the file.
        let retry = unresolvedAssociations
        unresolvedAssociations = []
        for (node, step) in retry { readDataAssociation(node, step: step) }
        for (node, _) in unresolvedAssociations {
            warn("dataUnmapped", ["element": .verbatim(describe(node))], at: node)
        }
        var containers = processNodes + tree.children(of: 0, named: "collaboration")
        var index = 0
        while index < containers.count {
            containers += tree[containers[index]].children.filter { BPMNVocabulary.containers.contains(tree[$0].name) }
            index += 1
        }
        var associations: [Int] = []
        for container in containers {
            for child in tree[container].children {
                switch tree[child].name {
                case "textAnnotation":
                    markParts(of: child)
                    annotationText[tree[child].attribute("id") ?? ""] = tree.childText(of: child, named: "text") ?? ""
                    status[child] = .mapped
                case "association": associations.append(child)
                case "group":
                    warn("groupNotMapped", ["element": .verbatim(describe(child))], at: child)
                default: break
                }
            }
        }
        var used: Set<String> = []
        for association in associations {
            markParts(of: association)
            let ends = [tree[association].attribute("sourceRef") ?? "", tree[association].attribute("targetRef") ?? ""]
            guard let note = ends.first(where: { annotationText[$0] != nil }), let text = annotationText[note] else {
                warn("associationNoAnnotation", ["element": .verbatim(describe(association))], at: association)
                continue
            }
            let other = ends[0] == note ? ends[1] : ends[0]
            if let step = stepIndexOf[other] {
                steps[step].notes = [steps[step].notes, text].compactMap { $0 }.joined(separator: "\n\n")
            } else if let key = informationOfReference[other] ?? (informationIndex[other] != nil ? other : nil),
                let item = informationIndex[key]
            {
                information[item].notes = [information[item].notes, text].compactMap { $0 }.joined(separator: "\n\n")
            } else {
                summaryParts.append(text)
            }
            used.insert(note)
            status[association] = .mapped
        }
        for (id, text) in annotationText.sorted(by: { $0.key < $1.key }) where !used.contains(id) && !text.isEmpty {
            summaryParts.append(text)
        }
    }

    // MARK: - Lanes

    mutating func decideLanes() {
        for index in steps.indices {
            let node = stepNodes[index]
            let type = tree[node].name
            let id = steps[index].id
            let laneNode = stepLane[index]
            let poolNode = stepPool[index]
            let laneName = laneNode.flatMap { tree[$0].attribute("name") }.flatMap(BPMNVocabulary.label)
            let poolName = poolNode.flatMap { tree[$0].attribute("name") }.flatMap(BPMNVocabulary.label)
            let lane: Lane, reason: LocalizedText
            func why(_ key: String, _ arguments: [String: TextArgument] = [:]) -> LocalizedText {
                LocalizedText("interchange.lane.\(key)", arguments)
            }
            if let chosen = options.mapping.byID[id] {
                (lane, reason) = (chosen, why("mappingID"))
            } else if let name = laneName, let chosen = options.mapping.byLaneName[name.lowercased()] {
                (lane, reason) = (chosen, why("mappingLane", ["name": .quoted(name)]))
            } else if let name = poolName, let chosen = options.mapping.byLaneName[name.lowercased()] {
                (lane, reason) = (chosen, why("mappingPool", ["name": .quoted(name)]))
            } else if let chosen = options.mapping.byType[type] {
                (lane, reason) = (chosen, why("mappingType", ["type": .verbatim(type)]))
            } else if let name = laneName, let named = Self.blueprintLane(named: name) {
                (lane, reason) = (named, why("named", ["name": .quoted(name)]))
            } else if isCustomerSide(id) {
                (lane, reason) = (.customer, why(laneNode.map { customerNodes.contains($0) } == true ? "customerLane" : "customerPool"))
            } else if touchesCustomer[index] {
                (lane, reason) = (.frontstage, why("messages"))
            } else if ["serviceTask", "scriptTask", "businessRuleTask"].contains(type) {
                (lane, reason) = (.support, why("system", ["type": .verbatim(type)]))
            } else {
                (lane, reason) = (.backstage, why("noContact", ["type": .verbatim(type)]))
            }
            steps[index].lane = lane
            if touchesCustomer[index], lane <= .frontstage, lane != .customer {
                steps[index].channel = BPMNVocabulary.channel(from: channelHints[index])
            }
            steps[index].actor = (laneNode ?? poolNode).flatMap { actorOfNode[$0] }
            var decision = LaneDecision(
                step: id, elementType: type, bpmnLane: laneName ?? poolName, lane: lane, reason: reason.rendered(in: .english))
            decision.reasonText = reason
            decisions.append(decision)
        }
    }

    /// A BPMN lane named like a blueprint lane (by id, alias or title) decides directly.
    static func blueprintLane(named name: String) -> Lane? {
        let lowered = name.lowercased()
        if let lane = Lane(name: lowered) { return lane }
        return Lane.allCases.first { $0.title.lowercased() == lowered }
    }

    // MARK: - Flows

    /// Sequence flows become graph edges; then each step's edges are followed through gateways
    /// and events to the next steps (probabilities multiplied, the nearest name kept as label).
    /// Flows that close a loop become rework flows (``markReworkFlows(_:successors:)``).
    mutating func joinedFlows() -> (flows: [Flow], nodes: [Int]) {
        for link in pendingContainerLinks {
            for start in link.starts { if let to = vertexOf[start] { edges[link.entry].append(Edge(to: to, probability: nil, label: nil, kind: .sequence, node: vertices[link.entry].node)) } }
            for end in link.ends { if let from = vertexOf[end] { edges[from].append(Edge(to: link.exit, probability: nil, label: nil, kind: .sequence, node: vertices[link.exit].node)) } }
        }
        for node in flowNodes {
            let element = tree[node]
            markParts(of: node)
            let source = element.attribute("sourceRef") ?? "", target = element.attribute("targetRef") ?? ""
            guard let from = exitVertexOf[source] ?? vertexOf[source], let to = vertexOf[target] else {
                warn("flowUnmapped", ["element": .verbatim(describe(node)), "source": .quoted(source), "target": .quoted(target)], at: node)
                continue
            }
            status[node] = .mapped
            let kind = element.attribute("kind").flatMap(FlowKind.init(rawValue:)) ?? .sequence
            edges[from].append(
                Edge(to: to, probability: probability(of: node), label: BPMNVocabulary.label(element.attribute("name")), kind: kind, node: node))
        }
        var incoming = Array(repeating: 0, count: vertices.count)
        for list in edges { for edge in list { incoming[edge.to] += 1 } }
        // Step-to-step flows, in step order, then edge order.
        var flows: [Flow] = [], flowNodesOut: [Int] = [], exclusiveFlows: [Bool] = []
        var seen: Set<String> = []
        var successors: [[Int]] = Array(repeating: [], count: steps.count)
        for (index, vertex) in vertices.enumerated() {
            guard let from = vertex.step else { continue }
            var visited: Set<Int> = [index]
            // `exclusive`: the path passed an exclusive split, so only one of its branches is taken.
            var stack: [(vertex: Int, probability: Double?, label: String?, kind: FlowKind, node: Int, exclusive: Bool)] =
                edges[index].reversed().map { ($0.to, $0.probability, $0.label, $0.kind, $0.node, false) }
            while let (current, probability, label, kind, node, exclusive) = stack.popLast() {
                guard visited.insert(current).inserted else { continue }
                if let to = vertices[current].step {
                    if to == from {
                        warn("selfLoop", ["element": .verbatim(describe(node)), "step": .quoted(steps[from].id)], at: node)
                        continue
                    }
                    // Without a stated share, an exclusive branch is `probability: unknown`, not a fork.
                    let unknown = exclusive && probability == nil && kind.ordersWork
                    let flow = Flow(
                        from: steps[from].id, to: steps[to].id, kind: kind, label: label, probability: probability,
                        isProbabilityUnknown: unknown)
                    guard seen.insert(flow.id).inserted else { continue }
                    flows.append(flow)
                    flowNodesOut.append(node)
                    exclusiveFlows.append(exclusive && kind.ordersWork)
                    successors[from].append(flows.count - 1)
                    continue
                }
                let gateway = tree[vertices[current].node].name
                let isJoin = BPMNVocabulary.gateways.contains(gateway) && edges[current].count == 1 && incoming[current] > 1
                let splitsExclusively = BPMNVocabulary.exclusiveGateways.contains(gateway) && !isJoin
                for edge in edges[current].reversed() {
                    let combined: Double? =
                        switch (probability, edge.probability) {
                        case (nil, nil): nil
                        case (let a?, nil): a
                        case (nil, let b?): b
                        case (let a?, let b?): a * b
                        }
                    let kept: FlowKind = kind == .sequence ? edge.kind : kind
                    // A join's outgoing flow is shared by every flow through it: keep the branch's own element.
                    stack.append((edge.to, combined, edge.label ?? label, kept, isJoin ? node : edge.node, exclusive || splitsExclusively))
                }
            }
        }
        markReworkFlows(&flows, successors: successors)
        dropExcessProbabilities(&flows, nodes: flowNodesOut, exclusive: exclusiveFlows)
        return (flows, flowNodesOut)
    }

    /// The probability a sequence flow states, if any (see ``BPMNImporter``).
    func probability(of node: Int) -> Double? {
        let element = tree[node]
        if let text = element.attribute("probability"), let value = BPMNVocabulary.probability(number: text) { return value }
        for descendant in tree.descendants(of: node) where tree[descendant].name == "property" {
            if tree[descendant].attribute("name")?.lowercased() == "probability",
                let value = tree[descendant].attribute("value").flatMap(BPMNVocabulary.probability(number:))
            {
                return value
            }
        }
        if let id = element.attribute("id"), let value = simulatedProbability[id] { return value }
        if let condition = tree.childText(of: node, named: "conditionExpression"),
            let value = BPMNVocabulary.probability(stated: condition) ?? BPMNVocabulary.probability(number: condition)
        {
            return value
        }
        return element.attribute("name").flatMap(BPMNVocabulary.probability(stated:))
    }

    mutating func dropExcessProbabilities(_ flows: inout [Flow], nodes: [Int], exclusive: [Bool]) {
        var sums: [String: Double] = [:]
        for flow in flows where flow.kind != .information { sums[flow.from, default: 0] += flow.probability ?? 0 }
        for index in flows.indices where (sums[flows[index].from] ?? 0) > 1.000001 && flows[index].probability != nil {
            warn(
                "probabilitySum", ["from": .quoted(flows[index].from), "probability": .verbatim("\(flows[index].probability ?? 0)")],
                at: nodes[index])
            flows[index].probability = nil
            flows[index].isProbabilityUnknown = exclusive[index]
        }
    }

    // MARK: - Assembly

    func assemble(flows: [Flow]) -> Blueprint {
        let definitions = tree[0]
        // The title comes from the process with the most steps (the service's, not the customer's).
        var stepsPerProcess: [Int: Int] = [:]
        for index in stepNodes.indices {
            var node = stepNodes[index]
            while node >= 0, tree[node].name != "process" { node = tree[node].parent }
            stepsPerProcess[node, default: 0] += 1
        }
        let mainProcess = processNodes.max { (stepsPerProcess[$0] ?? 0, -$0) < (stepsPerProcess[$1] ?? 0, -$1) }
        let firstProcess = mainProcess.map { tree[$0] }
        let id = definitions.attribute("id") ?? firstProcess?.attribute("id") ?? "imported"
        let title =
            BPMNVocabulary.label(firstProcess?.attribute("name"))
            ?? participantOfProcess.values.sorted().first.flatMap { BPMNVocabulary.label(tree[$0].attribute("name")) }
            ?? BPMNVocabulary.label(definitions.attribute("name")) ?? fileTitle ?? id
        // A sub-process with no step inside (only events) leaves no stage behind.
        let usedStages = Set(steps.map(\.stage))
        var allStages = stages.filter { usedStages.contains($0.id) }
        if steps.contains(where: { $0.stage == Self.defaultStage }) {
            allStages.insert(Stage(id: Self.defaultStage, title: title), at: 0)
        }
        let usedActors = Set(steps.compactMap(\.actor))
        return Blueprint(
            id: id, title: title, summary: summaryParts.isEmpty ? nil : summaryParts.joined(separator: "\n\n"),
            stages: allStages, actors: actors.filter { usedActors.contains($0.id) || $0.kind == .customer },
            information: information, steps: steps, flows: flows)
    }

    /// The file's name without its extension: a better title than a generated id.
    var fileTitle: String? {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return name == "-" ? nil : BPMNVocabulary.label(name)  // `-`: standard input
    }

    func sourceMap(flowNodes: [Int]) -> SourceMap {
        var locations: [ModelPath: SourceLocation] = [:]
        for (index, node) in stepNodes.enumerated() { locations[["steps", index]] = location(node) }
        for (index, node) in flowNodes.enumerated() { locations[["flows", index]] = location(node) }
        for (index, node) in informationNodes.enumerated() { locations[["information", index]] = location(node) }
        locations[[]] = location(0)
        return SourceMap(path: path, locations: locations)
    }

    /// Anything still unaccounted for inside a process or collaboration is reported.
    mutating func warnUnmapped() {
        for index in tree.nodes.indices where status[index] == .unset {
            let parent = tree[index].parent
            let parentName = parent >= 0 ? tree[parent].name : ""
            if BPMNVocabulary.parts.contains(tree[index].name) && parent >= 0 && status[parent] != .unset {
                status[index] = .part
            } else if parent >= 0 && status[parent] == .part && parentName != "definitions" {
                status[index] = .part
            } else {
                warn("notMapped", ["element": .verbatim("'\(tree[index].name)'\(tree[index].attribute("id").map { " '\($0)'" } ?? "")")], at: index)
            }
        }
    }
}
