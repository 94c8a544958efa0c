import ServiceBlueprint

/// The columns of the steps table and how each reads and writes a step's field. One table,
/// used by both directions, so the importer and exporter cannot drift apart.
enum CSVColumns {
    /// Separates the entries of a list inside one cell (`needs`, `after`, `tags`…).
    static let listSeparator: Character = "|"

    static let names = [
        "id", "title", "lane", "stage", "actor", "owner", "channel", "kind", "duration", "wait_before", "after", "needs",
        "produces", "evidence", "standard_time", "standard_tolerance", "sop", "service_standard", "response",
        "fail_risk", "fail_recovery", "fail_owner", "fail_likelihood", "wait_point", "wait_tolerance", "wait_notes",
        "value", "emotion", "pain_points", "tags", "notes", "url",
    ] + experienceNames
    /// Issue 16's step fields (kpi16), last so older tables keep their column order.
    static let experienceNames = ["cost", "standard_dimension", "pain_dimension"]

    /// Model keys of a step as the validator names them, to the column that holds them.
    static let columnOfKey: [String: String] = [
        "id": "id", "title": "title", "lane": "lane", "stage": "stage", "actor": "actor", "owner": "owner",
        "channel": "channel", "kind": "kind", "duration": "duration", "waitBefore": "wait_before", "needs": "needs",
        "produces": "produces", "evidence": "evidence", "standards": "standard_time", "failPoint": "fail_risk",
        "waitPoint": "wait_point", "value": "value", "emotion": "emotion", "painPoints": "pain_points", "tags": "tags",
        "notes": "notes", "url": "url", "cost": "cost", "painDimension": "pain_dimension",
    ]

    static let flowNames = ["from", "to", "kind", "label", "probability"]

    static func list(_ values: [String]) -> String { values.joined(separator: String(listSeparator)) }

    static func list(_ text: String) -> [String] {
        text.split(separator: listSeparator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `5min`, or `min..likely..max` for a three-point estimate.
    static func duration(_ time: ProcessTime?) -> String {
        guard let time else { return "" }
        return time.isFixed ? time.likely.description : "\(time.min)..\(time.likely)..\(time.max)"
    }

    /// The cell values of a step, by column name; `after` is filled by the exporter.
    static func values(of step: Step) -> [String: String] {
        [
            "id": step.id, "title": step.title, "lane": step.lane.rawValue, "stage": step.stage, "actor": step.actor ?? "",
            "owner": step.owner ?? "", "channel": step.channel?.rawValue ?? "", "kind": step.kind.rawValue,
            "duration": duration(step.duration), "wait_before": step.waitBefore?.description ?? "",
            "needs": list(step.needs), "produces": list(step.produces), "evidence": list(step.evidence),
            "standard_time": step.standards.time?.target.description ?? "",
            "standard_tolerance": step.standards.time?.tolerance.description ?? "", "sop": step.standards.sop ?? "",
            "service_standard": step.standards.service ?? "", "response": step.standards.response?.description ?? "",
            "fail_risk": step.failPoint?.risk ?? "", "fail_recovery": step.failPoint?.recovery ?? "",
            "fail_owner": step.failPoint?.owner ?? "", "fail_likelihood": number(step.failPoint?.likelihood),
            "wait_point": step.waitPoint == nil ? "" : "yes", "wait_tolerance": step.waitPoint?.tolerance?.description ?? "",
            "wait_notes": step.waitPoint?.notes ?? "", "value": step.value?.rawValue ?? "",
            "emotion": step.emotion.map(String.init) ?? "", "pain_points": list(step.painPoints), "tags": list(step.tags),
            "notes": step.notes ?? "", "url": step.url ?? "", "cost": number(step.cost),
            "standard_dimension": step.standards.dimension?.rawValue ?? "", "pain_dimension": step.painDimension?.rawValue ?? "",
        ]
    }
}
