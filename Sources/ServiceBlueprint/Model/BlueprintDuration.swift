import Foundation

/// A span of time in a blueprint: a process time, a wait, a tolerance or a target.
///
/// Durations are stored in seconds. In files they are written the way people say them:
/// `90s`, `5min`, `2h`, `1.5d`, or combined as `1h30min`. A day is 24 hours of calendar time;
/// working hours are modelled on ``Actor/hours``, not here.
///
/// ```swift
/// let handling: BlueprintDuration = .minutes(5)
/// let parsed = try BlueprintDuration(parsing: "1h30min")   // 5 400 s
/// ```
public struct BlueprintDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in seconds. Never negative.
    public var seconds: Double

    /// Creates a duration of the given number of seconds (negative values are clamped to zero).
    public init(seconds: Double) { self.seconds = max(0, seconds) }

    /// No time at all.
    public static let zero = BlueprintDuration(seconds: 0)
    /// A duration of `value` seconds.
    public static func seconds(_ value: Double) -> Self { .init(seconds: value) }
    /// A duration of `value` minutes.
    public static func minutes(_ value: Double) -> Self { .init(seconds: value * 60) }
    /// A duration of `value` hours.
    public static func hours(_ value: Double) -> Self { .init(seconds: value * 3_600) }
    /// A duration of `value` calendar days (24 hours each).
    public static func days(_ value: Double) -> Self { .init(seconds: value * 86_400) }

    /// The length in minutes.
    public var minutes: Double { seconds / 60 }
    /// The length in hours.
    public var hours: Double { seconds / 3_600 }

    /// Adds two durations.
    public static func + (lhs: Self, rhs: Self) -> Self { .init(seconds: lhs.seconds + rhs.seconds) }
    /// Subtracts a duration, stopping at zero.
    public static func - (lhs: Self, rhs: Self) -> Self { .init(seconds: lhs.seconds - rhs.seconds) }
    /// Scales a duration.
    public static func * (lhs: Self, rhs: Double) -> Self { .init(seconds: lhs.seconds * rhs) }
    /// Orders durations by length.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }

    /// The canonical text form, as written to files and shown in messages: whole seconds in compound
    /// form from days down (`5min`, `2h 15min`, `1d 12h`, `1min 30s`); fractions of a second in one
    /// exact unit (`0.5s`). Always parses back to the same value.
    public var description: String { DurationText.format(self) }

    /// Parses the human form: a sequence of `<number><unit>` parts with units `ms`, `s`/`sec`,
    /// `m`/`min`, `h`/`hr`, `d`/`day`/`days`, `w`/`wk`. A bare number is seconds.
    /// - Throws: ``DurationParseError`` with a message that names the accepted units.
    public init(parsing text: String) throws(DurationParseError) {
        self = try DurationText.parse(text)
    }

    /// Decodes from the human string form, or from a number of seconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self.init(seconds: number)
            return
        }
        let text = try container.decode(String.self)
        do { self = try DurationText.parse(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the canonical human string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a duration string could not be read.
public struct DurationParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence describing the problem and the accepted forms.
    public var message: String
    /// The sentence as a catalog text, to show in any ``Language``.
    public var text: LocalizedText?
    /// The same as ``message``.
    public var description: String { message }

    /// The error with the catalog text `diagnostic.duration.<key>`; ``message`` is its English rendering.
    init(_ key: String, _ raw: String, unit: String? = nil) {
        let text = LocalizedText("diagnostic.duration.\(key)", ["raw": .quoted(raw), "unit": .quoted(unit ?? "")])
        self.message = text.rendered(in: .english)
        self.text = text
    }
}

/// Parsing and formatting of the human duration syntax, kept in one place so files, CLI and DSL agree.
enum DurationText {
    static let units: [(names: [String], factor: Double)] = [
        (["ms"], 0.001),
        (["s", "sec", "secs", "second", "seconds"], 1),
        (["m", "min", "mins", "minute", "minutes"], 60),
        (["h", "hr", "hrs", "hour", "hours"], 3_600),
        (["d", "day", "days"], 86_400),
        (["w", "wk", "week", "weeks"], 604_800),
    ]

    static func parse(_ raw: String) throws(DurationParseError) -> BlueprintDuration {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { throw DurationParseError("empty", raw) }
        if let plain = Double(text), plain.isFinite {
            guard plain >= 0 else { throw DurationParseError("negative", raw) }
            return .init(seconds: plain)
        }
        var total = 0.0
        var index = text.startIndex
        var sawPart = false
        while index < text.endIndex {
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
            if index == text.endIndex { break }
            let numberStart = index
            while index < text.endIndex, text[index].isNumber || text[index] == "." {
                index = text.index(after: index)
            }
            guard let number = Double(text[numberStart..<index]) else { throw DurationParseError("malformed", raw) }
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
            let unitStart = index
            while index < text.endIndex, text[index].isLetter { index = text.index(after: index) }
            let unit = String(text[unitStart..<index])
            guard let factor = units.first(where: { $0.names.contains(unit) })?.factor else {
                throw DurationParseError(unit.isEmpty ? "missingUnit" : "unknownUnit", raw, unit: unit)
            }
            total += number * factor
            sawPart = true
        }
        guard sawPart else { throw DurationParseError("malformed", raw) }
        return .init(seconds: total)
    }

    static func format(_ duration: BlueprintDuration) -> String {
        let seconds = duration.seconds
        if seconds == 0 { return "0s" }
        // Whole seconds: compound form from days down, e.g. "1d 12h", "2h 15min", "1min 30s".
        if seconds == seconds.rounded(), seconds < 1e15 {
            var rest = Int64(seconds)
            var parts: [String] = []
            for (suffix, factor) in [("d", Int64(86_400)), ("h", 3_600), ("min", 60), ("s", 1)] where rest >= factor {
                parts.append("\(rest / factor)\(suffix)")
                rest %= factor
            }
            return parts.joined(separator: " ")
        }
        // Fractions of a second: one exact unit, so the text parses back to the same value.
        for (suffix, factor) in [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0)] {
            let value = seconds / factor
            if value >= 1, (value * 100).rounded() == value * 100, value * factor == seconds { return number(value) + suffix }
        }
        return number(seconds) + "s"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
