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
    ///
    /// Steps and flows are compared as the files write them (their document trees), so every key a
    /// file can hold is compared, and a change is named by the key a designer sees in the file.
    public init(old: Blueprint, new: Blueprint) {
        let oldSteps = Dictionary(old.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newStepIDs = Set(new.steps.map(\.id))
        addedSteps = new.steps.filter { oldSteps[$0.id] == nil }
        removedSteps = old.steps.filter { !newStepIDs.contains($0.id) }
        changedSteps = new.steps.compactMap { step in
            guard let before = oldSteps[step.id], before != step else { return nil }
            let changes = Self.changes(before.documentValue, step.documentValue)
            return changes.isEmpty ? nil : Modified(id: step.id, changes: changes)
        }

        let oldFlows = Dictionary(old.flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newFlowIDs = Set(new.flows.map(\.id))
        addedFlows = new.flows.filter { oldFlows[$0.id] == nil }
        removedFlows = old.flows.filter { !newFlowIDs.contains($0.id) }
        changedFlows = new.flows.compactMap { flow in
            guard let before = oldFlows[flow.id], before != flow else { return nil }
            let changes = Self.changes(before.documentValue, flow.documentValue)
            return changes.isEmpty ? nil : Modified(id: flow.id, changes: changes)
        }
    }

    /// The keys whose values differ between two mappings: the new version's keys in file order,
    /// then keys only the old version has.
    static func changes(_ old: DocumentValue, _ new: DocumentValue) -> [Change] {
        guard case .mapping(let before) = old, case .mapping(let after) = new else {
            return old == new ? [] : [Change(field: "value", old: old.compactText, new: new.compactText)]
        }
        let oldValues = Dictionary(before.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(after.map(\.key))
        var changes: [Change] = []
        for entry in after where oldValues[entry.key] != entry.value {
            changes.append(Change(field: entry.key, old: oldValues[entry.key]?.compactText ?? "", new: entry.value.compactText))
        }
        for entry in before where !newKeys.contains(entry.key) {
            changes.append(Change(field: entry.key, old: entry.value.compactText, new: ""))
        }
        return changes
    }
}

extension DocumentValue {
    /// A one-line text of the value for messages: scalars as written, lists joined by commas,
    /// mappings as `{key: value, …}`. Model trees are a few levels deep, so the recursion is shallow.
    var compactText: String {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .integer(let integer): String(integer)
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .list(let items): items.map(\.compactText).joined(separator: ", ")
        case .mapping(let entries): "{" + entries.map { "\($0.key): \($0.value.compactText)" }.joined(separator: ", ") + "}"
        }
    }
}
