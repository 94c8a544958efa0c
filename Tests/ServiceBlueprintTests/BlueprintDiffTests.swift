import Testing

@testable import ServiceBlueprint

/// The model diff compares what the files hold, key by key, so no property can be forgotten.
@Suite("Blueprint diff")
struct BlueprintDiffTests {
    static func blueprint(_ steps: [Step], flows: [Flow] = []) -> Blueprint {
        Blueprint(id: "b", steps: steps, flows: flows)
    }

    @Test("keys the old field list never knew (follow-up, duration form) are reported by their file names")
    func everyKeyIsCompared() {
        let old = Self.blueprint([
            Step(id: "a", title: "A", lane: .customer, stage: "s", duration: ProcessTime(.minutes(5))),
            Step(id: "b", title: "B", lane: .backstage, stage: "s"),
        ])
        let new = Self.blueprint([
            Step(id: "a", title: "A", lane: .customer, stage: "s",
                 duration: ProcessTime(min: .minutes(3), likely: .minutes(5), max: .minutes(10))),
            Step(id: "b", title: "B", lane: .backstage, stage: "s", followUp: true),
        ])
        let diff = BlueprintDiff(old: old, new: new)
        #expect(diff.changedSteps.map(\.id) == ["a", "b"])
        #expect(diff.changedSteps[0].changes.map(\.description) == ["duration: 5min → {min: 3min, likely: 5min, max: 10min}"])
        #expect(diff.changedSteps[1].changes.map(\.description) == ["followUp: (none) → true"])
    }

    @Test("a removed key is listed after the kept ones; equal steps and flows are not listed")
    func removedKeysAndNoise() {
        let old = Self.blueprint(
            [Step(id: "a", title: "A", lane: .customer, stage: "s", notes: "ask twice"), Step(id: "b", title: "B", lane: .backstage, stage: "s")],
            flows: [Flow(from: "a", to: "b", label: "yes")])
        let new = Self.blueprint(
            [Step(id: "a", title: "A2", lane: .customer, stage: "s"), Step(id: "b", title: "B", lane: .backstage, stage: "s")],
            flows: [Flow(from: "a", to: "b", label: "no")])
        let diff = BlueprintDiff(old: old, new: new)
        #expect(diff.changedSteps.map(\.id) == ["a"])
        #expect(diff.changedSteps[0].changes.map(\.field) == ["title", "notes"])
        #expect(diff.changedFlows.first?.changes.map(\.description) == ["label: yes → no"])
        #expect(BlueprintDiff(old: old, new: old).isEmpty)
    }
}
