/// Something that can appear inside a ``BlueprintBuilder`` block: a step, a stage with its steps,
/// a flow, an actor, a journey, a group such as ``Actors``, or a whole ``BlueprintContent`` fragment.
///
/// The model types (``Step``, ``Stage``, ``Flow``, ``Actor``, ``InformationItem``, ``Persona``,
/// ``Journey``, ``ChannelDefinition``, ``DeclaredBottleneck``, ``KPI``) conform, so a block can mix DSL
/// declarations with hand-built model values.
public protocol BlueprintComponent: Sendable {
    /// The parts of a blueprint this component contributes, in declaration order.
    var blueprintContent: BlueprintContent { get }
}

/// The parts of a blueprint collected by a ``BlueprintBuilder`` block, in the order they were written.
///
/// This is the one concrete type every builder block produces. It is also a ``BlueprintComponent``,
/// so a fragment written once can be reused in several blueprints:
///
/// ```swift
/// @BlueprintBuilder var followUp: BlueprintContent {
///     Stage("follow-up", title: "Follow-up") {
///         Step("survey", "Customer rates the repair", lane: .customer, channel: .email)
///     }
/// }
/// let blueprint = try Blueprint(id: "repair") {
///     Stage("contact") { … }
///     followUp
/// }
/// ```
///
/// Nothing is checked while content is collected; ``Blueprint/init(id:title:summary:version:maturity:evidence:content:)``
/// checks the assembled blueprint and reports every problem at once.
public struct BlueprintContent: Sendable, Hashable, BlueprintComponent {
    /// Stages, in the order their blocks were written.
    public var stages: [Stage] = []
    /// Actors.
    public var actors: [Actor] = []
    /// Channel definitions.
    public var channels: [ChannelDefinition] = []
    /// Information items.
    public var information: [InformationItem] = []
    /// Personas.
    public var personas: [Persona] = []
    /// Journeys.
    public var journeys: [Journey] = []
    /// Steps, in the order they were written.
    public var steps: [Step] = []
    /// Flows: explicit ``Flow`` values and those declared with `after` and `then`, in the order written.
    public var flows: [Flow] = []
    /// Declared bottlenecks.
    public var bottlenecks: [DeclaredBottleneck] = []
    /// Undirected associations between steps.
    public var associations: [Association] = []
    /// Experience and process KPIs, at a touchpoint, a stage or a journey.
    public var kpis: [KPI] = []
    /// Placement problems noticed while grouping (reported by the throwing build, never trapped).
    var placementProblems: [PlacementProblem] = []

    /// Creates empty content.
    public init() {}

    /// Itself.
    public var blueprintContent: BlueprintContent { self }

    /// Appends another component's content after this one's.
    public mutating func append(_ component: some BlueprintComponent) {
        let other = component.blueprintContent
        stages += other.stages
        actors += other.actors
        channels += other.channels
        information += other.information
        personas += other.personas
        journeys += other.journeys
        steps += other.steps
        flows += other.flows
        bottlenecks += other.bottlenecks
        associations += other.associations
        kpis += other.kpis
        placementProblems += other.placementProblems
    }
}

/// A step placed where the blueprint cannot hold it, noticed while blocks are grouped.
enum PlacementProblem: Sendable, Hashable {
    /// A step declared with `stage:` written inside the block of a different stage.
    case conflictingStage(step: String, declared: String, enclosing: String)
    /// A stage block written inside another stage block.
    case nestedStage(inner: String, outer: String)
}

/// The result builder behind ``Blueprint/init(id:title:summary:version:maturity:evidence:content:)`` and stage blocks.
///
/// Every statement becomes a ``BlueprintContent``; `if`, `if let`, `switch`, `for … in` and
/// `#available` all work:
///
/// ```swift
/// Stage("repair") {
///     Step("fix", "Technician repairs the device", lane: .backstage, actor: "technician")
///     if offersLoanDevice {
///         Step("loan", "Customer receives a loan device", lane: .customer, channel: .inPerson)
///     }
///     for check in ["battery", "screen"] {
///         Step("check-\(check)", "Technician checks the \(check)", lane: .backstage, kind: .check)
///     }
/// }
/// ```
@resultBuilder
public enum BlueprintBuilder {
    /// Turns one statement into content.
    public static func buildExpression(_ component: some BlueprintComponent) -> BlueprintContent {
        component.blueprintContent
    }

    /// Accepts a list of components of one type, e.g. an array of steps made elsewhere.
    public static func buildExpression(_ components: [some BlueprintComponent]) -> BlueprintContent {
        var content = BlueprintContent()
        for component in components { content.append(component) }
        return content
    }

    /// Joins the statements of a block, in order.
    public static func buildBlock(_ components: BlueprintContent...) -> BlueprintContent {
        buildArray(components)
    }

    /// Joins the iterations of a `for … in` loop, in order.
    public static func buildArray(_ components: [BlueprintContent]) -> BlueprintContent {
        var content = BlueprintContent()
        for component in components { content.append(component) }
        return content
    }

    /// An `if` without `else`: the content when the condition held, else nothing.
    public static func buildOptional(_ component: BlueprintContent?) -> BlueprintContent {
        component ?? BlueprintContent()
    }

    /// The `if` branch of `if … else` or a `switch` case.
    public static func buildEither(first component: BlueprintContent) -> BlueprintContent { component }

    /// The `else` branch of `if … else` or a `switch` case.
    public static func buildEither(second component: BlueprintContent) -> BlueprintContent { component }

    /// Content inside `if #available`.
    public static func buildLimitedAvailability(_ component: BlueprintContent) -> BlueprintContent { component }
}
