/// Path arithmetic on plain strings, where Foundation's cannot be trusted.
///
/// `NSString.deletingLastPathComponent` traps on a one-character path such as `o` or `o/`
/// (swift-corelibs-foundation of Swift 6.3.1 on Linux), and output paths come from the user.
package enum PathText {
    /// The folder part of `path`, as `NSString.deletingLastPathComponent` gives it: `a/b` → `a`,
    /// `a/b/` → `a`, `/a` → `/`, `a` → `` (empty: the current folder), `/` → `/`.
    package static func parent(of path: String) -> String {
        var end = path.endIndex
        // Trailing slashes do not make a component (but a lone "/" is the root).
        while end > path.startIndex {
            let before = path.index(before: end)
            guard before > path.startIndex, path[before] == "/" else { break }
            end = before
        }
        let trimmed = path[..<end]
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parentEnd = slash
        while parentEnd > trimmed.startIndex, trimmed[trimmed.index(before: parentEnd)] == "/" {
            parentEnd = trimmed.index(before: parentEnd)
        }
        return parentEnd == trimmed.startIndex ? "/" : String(trimmed[..<parentEnd])
    }
}
