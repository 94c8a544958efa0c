import Foundation

/// Number and duration wording of capacity figures, shared by the capacity findings and the CLI's
/// `capacity` text, so they read alike. Shares are written by ``PercentText``.
package enum CapacityText {
    /// A wait or time in the largest convenient unit: "45s", "12min", "2.5h"; "unbounded" for ∞.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "unbounded" }
        if seconds < 90 { return String(format: "%.0fs", seconds) }
        if seconds < 600 { return String(format: "%.1fmin", seconds / 60) }
        if seconds < 5_400 { return String(format: "%.0fmin", seconds / 60) }
        return String(format: "%.1fh", seconds / 3_600)
    }

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
