import ServiceBlueprint

/// Analysis results drawn on top of a blueprint: heat, redundant steps, parallel suggestions, the critical
/// path and per-step findings.
///
/// Plain data keyed by step and flow ids, so any analysis can fill it in. Ids that do not exist in the
/// blueprint are ignored. Steps stay in their lanes, stages and sub-columns; cards grow by the rows the
/// overlay adds (heat label, note, findings).
///
/// ```swift
/// var overlay = RenderOverlay(heatTitle: "Utilization")
/// overlay.heat["repair-bench"] = .init(value: 0.96, label: "utilization 96 %")
/// overlay.redundant["re-enter-serial"] = "Serial number already captured at intake"
/// overlay.parallel.append(.init(first: "order-part", second: "schedule-visit"))
/// overlay.criticalSteps = ["call", "diagnose", "repair"]
/// overlay.criticalFlows = ["call->diagnose", "diagnose->repair"]
/// overlay.findings["diagnose", default: []].append(.init(severity: .warning, message: "No SOP"))
/// ```
public struct RenderOverlay: Sendable, Hashable {
    /// How hot a step is, 0 (cool) … 1 (saturated), e.g. the utilization of its actor.
    public struct Heat: Sendable, Hashable {
        /// The heat, clamped to 0…1 when drawn.
        public var value: Double
        /// Shown on the step card, e.g. "utilization 96 %"; empty shows nothing.
        public var label: String
        /// ``label`` as a catalog text, drawn in the drawing's language; `nil` draws ``label`` as written.
        public var text: LocalizedText?

        /// Creates a heat value.
        public init(value: Double, label: String = "") {
            self.value = value
            self.label = label
        }

        /// Creates a heat value whose label is a catalog text (``label`` is its English form).
        public init(value: Double, text: LocalizedText) {
            self.init(value: value, label: text.rendered(in: .english))
            self.text = text
        }

        /// The label in `language`.
        public func label(in language: Language) -> String { text?.rendered(in: language) ?? label }
    }

    /// Two steps that could run at the same time.
    public struct ParallelPair: Sendable, Hashable {
        /// One step, by id.
        public var first: String
        /// The other step, by id.
        public var second: String
        /// Why, e.g. "no information dependency"; shown as the tooltip of the marker.
        public var note: String

        /// Creates a parallel suggestion.
        public init(first: String, second: String, note: String = "") {
            self.first = first
            self.second = second
            self.note = note
        }
    }

    /// A finding about one step, drawn as a badge row on its card.
    public struct Finding: Sendable, Hashable {
        /// How serious the finding is; picks the badge colour.
        public var severity: Severity
        /// A short message, e.g. "Customer asked for the serial number again".
        public var message: String

        /// Creates a finding.
        public init(severity: Severity, message: String) {
            self.severity = severity
            self.message = message
        }
    }

    /// What the heat measures, shown in the legend, e.g. "Utilization".
    public var heatTitle: String
    /// Heat per step id.
    public var heat: [String: Heat]
    /// Steps marked redundant, by id, with a note explaining why.
    public var redundant: [String: String]
    /// Step pairs that could run in parallel, drawn as dashed connectors, in this order.
    public var parallel: [ParallelPair]
    /// Step ids on the critical path, drawn with a heavy border.
    public var criticalSteps: Set<String>
    /// Flow ids (`Flow.id`, `from->to`) on the critical path, drawn heavy.
    public var criticalFlows: Set<String>
    /// Findings per step id, drawn on the card in this order (at most ``maxFindingsPerStep``).
    public var findings: [String: [Finding]]
    /// How many finding rows a card shows; the rest are summarised as "+n more".
    public var maxFindingsPerStep: Int

    /// The default ``heatTitle``, drawn in the drawing's language.
    public static let defaultHeatTitle = "Utilization"

    /// The catalog texts of ``redundant`` notes made from findings, so they are drawn in any language.
    package var redundantTexts: [String: LocalizedText] = [:]
    /// The catalog texts of ``ParallelPair/note``s made from findings' impacts, by `first|second`.
    package var parallelTexts: [String: LocalizedText] = [:]

    /// The redundant note of a step in `language`: the finding's text when the overlay was made from an
    /// analysis, else the note as given.
    func redundantNote(for step: String, in language: Language) -> String? {
        guard let note = redundant[step] else { return nil }
        return redundantTexts[step].map { $0.rendered(in: language) } ?? note
    }

    /// A parallel pair's note in `language` (see ``redundantNote(for:in:)``).
    func parallelNote(_ pair: ParallelPair, in language: Language) -> String {
        parallelTexts["\(pair.first)|\(pair.second)"].map { $0.rendered(in: language) } ?? pair.note
    }

    /// Creates an overlay; everything is empty by default.
    public init(
        heatTitle: String = RenderOverlay.defaultHeatTitle, heat: [String: Heat] = [:], redundant: [String: String] = [:],
        parallel: [ParallelPair] = [], criticalSteps: Set<String> = [], criticalFlows: Set<String> = [],
        findings: [String: [Finding]] = [:], maxFindingsPerStep: Int = 3
    ) {
        self.heatTitle = heatTitle
        self.heat = heat
        self.redundant = redundant
        self.parallel = parallel
        self.criticalSteps = criticalSteps
        self.criticalFlows = criticalFlows
        self.findings = findings
        self.maxFindingsPerStep = maxFindingsPerStep
    }

    /// `true` when the overlay would draw nothing.
    public var isEmpty: Bool {
        heat.isEmpty && redundant.isEmpty && parallel.isEmpty && criticalSteps.isEmpty && criticalFlows.isEmpty
            && findings.values.allSatisfy(\.isEmpty)
    }
}
