/// Everything a rule sees: the blueprint, its graph, the metrics, the rule's configuration, and
/// helpers that make findings consistent across rules.
///
/// The analyzer builds the shared parts once and hands each rule a context with that rule's
/// severity and thresholds.
public struct AnalysisContext: Sendable {
    /// The parts every rule's context shares, behind one reference: a rule copies its context into
    /// closures and helpers thousands of times, and copying the blueprint, graph and index inline
    /// retained every one of their arrays each time.
    final class Shared: Sendable {
        let blueprint: Blueprint
        let graph: BlueprintGraph
        let metrics: BlueprintMetrics
        let scopes: [JourneyScope]
        let index: AnalysisIndex
        let cache: AnalysisRunCache

        init(
            blueprint: Blueprint, graph: BlueprintGraph, metrics: BlueprintMetrics, scopes: [JourneyScope],
            index: AnalysisIndex, cache: AnalysisRunCache
        ) {
            self.blueprint = blueprint
            self.graph = graph
            self.metrics = metrics
            self.scopes = scopes
            self.index = index
            self.cache = cache
        }
    }

    let shared: Shared
    /// The blueprint under analysis.
    public var blueprint: Blueprint { shared.blueprint }
    /// Its flow graph.
    public var graph: BlueprintGraph { shared.graph }
    /// Timing and interaction metrics, per journey.
    public var metrics: BlueprintMetrics { shared.metrics }
    /// The journeys as step sets with their critical-path schedules (one whole-blueprint scope when
    /// there are no journeys), in the order of ``BlueprintMetrics/journeys``.
    public var scopes: [JourneyScope] { shared.scopes }
    /// The id of the rule this context was made for.
    public let ruleID: String
    /// The severity the rule's findings get.
    public let severity: Severity
    /// The rule's thresholds, defaults merged with configuration.
    public let thresholds: [String: ThresholdValue]
    var index: AnalysisIndex { shared.index }
    /// Shared by every context of one analyzer run.
    var cache: AnalysisRunCache { shared.cache }

    init(
        blueprint: Blueprint, graph: BlueprintGraph, metrics: BlueprintMetrics, scopes: [JourneyScope],
        index: AnalysisIndex, cache: AnalysisRunCache = AnalysisRunCache(), ruleID: String = "",
        severity: Severity = .warning, thresholds: [String: ThresholdValue] = [:]
    ) {
        self.init(
            shared: Shared(blueprint: blueprint, graph: graph, metrics: metrics, scopes: scopes, index: index, cache: cache),
            ruleID: ruleID, severity: severity, thresholds: thresholds)
    }

    private init(shared: Shared, ruleID: String, severity: Severity, thresholds: [String: ThresholdValue]) {
        self.shared = shared
        self.ruleID = ruleID
        self.severity = severity
        self.thresholds = thresholds
    }

    /// The same shared data, configured for another rule.
    func configured(for rule: any BlueprintRule, configuration: AnalysisConfiguration) -> AnalysisContext {
        AnalysisContext(
            shared: shared, ruleID: rule.id, severity: configuration.severity(for: rule),
            thresholds: configuration.thresholds(for: rule))
    }

    // MARK: Steps, actors, information

    /// The step at node `index`.
    package func step(_ index: Int32) -> Step { blueprint.steps[Int(index)] }

    /// How findings name a step: `'Title' (id)`.
    package func name(ofStep index: Int32) -> String {
        "'\(blueprint.steps[Int(index)].title)' (\(graph.stepIDs[Int(index)]))"
    }

    /// Names of several steps joined with commas and "and".
    package func names(ofSteps indices: [Int32]) -> String { Self.list(indices.map(name(ofStep:))) }

    /// How findings name an information item: its title in quotes, or its id.
    public func name(ofItem id: String) -> String { "'\(index.item(id)?.title ?? id)'" }

    /// The actor with the given id.
    public func actor(_ id: String) -> Actor? { index.actor(id) }

    /// The information item with the given id.
    public func item(_ id: String) -> InformationItem? { index.item(id) }

    /// The department of the step's actor, if known (an actor of kind department is its own department).
    package func department(ofStep index: Int32) -> String? { self.index.department[Int(index)] }

    /// The performing actor of the step; `nil` for customer steps.
    package func performer(ofStep index: Int32) -> String? { self.index.performer[Int(index)] }

    /// `true` when the customer does the step (customer lane or a customer actor).
    package func isCustomerStep(_ index: Int32) -> Bool { self.index.isCustomerStep[Int(index)] }

    /// `true` when the step is a touchpoint where the service contacts the customer (an SMS, an
    /// e-mail, a letter): declared with `direction: outbound`, or inferred from its channel and lanes.
    package func isOutbound(_ index: Int32) -> Bool { self.index.isOutbound[Int(index)] }

    /// `true` when the step is an outbound touchpoint that leaves the customer something to keep (an SMS,
    /// an e-mail, a letter): it is physical evidence itself. An outbound call or visit is spoken, so it is not.
    package func isOutboundMessage(_ index: Int32) -> Bool {
        guard self.index.isOutbound[Int(index)], let channel = blueprint.steps[Int(index)].channel else { return false }
        return !AnalysisIndex.spokenChannels.contains(channel)
    }

    /// `true` when the step's output is declared delivered outside the journey: ``Step/delivers`` on the
    /// step, or an item it produces with ``InformationItem/deliveredTo``.
    package func isDelivered(_ index: Int32) -> Bool { self.index.isDelivered[Int(index)] }

    /// `true` when the step is follow-up work: off the customer's path of every journey that contains it,
    /// and in at least one journey's follow-ups (see ``JourneyScope/followUps``).
    package func isFollowUp(_ index: Int32) -> Bool {
        var inFollowUps = false
        for scope in scopes {
            if scope.path.contains(index) { return false }
            if scope.followUps.contains(index) { inFollowUps = true }
        }
        return inFollowUps
    }

    /// Steps that produce the item, ascending.
    package func producers(of item: String) -> [Int32] {
        index.itemIndex[item].map { Array(index.producers(ofItem: $0)) } ?? []
    }

    /// Steps that need the item, ascending.
    package func consumers(of item: String) -> [Int32] {
        index.itemIndex[item].map { Array(index.consumers(ofItem: $0)) } ?? []
    }

    /// `true` when some step needs the item.
    public func isNeeded(_ item: String) -> Bool {
        guard let k = index.itemIndex[item] else { return false }
        return !index.consumers(ofItem: k).isEmpty
    }

    /// The step's position in the topological order of the work graph.
    package func topologicalPosition(of index: Int32) -> Int32 { self.index.topologicalPosition[Int(index)] }

    /// `true` when work flows lead from `a` to `b` (so the same case passes both, `a` first).
    ///
    /// Searches backwards from `b` and never enters steps that come before `a` in topological order,
    /// so checks between nearby steps stay cheap on large blueprints.
    package func leadsTo(_ a: Int32, _ b: Int32, kinds: FlowKindSet = .ordering) -> Bool {
        let position = index.topologicalPosition
        guard a != b, a >= 0, b >= 0, Int(a) < position.count, Int(b) < position.count else { return false }
        let floor = position[Int(a)]
        guard floor < position[Int(b)] else { return false }
        var seen: Set<Int32> = [b]
        var stack: [Int32] = [b]
        while let v = stack.popLast() {
            var found = false
            graph.forEachPredecessor(of: v, kinds: kinds) { p, _, _ in
                if p == a { found = true }
                if !found, position[Int(p)] > floor, seen.insert(p).inserted { stack.append(p) }
            }
            if found { return true }
        }
        return false
    }

    /// The scopes (journeys) that contain the step.
    package func scopes(containing index: Int32) -> [JourneyScope] { scopes.filter { $0.steps.contains(index) } }

    // MARK: Thresholds

    /// A duration threshold (zero when missing or of another type).
    public func duration(_ key: String) -> BlueprintDuration {
        if case .duration(let value) = thresholds[key] { return value }
        return .zero
    }
    /// A number threshold (0 when missing or of another type).
    public func number(_ key: String) -> Double {
        if case .number(let value) = thresholds[key] { return value }
        return 0
    }
    /// An integer threshold (0 when missing or of another type).
    public func integer(_ key: String) -> Int {
        if case .integer(let value) = thresholds[key] { return value }
        return 0
    }
    /// A boolean threshold (`false` when missing or of another type).
    public func flag(_ key: String) -> Bool {
        if case .flag(let value) = thresholds[key] { return value }
        return false
    }
    /// A list-of-names threshold (empty when missing or of another type).
    public func names(_ key: String) -> [String] {
        if case .names(let value) = thresholds[key] { return value }
        return []
    }

    // MARK: Findings

    /// The model path of a step, `steps[i]`.
    package func path(ofStep index: Int32) -> ModelPath { ModelPath([.key("steps"), .index(Int(index))]) }

    /// Makes a finding of the current rule with its configured severity. The path defaults to the
    /// first step's; flows are given by index in ``Blueprint/flows``.
    package func finding(
        _ message: String, steps: [Int32], flows: [Int32] = [], path: ModelPath? = nil,
        fix: SuggestedFix? = nil, impact: Impact? = nil
    ) -> Finding {
        let flowIDs = flows.compactMap { f in blueprint.flows.indices.contains(Int(f)) ? blueprint.flows[Int(f)].id : nil }
        // The step ids and the path from the graph's table alone (a closure over `self` copies the whole context).
        let stepIDs = graph.stepIDs
        return Finding(
            ruleID: ruleID, severity: severity, message: message,
            stepIDs: steps.map { stepIDs[Int($0)] }, flowIDs: flowIDs,
            path: path ?? steps.first.map { ModelPath([.key("steps"), .index(Int($0))]) }, fix: fix, impact: impact)
    }

    /// A finding of this rule whose message is a catalog text (shown in any ``Language``).
    package func finding(
        _ text: LocalizedText, steps: [Int32], flows: [Int32] = [], path: ModelPath? = nil,
        fix: SuggestedFix? = nil, impact: Impact? = nil
    ) -> Finding {
        var result = finding(text.rendered(in: .english), steps: steps, flows: flows, path: path, fix: fix, impact: impact)
        result.text = text
        return result
    }

    /// The step as a placeholder value: `'Title' (id)` in English.
    package func step(argument index: Int32) -> TextArgument {
        .step(title: blueprint.steps[Int(index)].title, id: graph.stepIDs[Int(index)])
    }

    /// An information item as a placeholder value: its title (or id) in quotes.
    package func item(argument id: String) -> TextArgument { .quoted(index.item(id)?.title ?? id) }

    /// Several steps as one list placeholder.
    package func steps(argument indices: [Int32]) -> TextArgument { .list(indices.map(step(argument:))) }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
