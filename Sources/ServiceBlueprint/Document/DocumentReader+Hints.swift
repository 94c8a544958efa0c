import Foundation
import Yams

/// Readings that forgive or explain common mistakes of people writing blueprints by hand:
/// percentages where a fraction is meant, `unknown` probabilities, and bare numbers as durations.
extension DocumentReader {
    mutating func warning(_ text: LocalizedText, _ node: Node, _ modelPath: ModelPath) {
        diagnostics.append(Diagnostic(.warning, text, path: modelPath, location: location(node)))
    }

    /// The text of a plain or quoted scalar that YAML reads as a string, else `nil`.
    static func stringText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, kind(of: scalar) == .string else { return nil }
        return scalar.string
    }

    /// `10%` → 0.1; `nil` when the text is not a percentage.
    static func percentage(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("%"), let value = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)),
            value.isFinite, PlainScalar.isDecimal(trimmed.dropLast().trimmingCharacters(in: .whitespaces))
        else { return nil }
        return value / 100
    }

    /// `true` for `probability: unknown`.
    static func isUnknown(_ node: Node) -> Bool { stringText(node)?.lowercased() == "unknown" }

    /// A fraction: a number such as `0.1`, or a percentage such as `10%` (read as 0.1).
    mutating func fraction(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Double? {
        if let text = Self.stringText(node), let value = Self.percentage(text) { return value }
        return number(node, at: modelPath(), subject())
    }

    /// Reports a percentage where a plain number is expected, with what to write instead; `true` when reported.
    mutating func rejectPercent(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Bool {
        guard let text = Self.stringText(node), let value = Self.percentage(text) else { return false }
        invalid(
            "number.percent",
            ["subject": .verbatim(subject()), "found": .quoted(Self.shortened(text)), "number": .verbatim(DurationText.number(value * 100))],
            node, modelPath())
        return true
    }

    /// A number, with the percentage hint.
    mutating func numberWithHint(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Double? {
        rejectPercent(node, at: modelPath(), subject()) ? nil : number(node, at: modelPath(), subject())
    }

    /// A duration; a bare non-zero whole number is read as seconds, with a warning that says so.
    /// (Writers only write numbers for values no unit carries exactly, never whole seconds.)
    mutating func durationWithHint(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> BlueprintDuration? {
        guard let value = duration(node, at: modelPath(), subject()) else { return nil }
        if case .scalar(let scalar) = node, Self.kind(of: scalar) == .number, value.seconds > 0,
            scalar.string.allSatisfy(\.isWholeNumber)
        {
            let number = scalar.string
            warning(
                LocalizedText("diagnostic.duration.bareSeconds", ["subject": .verbatim(subject()), "number": .verbatim(number), "duration": .duration(value)]),
                node, modelPath())
        }
        return value
    }
}
