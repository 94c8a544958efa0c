/// DSL modifiers for the customer's path, outbound touchpoints and delivered work (issue 11).
extension StepDeclaring {
    private func changing(_ change: (inout Step) -> Void) -> StepDeclaration {
        var result = declaration
        change(&result.step)
        return result
    }

    /// Marks the step as the start of follow-up work, off the customer's path: `.followUp()`.
    public func followUp(_ isFollowUp: Bool = true) -> StepDeclaration { changing { $0.followUp = isFollowUp } }

    /// Says who starts the contact at this touchpoint: `.direction(.outbound)` for an SMS the service sends.
    public func direction(_ direction: TouchpointDirection) -> StepDeclaration { changing { $0.direction = direction } }

    /// Declares where the step's output goes outside the journey: `.delivers(.record)`.
    public func delivers(_ delivery: Delivery) -> StepDeclaration { changing { $0.delivers = delivery } }

    /// A time-to-start commitment: the step begins within `time`, e.g. `.startWithin(.minutes(1))` for "greet within 1 minute".
    public func startWithin(_ time: BlueprintDuration) -> StepDeclaration { changing { $0.standards.startWithin = time } }
}
