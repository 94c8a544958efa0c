import Foundation

/// Number and duration wording of capacity figures, shared by the capacity findings and the CLI's
/// `capacity` text, so they read alike. Shares are written by ``PercentText``.
package enum CapacityText {
    /// A wait or time in the largest convenient unit: "45s", "12min", "2.5h"; "unbounded" for ∞.
    static func duration(_ seconds: Double) -> String { duration(seconds, in: .english) }

    /// ``duration(_:)`` in `language`: `45秒`, `12分钟`, `2.5小时`, `无上限` in Chinese.
    static func duration(_ seconds: Double, in language: Language) -> String {
        let chinese = language == .simplifiedChinese
        guard seconds.isFinite else { return chinese ? "无上限" : "unbounded" }
        if seconds < 90 { return String(format: chinese ? "%.0f秒" : "%.0fs", seconds) }
        if seconds < 600 { return String(format: chinese ? "%.1f分钟" : "%.1fmin", seconds / 60) }
        if seconds < 5_400 { return String(format: chinese ? "%.0f分钟" : "%.0fmin", seconds / 60) }
        return String(format: chinese ? "%.1f小时" : "%.1fh", seconds / 3_600)
    }

    /// A rate or count as a placeholder value (digits are the same in every supported language).
    static func number(argument value: Double) -> TextArgument { .verbatim(number(value)) }

    /// A growth factor as a placeholder value: `1.25` (the catalog writes the `×`).
    static func factor(_ value: Double) -> TextArgument { .verbatim(String(format: "%.2f", value)) }

    /// How findings name an actor, as a placeholder value: `'Title' (id)`, `“Title”（id）`.
    static func name(argument actor: Actor) -> TextArgument { .step(title: actor.title, id: actor.id) }

    /// "per day" as a placeholder value.
    static func per(argument period: Demand.Period) -> TextArgument { .phrase(LocalizedText("capacity.per.\(period.rawValue)")) }

    /// A rate with up to one decimal: "9", "2.5", "0.04".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        if value == value.rounded() { return String(format: "%.0f", value) }
        if abs(value) < 0.1 { return String(format: "%.2g", value) }
        return String(format: "%.1f", value)
    }

    /// "per day" for a period.
    static func per(_ period: Demand.Period) -> String { "per \(period.rawValue)" }

    /// A duration rounded for impacts: whole seconds under two minutes, whole minutes above.
    static func rounded(_ seconds: Double) -> BlueprintDuration {
        seconds < 120 ? .seconds(seconds.rounded()) : .minutes((seconds / 60).rounded())
    }

    /// How findings name an actor: `'Title' (id)`.
    static func name(_ actor: Actor) -> String { "'\(actor.title)' (\(actor.id))" }

    /// The smallest number of servers that keeps `offeredLoad` at or below `utilization`.
    static func servers(for offeredLoad: Double, atMost utilization: Double) -> Int {
        guard offeredLoad > 0, utilization > 0 else { return 1 }
        let needed = (offeredLoad / utilization).rounded(.up)
        // Absurd loads (from absurd input) must not trap in the conversion to Int.
        guard needed < 1e15 else { return Int.max }
        var servers = max(1, Int(needed))
        // Stability needs strictly fewer Erlangs than servers.
        if Double(servers) <= offeredLoad { servers = Int(offeredLoad.rounded(.down)) + 1 }
        return servers
    }
}
