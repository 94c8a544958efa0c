/// A result builder that collects values of one type, in order, with `if`, `switch` and `for` support.
///
/// Used by the group blocks ``Actors``, ``Information``, ``Personas``, ``Channels``, ``Journeys`` and
/// ``Bottlenecks``.
@resultBuilder
public enum ListBuilder<Element: Sendable> {
    /// One value.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// Several values made elsewhere.
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ components: [Element]...) -> [Element] { components.flatMap { $0 } }
    /// Joins the iterations of a `for … in` loop, in order.
    public static func buildArray(_ components: [[Element]]) -> [Element] { components.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ component: [Element]?) -> [Element] { component ?? [] }
    /// The `if` branch of `if … else` or a `switch` case.
    public static func buildEither(first component: [Element]) -> [Element] { component }
    /// The `else` branch of `if … else` or a `switch` case.
    public static func buildEither(second component: [Element]) -> [Element] { component }
    /// Content inside `if #available`.
    public static func buildLimitedAvailability(_ component: [Element]) -> [Element] { component }
}

/// A block of actors: the roles, departments, systems and partners that perform steps.
///
/// ```swift
/// Actors {
///     Actor(id: "agent", title: "First-line agent", kind: .role, capacity: 6)
///     Actor(id: "crm", title: "CRM", kind: .system)
/// }
/// ```
///
/// The type is named after the plural on purpose: it never clashes with Swift concurrency's
/// `Actor` protocol, and ``Actor`` itself (the model type) wins over it in any file that imports
/// ServiceBlueprint.
public struct Actors: BlueprintComponent, Hashable {
    /// The actors, in order.
    public var actors: [Actor]
    /// Collects actors.
    public init(@ListBuilder<Actor> _ content: () -> [Actor]) { actors = content() }
    /// The actors as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.actors = actors
        return content
    }
}

/// A block of information items that steps need and produce.
///
/// ```swift
/// Information {
///     InformationItem(id: "serial", title: "Device serial", fromCustomer: true)
///     InformationItem(id: "diagnosis", title: "Diagnosis", kind: .document)
/// }
/// ```
public struct Information: BlueprintComponent, Hashable {
    /// The items, in order.
    public var items: [InformationItem]
    /// Collects information items.
    public init(@ListBuilder<InformationItem> _ content: () -> [InformationItem]) { items = content() }
    /// The items as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.information = items
        return content
    }
}

/// A block of personas: the customers the service is designed for.
public struct Personas: BlueprintComponent, Hashable {
    /// The personas, in order.
    public var personas: [Persona]
    /// Collects personas.
    public init(@ListBuilder<Persona> _ content: () -> [Persona]) { personas = content() }
    /// The personas as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.personas = personas
        return content
    }
}

/// A block of channel definitions: custom channels, and response commitments for built-in ones.
///
/// ```swift
/// Channels {
///     ChannelDefinition(.chat, responseCommitment: .minutes(2))
///     ChannelDefinition(id: "whatsapp", title: "WhatsApp", responseCommitment: .minutes(5))
/// }
/// ```
public struct Channels: BlueprintComponent, Hashable {
    /// The definitions, in order.
    public var definitions: [ChannelDefinition]
    /// Collects channel definitions.
    public init(@ListBuilder<ChannelDefinition> _ content: () -> [ChannelDefinition]) { definitions = content() }
    /// The definitions as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.channels = definitions
        return content
    }
}

/// A block of journeys: named paths through the blueprint with their demand and targets.
public struct Journeys: BlueprintComponent, Hashable {
    /// The journeys, in order.
    public var journeys: [Journey]
    /// Collects journeys.
    public init(@ListBuilder<Journey> _ content: () -> [Journey]) { journeys = content() }
    /// The journeys as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.journeys = journeys
        return content
    }
}

/// A block of declared bottlenecks: steps or actors the designer knows to limit throughput.
public struct Bottlenecks: BlueprintComponent, Hashable {
    /// The bottlenecks, in order.
    public var bottlenecks: [DeclaredBottleneck]
    /// Collects declared bottlenecks.
    public init(@ListBuilder<DeclaredBottleneck> _ content: () -> [DeclaredBottleneck]) { bottlenecks = content() }
    /// The bottlenecks as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.bottlenecks = bottlenecks
        return content
    }
}

// MARK: - Model values as components

extension Actor: BlueprintComponent {
    /// The actor as blueprint content.
    public var blueprintContent: BlueprintContent { Actors { self }.blueprintContent }
}

extension InformationItem: BlueprintComponent {
    /// The item as blueprint content.
    public var blueprintContent: BlueprintContent { Information { self }.blueprintContent }
}

extension Persona: BlueprintComponent {
    /// The persona as blueprint content.
    public var blueprintContent: BlueprintContent { Personas { self }.blueprintContent }
}

extension ChannelDefinition: BlueprintComponent {
    /// The definition as blueprint content.
    public var blueprintContent: BlueprintContent { Channels { self }.blueprintContent }
}

extension Journey: BlueprintComponent {
    /// The journey as blueprint content.
    public var blueprintContent: BlueprintContent { Journeys { self }.blueprintContent }
}

extension KPI: BlueprintComponent {
    /// The KPI as blueprint content (its `step`, `stage` or `journey` says where it is measured).
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.kpis = [self]
        return content
    }
}

extension DeclaredBottleneck: BlueprintComponent {
    /// The bottleneck as blueprint content.
    public var blueprintContent: BlueprintContent { Bottlenecks { self }.blueprintContent }
}

extension Flow: BlueprintComponent {
    /// The flow as blueprint content.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.flows = [self]
        return content
    }
}

// MARK: - Convenience initialisers that read like the diagram

extension Flow {
    /// Creates a flow from one step to another, e.g. `Flow("repair", to: "diagnose", kind: .rework)`.
    ///
    /// - Parameters:
    ///   - from: The source step id.
    ///   - to: The target step id.
    ///   - kind: What moves along the flow; `sequence` unless given.
    ///   - label: A short label, or the branch condition.
    ///   - probability: The share of cases that take this flow when the source has several (0…1).
    public init(_ from: String, to: String, kind: FlowKind = .sequence, label: String? = nil, probability: Double? = nil) {
        self.init(from: from, to: to, kind: kind, label: label, probability: probability)
    }
}

extension ChannelDefinition {
    /// Gives a channel (built-in or custom) a title and a response commitment,
    /// e.g. `ChannelDefinition(.phone, responseCommitment: .seconds(30))`.
    public init(_ channel: Channel, title: String? = nil, responseCommitment: BlueprintDuration? = nil) {
        self.init(id: channel.rawValue, title: title, responseCommitment: responseCommitment)
    }
}

extension DeclaredBottleneck {
    /// A step known to limit throughput, e.g. `DeclaredBottleneck(step: "diagnose", "Only two benches")`.
    public init(step: String, _ cause: String) { self.init(step: step, actor: nil, cause: cause) }
    /// An actor known to limit throughput, e.g. `DeclaredBottleneck(actor: "technician", "Six technicians")`.
    public init(actor: String, _ cause: String) { self.init(step: nil, actor: actor, cause: cause) }
}

extension Association: BlueprintComponent {
    /// The association as blueprint content: `Association(between: "menu-board", and: "order")`.
    public var blueprintContent: BlueprintContent {
        var content = BlueprintContent()
        content.associations = [self]
        return content
    }
}
