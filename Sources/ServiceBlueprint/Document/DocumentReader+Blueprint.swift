/// The keys of each mapping in a blueprint document, in the order they are written.
enum DocumentKeys {
    static let blueprint = [
        "id", "title", "summary", "version", "stages", "actors", "channels", "information", "personas", "journeys",
        "steps", "flows", "bottlenecks",
    ] + sketchBlueprint
    /// Keys of issue 11's format additions, kept apart from the rest to ease merges.
    static let sketchBlueprint = ["maturity", "evidence", "associations"] + ExperienceDocumentKeys.blueprint + ["language"]
        + SimulationDocumentKeys.blueprint
    static let association = ["between", "label"]
    /// The editor hint `"$schema": "…"` is accepted at the top and ignored.
    static let schemaHint = "$schema"
    static let stage = ["id", "title", "goal", "emotion", "painPoints", "momentsOfTruth", "evidence"] + ExperienceDocumentKeys.stage
    static let actor = ["id", "title", "kind", "department", "capacity", "hours", "notes"] + ExperienceDocumentKeys.actor
    static let workingHours = ["perDay", "daysPerWeek"]
    static let channel = ["id", "title", "responseCommitment"]
    static let information = ["id", "title", "kind", "fromCustomer", "deliveredTo", "notes"]
    static let persona = ["id", "title", "summary", "goals"]
    static let journey = ["id", "title", "persona", "start", "ends", "steps", "branchProbabilities", "demand", "target"]
        + JourneyDocumentKeys.journey + ExperienceDocumentKeys.journey
    static let demand = ["arrivals", "per"]
    static let target = ["leadTime", "attainment"]
    static let step = [
        "id", "title", "lane", "stage", "actor", "owner", "channel", "kind", "duration", "waitBefore", "standards",
        "failPoint", "waitPoint", "value", "needs", "produces", "evidence", "emotion", "painPoints", "tags", "notes",
        "url",
    ] + JourneyDocumentKeys.step + MeasuredDocumentKeys.step + ExperienceDocumentKeys.step
    static let processTime = ["min", "likely", "max"]
    static let standards = ["time", "sop", "service", "response"] + JourneyDocumentKeys.standards
        + ExperienceDocumentKeys.standards
    static let timeStandard = ["target", "tolerance"]
    static let failPoint = ["risk", "recovery", "owner", "likelihood"]
    static let waitPoint = ["tolerance", "notes"]
    static let flow = ["from", "to", "kind", "label", "probability"] + MeasuredDocumentKeys.flow
    static let bottleneck = ["step", "actor", "cause"]
}

extension DocumentReader {
    // MARK: Field accessors: `nil` when the key is absent or its value unreadable (already reported).

    mutating func text(_ fields: Fields, _ key: some FieldKey) -> String? {
        fields[key].flatMap { string($0, at: fields.path.appending(key.keyName), "'\(key.keyName)'") }
    }

    mutating func decimal(_ fields: Fields, _ key: some FieldKey) -> Double? {
        fields[key].flatMap { numberWithHint($0, at: fields.path.appending(key.keyName), "'\(key.keyName)'") }
    }

    mutating func whole(_ fields: Fields, _ key: some FieldKey) -> Int? {
        fields[key].flatMap { node in
            rejectPercent(node, at: fields.path.appending(key.keyName), "'\(key.keyName)'") ? nil
                : integer(node, at: fields.path.appending(key.keyName), "'\(key.keyName)'")
        }
    }

    /// A fraction: a number, or a percentage such as `10%`.
    mutating func fraction(_ fields: Fields, _ key: some FieldKey) -> Double? {
        fields[key].flatMap { fraction($0, at: fields.path.appending(key.keyName), "'\(key.keyName)'") }
    }

    mutating func time(_ fields: Fields, _ key: some FieldKey) -> BlueprintDuration? {
        fields[key].flatMap { durationWithHint($0, at: fields.path.appending(key.keyName), "'\(key.keyName)'") }
    }

    mutating func list(_ fields: Fields, _ key: some FieldKey) -> [String] {
        fields[key].map { strings($0, at: fields.path.appending(key.keyName), "'\(key.keyName)'") } ?? []
    }

    mutating func choice<Value>(
        _ fields: Fields, _ key: some FieldKey, _ noun: String, names: @autoclosure () -> [String], parse: (String) -> Value?
    ) -> Value? {
        fields[key].flatMap { choice($0, at: fields.path.appending(key.keyName), noun, names: names(), parse: parse) }
    }

    mutating func nested<Value>(_ fields: Fields, _ key: some FieldKey, read: (inout Self, Node, ModelPath) -> Value?) -> Value? {
        fields[key].flatMap { read(&self, $0, fields.path.appending(key.keyName)) }
    }

    /// A list of mappings; items that cannot be read become `placeholder(index)` so positions stay aligned.
    /// When `idSpace` is given, an item without a readable id marks that id space incomplete.
    /// A long list is read in chunks on several cores, with the same result (``readItems(_:idSpace:placeholder:read:)``).
    mutating func collection<Value: Sendable>(
        _ fields: Fields, _ key: String, idSpace: String? = nil, placeholder: @escaping @Sendable () -> Value,
        read: @escaping @Sendable (inout Self, Node, ModelPath) -> Value?
    ) -> [Value] {
        guard let node = fields[key] else { return [] }
        let listPath = fields.path.appending(key)
        // Each item is recorded as it is read, just before its values: numbered next to them in
        // the source map's trie, and by the reader (of its chunk) that reads it.
        guard let items = items(node, at: listPath, "'\(key)'", recording: false) else {
            if let idSpace { unreadable.incompleteIDs.insert(idSpace) }
            return []
        }
        return readItems(items, idSpace: idSpace, placeholder: placeholder, read: read)
    }

    // MARK: The model

    mutating func readBlueprint(_ root: Node) -> Blueprint {
        let rootPath = ModelPath()
        record(root, at: rootPath)
        guard case .mapping = root else {
            invalid("documentNotMapping", [:], root, rootPath)
            return Blueprint(id: "")
        }
        guard let fields = fields(
            root, at: rootPath, what: "blueprint", keys: .blueprint, required: ["id"])
        else { return Blueprint(id: "") }
        if let hint = fields[DocumentKeys.schemaHint] {
            _ = string(hint, at: rootPath.appending(DocumentKeys.schemaHint), "'\(DocumentKeys.schemaHint)'")
        }
        let id = text(fields, "id") ?? ""
        var blueprint = Blueprint(
            id: id,
            title: text(fields, "title"),
            summary: text(fields, "summary"),
            version: text(fields, "version"),
            stages: collection(fields, "stages", idSpace: "stages", placeholder: { Stage(id: "") }) {
                $0.readStage($1, at: $2)
            },
            actors: collection(fields, "actors", idSpace: "actors", placeholder: { Actor(id: "") }) {
                $0.readActor($1, at: $2)
            },
            channels: collection(fields, "channels", idSpace: "channels", placeholder: { ChannelDefinition(id: "") }) {
                $0.readChannel($1, at: $2)
            },
            information: collection(
                fields, "information", idSpace: "information", placeholder: { InformationItem(id: "") }
            ) { $0.readInformation($1, at: $2) },
            personas: collection(fields, "personas", idSpace: "personas", placeholder: { Persona(id: "") }) {
                $0.readPersona($1, at: $2)
            },
            journeys: collection(fields, "journeys", idSpace: "journeys", placeholder: { Journey(id: "", start: "") }) {
                $0.readJourney($1, at: $2)
            },
            steps: collection(
                fields, "steps", idSpace: "steps", placeholder: { Step(id: "", title: "", lane: .customer, stage: "") }
            ) { $0.readStep($1, at: $2) },
            bottlenecks: collection(fields, "bottlenecks", placeholder: { DeclaredBottleneck(cause: "") }) {
                $0.readBottleneck($1, at: $2)
            },
            maturity: choice(fields, "maturity", "maturity", names: Maturity.allCases.map(\.rawValue)) {
                Maturity(rawValue: $0)
            },
            evidence: list(fields, "evidence"),
            associations: collection(fields, "associations", placeholder: { Association(between: "", and: "") }) {
                $0.readAssociation($1, at: $2)
            }
        )
        let flowEntries = collection(fields, "flows", placeholder: { FlowEntry.flow(Flow(from: "", to: "")) }) {
            $0.readFlowEntry($1, at: $2)
        }
        separate(flowEntries, into: &blueprint)
        readExperienceKeys(fields, into: &blueprint)
        // l10n: the language the blueprint is written in; an unknown one gets a did-you-mean.
        blueprint.language = choice(fields, "language", "language", names: Language.supported.map(\.identifier)) {
            Language(identifier: $0)
        }
        readSimulationKeys(fields, into: &blueprint)
        return blueprint
    }

    mutating func readStage(_ node: Node, at path: ModelPath) -> Stage? {
        guard let fields = fields(node, at: path, what: "stage", keys: .stage, required: ["id"]) else {
            return nil
        }
        var stage = Stage(
            id: text(fields, "id") ?? "", title: text(fields, "title"), goal: text(fields, "goal"),
            emotion: whole(fields, "emotion"), painPoints: list(fields, "painPoints"),
            momentsOfTruth: list(fields, "momentsOfTruth"), evidence: list(fields, "evidence"))
        readExperienceKeys(fields, into: &stage)
        return stage
    }

    mutating func readActor(_ node: Node, at path: ModelPath) -> Actor? {
        guard let fields = fields(node, at: path, what: "actor", keys: .actor, required: ["id"]) else {
            return nil
        }
        var actor = Actor(
            id: text(fields, "id") ?? "", title: text(fields, "title"),
            kind: choice(fields, "kind", "actor kind", names: Actor.Kind.allCases.map(\.rawValue)) {
                Actor.Kind(rawValue: $0)
            } ?? .role,
            department: text(fields, "department"), capacity: whole(fields, "capacity"),
            hours: nested(fields, "hours") { $0.readWorkingHours($1, at: $2) }, notes: text(fields, "notes"))
        readExperienceKeys(fields, into: &actor)
        return actor
    }

    mutating func readWorkingHours(_ node: Node, at path: ModelPath) -> WorkingHours? {
        guard let fields = fields(
            node, at: path, what: "working hours", keys: .workingHours, required: ["perDay"])
        else { return nil }
        let perDay = decimal(fields, "perDay") ?? 8
        guard let days = fields["daysPerWeek"] else { return WorkingHours(perDay: perDay) }
        return WorkingHours(perDay: perDay, daysPerWeek: number(days, at: path.appending("daysPerWeek"), "'daysPerWeek'") ?? 5)
    }

    mutating func readChannel(_ node: Node, at path: ModelPath) -> ChannelDefinition? {
        guard let fields = fields(node, at: path, what: "channel", keys: .channel, required: ["id"]) else {
            return nil
        }
        return ChannelDefinition(
            id: text(fields, "id") ?? "", title: text(fields, "title"),
            responseCommitment: time(fields, "responseCommitment"))
    }

    mutating func readInformation(_ node: Node, at path: ModelPath) -> InformationItem? {
        guard let fields = fields(
            node, at: path, what: "information item", keys: .information, required: ["id"])
        else { return nil }
        return InformationItem(
            id: text(fields, InformationKeys.id) ?? "", title: text(fields, InformationKeys.title),
            kind: choice(fields, InformationKeys.kind, "information kind", names: InformationItem.Kind.allCases.map(\.rawValue)) {
                InformationItem.Kind(rawValue: $0)
            } ?? .data,
            fromCustomer: fields[InformationKeys.fromCustomer].flatMap { bool($0, at: path.appending("fromCustomer"), "'fromCustomer'") }
                ?? false,
            deliveredTo: choice(fields, InformationKeys.deliveredTo, "delivery", names: Delivery.allCases.map(\.rawValue)) {
                Delivery(rawValue: $0)
            },
            notes: text(fields, InformationKeys.notes))
    }

    mutating func readPersona(_ node: Node, at path: ModelPath) -> Persona? {
        guard let fields = fields(node, at: path, what: "persona", keys: .persona, required: ["id"]) else {
            return nil
        }
        return Persona(
            id: text(fields, "id") ?? "", title: text(fields, "title"), summary: text(fields, "summary"),
            goals: list(fields, "goals"))
    }

    mutating func readJourney(_ node: Node, at path: ModelPath) -> Journey? {
        guard let fields = fields(
            node, at: path, what: "journey", keys: .journey, required: ["id", "start"])
        else { return nil }
        var journey = Journey(
            id: text(fields, "id") ?? "", title: text(fields, "title"), persona: text(fields, "persona"),
            start: text(fields, "start") ?? "", ends: list(fields, "ends"), steps: list(fields, "steps"),
            branchProbabilities: nested(fields, "branchProbabilities") { $0.readBranchProbabilities($1, at: $2) } ?? [:],
            demand: nested(fields, "demand") { $0.readDemand($1, at: $2) },
            target: nested(fields, "target") { $0.readTarget($1, at: $2) })
        readJourneyKeys(fields, into: &journey)
        journey.costOfDelay = amount(fields, "costOfDelay")
        return journey
    }

    /// `{"a->b": 0.3}`. Each entry is located at its key, which names the flow.
    mutating func readBranchProbabilities(_ node: Node, at path: ModelPath) -> [String: Double]? {
        guard case .mapping(let mapping) = node else {
            invalid("branchProbabilities", [:],
                node, path)
            return nil
        }
        var result: [String: Double] = [:]
        var firstPositions: [String: TextPosition] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(LocalizedText("diagnostic.flowKey", ["found": described(keyNode)]), at: location(keyNode))
                continue
            }
            let position = textPosition(keyNode)
            let key = scalar.string
            let entryPath = path.appending(key)
            if let first = firstPositions[key] {
                error(Self.duplicateKeyText(key, first: first), at: location(keyNode), path: entryPath)
                continue
            }
            firstPositions[key] = position
            record(keyNode, at: entryPath)
            if let probability = fraction(value, at: entryPath, "the probability of '\(key)'") {
                result[key] = probability
            }
        }
        return result
    }

    mutating func readDemand(_ node: Node, at path: ModelPath) -> Demand? {
        guard let fields = fields(node, at: path, what: "demand", keys: .demand, required: ["arrivals", "per"])
        else { return nil }
        return Demand(
            arrivals: decimal(fields, "arrivals") ?? 1,
            per: choice(fields, "per", "demand period", names: Demand.Period.allCases.map(\.rawValue)) {
                Demand.Period(rawValue: $0)
            } ?? .day)
    }

    mutating func readTarget(_ node: Node, at path: ModelPath) -> JourneyTarget? {
        guard let fields = fields(node, at: path, what: "target", keys: .target, required: ["leadTime"]) else {
            return nil
        }
        return JourneyTarget(leadTime: time(fields, "leadTime") ?? .zero, attainment: fraction(fields, "attainment"))
    }

    mutating func readStep(_ node: Node, at path: ModelPath) -> Step? {
        guard let fields = fields(
            node, at: path, what: "step", keys: .step, required: StepKeys.required)
        else { return nil }
        var step = Step(
            id: text(fields, StepKeys.id) ?? "",
            title: text(fields, StepKeys.title) ?? "",
            lane: choice(fields, StepKeys.lane, "lane", names: Lane.allCases.map(\.rawValue) + Lane.aliases.keys.sorted()) {
                Lane(name: $0)
            } ?? .customer,
            stage: text(fields, StepKeys.stage) ?? Stage.implicitID,
            actor: text(fields, StepKeys.actor),
            owner: text(fields, StepKeys.owner),
            channel: text(fields, StepKeys.channel).map(Channel.init(rawValue:)),
            kind: choice(fields, StepKeys.kind, "step kind", names: StepKind.allCases.map(\.rawValue)) {
                StepKind(rawValue: $0)
            } ?? .action,
            duration: nested(fields, StepKeys.duration) { $0.readProcessTime($1, at: $2) },
            waitBefore: time(fields, StepKeys.waitBefore),
            standards: nested(fields, StepKeys.standards) { $0.readStandards($1, at: $2) } ?? Standards(),
            failPoint: nested(fields, StepKeys.failPoint) { $0.readFailPoint($1, at: $2) },
            waitPoint: nested(fields, StepKeys.waitPoint) { $0.readWaitPoint($1, at: $2) },
            value: choice(fields, StepKeys.value, "value class", names: ValueClass.allCases.map(\.rawValue)) {
                ValueClass(rawValue: $0)
            },
            needs: list(fields, StepKeys.needs),
            produces: list(fields, StepKeys.produces),
            evidence: list(fields, StepKeys.evidence),
            emotion: whole(fields, StepKeys.emotion),
            painPoints: list(fields, StepKeys.painPoints),
            tags: list(fields, StepKeys.tags),
            notes: text(fields, StepKeys.notes),
            url: text(fields, StepKeys.url))
        readJourneyKeys(fields, into: &step)
        readMeasuredKeys(fields, into: &step)
        readExperienceKeys(fields, into: &step)
        return step
    }

    /// A duration string, or a mapping: `{likely}` with optional `min` and `max` (defaulting to
    /// likely), `{max}` alone ("up to"), or `{min, max}` (a range); see ``ProcessTime/Form``.
    mutating func readProcessTime(_ node: Node, at path: ModelPath) -> ProcessTime? {
        guard case .mapping = node else {
            if case .scalar = node {
                return durationWithHint(node, at: path, "'duration'").map(ProcessTime.init)
            }
            invalid("durationValue", [:],
                node, path)
            return nil
        }
        guard let fields = fields(node, at: path, what: "duration", keys: .processTime) else { return nil }
        let likely = time(fields, StepPartKeys.likely)
        let minimum = time(fields, StepPartKeys.min)
        let maximum = time(fields, StepPartKeys.max)
        // A value that could not be read was reported; guessing the rest would only mislead.
        if (fields[StepPartKeys.likely] != nil && likely == nil) || (fields[StepPartKeys.min] != nil && minimum == nil)
            || (fields[StepPartKeys.max] != nil && maximum == nil)
        {
            unreadable.paths.insert(path)
            return nil
        }
        switch (minimum, likely, maximum) {
        case (_, let likely?, _):
            return ProcessTime(min: minimum ?? likely, likely: likely, max: maximum ?? likely)
        case (nil, nil, let maximum?):
            return .upTo(maximum)
        case (let minimum?, nil, let maximum?):
            return .range(minimum, maximum)
        default:
            invalid(minimum != nil ? "durationParts.minimum" : "durationParts", [:], node, path)
            return nil
        }
    }

    mutating func readStandards(_ node: Node, at path: ModelPath) -> Standards? {
        guard let fields = fields(node, at: path, what: "standards", keys: .standards) else { return nil }
        var standards = Standards(
            time: nested(fields, StepPartKeys.time) { $0.readTimeStandard($1, at: $2) }, sop: text(fields, StepPartKeys.sop),
            service: text(fields, StepPartKeys.service), response: time(fields, StepPartKeys.response),
            startWithin: time(fields, StepPartKeys.startWithin))
        readExperienceKeys(fields, into: &standards)
        return standards
    }

    mutating func readTimeStandard(_ node: Node, at path: ModelPath) -> TimeStandard? {
        guard let fields = fields(
            node, at: path, what: "time standard", keys: .timeStandard, required: ["target"])
        else { return nil }
        return TimeStandard(target: time(fields, StepPartKeys.target) ?? .zero, tolerance: time(fields, StepPartKeys.tolerance) ?? .zero)
    }

    mutating func readFailPoint(_ node: Node, at path: ModelPath) -> FailPoint? {
        guard let fields = fields(node, at: path, what: "fail point", keys: .failPoint, required: ["risk"])
        else { return nil }
        return FailPoint(
            risk: text(fields, StepPartKeys.risk) ?? "", recovery: text(fields, StepPartKeys.recovery), owner: text(fields, StepPartKeys.owner),
            likelihood: fraction(fields, StepPartKeys.likelihood))
    }

    mutating func readWaitPoint(_ node: Node, at path: ModelPath) -> WaitPoint? {
        guard let fields = fields(node, at: path, what: "wait point", keys: .waitPoint) else { return nil }
        return WaitPoint(tolerance: time(fields, StepPartKeys.waitTolerance), notes: text(fields, StepPartKeys.waitNotes))
    }

    mutating func readFlow(_ node: Node, at path: ModelPath) -> Flow? {
        guard let fields = fields(node, at: path, what: "flow", keys: .flow, required: FlowKeys.required) else {
            return nil
        }
        let unknown = fields[FlowKeys.probability].map(Self.isUnknown) ?? false
        var flow = Flow(
            from: text(fields, FlowKeys.from) ?? "", to: text(fields, FlowKeys.to) ?? "",
            kind: choice(fields, FlowKeys.kind, "flow kind", names: FlowKind.allCases.map(\.rawValue)) {
                FlowKind(rawValue: $0)
            } ?? .sequence,
            label: text(fields, FlowKeys.label), probability: unknown ? nil : fraction(fields, FlowKeys.probability),
            isProbabilityUnknown: unknown)
        readMeasuredKeys(fields, into: &flow)
        return flow
    }

    mutating func readAssociation(_ node: Node, at path: ModelPath) -> Association? {
        guard let fields = fields(
            node, at: path, what: "association", keys: .association, required: ["between"])
        else { return nil }
        let between = list(fields, "between")
        guard between.count == 2 else {
            if let value = fields["between"], !unreadable.covers(path.appending("between")) {
                invalid("between", ["found": .integer(between.count)], value, path.appending("between"))
            }
            return nil
        }
        return Association(between: between[0], and: between[1], label: text(fields, "label"))
    }

    mutating func readBottleneck(_ node: Node, at path: ModelPath) -> DeclaredBottleneck? {
        guard let fields = fields(
            node, at: path, what: "bottleneck", keys: .bottleneck, required: ["cause"])
        else { return nil }
        return DeclaredBottleneck(step: text(fields, "step"), actor: text(fields, "actor"), cause: text(fields, "cause") ?? "")
    }
}
