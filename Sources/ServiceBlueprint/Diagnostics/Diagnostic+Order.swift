extension Array where Element == Diagnostic {
    /// The diagnostics in file order (line, then column), keeping the order of those at one place
    /// and putting those without a location first. Readers that check level by level, or hand
    /// cases on out of order, use it so the user reads problems top to bottom.
    package func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted {
            let (a, b) = ($0.element.location, $1.element.location)
            return ((a?.line ?? 0), (a?.column ?? 0), $0.offset) < ((b?.line ?? 0), (b?.column ?? 0), $1.offset)
        }.map(\.element)
    }
}
