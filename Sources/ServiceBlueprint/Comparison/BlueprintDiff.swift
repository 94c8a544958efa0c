/// The structural difference between two versions of a blueprint, e.g. as-is and to-be.
///
/// Steps are matched by id, flows by `from->to`. Metric deltas come from the analyses
/// (see ``Analyzer``); this type only compares the model.
public struct BlueprintDiff: Sendable, Hashable {
    /// One changed property of a step or flow.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// The property name as in files, e.g. `duration`.
        public var field: String
        /// The old value as text (empty when unset).
        public var old: String
        /// The new value as text (empty when unset).
        public var new: String
        /// `field: old → new`.
        public var description: String {
            "\(field): \(old.isEmpty ? "(none)" : old) → \(new.isEmpty ? "(none)" : new)"
        }
    }

    /// A step or flow present in both versions with at least one changed property.
    public struct Modified: Sendable, Hashable {
        /// The step id or flow id.
        public var id: String
        /// What changed.
        public var changes: [Change]
    }

    /// Steps only in the new version.
    public var addedSteps: [Step]
    /// Steps only in the old version.
    public var removedSteps: [Step]
    /// Steps in both versions that differ.
    public var changedSteps: [Modified]
    /// Flows only in the new version.
    public var addedFlows: [Flow]
    /// Flows only in the old version.
    public var removedFlows: [Flow]
    /// Flows in both versions that differ.
    public var changedFlows: [Modified]

    /// `true` when the two versions have the same steps and flows.
    public var isEmpty: Bool {
        addedSteps.isEmpty && removedSteps.isEmpty && changedSteps.isEmpty
            && addedFlows.isEmpty && removedFlows.isEmpty && changedFlows.isEmpty
    }

    /// Compares `old` with `new`. Output order follows the new version (removed items: the old one).
    public init(old: Blueprint, new: Blueprint) {
        let oldSteps = Dictionary(old.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newStepIDs = Set(new.steps.map(\.id))
        addedSteps = new.steps.filter { oldSteps[$0.id] == nil }
        removedSteps = old.steps.filter { !newStepIDs.contains($0.id) }
        changedSteps = new.steps.compactMap { step in
            guard let before = oldSteps[step.id], before != step else { return nil }
            return Modified(id: step.id, changes: Self.changes(before, step))
        }

        let oldFlows = Dictionary(old.flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newFlowIDs = Set(new.flows.map(\.id))
        addedFlows = new.flows.filter { oldFlows[$0.id] == nil }
        removedFlows = old.flows.filter { !newFlowIDs.contains($0.id) }
        changedFlows = new.flows.compactMap { flow in
            guard let before = oldFlows[flow.id], before != flow else { return nil }
            var changes: [Change] = []
            Self.compare("kind", before.kind.rawValue, flow.kind.rawValue, into: &changes)
            Self.compare("label", before.label, flow.label, into: &changes)
            Self.compare("probability", before.probability.map { "\($0)" }, flow.probability.map { "\($0)" }, into: &changes)
            return Modified(id: flow.id, changes: changes)
        }
    }

    static func changes(_ a: Step, _ b: Step) -> [Change] {
        var changes: [Change] = []
        compare("title", a.title, b.title, into: &changes)
        compare("lane", a.lane.rawValue, b.lane.rawValue, into: &changes)
        compare("stage", a.stage, b.stage, into: &changes)
        compare("actor", a.actor, b.actor, into: &changes)
        compare("owner", a.owner, b.owner, into: &changes)
        compare("channel", a.channel?.rawValue, b.channel?.rawValue, into: &changes)
        compare("kind", a.kind.rawValue, b.kind.rawValue, into: &changes)
        compare("duration", a.duration.map(text), b.duration.map(text), into: &changes)
        compare("waitBefore", a.waitBefore?.description, b.waitBefore?.description, into: &changes)
        compare("standards", text(a.standards), text(b.standards), into: &changes)
        compare("failPoint", a.failPoint.map(text), b.failPoint.map(text), into: &changes)
        compare("waitPoint", a.waitPoint?.tolerance?.description ?? (a.waitPoint == nil ? nil : "yes"),
                b.waitPoint?.tolerance?.description ?? (b.waitPoint == nil ? nil : "yes"), into: &changes)
        compare("value", a.value?.rawValue, b.value?.rawValue, into: &changes)
        compare("needs", a.needs.joined(separator: ", "), b.needs.joined(separator: ", "), into: &changes)
        compare("produces", a.produces.joined(separator: ", "), b.produces.joined(separator: ", "), into: &changes)
        compare("evidence", a.evidence.joined(separator: ", "), b.evidence.joined(separator: ", "), into: &changes)
        compare("emotion", a.emotion.map(String.init), b.emotion.map(String.init), into: &changes)
        compare("painPoints", a.painPoints.joined(separator: "; "), b.painPoints.joined(separator: "; "), into: &changes)
        compare("tags", a.tags.joined(separator: ", "), b.tags.joined(separator: ", "), into: &changes)
        compare("notes", a.notes, b.notes, into: &changes)
        compare("url", a.url, b.url, into: &changes)
        return changes
    }

    static func compare(_ field: String, _ a: String?, _ b: String?, into changes: inout [Change]) {
        let old = a ?? "", new = b ?? ""
        if old != new { changes.append(Change(field: field, old: old, new: new)) }
    }

    static func text(_ time: ProcessTime) -> String {
        time.isFixed ? time.likely.description : "\(time.min)/\(time.likely)/\(time.max)"
    }

    static func text(_ standards: Standards) -> String {
        var parts: [String] = []
        if let time = standards.time { parts.append("time \(time.target)±\(time.tolerance)") }
        if let sop = standards.sop { parts.append("sop \(sop)") }
        if let service = standards.service { parts.append("service \"\(service)\"") }
        if let response = standards.response { parts.append("response \(response)") }
        return parts.joined(separator: ", ")
    }

    static func text(_ failPoint: FailPoint) -> String {
        [failPoint.risk, failPoint.recovery.map { "recovery: \($0)" }, failPoint.owner.map { "owner: \($0)" }]
            .compactMap { $0 }.joined(separator: "; ")
    }
}
