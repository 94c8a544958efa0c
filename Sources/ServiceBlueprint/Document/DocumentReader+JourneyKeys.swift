/// The file keys of the customer's path and follow-ups (issue 11), kept apart from the core reader
/// and writer so both can change independently.
enum JourneyDocumentKeys {
    /// Extra journey keys.
    static let journey = ["followUps"]
    /// Extra step keys.
    static let step = ["followUp", "direction", "delivers"]
    /// Extra standards keys.
    static let standards = ["startWithin"]
}

extension DocumentReader {
    /// `followUp: true`, `direction: outbound`, `delivers: customer|partner|record` on a step.
    mutating func readJourneyKeys(_ fields: Fields, into step: inout Step) {
        if let node = fields[StepKeys.followUp] { step.followUp = bool(node, at: fields.path.appending("followUp"), "'followUp'") ?? false }
        step.direction = choice(fields, StepKeys.direction, "touchpoint direction", names: TouchpointDirection.allCases.map(\.rawValue)) {
            TouchpointDirection(rawValue: $0)
        }
        step.delivers = choice(fields, StepKeys.delivers, "delivery", names: Delivery.allCases.map(\.rawValue)) {
            Delivery(rawValue: $0)
        }
    }

    /// `followUps: [step ids]` on a journey.
    mutating func readJourneyKeys(_ fields: Fields, into journey: inout Journey) {
        journey.followUps = list(fields, "followUps")
    }
}

extension Step {
    /// Writes the keys of ``JourneyDocumentKeys/step``.
    func addJourneyKeys(to map: inout MappingBuilder) {
        if followUp { map.add("followUp", .bool(true)) }
        map.add("direction", direction?.rawValue)
        map.add("delivers", delivers?.rawValue)
    }
}
