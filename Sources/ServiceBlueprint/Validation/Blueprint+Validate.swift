// PLACEHOLDER until the Validation work lands: see the documents/validation branch.
extension Blueprint {
    /// Checks that the blueprint is well-formed. Returns every problem found.
    public func validate() -> [Diagnostic] { [] }
}
