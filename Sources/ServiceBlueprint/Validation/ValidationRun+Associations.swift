/// Checks of the undirected associations between steps.
extension ValidationRun {
    /// Both ends name steps, an association does not link a step to itself, and each pair is
    /// related once (in either order: the link has no direction).
    mutating func checkAssociations() {
        var seen: [String: Int] = [:]
        for (position, association) in blueprint.associations.enumerated() {
            let path: ModelPath = ["associations", position, "between"]
            reference(
                association.first, at: path.appending(0), kind: "step", collection: "steps", index: stepIndex, ids: stepIDs)
            reference(
                association.second, at: path.appending(1), kind: "step", collection: "steps", index: stepIndex,
                ids: stepIDs)
            if association.first == association.second, !association.first.isEmpty {
                error("association of '\(association.first)' with itself; it must relate two different steps", at: path)
                continue
            }
            let key = [association.first, association.second].sorted().joined(separator: "\u{0}")
            if let first = seen[key] {
                warning(
                    "duplicateAssociation",
                    ["first": .quoted(association.first), "second": .quoted(association.second), "at": validator.describe(["associations", first])],
                    at: ["associations", position])
            } else {
                seen[key] = position
            }
        }
    }
}
