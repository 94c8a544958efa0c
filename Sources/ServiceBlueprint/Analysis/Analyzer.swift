import Foundation

/// Runs the analysis rules and the metrics on a blueprint.
///
/// ```swift
/// let report = Analyzer().analyze(blueprint, sourceMap: document.sourceMap)
/// for finding in report.findings { print(finding) }
/// print(report.metrics.journeys[0].leadTime)
/// ```
///
/// Analyses assume a validated blueprint but never crash on an invalid one: unknown references are
/// skipped and cycles leave their steps unscheduled.
public struct Analyzer: Sendable {
    /// Which rules run, with which severity and thresholds.
    public var configuration: AnalysisConfiguration
    /// The rules to consider (each runs when the configuration enables it).
    public var rules: [any BlueprintRule]

    /// Creates an analyzer with the given rules (``init(configuration:)`` runs the built-in ones).
    public init(configuration: AnalysisConfiguration = .default, rules: [any BlueprintRule]) {
        self.configuration = configuration
        self.rules = rules
    }

    /// Analyzes `blueprint`: every enabled rule plus the metrics.
    /// - Parameters:
    ///   - blueprint: The blueprint.
    ///   - sourceMap: When the blueprint came from a file, fills in each finding's location.
    /// - Returns: The findings, sorted deterministically (by model path, then rule, then message), and the metrics.
    ///   The blueprint's ``Blueprint/maturity`` picks the preset (``AnalysisConfiguration/resolved(for:)``),
    ///   and a rule's findings for more than ``AnalysisConfiguration/groupAbove`` steps with the same
    ///   reason are folded into one (``Finding/grouped``).
    public func analyze(_ blueprint: Blueprint, sourceMap: SourceMap? = nil) -> AnalysisReport {
        run(blueprint, sourceMap: sourceMap).report
    }

    /// Analyzes `blueprint` like ``analyze(_:sourceMap:)`` and keeps what the run built (graph,
    /// metrics, and on demand the capacity analysis), for drawing and reporting without redoing it.
    public func run(_ blueprint: Blueprint, sourceMap: SourceMap? = nil) -> BlueprintAnalysis {
        // The rules are independent: a large blueprint runs them on every core.
        let workers = blueprint.steps.count >= Self.concurrentStepCount ? ProcessInfo.processInfo.activeProcessorCount : 1
        return run(blueprint, sourceMap: sourceMap, workers: workers)
    }

    /// ``run(_:sourceMap:)`` with the rules spread over `workers` threads. Each rule's findings keep
    /// their place in rule order, so the result does not depend on which rule finishes first.
    func run(_ blueprint: Blueprint, sourceMap: SourceMap?, workers: Int) -> BlueprintAnalysis {
        let context = Self.makeContext(blueprint, workers: workers)
        let configuration = configuration.resolved(for: blueprint)
        let enabled = rules.filter { configuration.isEnabled($0) }
        let perRule = Self.concurrentMap(enabled.count, workers: workers, order: Self.costliestFirst(enabled)) { k in
            Self.findings(of: enabled[k], context: context, configuration: configuration, sourceMap: sourceMap)
        }
        return BlueprintAnalysis(context: context, findings: Self.sorted(perRule.flatMap { $0 }, rules: rules), rules: rules)
    }

    /// From how many steps ``run(_:sourceMap:)`` spreads the rules over the cores: below it a
    /// check is a few milliseconds, less than waking threads costs, and folders of small files
    /// already use every core (one file per core).
    static let concurrentStepCount = 2_000

    /// Roughly what each built-in rule costs on a large blueprint (millions of instructions on a
    /// generated 10 000-step file, findings and grouping included). Only the order matters: the
    /// workers take the costliest rules first, so no long rule starts last while the other core idles.
    static let expectedCost: [String: Int] = [
        "redundant-handoff-bounce": 77, "parallelizable-chain": 74, "redundant-duplicate-step": 64,
        "missing-time-standard": 62, "redundant-stacked-approval": 60, "capacity-unstable": 46,
        "experience-servqual-gap": 31, "redundant-unused-output": 29, "structure-touchpoint-without-evidence": 28,
        "inconsistent-time-standards": 22, "standard-impossible-after-wait": 21, "redundant-rework-loop": 17,
        "structure-unreachable-step": 16, "capacity-throughput-ceiling": 13, "structure-no-flow": 11,
        "redundant-information-request": 11, "missing-service-standard": 7, "structure-unsupported-backstage": 6,
        "wait-exceeds-tolerance": 5, "missing-recovery-plan": 4, "missing-wait-tolerance": 4, "missing-owner": 4,
        "structure-unsupported-customer-action": 4, "structure-dead-end": 3, "missing-response-commitment": 2,
        "capacity-high-utilization": 2, "experience-servqual-pain-point": 1,
    ]

    /// The positions of `rules` in the order the workers should take them: by ``expectedCost``,
    /// costliest first (rules it does not know count as middling), ties in rule order.
    static func costliestFirst(_ rules: [any BlueprintRule]) -> [Int] {
        let costs = rules.map { expectedCost[$0.id] ?? 20 }
        return rules.indices.sorted { a, b in costs[a] != costs[b] ? costs[a] > costs[b] : a < b }
    }

    /// One rule's findings as the configuration has them, located, with same-reason findings folded.
    static func findings(
        of rule: any BlueprintRule, context: AnalysisContext, configuration: AnalysisConfiguration, sourceMap: SourceMap?
    ) -> [Finding] {
        let ruleContext = context.configured(for: rule, configuration: configuration)
        let severity = ruleContext.severity
        var ruleFindings: [Finding] = []
        for var finding in rule.analyze(ruleContext) {
            // The configuration has the last word, even for rules that set their own fields.
            finding.ruleID = rule.id
            if configuration.rules[rule.id]?.severity != nil {
                finding.severity = severity
            } else if configuration.preset == .strict, finding.severity == .note {
                finding.severity = .warning
            }
            if finding.location == nil, let sourceMap, let path = finding.path {
                finding.location = sourceMap.location(of: path)
            }
            ruleFindings.append(finding)
        }
        return FindingGroups.fold(ruleFindings, above: configuration.groupAbove, names: ruleContext.name(ofStep:), graph: context.graph)
    }

    /// `work(0) … work(count - 1)` in index order, computed on up to `workers` threads that each take
    /// the next index when done (no recursion; the caller's thread works too). The test counters
    /// of the calling task (``WorkCounters``) follow the work onto the other threads.
    /// - Parameter order: The order in which the indices are handed out (a permutation of
    ///   `0..<count`); index order when `nil`. The results are in index order either way.
    static func concurrentMap<Value: Sendable>(
        _ count: Int, workers: Int, order: [Int]? = nil, _ work: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        let counters = WorkCounters.current
        return ParallelMap.map(count, workers: workers, order: order) { index in
            WorkCounters.$current.withValue(counters) { work(index) }
        }
    }

    /// The metrics of `blueprint` without running rules.
    public func metrics(for blueprint: Blueprint) -> BlueprintMetrics { BlueprintMetrics(blueprint) }

    /// The "to-be" variant: `blueprint` with every suggestion of the `parallelizable-chain` rule applied
    /// (chains are disjoint, so the rewrites do not interfere). Version is set to "to-be".
    public func toBe(_ blueprint: Blueprint) -> Blueprint {
        let rule = rules.compactMap { $0 as? ParallelizableChainRule }.first ?? ParallelizableChainRule()
        let context = Self.makeContext(blueprint).configured(for: rule, configuration: configuration)
        let suggestions = rule.suggestions(context).map(\.suggestion)
        var result = blueprint.applying(suggestions)
        result.version = "to-be"
        return result
    }

    /// Builds the shared context: graph, lookups, journey scopes and metrics. The lookups and the
    /// journey scopes need only the graph, so with `workers` > 1 they are built side by side.
    static func makeContext(_ blueprint: Blueprint, workers: Int = 1) -> AnalysisContext {
        let graph = BlueprintGraph(blueprint)
        let parts = concurrentMap(2, workers: workers) { k -> ContextPart in
            k == 0
                ? .index(AnalysisIndex(blueprint: blueprint, graph: graph))
                : .scopes(MetricsCalculator.scopes(blueprint: blueprint, graph: graph))
        }
        guard case .index(let index) = parts[0], case .scopes(let scopes) = parts[1] else {
            // concurrentMap keeps index order, so this is unreachable; build serially rather than trap.
            let index = AnalysisIndex(blueprint: blueprint, graph: graph)
            let (metrics, scopes) = MetricsCalculator(blueprint: blueprint, graph: graph, index: index).compute()
            return AnalysisContext(blueprint: blueprint, graph: graph, metrics: metrics, scopes: scopes, index: index)
        }
        let metrics = MetricsCalculator(blueprint: blueprint, graph: graph, index: index).metrics(scopes: scopes)
        return AnalysisContext(blueprint: blueprint, graph: graph, metrics: metrics, scopes: scopes, index: index)
    }

    /// One of the two parts of the context built side by side.
    private enum ContextPart: Sendable {
        case index(AnalysisIndex)
        case scopes([JourneyScope])
    }

    /// Orders findings by model path (first key, then index numerically, then the rest of the path),
    /// then by rule order, then by message.
    static func sorted(_ findings: [Finding], rules: [any BlueprintRule]) -> [Finding] {
        var rank: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where rank[rule.id] == nil { rank[rule.id] = position }
        struct Key {
            var head: String
            var index: Int
            var rest: [PathKey]
            var rule: Int
            var position: Int
        }
        let keys = findings.enumerated().map { position, finding -> Key in
            let components = finding.path?.components ?? []
            var head = ""
            var index = -1
            var restStart = 0
            if case .key(let key)? = components.first {
                head = key
                restStart = 1
                if components.count > 1, case .index(let i) = components[1] { index = i; restStart = 2 }
            }
            return Key(
                head: head, index: index, rest: components.dropFirst(restStart).map(PathKey.init),
                rule: rank[finding.ruleID] ?? Int.max, position: position)
        }
        let order = keys.sorted { a, b in
            if a.head != b.head { return a.head < b.head }
            if a.index != b.index { return a.index < b.index }
            if a.rest != b.rest { return a.rest.lexicographicallyPrecedes(b.rest) }
            if a.rule != b.rule { return a.rule < b.rule }
            let x = findings[a.position].message, y = findings[b.position].message
            if x != y { return x < y }
            return a.position < b.position
        }
        return order.map { findings[$0.position] }
    }

    /// A path component that sorts keys alphabetically and indices numerically.
    struct PathKey: Comparable, Equatable {
        let key: String
        let index: Int
        init(_ component: ModelPath.Component) {
            switch component {
            case .key(let key): self.key = key; index = -1
            case .index(let index): key = ""; self.index = index
            }
        }
        static func < (lhs: PathKey, rhs: PathKey) -> Bool { (lhs.key, lhs.index) < (rhs.key, rhs.index) }
    }
}

/// The result of ``Analyzer/analyze(_:sourceMap:)``.
public struct AnalysisReport: Sendable, Hashable, Codable {
    /// The id of the analyzed blueprint.
    public var blueprintID: String
    /// The findings, deterministically sorted.
    public var findings: [Finding]
    /// Timing and interaction metrics.
    public var metrics: BlueprintMetrics

    /// Creates a report.
    public init(blueprintID: String, findings: [Finding], metrics: BlueprintMetrics) {
        self.blueprintID = blueprintID
        self.findings = findings
        self.metrics = metrics
    }

    /// The findings of one rule.
    public func findings(of ruleID: String) -> [Finding] { findings.filter { $0.ruleID == ruleID } }
    /// The number of findings with each severity.
    public func count(of severity: Severity) -> Int { findings.count { $0.severity == severity } }
    /// `true` when a finding has severity error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
