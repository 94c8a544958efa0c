import Foundation
import ServiceBlueprint

/// BPMN element names and the small text heuristics the importer uses, in one place.
enum BPMNVocabulary {
    static let tasks: Set<String> = [
        "task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "businessRuleTask",
        "callActivity",
    ]
    static let containers: Set<String> = ["subProcess", "transaction", "adHocSubProcess"]
    static let gateways: Set<String> = [
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
    ]
    /// Gateways whose split takes one of its branches (or some: inclusive), never all as a rule.
    static let exclusiveGateways: Set<String> = ["exclusiveGateway", "inclusiveGateway", "eventBasedGateway"]
    static let events: Set<String> = [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    ]
    static var flowNodes: Set<String> { tasks.union(containers).union(gateways).union(events) }

    /// Children of flow elements that are read as parts of their parent.
    static let parts: Set<String> = [
        "incoming", "outgoing", "documentation", "extensionElements", "conditionExpression", "ioSpecification",
        "dataInput", "dataOutput", "inputSet", "outputSet", "dataInputRefs", "dataOutputRefs", "optionalInputRefs",
        "whileExecutingInputRefs", "outputSetRefs", "inputSetRefs", "property", "sourceRef", "targetRef",
        "timerEventDefinition", "timeDuration", "timeDate", "timeCycle", "messageEventDefinition",
        "signalEventDefinition", "errorEventDefinition", "escalationEventDefinition", "terminateEventDefinition",
        "conditionalEventDefinition", "linkEventDefinition", "compensateEventDefinition", "cancelEventDefinition",
        "condition", "eventDefinitionRef", "dataState", "transformation", "assignment", "from", "to",
        "completionCondition", "script", "text", "flowNodeRef", "laneSet", "childLaneSet", "participantMultiplicity",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "resourceAssignmentExpression",
        "formalExpression", "expression", "dataObjectRef", "dataStoreRef", "loopCardinality", "inputDataItem",
        "outputDataItem",
    ]

    /// Top-level declarations that elements refer to (read through those elements).
    static let declarations: Set<String> = [
        "message", "signal", "error", "escalation", "itemDefinition", "category", "categoryValue", "resource",
        "interface", "operation", "inMessageRef", "outMessageRef", "import", "extension", "relationship", "dataStore",
        "correlationKey", "correlationProperty", "globalTask", "partnerRole", "partnerEntity", "endPoint",
    ]

    static let customerWords = [
        "customer", "client", "patient", "guest", "applicant", "citizen", "passenger", "buyer", "consumer",
        "member", "visitor", "caller", "shopper", "kunde", "cliente", "requester", "requestor",
    ]

    /// `true` when a pool or lane name names the customer.
    static func namesCustomer(_ name: String?) -> Bool {
        guard let name = name?.lowercased() else { return false }
        return customerWords.contains { name.contains($0) }
    }

    /// The step kind a task type and name suggest.
    static func kind(type: String, name: String) -> StepKind {
        switch type {
        case "serviceTask", "scriptTask": return .automated
        case "sendTask", "receiveTask": return .communication
        case "businessRuleTask": return .decision
        case "intermediateCatchEvent": return .wait
        default: break
        }
        let lowered = Array(name.lowercased().utf8)
        func mentions(_ words: [String]) -> Bool { words.contains { contains(lowered, Array($0.utf8)) } }
        if mentions(["approv"]) { return .approval }
        if mentions(["check", "verify", "review", "inspect", "validate"]) { return .check }
        if mentions(["decide", "decision"]) { return .decision }
        if mentions(["ship", "deliver", "transport"]) { return .transport }
        return .action
    }

    /// Byte substring search (names are short; Foundation's `contains` is far slower per call).
    static func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        guard !word.isEmpty, text.count >= word.count else { return word.isEmpty }
        for start in 0...(text.count - word.count) where text[start] == word[0] {
            var index = 1
            while index < word.count, text[start + index] == word[index] { index += 1 }
            if index == word.count { return true }
        }
        return false
    }

    /// The channel the names on a message flow or task suggest; in person when none does.
    static func channel(from texts: [String]) -> Channel {
        let words = texts.joined(separator: " ").lowercased()
        let table: [([String], Channel)] = [
            (["e-mail", "email", "mail"], .email), (["phone", "call", "hotline"], .phone), (["chat"], .chat),
            (["sms", "text message"], .sms), (["letter", "post "], .letter),
            (["web", "online", "portal", "website", "form"], .web), ([" app", "app "], .app), (["kiosk"], .kiosk),
            (["social"], .social),
        ]
        for (keys, channel) in table where keys.contains(where: { words.contains($0) }) { return channel }
        return .inPerson
    }

    /// One line of display text: newlines and runs of spaces folded.
    static func label(_ text: String?) -> String? {
        guard let text else { return nil }
        // Fast path: no leading, trailing, doubled or non-space whitespace to fold.
        var previousWasSpace = true, clean = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20
            if (isSpace && previousWasSpace) || byte < 0x20 || byte >= 0x80 {
                clean = false
                break
            }
            previousWasSpace = isSpace
        }
        if clean && !previousWasSpace { return text }
        let folded = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    /// An ISO 8601 duration (`PT15M`, `P1DT2H`, `P2W`) as a blueprint duration.
    static func isoDuration(_ text: String) -> BlueprintDuration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased())
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var seconds = 0.0, inTime = false, number = "", sawPart = false
        for character in rest {
            if character == "T" {
                inTime = true
                continue
            }
            if character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            sawPart = true
            switch (character, inTime) {
            case ("Y", false): seconds += value * 365 * 86_400
            case ("M", false): seconds += value * 30 * 86_400
            case ("W", false): seconds += value * 7 * 86_400
            case ("D", false): seconds += value * 86_400
            case ("H", true): seconds += value * 3_600
            case ("M", true): seconds += value * 60
            case ("S", true): seconds += value
            default: return nil
            }
        }
        guard number.isEmpty, sawPart, seconds.isFinite else { return nil }
        return .seconds(seconds)
    }

    /// A blueprint duration as ISO 8601 (`PT1H30M`, `P1DT2H`).
    static func isoText(_ duration: BlueprintDuration) -> String {
        var rest = duration.seconds
        let days = (rest / 86_400).rounded(.down)
        rest -= days * 86_400
        let hours = (rest / 3_600).rounded(.down)
        rest -= hours * 3_600
        let minutes = (rest / 60).rounded(.down)
        rest -= minutes * 60
        var text = "P"
        if days > 0 { text += "\(Int64(days))D" }
        if hours > 0 || minutes > 0 || rest > 0 || days == 0 {
            text += "T"
            if hours > 0 { text += "\(Int64(hours))H" }
            if minutes > 0 { text += "\(Int64(minutes))M" }
            if rest > 0 || (hours == 0 && minutes == 0) {
                text += rest == rest.rounded() ? "\(Int64(rest))S" : "\(rest)S"
            }
        }
        return text
    }

    /// A probability stated in a number or a percentage (`0.3`, `30%`), if it lies in 0…1.
    static func probability(number text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double?
        if trimmed.hasSuffix("%") {
            // `30 %` (a space before the sign, as French and German write it) is 30 % too.
            value = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
        } else {
            value = Double(trimmed)
        }
        guard let value, (0...1).contains(value) else { return nil }
        return value
    }

    /// A probability written in a condition (`probability = 0.3`) or a name (`yes (70%)`).
    static func probability(stated text: String) -> Double? {
        let lowered = text.lowercased()
        if let range = lowered.range(of: "probability") {
            let tail = lowered[range.upperBound...].drop { " =:".contains($0) }
            let number = tail.prefix { $0.isNumber || $0 == "." || $0 == "%" }
            if let value = probability(number: String(number)) { return value }
        }
        if let open = lowered.lastIndex(of: "("), lowered.hasSuffix("%)") {
            return probability(number: String(lowered[lowered.index(after: open)..<lowered.index(before: lowered.endIndex)]))
        }
        return nil
    }
}
