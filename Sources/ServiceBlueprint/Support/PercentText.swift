import Foundation

/// Shares as every output writes them (findings, drawings, reports, the CLI): one format, one place.
///
/// `0.73` → `73 %`, `0.125` → `12.5 %` (at most one decimal, none when it is 0), `∞ %` for an
/// infinite share and `–` for no number. Rounding never hides which side of 100 % a share is on
/// (a queue at 99.96 % is stable, one at 100.04 % is not): such shares get two decimals.
package enum PercentText {
    package static func format(_ share: Double) -> String {
        guard share.isFinite else { return share == .infinity ? "∞ %" : "–" }
        let tenths = (share * 1000).rounded()
        if (share < 1 && tenths >= 1000) || (share > 1 && tenths <= 1000) {
            return String(format: "%.2f %%", share * 100)
        }
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0
            ? String(format: "%.0f", tenths / 10) : String(format: "%.1f", tenths / 10)
        return (text == "-0" ? "0" : text) + " %"
    }

    /// The same for an optional share: `–` for none.
    package static func format(_ share: Double?) -> String { share.map { format($0) } ?? "–" }
}
