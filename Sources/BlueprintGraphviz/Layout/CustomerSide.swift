import ServiceBlueprint

/// The customer's side of a blueprint, measured for drawing: the evidence items of each step, the
/// servicescape (stage and blueprint evidence), the emotion curve with its pain points and moments of
/// truth, and the journey to highlight.
///
/// Only what is modelled is drawn: a blueprint without emotions, pain points, moments of truth or
/// evidence gets no band and no row, and draws exactly as before.
struct CustomerSide {
    /// What the customer sees at a step, drawn as one note in the evidence lane in the step's column, one
    /// item under the other (one note per step keeps the lane shallow and the link to the step straight).
    struct EvidenceItem {
        /// The scene index of the step it belongs to.
        var step: Int
        /// The step's evidence items.
        var texts: [String]
        /// The wrapped lines of each item.
        var lines: [[String]]
        var size: Size
    }

    /// What a mark in the emotion band stands for.
    enum MarkKind {
        case painPoint
        case momentOfTruth
    }

    /// A pain point or moment of truth, listed under the curve in its stage's column.
    struct Label {
        var kind: MarkKind
        var text: String
        /// The step it belongs to; `nil` for the stage's own.
        var step: Int?
    }

    /// A point of the emotion curve, on the flow axis.
    struct EmotionPoint {
        /// Where on the flow axis: a step's column, or a stage's middle.
        enum Anchor: Equatable {
            case steps([Int])
            case stage(Int)
        }

        var anchor: Anchor
        var emotion: Double
    }

    let evidenceItems: [EvidenceItem]
    /// Blueprint-wide evidence (the servicescape throughout).
    let throughout: [String]
    /// Stage evidence per stage column.
    let stageEvidence: [[String]]
    /// Per stage column, its pain points and moments of truth: the stage's own, then its steps' in flow order.
    let labels: [[Label]]
    /// The curve's points in flow order.
    let points: [EmotionPoint]
    /// Steps with a pain point, for their marks on the curve.
    let painSteps: [Int]
    /// The highlighted journey and the steps it covers; `nil` when every step is drawn alike.
    let journey: Journey?
    let highlighted: StepSet?

    /// Typography and spacing.
    let scale: Double
    let textSize: Double
    let lineHeight: Double
    let itemSize: Double

    var hasBand: Bool { !points.isEmpty || labels.contains { !$0.isEmpty } }
    var hasServicescape: Bool { !throughout.isEmpty || stageEvidence.contains { !$0.isEmpty } }

    /// `true` when step `index` is drawn dimmed (off the highlighted journey).
    func isDimmed(_ index: Int) -> Bool { highlighted.map { !$0.contains(Int32(index)) } ?? false }

    init(scene: BlueprintScene, order: FlowOrder, options: RenderOptions, metrics: TextMetrics) {
        scale = options.fontSize / 11
        textSize = StepCard.detailSize(options.fontSize)
        lineHeight = (textSize * 1.35).rounded(.up)
        let itemSize = (options.fontSize * 0.85 * 2).rounded() / 2
        self.itemSize = itemSize

        let blueprint = scene.blueprint
        if let id = options.journey, let journey = blueprint.journey(id) {
            self.journey = journey
            highlighted = scene.graph.parts(of: journey, skipping: StepSet(capacity: scene.graph.stepCount)).steps
        } else {
            journey = nil
            highlighted = nil
        }
        let highlighted = highlighted

        // Evidence items, in flow order so that items stacked in one cell read in the order of their steps.
        let width = max(80, options.stepWidth - 16 * scale)
        let padding = 6 * scale
        var items: [EvidenceItem] = []
        for step in order.order {
            let texts = scene.steps[step].evidence.map(DOTText.singleLine).filter { !$0.isEmpty }
            guard !texts.isEmpty else { continue }
            let bullet = texts.count > 1 ? "• " : ""
            let lines = texts.map { metrics.wrap(bullet + $0, size: itemSize, maxWidth: width - 2 * padding - 2, maxLines: 4) }
            let lineCount = lines.reduce(0) { $0 + $1.count }
            let height = Double(lineCount) * itemSize * 1.2 + Double(texts.count - 1) * 3 + 2 * padding
            items.append(EvidenceItem(step: step, texts: texts, lines: lines, size: Size(width: width, height: height.rounded(.up))))
        }
        evidenceItems = items
        throughout = blueprint.evidence.map(DOTText.singleLine).filter { !$0.isEmpty }
        stageEvidence = scene.stages.map { ($0.declared?.evidence ?? []).map(DOTText.singleLine).filter { !$0.isEmpty } }

        // Pain points and moments of truth per stage, and the curve's points.
        var labels: [[Label]] = scene.stages.map { stage in
            (stage.declared?.painPoints ?? []).map { Label(kind: .painPoint, text: $0, step: nil) }
                + (stage.declared?.momentsOfTruth ?? []).map { Label(kind: .momentOfTruth, text: $0, step: nil) }
        }
        var painSteps: [Int] = []
        var stepPoints: [[Int]] = Array(repeating: [], count: scene.stages.count)
        for step in order.order where highlighted?.contains(Int32(step)) ?? true {
            let stage = scene.stageOfStep[step]
            let painPoints = scene.steps[step].painPoints.map(DOTText.singleLine).filter { !$0.isEmpty }
            for text in painPoints { labels[stage].append(Label(kind: .painPoint, text: text, step: step)) }
            if !painPoints.isEmpty { painSteps.append(step) }
            if scene.steps[step].emotion != nil { stepPoints[stage].append(step) }
        }
        self.labels = labels.map { $0.filter { !DOTText.singleLine($0.text).isEmpty } }
        self.painSteps = painSteps
        var points: [EmotionPoint] = []
        for stage in scene.stages.indices {
            if stepPoints[stage].isEmpty {
                if let emotion = scene.stages[stage].declared?.emotion {
                    points.append(EmotionPoint(anchor: .stage(stage), emotion: Self.clamped(emotion)))
                }
                continue
            }
            // Steps of one sub-column share a point: the mean of their emotions.
            var byLevel: [(level: Int, steps: [Int])] = []
            for step in stepPoints[stage] {
                if let index = byLevel.firstIndex(where: { $0.level == order.level[step] }) {
                    byLevel[index].steps.append(step)
                } else {
                    byLevel.append((order.level[step], [step]))
                }
            }
            for (_, steps) in byLevel.sorted(by: { $0.level < $1.level }) {
                let total = steps.reduce(0.0) { $0 + Self.clamped(scene.steps[$1].emotion ?? 0) }
                points.append(EmotionPoint(anchor: .steps(steps), emotion: total / Double(steps.count)))
            }
        }
        self.points = points
    }

    static func clamped(_ emotion: Int) -> Double { Double(min(max(emotion, -2), 2)) }

    // MARK: Band geometry (lane axis)

    /// Padding inside the band and the servicescape row.
    var padding: Double { 8 * scale }
    /// The lane-axis extent of the curve area: four intervals between −2 and +2.
    var curveExtent: Double { 56 * scale }
    /// The width of the label column beside the curve when time runs top to bottom.
    var sideLabelWidth: Double { 200 * scale }
    /// The width of the servicescape column when time runs top to bottom.
    var sideServicescapeWidth: Double { 150 * scale }
    /// The width reserved for a mark before a label.
    var markWidth: Double { textSize * 1.3 }

    /// Wrapped lines of one label, for a column `width` wide.
    func lines(of label: Label, width: Double, metrics: TextMetrics) -> [String] {
        metrics.wrap(label.text, size: textSize, maxWidth: max(40, width - markWidth), maxLines: 3)
    }

    /// The height of a stage's labels in a column `width` wide.
    func labelHeight(stage: Int, width: Double, metrics: TextMetrics) -> Double {
        labels[stage].reduce(0) { $0 + Double(lines(of: $1, width: width, metrics: metrics).count) * lineHeight + 2 }
    }

    /// The servicescape lines of a stage (the blueprint-wide evidence opens the first column top to bottom).
    func servicescapeLines(stage: Int, width: Double, direction: LayoutDirection, metrics: TextMetrics) -> [String] {
        var text = stageEvidence[stage].joined(separator: " · ")
        if direction == .topToBottom, stage == 0, !throughout.isEmpty {
            text = "Throughout: " + throughout.joined(separator: " · ") + (text.isEmpty ? "" : " · " + text)
        }
        guard !text.isEmpty else { return [] }
        return metrics.wrap(text, size: textSize, maxWidth: max(40, width), maxLines: 6)
    }

    /// The lane-axis extent of the emotion band, given each stage's flow-axis extent.
    func bandExtent(stageExtents: [Double], direction: LayoutDirection, metrics: TextMetrics) -> Double {
        guard hasBand else { return 0 }
        switch direction {
        case .leftToRight:
            let labels = stageExtents.indices.map { labelHeight(stage: $0, width: stageExtents[$0] - 2 * padding, metrics: metrics) }
            let tallest = labels.max() ?? 0
            return (padding * 2 + curveExtent + (tallest > 0 ? padding + tallest : 0)).rounded(.up)
        case .topToBottom:
            return (padding * 3 + curveExtent + (labels.contains { !$0.isEmpty } ? sideLabelWidth : 0)).rounded(.up)
        }
    }

    /// The lane-axis extent of the servicescape row.
    func servicescapeExtent(stageExtents: [Double], direction: LayoutDirection, metrics: TextMetrics) -> Double {
        guard hasServicescape else { return 0 }
        switch direction {
        case .leftToRight:
            let tallest = stageExtents.indices.map {
                servicescapeLines(stage: $0, width: stageExtents[$0] - 2 * padding, direction: direction, metrics: metrics).count
            }.max() ?? 0
            let rows = Double(tallest) + (throughout.isEmpty ? 0 : 1)
            return (rows * lineHeight + 2 * padding).rounded(.up)
        case .topToBottom:
            return sideServicescapeWidth + 2 * padding
        }
    }

    /// Top to bottom, per stage, the flow-axis extent its labels and servicescape need (stage rows grow to
    /// hold them; left to right the band and row grow instead).
    func stageNeeds(stageCount: Int, metrics: TextMetrics) -> [Double] {
        (0..<stageCount).map { stage in
            let labels = labelHeight(stage: stage, width: sideLabelWidth, metrics: metrics)
            let servicescape = Double(servicescapeLines(
                stage: stage, width: sideServicescapeWidth, direction: .topToBottom, metrics: metrics).count) * lineHeight
            return max(labels, servicescape) + 2 * padding
        }
    }
}
