extension Stage {
    /// Declares a stage (a column of the blueprint) by id, for use in the DSL.
    ///
    /// Follow it with a block to place steps in the stage:
    ///
    /// ```swift
    /// Stage("contact", title: "Contact", goal: "Reach someone who can help", emotion: -1) {
    ///     Step("call", "Customer calls the hotline", lane: .customer, channel: .phone)
    /// }
    /// ```
    ///
    /// Without a block the stage is declared empty; steps can still name it with `stage:`.
    ///
    /// - Parameters:
    ///   - id: Stable id, referenced by steps.
    ///   - title: Display title; the id when omitted.
    ///   - goal: What the customer wants to achieve in this stage.
    ///   - emotion: The customer's emotion, from -2 to +2.
    ///   - painPoints: What hurts the customer here.
    ///   - momentsOfTruth: Moments that decide the customer's view of the service.
    ///   - evidence: What the customer sees throughout the stage (the servicescape).
    ///   - painDimension: The SERVQUAL dimension the stage's pain points hurt.
    public init(
        _ id: String, title: String? = nil, goal: String? = nil, emotion: Int? = nil,
        painPoints: [String] = [], momentsOfTruth: [String] = [], evidence: [String] = [],
        painDimension: ServqualDimension? = nil
    ) {
        self.init(
            id: id, title: title, goal: goal, emotion: emotion, painPoints: painPoints, momentsOfTruth: momentsOfTruth,
            evidence: evidence)
        self.painDimension = painDimension
    }

    /// Places the steps (and flows) of the block in this stage: `Stage("contact") { … }`.
    ///
    /// Steps declared without `stage:` take this stage's id. A step that names a different stage,
    /// or a stage block nested in this one, is reported by the throwing build.
    public func callAsFunction(@BlueprintBuilder _ content: () -> BlueprintContent) -> StageGroup {
        StageGroup(stage: self, content: content())
    }
}

extension Stage: BlueprintComponent {
    /// The stage, declared with no steps.
    public var blueprintContent: BlueprintContent { StageGroup(stage: self, content: BlueprintContent()).blueprintContent }
}

/// A stage together with the steps and flows written in its block.
///
/// Made by calling a ``Stage`` with a block; you rarely name this type yourself.
public struct StageGroup: BlueprintComponent, Hashable {
    /// The stage.
    public var stage: Stage
    /// What the block declared, with every step not yet placed still having an empty stage.
    public var content: BlueprintContent

    /// Groups content under a stage.
    public init(stage: Stage, content: BlueprintContent) {
        self.stage = stage
        self.content = content
    }

    /// The stage first, then the block's content with each unplaced step placed in this stage.
    public var blueprintContent: BlueprintContent {
        var result = BlueprintContent()
        result.stages = [stage]
        var inner = content
        for nested in inner.stages {
            inner.placementProblems.append(.nestedStage(inner: nested.id, outer: stage.id))
        }
        for index in inner.steps.indices {
            let declared = inner.steps[index].stage
            if declared.isEmpty {
                inner.steps[index].stage = stage.id
            } else if declared != stage.id, !inner.stages.contains(where: { $0.id == declared }) {
                // A step of a nested stage is already reported through the nesting.
                inner.placementProblems.append(
                    .conflictingStage(step: inner.steps[index].id, declared: declared, enclosing: stage.id))
            }
        }
        result.append(inner)
        return result
    }
}
