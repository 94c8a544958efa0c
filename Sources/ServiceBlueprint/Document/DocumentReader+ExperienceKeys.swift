/// The file keys of the customer's side (issue 16): KPIs, SERVQUAL dimensions and cost, kept apart from
/// the core reader and writer so both can change independently.
enum ExperienceDocumentKeys {
    /// Extra top-level keys.
    static let blueprint = ["kpis", "currency"]
    /// Extra actor keys.
    static let actor = ["rate"]
    /// Extra step keys.
    static let step = ["cost", "painDimension"]
    /// Extra journey keys.
    static let journey = ["costOfDelay"]
    /// Extra stage keys.
    static let stage = ["painDimension"]
    /// Extra standards keys.
    static let standards = ["dimension"]
    /// The keys of a KPI.
    static let kpi = ["id", "title", "kind", "step", "stage", "journey", "target", "dimension", "measured"]
    /// The keys of a measurement.
    static let measurement = ["value", "scores", "sample", "period"]
}

extension DocumentReader {
    /// `kpis:` at the top of the document.
    mutating func readExperienceKeys(_ fields: Fields, into blueprint: inout Blueprint) {
        blueprint.kpis = collection(fields, "kpis", idSpace: "kpis", placeholder: { KPI(id: "", kind: .custom) }) {
            $0.readKPI($1, at: $2)
        }
        blueprint.currency = text(fields, "currency")
    }

    /// `rate: 42` on an actor.
    mutating func readExperienceKeys(_ fields: Fields, into actor: inout Actor) {
        actor.rate = amount(fields, "rate")
    }

    /// `cost: 3.5` on a step.
    mutating func readExperienceKeys(_ fields: Fields, into step: inout Step) {
        step.cost = amount(fields, StepKeys.cost)
        step.painDimension = dimension(fields, StepKeys.painDimension)
    }

    /// `painDimension: responsiveness` on a stage.
    mutating func readExperienceKeys(_ fields: Fields, into stage: inout Stage) {
        stage.painDimension = dimension(fields, "painDimension")
    }

    /// `dimension: responsiveness` in standards.
    mutating func readExperienceKeys(_ fields: Fields, into standards: inout Standards) {
        standards.dimension = dimension(fields, StepPartKeys.dimension)
    }

    /// An amount of money or a rate: a number ≥ 0; a negative one is a located error.
    mutating func amount(_ fields: Fields, _ key: some FieldKey) -> Double? {
        guard let value = decimal(fields, key) else { return nil }
        if value < 0, let node = fields[key] {
            invalid(
                "negativeAmount", ["key": .verbatim(key.keyName), "found": .verbatim(ExperienceText.number(value))], node,
                fields.path.appending(key.keyName))
            return nil
        }
        return value
    }

    mutating func dimension(_ fields: Fields, _ key: some FieldKey = "dimension") -> ServqualDimension? {
        choice(fields, key, "SERVQUAL dimension", names: ServqualDimension.allCases.map(\.rawValue)) {
            ServqualDimension(rawValue: $0)
        }
    }

    mutating func readKPI(_ node: Node, at path: ModelPath) -> KPI? {
        guard let fields = fields(node, at: path, what: "KPI", keys: .kpi, required: ["id", "kind"]) else {
            return nil
        }
        return KPI(
            id: text(fields, "id") ?? "", title: text(fields, "title"),
            kind: choice(fields, "kind", "KPI kind", names: KPIKind.allCases.map(\.rawValue)) { KPIKind(rawValue: $0) } ?? .custom,
            step: text(fields, "step"), stage: text(fields, "stage"), journey: text(fields, "journey"),
            target: decimal(fields, "target"), dimension: dimension(fields),
            measured: collection(fields, "measured", placeholder: { KPIMeasurement() }) { $0.readMeasurement($1, at: $2) })
    }

    mutating func readMeasurement(_ node: Node, at path: ModelPath) -> KPIMeasurement? {
        guard let fields = fields(node, at: path, what: "measurement", keys: .measurement) else {
            return nil
        }
        var scores: [Int] = []
        if let list = fields["scores"], let items = items(list, at: path.appending("scores"), "'scores'") {
            scores = items.map { integer($0.node, at: $0.path, "a score count") ?? 0 }
        }
        return KPIMeasurement(value: decimal(fields, "value"), scores: scores, sample: whole(fields, "sample"), period: text(fields, "period"))
    }
}

extension Blueprint {
    /// Writes the keys of ``ExperienceDocumentKeys/blueprint``.
    func addExperienceKeys(to map: inout MappingBuilder) {
        map.add("kpis", kpis.map(\.documentValue))
        map.add("currency", currency)
    }
}

extension KPI {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title == id ? nil : title)
        map.add("kind", kind.rawValue)
        map.add("step", step)
        map.add("stage", stage)
        map.add("journey", journey)
        map.add("target", target)
        map.add("dimension", dimension?.rawValue)
        map.add("measured", measured.map { measurement -> DocumentValue in
            var entry = MappingBuilder()
            entry.add("value", measurement.value)
            entry.add("scores", measurement.scores.map { DocumentValue.integer($0) })
            entry.add("sample", measurement.sample)
            entry.add("period", measurement.period)
            return entry.value
        })
        return map.value
    }
}
