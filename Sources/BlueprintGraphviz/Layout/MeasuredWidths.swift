import Foundation

/// Character widths measured by Graphviz's text layout plugin (pango and cairo, the code that draws PNG and
/// PDF), cached for the life of the process.
///
/// A width is kept per character (grapheme cluster), font face and size, in thousandths of a point, so that
/// wrapping stays a running sum over characters (linear) and every character is measured once per process.
/// The sum of a line's character widths matches the width pango gives the whole line to within about 1 %
/// (kerning and ligatures only narrow a line); `FontMeasurementTests` checks mixed Chinese and Latin titles
/// against the whole-string width within 5 %.
final class MeasuredWidths: @unchecked Sendable {
    /// The process-wide cache.
    static let shared = MeasuredWidths()

    /// A font face at a size.
    struct Style: Hashable, Sendable {
        var face: String
        var size: Double
    }

    // Guarded by `lock`. Graphviz is called without holding it (the session has its own lock).
    private let lock = NSLock()
    private var tables: [Style: [Character: Int]] = [:]
    /// The widths kept in `tables`, over all styles.
    private var entryCount = 0
    /// At most this many widths are kept (see ``init(limit:)``).
    let limit: Int
    /// `false` once Graphviz could not start or has no text layout plugin (properties of the machine, never
    /// of the text): then every caller estimates.
    private var available = true
    private var batchCount = 0

    /// A cache of its own (tests); drawings share ``shared``. It keeps at most `limit` widths over all faces
    /// and sizes (a long-running process, such as `blueprint preview`, draws file after file, each with its
    /// own characters): when a batch would go over, the cache starts again empty, and a batch larger than
    /// the whole limit is returned without being kept. About 100 bytes a width, so the default is a few MiB.
    init(limit: Int = 50_000) { self.limit = limit }

    /// How many widths the cache keeps now (for tests of the bound).
    var count: Int { lock.withLock { entryCount } }

    /// Each character is measured as a run of this many copies: Graphviz's pango plugin rounds every width
    /// up to the next whole point (`(int)(width + 1)`), which on one character is an error of up to 20 % at
    /// 9 pt; on a run of 16 it is under 1/16 pt per character (half of that after subtracting the mean).
    static let repeats = 16

    /// The width cached for a character Graphviz could not measure (or that the DOT writer never draws as
    /// such, a control character): callers estimate it, and it is not asked for again.
    static let unmeasurable = -1

    /// How many times Graphviz was asked to measure (for tests of the cache).
    var batches: Int { lock.withLock { batchCount } }

    /// Widths of `characters` in `style`, in thousandths of a point, measuring the ones not yet known in one
    /// Graphviz call; `nil` when this machine's Graphviz cannot measure text with a font (no text layout
    /// plugin), so the caller falls back to its estimate. A character Graphviz could not measure has the width
    /// ``unmeasurable``: only that character is estimated, so one bad title never changes how other
    /// characters, or later drawings, are measured.
    func widths<C: Collection<Character>>(_ characters: C, style: Style) -> [Character: Int]? {
        var missing: [Character] = []
        var known: [Character: Int] = [:]
        let isAvailable = lock.withLock {
            guard available else { return false }
            known = tables[style] ?? [:]
            var seen = Set<Character>()
            for character in characters where known[character] == nil && seen.insert(character).inserted {
                missing.append(character)
            }
            return true
        }
        guard isAvailable else { return nil }
        guard !missing.isEmpty else { return known }
        // Characters the DOT writer cleans away (controls, non-characters) are never drawn: not measured.
        let drawable = missing.filter { DOTText.clean(String($0)) == String($0) }
        var calls = 0
        let measured = drawable.isEmpty ? [] : measure(drawable[...], style: style, calls: &calls)
        return lock.withLock {
            batchCount += calls
            guard let measured else {
                available = false
                return nil
            }
            var table = tables[style] ?? [:]
            let before = table.count
            for character in missing { table[character] = Self.unmeasurable }
            for (character, width) in zip(drawable, measured) where width >= 0 && width.isFinite {
                table[character] = max(0, Int(((width - 0.5) / Double(Self.repeats) * 1000).rounded()))
            }
            keep(table, for: style, growth: table.count - before)
            return table
        }
    }

    /// Stores `table` unless that would keep more than ``limit`` widths: then the cache starts again with
    /// `table` alone, or stays empty when `table` alone is over the limit. Called with `lock` held.
    private func keep(_ table: [Character: Int], for style: Style, growth: Int) {
        if entryCount + growth > limit {
            tables.removeAll()
            entryCount = 0
            guard table.count <= limit else { return }
            tables[style] = table
            entryCount = table.count
        } else {
            tables[style] = table
            entryCount += growth
        }
    }

    /// Widths in points of runs of `characters` (negative for one Graphviz could not measure); `nil` when
    /// Graphviz cannot measure text at all. A batch that fails is halved until the failing characters are
    /// found, so a failure costs a few more calls but never more than those characters' widths.
    private func measure(_ characters: ArraySlice<Character>, style: Style, calls: inout Int) -> [Double]? {
        calls += 1
        do {
            let widths = try GraphvizSession.shared.withLock { job throws(RenderError) -> [Double]? in
                guard job.measuresText else { return nil }
                let runs = characters.map { String(repeating: String($0), count: Self.repeats) }
                return try job.measureWidths(of: runs, face: style.face, size: style.size)
            }
            guard let widths else { return nil }
            return widths.count == characters.count ? widths : Array(repeating: -1, count: characters.count)
        } catch where error.code == .unavailable {
            return nil
        } catch {
            guard characters.count > 1 else { return [-1] }
            let middle = characters.startIndex + characters.count / 2
            guard let first = measure(characters[..<middle], style: style, calls: &calls),
                let second = measure(characters[middle...], style: style, calls: &calls)
            else { return nil }
            return first + second
        }
    }
}
