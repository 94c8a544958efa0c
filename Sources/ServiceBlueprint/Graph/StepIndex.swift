/// The position of a step in ``Blueprint/steps``, which is also its node in the blueprint's
/// ``BlueprintGraph``.
///
/// Rules get step indices from the graph (``BlueprintGraph/stepIndex(of:)``) or make them from a
/// position in ``Blueprint/steps``, and hand them back to ``AnalysisContext``:
///
/// ```swift
/// for (position, step) in context.blueprint.steps.enumerated() where step.tags.contains("night") {
///     let index = StepIndex(position)           // from a position in `blueprint.steps`
///     findings.append(context.finding("\(context.name(ofStep: index)) runs at night.", steps: [index]))
/// }
/// let diagnose = context.graph.stepIndex(of: "diagnose")   // from a step id
/// print(diagnose?.position ?? -1)                          // back to a position
/// ```
///
/// A step index is only meaningful for the blueprint it was made for.
public struct StepIndex: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The compact node number the graph algorithms use.
    package let node: Int32

    /// The step at `position` in ``Blueprint/steps`` (0 is the first step).
    /// - Precondition: `position` is not negative and fits in 32 bits, as every step position does.
    public init(_ position: Int) { node = Int32(truncatingIfNeeded: position) }

    /// The step of graph node `node`.
    package init(node: Int32) { self.node = node }

    /// The position of the step in ``Blueprint/steps``.
    public var position: Int { Int(node) }

    /// Orders by position.
    public static func < (lhs: StepIndex, rhs: StepIndex) -> Bool { lhs.node < rhs.node }

    /// The position, e.g. `3`.
    public var description: String { String(node) }
}
