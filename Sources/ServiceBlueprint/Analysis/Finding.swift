/// Something an analysis rule found in a blueprint: which steps, why, what to do, and what it gains.
///
/// Findings print like compiler diagnostics, with the rule id at the end:
/// `repair.yml:42:5: warning: 'Agent asks for the serial number' (ask-serial) asks the customer again … [redundant-information-request]`.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id of the rule that made the finding, e.g. `parallelizable-chain`.
    public var ruleID: String
    /// How serious it is (the rule's default or the configured override).
    public var severity: Severity
    /// What is wrong and why, in plain language; names steps by title and id.
    public var message: String
    /// The steps involved, most relevant first.
    public var stepIDs: [String]
    /// The flows involved, by flow id (`from->to`).
    public var flowIDs: [String]
    /// Where in the model the finding points, e.g. `steps[4]`.
    public var path: ModelPath?
    /// Where in the file, when the blueprint came from a file and a ``SourceMap`` was given.
    public var location: SourceLocation?
    /// A machine-readable suggestion for what to change.
    public var fix: SuggestedFix?
    /// What the change gains, where it can be quantified.
    public var impact: Impact?
    /// For a finding that stands for many steps with the same reason, the single findings it folds
    /// together (each with its own location and fix); `nil` for an ordinary finding.
    public var grouped: [Finding]?
    /// The message as a catalog key with arguments, so it can be shown in any ``Language``;
    /// ``message`` is its English text. `nil` for a finding made from a plain string (a third-party rule).
    public var text: LocalizedText?

    // `text` stays out of JSON: reports and golden files keep their fields, and `message` carries the text.
    private enum CodingKeys: String, CodingKey {
        case ruleID, severity, message, stepIDs, flowIDs, path, location, fix, impact, grouped
    }

    /// Creates a finding.
    public init(
        ruleID: String, severity: Severity, message: String, stepIDs: [String] = [], flowIDs: [String] = [],
        path: ModelPath? = nil, location: SourceLocation? = nil, fix: SuggestedFix? = nil, impact: Impact? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.stepIDs = stepIDs
        self.flowIDs = flowIDs
        self.path = path
        self.location = location
        self.fix = fix
        self.impact = impact
    }

    /// Creates a finding whose message is a catalog text; ``message`` is its English rendering.
    public init(
        ruleID: String, severity: Severity, text: LocalizedText, stepIDs: [String] = [], flowIDs: [String] = [],
        path: ModelPath? = nil, location: SourceLocation? = nil, fix: SuggestedFix? = nil, impact: Impact? = nil
    ) {
        self.init(
            ruleID: ruleID, severity: severity, message: text.rendered(in: .english), stepIDs: stepIDs, flowIDs: flowIDs,
            path: path, location: location, fix: fix, impact: impact)
        self.text = text
    }

    /// Equal when everything but ``text`` is: the text is the message's catalog form, and JSON does
    /// not carry it, so a decoded finding equals the one encoded.
    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.ruleID == rhs.ruleID && lhs.severity == rhs.severity && lhs.message == rhs.message && lhs.stepIDs == rhs.stepIDs
            && lhs.flowIDs == rhs.flowIDs && lhs.path == rhs.path && lhs.location == rhs.location && lhs.fix == rhs.fix
            && lhs.impact == rhs.impact && lhs.grouped == rhs.grouped
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ruleID)
        hasher.combine(severity)
        hasher.combine(message)
        hasher.combine(stepIDs)
        hasher.combine(path)
        hasher.combine(location)
    }

    /// The message in `language`; the English ``message`` when the finding has no catalog text.
    public func message(in language: Language) -> String {
        guard language != .english, let text else { return message }
        return text.rendered(in: language)
    }

    /// `location: severity: message [rule-id]`, or with the model path when there is no file location.
    public var description: String {
        let text = "\(severity): \(message) [\(ruleID)]"
        if let location { return "\(location): \(text)" }
        if let path, !path.isRoot { return "\(path): \(text)" }
        return text
    }
}

/// A change that would resolve a finding: a machine-readable action and a sentence for people.
public struct SuggestedFix: Sendable, Hashable, Codable {
    /// What to change, in a form tools can apply or display.
    public enum Action: Sendable, Hashable, Codable {
        /// Remove the step.
        case removeStep(step: String)
        /// Merge the steps into one (the first one is kept).
        case mergeSteps(steps: [String])
        /// Run the steps of a serial chain in parallel; ``ParallelizationSuggestion/apply(to:)`` rewrites the flows.
        case parallelize(ParallelizationSuggestion)
        /// Give the step a time standard; the suggestion comes from the step's own estimate when it has one.
        case addTimeStandard(step: String, suggestedTarget: BlueprintDuration?, suggestedTolerance: BlueprintDuration?)
        /// Name who is accountable for the step.
        case addOwner(step: String)
        /// Commit to a response time on a channel (or on one touchpoint).
        case addResponseCommitment(channel: String, steps: [String])
        /// Write a service standard, script or SOP reference for the step.
        case addServiceStandard(step: String)
        /// Give the fail point a recovery plan and/or a recovery owner.
        case addRecovery(step: String)
        /// Say how long the customer will accept to wait at the wait point.
        case addTolerance(step: String)
        /// Give the journey a lead-time target.
        case addTarget(journey: String, suggestedLeadTime: BlueprintDuration?)
        /// Reuse information an earlier step already captured instead of collecting it again.
        case reuseInformation(step: String, item: String, capturedBy: String)
        /// Remove the cause of rework found at `step` so the work need not go back to `returnsTo`.
        case preventRework(step: String, returnsTo: String)
        /// Let one department own the listed steps, so work stops crossing department walls.
        case assignToOneTeam(steps: [String], department: String)
        /// Tighten time standards on the listed steps so the journey can meet its target.
        case alignStandards(journey: String, steps: [String], excess: BlueprintDuration)
        /// Connect the step to the flow (add a flow in or out), or remove it.
        case connectStep(step: String)
        /// Add the backstage or support work that makes the customer action possible.
        case addSupport(step: String)
        /// Add physical evidence the customer sees or receives at the touchpoint.
        case addEvidence(step: String)
        /// Any other change, described in words (for third-party rules).
        case custom(String)
    }

    /// The machine-readable action.
    public var action: Action
    /// The same change as one sentence for people (English).
    public var summary: String
    /// The sentence as a catalog key with arguments; `nil` for a fix made from a plain string.
    public var text: LocalizedText?

    private enum CodingKeys: String, CodingKey { case action, summary }

    /// Creates a suggested fix.
    public init(_ action: Action, summary: String) {
        self.action = action
        self.summary = summary
    }

    /// Creates a suggested fix whose sentence is a catalog text; ``summary`` is its English rendering.
    public init(_ action: Action, text: LocalizedText) {
        self.init(action, summary: text.rendered(in: .english))
        self.text = text
    }

    /// Equal when the action and the English sentence are (see ``Finding/==(_:_:)``).
    public static func == (lhs: SuggestedFix, rhs: SuggestedFix) -> Bool { lhs.action == rhs.action && lhs.summary == rhs.summary }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(action)
        hasher.combine(summary)
    }

    /// The sentence in `language`; the English ``summary`` when the fix has no catalog text.
    public func summary(in language: Language) -> String {
        guard language != .english, let text else { return summary }
        return text.rendered(in: language)
    }
}

/// What a suggested change gains, in numbers with units. Durations encode as human strings (`10min`).
public struct Impact: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Reduction of the lead time (critical path) of ``journey``.
    public var leadTimeSaved: BlueprintDuration?
    /// Waiting time the customer no longer has.
    public var customerWaitRemoved: BlueprintDuration?
    /// Hand-offs between actors or departments that disappear.
    public var handoffsRemoved: Int?
    /// Steps that disappear.
    public var stepsRemoved: Int?
    /// The journey the numbers were measured on; `nil` for the whole blueprint.
    public var journey: String?
    /// Money saved per case of ``journey``, in the blueprint's currency: the labour and fixed costs of the
    /// work removed, and the lead time saved at the journey's cost of delay; `nil` when costs are not modelled.
    public var costSaved: Double? = nil

    /// Creates an impact.
    public init(
        leadTimeSaved: BlueprintDuration? = nil, customerWaitRemoved: BlueprintDuration? = nil,
        handoffsRemoved: Int? = nil, stepsRemoved: Int? = nil, journey: String? = nil
    ) {
        self.leadTimeSaved = leadTimeSaved
        self.customerWaitRemoved = customerWaitRemoved
        self.handoffsRemoved = handoffsRemoved
        self.stepsRemoved = stepsRemoved
        self.journey = journey
    }

    /// `true` when no quantity is set.
    public var isEmpty: Bool {
        leadTimeSaved == nil && customerWaitRemoved == nil && handoffsRemoved == nil && stepsRemoved == nil && costSaved == nil
    }

    /// E.g. "saves 10min of lead time, removes 2 hand-offs".
    public var description: String {
        var parts: [String] = []
        if let leadTimeSaved { parts.append("saves \(leadTimeSaved) of lead time") }
        if let customerWaitRemoved { parts.append("removes \(customerWaitRemoved) of customer waiting") }
        if let handoffsRemoved { parts.append("removes \(handoffsRemoved) hand-off\(handoffsRemoved == 1 ? "" : "s")") }
        if let stepsRemoved { parts.append("removes \(stepsRemoved) step\(stepsRemoved == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }

    /// ``description`` as a catalog text, to show in any ``Language``.
    public var text: LocalizedText {
        var parts: [TextArgument] = []
        if let leadTimeSaved { parts.append(.phrase(LocalizedText("impact.leadTimeSaved", ["duration": .duration(leadTimeSaved)]))) }
        if let customerWaitRemoved {
            parts.append(.phrase(LocalizedText("impact.customerWaitRemoved", ["duration": .duration(customerWaitRemoved)])))
        }
        if let handoffsRemoved {
            parts.append(.phrase(LocalizedText("impact.handoffsRemoved.\(handoffsRemoved == 1 ? "one" : "other")", ["count": .integer(handoffsRemoved)])))
        }
        if let stepsRemoved {
            parts.append(.phrase(LocalizedText("impact.stepsRemoved.\(stepsRemoved == 1 ? "one" : "other")", ["count": .integer(stepsRemoved)])))
        }
        return LocalizedText("text.enumeration", ["items": .enumeration(parts)])
    }
}
