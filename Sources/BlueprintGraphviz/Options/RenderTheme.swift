import ServiceBlueprint

/// The colours of a drawn blueprint.
///
/// Colours are `#RRGGBB` (or `#RRGGBBAA`) strings or Graphviz colour names; anything else is drawn black.
/// Start from ``standard`` or ``monochrome`` and change what you need:
///
/// ```swift
/// var theme = RenderTheme.standard
/// theme.stageHeaderFill = "#004B87"
/// ```
public struct RenderTheme: Sendable, Hashable {
    /// The colours of one lane.
    public struct LaneColors: Sendable, Hashable {
        /// The band behind the lane's steps.
        public var band: String
        /// The lane title.
        public var title: String
        /// The fill of the lane's step cards.
        public var stepFill: String
        /// The border of the lane's step cards.
        public var stepBorder: String

        /// Creates lane colours.
        public init(band: String, title: String, stepFill: String, stepBorder: String) {
            self.band = band
            self.title = title
            self.stepFill = stepFill
            self.stepBorder = stepBorder
        }
    }

    /// A short name, e.g. `standard`.
    public var name: String
    /// The page background.
    public var background: String
    /// Main text.
    public var text: String
    /// Secondary text: actors, times, standards, summaries.
    public var mutedText: String
    /// The stage header boxes.
    public var stageHeaderFill: String
    /// The stage header titles.
    public var stageHeaderText: String
    /// The thin lines between stage columns.
    public var stageDivider: String
    /// Lane colours in canonical lane order (evidence, customer, frontstage, backstage, support).
    public var lanes: [LaneColors]
    /// The line of interaction.
    public var interactionLine: String
    /// The line of visibility.
    public var visibilityLine: String
    /// The line of internal interaction.
    public var internalInteractionLine: String
    /// Sequence flows.
    public var sequenceFlow: String
    /// Information flows.
    public var informationFlow: String
    /// Escalation flows.
    public var escalationFlow: String
    /// Rework flows.
    public var reworkFlow: String
    /// Hand-off flows.
    public var handoffFlow: String
    /// Flows that cross the line of interaction (touchpoints) and their channel labels.
    public var touchpoint: String
    /// The fail point badge.
    public var failBadge: String
    /// The wait point badge.
    public var waitBadge: String
    /// Step-kind badges (decision, approval, check…).
    public var kindBadge: String
    /// Text on dark badges.
    public var badgeText: String
    /// Overlay heat at 0.
    public var heatLow: String
    /// Overlay heat at 0.5.
    public var heatMid: String
    /// Overlay heat at 1.
    public var heatHigh: String
    /// The critical path (steps' borders and flows).
    public var critical: String
    /// Steps marked redundant.
    public var redundant: String
    /// Suggested parallel pairs.
    public var parallel: String
    /// Finding badges of severity error.
    public var findingError: String
    /// Finding badges of severity warning.
    public var findingWarning: String
    /// Finding badges of severity note.
    public var findingNote: String
    /// The legend box.
    public var legendFill: String
    /// The legend box's border.
    public var legendBorder: String

    /// Creates a theme from every colour; prefer modifying ``standard`` or ``monochrome``.
    public init(
        name: String, background: String, text: String, mutedText: String, stageHeaderFill: String,
        stageHeaderText: String, stageDivider: String, lanes: [LaneColors], interactionLine: String,
        visibilityLine: String, internalInteractionLine: String, sequenceFlow: String, informationFlow: String,
        escalationFlow: String, reworkFlow: String, handoffFlow: String, touchpoint: String, failBadge: String,
        waitBadge: String, kindBadge: String, badgeText: String, heatLow: String, heatMid: String,
        heatHigh: String, critical: String, redundant: String, parallel: String, findingError: String,
        findingWarning: String, findingNote: String, legendFill: String, legendBorder: String
    ) {
        self.name = name
        self.background = background
        self.text = text
        self.mutedText = mutedText
        self.stageHeaderFill = stageHeaderFill
        self.stageHeaderText = stageHeaderText
        self.stageDivider = stageDivider
        self.lanes = lanes
        self.interactionLine = interactionLine
        self.visibilityLine = visibilityLine
        self.internalInteractionLine = internalInteractionLine
        self.sequenceFlow = sequenceFlow
        self.informationFlow = informationFlow
        self.escalationFlow = escalationFlow
        self.reworkFlow = reworkFlow
        self.handoffFlow = handoffFlow
        self.touchpoint = touchpoint
        self.failBadge = failBadge
        self.waitBadge = waitBadge
        self.kindBadge = kindBadge
        self.badgeText = badgeText
        self.heatLow = heatLow
        self.heatMid = heatMid
        self.heatHigh = heatHigh
        self.critical = critical
        self.redundant = redundant
        self.parallel = parallel
        self.findingError = findingError
        self.findingWarning = findingWarning
        self.findingNote = findingNote
        self.legendFill = legendFill
        self.legendBorder = legendBorder
    }

    /// The colours of a lane (the last entry of ``lanes`` when fewer than five are given).
    public func colors(for lane: Lane) -> LaneColors {
        if lanes.indices.contains(lane.position) { return lanes[lane.position] }
        return lanes.last ?? LaneColors(band: "#FFFFFF", title: text, stepFill: "#FFFFFF", stepBorder: text)
    }

    /// The colour of a blueprint line.
    public func color(for line: BlueprintLine) -> String {
        switch line {
        case .interaction: interactionLine
        case .visibility: visibilityLine
        case .internalInteraction: internalInteractionLine
        }
    }

    /// The colour of a flow kind.
    public func color(for kind: FlowKind) -> String {
        switch kind {
        case .sequence: sequenceFlow
        case .information: informationFlow
        case .escalation: escalationFlow
        case .rework: reworkFlow
        case .handoff: handoffFlow
        }
    }

    /// The colour of a finding severity.
    public func color(for severity: Severity) -> String {
        switch severity {
        case .error: findingError
        case .warning: findingWarning
        case .note: findingNote
        }
    }

    /// Soft lane bands, dark stage headers and colour-coded lines and flows: for screens and slides.
    public static let standard = RenderTheme(
        name: "standard", background: "#FFFFFF", text: "#1F2933", mutedText: "#5B6675",
        stageHeaderFill: "#2F4858", stageHeaderText: "#FFFFFF", stageDivider: "#C5CDD6",
        lanes: [
            LaneColors(band: "#F7F3EA", title: "#7A6238", stepFill: "#FFFDF8", stepBorder: "#C9B48A"),
            LaneColors(band: "#EAF3FB", title: "#245E8F", stepFill: "#FFFFFF", stepBorder: "#7FAAD3"),
            LaneColors(band: "#EAF6EE", title: "#24704A", stepFill: "#FFFFFF", stepBorder: "#7DBF98"),
            LaneColors(band: "#F2EEF8", title: "#5E4590", stepFill: "#FFFFFF", stepBorder: "#AE9BD0"),
            LaneColors(band: "#EFF1F4", title: "#4B5563", stepFill: "#FFFFFF", stepBorder: "#A3ADB8"),
        ],
        interactionLine: "#245E8F", visibilityLine: "#24704A", internalInteractionLine: "#5E4590",
        sequenceFlow: "#4B5563", informationFlow: "#3B82C4", escalationFlow: "#C0392B", reworkFlow: "#8E44AD",
        handoffFlow: "#A0522D", touchpoint: "#0F7C8C", failBadge: "#C0392B", waitBadge: "#E3A21A",
        kindBadge: "#E4E8ED", badgeText: "#FFFFFF", heatLow: "#FFF7E0", heatMid: "#FDCB7E", heatHigh: "#F08468",
        critical: "#E8590C", redundant: "#8A939E", parallel: "#16A085", findingError: "#C0392B",
        findingWarning: "#D9822B", findingNote: "#2C7FB8", legendFill: "#FAFBFC", legendBorder: "#D5DBE1")

    /// Greys only, with line styles carrying the meaning: for printing and photocopies.
    public static let monochrome = RenderTheme(
        name: "monochrome", background: "#FFFFFF", text: "#111111", mutedText: "#555555",
        stageHeaderFill: "#333333", stageHeaderText: "#FFFFFF", stageDivider: "#BBBBBB",
        lanes: [
            LaneColors(band: "#F6F6F6", title: "#333333", stepFill: "#FFFFFF", stepBorder: "#777777"),
            LaneColors(band: "#EDEDED", title: "#333333", stepFill: "#FFFFFF", stepBorder: "#777777"),
            LaneColors(band: "#F6F6F5", title: "#333333", stepFill: "#FFFFFF", stepBorder: "#777777"),
            LaneColors(band: "#EDEDEC", title: "#333333", stepFill: "#FFFFFF", stepBorder: "#777777"),
            LaneColors(band: "#F6F6F4", title: "#333333", stepFill: "#FFFFFF", stepBorder: "#777777"),
        ],
        interactionLine: "#222222", visibilityLine: "#444444", internalInteractionLine: "#666666",
        sequenceFlow: "#333333", informationFlow: "#555555", escalationFlow: "#111111", reworkFlow: "#444444",
        handoffFlow: "#333333", touchpoint: "#222222", failBadge: "#222222", waitBadge: "#777777",
        kindBadge: "#E0E0E0", badgeText: "#FFFFFF", heatLow: "#F4F4F4", heatMid: "#BDBDBD", heatHigh: "#6E6E6E",
        critical: "#000000", redundant: "#9E9E9E", parallel: "#555555", findingError: "#111111",
        findingWarning: "#555555", findingNote: "#888888", legendFill: "#FFFFFF", legendBorder: "#BBBBBB")
}
