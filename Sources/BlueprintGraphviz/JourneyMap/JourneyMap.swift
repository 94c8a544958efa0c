import ServiceBlueprint

/// The customer-facing journey map of a blueprint: stages as columns, and as rows the stage's goal,
/// the customer's actions, the touchpoints and their channels, the emotion curve with pain points
/// and moments of truth, the pain points, the opportunities the analysis finds on the customer's
/// side, and the experience KPIs measured there.
///
/// It is drawn from the same scene, theme, fonts and measurement as the blueprint (``DrawingBasis``,
/// without placing the blueprint's cards and flows), as
/// one Graphviz background with two invisible corner points that give the page its size, so the
/// output is deterministic and needs no layout. With ``RenderOptions/journey`` only that journey's
/// steps appear.
struct JourneyMap {
    /// The rows under the stage headers, top to bottom.
    enum Row: CaseIterable {
        case goal, actions, touchpoints, emotion, painPoints, opportunities, kpis

        var titleKey: String {
            switch self {
            case .goal: "drawing.journeyMap.goal"
            case .actions: "drawing.journeyMap.actions"
            case .touchpoints: "drawing.journeyMap.touchpoints"
            case .emotion: "drawing.emotion"
            case .painPoints: "drawing.journeyMap.painPoints"
            case .opportunities: "drawing.journeyMap.opportunities"
            case .kpis: "drawing.journeyMap.kpis"
            }
        }
    }

    /// One line item of a cell: its text, and the mark drawn before it.
    struct Item {
        enum Mark { case bullet, painPoint, momentOfTruth, missedTarget }
        var text: String
        var mark: Mark = .bullet
        /// At most this many lines; the last ends with "…" when the text is longer.
        var maxLines = 6
    }

    /// One point of the emotion curve: a step's emotion (or the stage's own), in its column.
    struct EmotionPoint {
        var column: Int
        /// Where in the column, 0…1 from the left.
        var position: Double
        var emotion: Double
        var hasPainPoint: Bool
    }

    /// Everything one stage column shows.
    struct Column {
        var title: String
        var goal: [Item] = []
        var actions: [Item] = []
        var touchpoints: [Item] = []
        var painPoints: [Item] = []
        var opportunities: [Item] = []
        var kpis: [Item] = []
        var momentsOfTruth = 0

        func items(_ row: Row) -> [Item] {
            switch row {
            case .goal: goal
            case .actions: actions
            case .touchpoints: touchpoints
            case .emotion: []
            case .painPoints: painPoints
            case .opportunities: opportunities
            case .kpis: kpis
            }
        }
    }

    static let margin = 18.0
    static let headerWidth = 138.0
    static let padding = 8.0
    static let emotionHeight = 96.0
    /// At most this many opportunities per stage, the most serious first.
    static let opportunitiesPerStage = 3

    let drawing: DrawingBasis
    let columns: [Column]
    let points: [EmotionPoint]
    /// KPIs of the whole journey or blueprint, shown under the KPI row's title.
    let overallKPIs: [Item]
    let columnWidth: Double
    let fontSize: Double

    init(drawing: DrawingBasis, analysis: BlueprintAnalysis?) {
        self.drawing = drawing
        let scene = drawing.scene
        let options = drawing.options
        let blueprint = scene.blueprint
        fontSize = options.fontSize
        columnWidth = max(options.stepWidth + 40, 180)
        // The highlighted journey's steps, as the blueprint drawing resolves them (start, ends, parts).
        let journey = drawing.customer.journey
        func isShown(_ index: Int) -> Bool { !drawing.customer.isDimmed(index) }

        var columns = scene.stages.map { stage in
            var column = Column(title: stage.title)
            if let goal = stage.goal, !goal.isEmpty { column.goal = [Item(text: goal)] }
            if let declared = stage.declared {
                column.painPoints = declared.painPoints.map { Item(text: $0, mark: .painPoint) }
                    + declared.momentsOfTruth.map { Item(text: $0, mark: .momentOfTruth) }
                column.momentsOfTruth = declared.momentsOfTruth.count
            }
            return column
        }
        var stepsByColumn = Array(repeating: [Int](), count: columns.count)
        for index in scene.steps.indices where isShown(index) {
            stepsByColumn[scene.stageOfStep[index]].append(index)
        }
        var points: [EmotionPoint] = []
        for (column, indices) in stepsByColumn.enumerated() {
            var stepPain: [Item] = []
            for index in indices {
                let step = scene.steps[index]
                if step.lane == .customer { columns[column].actions.append(Item(text: step.title)) }
                if let channel = step.channel {
                    columns[column].touchpoints.append(Item(text: options.text(
                        "drawing.journeyMap.touchpoint",
                        ["channel": .verbatim(scene.channelTitle(channel, in: options.language)), "step": .verbatim(step.title)])))
                }
                stepPain += step.painPoints.map { Item(text: $0, mark: .painPoint) }
            }
            // A pain point named at a step and again at its stage is listed once.
            var listed = Set<String>()
            columns[column].painPoints = (stepPain + columns[column].painPoints).filter { listed.insert($0.text).inserted }
            // The curve: each step's emotion where it happens, else the stage's own in the middle.
            let feeling = indices.filter { scene.steps[$0].emotion != nil }
            for (k, index) in feeling.enumerated() {
                let step = scene.steps[index]
                points.append(EmotionPoint(
                    column: column, position: Double(k + 1) / Double(feeling.count + 1),
                    emotion: CustomerSide.clamped(step.emotion ?? 0), hasPainPoint: !step.painPoints.isEmpty))
            }
            // (A stage the highlighted journey does not pass has no point.)
            if feeling.isEmpty, journey == nil || !indices.isEmpty, let emotion = scene.stages[column].declared?.emotion {
                points.append(EmotionPoint(
                    column: column, position: 0.5, emotion: CustomerSide.clamped(emotion),
                    hasPainPoint: !(scene.stages[column].declared?.painPoints.isEmpty ?? true)))
            }
        }

        // Opportunities: what the analysis would change where the customer feels it.
        if let analysis {
            var perColumn = Array(repeating: [(rank: Int, text: String)](), count: columns.count)
            var seen = Set<String>()
            for finding in analysis.findings {
                let indices = finding.stepIDs.compactMap { scene.indexByID[$0] }
                guard let felt = indices.first(where: { index in
                    let step = scene.steps[index]
                    return isShown(index) && (step.lane == .customer || step.lane == .frontstage || step.isTouchpoint)
                }) else { continue }
                let text = finding.fix.map { $0.summary(in: options.language) } ?? finding.message(in: options.language)
                guard seen.insert(text).inserted else { continue }
                let rank = finding.severity == .error ? 0 : finding.severity == .warning ? 1 : 2
                perColumn[scene.stageOfStep[felt]].append((rank, text))
            }
            for column in columns.indices {
                // Stable: the analysis's own order within a severity.
                let ordered = perColumn[column].enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
                columns[column].opportunities = ordered.prefix(Self.opportunitiesPerStage).map { Item(text: $0.element.text, maxLines: 4) }
            }
        }

        // KPIs at a stage or at a touchpoint go in its column; the journey's and the blueprint's under the row title.
        var overall: [Item] = []
        let stageColumn = Dictionary(scene.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for kpi in blueprint.kpis {
            if let journeyID = kpi.journey, let journey, journeyID != journey.id { continue }
            let item = Self.kpiItem(kpi, options: options)
            if let step = kpi.step, let index = scene.indexByID[step] {
                guard isShown(index) else { continue }
                columns[scene.stageOfStep[index]].kpis.append(item)
            } else if let stage = kpi.stage, let column = stageColumn[stage] {
                columns[column].kpis.append(item)
            } else {
                overall.append(item)
            }
        }
        // With a journey, only the stages it passes: a stage it never reaches has nothing of it to show.
        if journey != nil {
            let passed = Set(stepsByColumn.indices.filter { !stepsByColumn[$0].isEmpty })
            let kept = columns.indices.filter { passed.contains($0) }
            let newIndex = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
            columns = kept.map { columns[$0] }
            points = points.compactMap { point in
                newIndex[point.column].map { EmotionPoint(column: $0, position: point.position, emotion: point.emotion, hasPainPoint: point.hasPainPoint) }
            }
        }
        self.columns = columns
        self.points = points
        overallKPIs = overall
    }

    /// "NPS: 32 (target 40)", marked when the current figure misses its target.
    static func kpiItem(_ kpi: KPI, options: RenderOptions) -> Item {
        // A KPI without a title of its own (its title is its id) is named by its kind: "NPS".
        let name = kpi.title == kpi.id && kpi.kind.isSurvey ? kpi.kind.rawValue.uppercased() : kpi.title
        let unit = kpi.kind.unit(in: options.language)
        func number(_ value: Double) -> String { ExperienceText.number(value) + unit }
        var arguments: [String: TextArgument] = ["kpi": .verbatim(name)]
        let key: String
        switch (kpi.currentFigure, kpi.target) {
        case let (value?, target?):
            key = "drawing.journeyMap.kpi"
            arguments["value"] = .verbatim(number(value))
            arguments["target"] = .verbatim(number(target))
        case let (value?, nil):
            key = "drawing.journeyMap.kpi.noTarget"
            arguments["value"] = .verbatim(number(value))
        case let (nil, target?):
            key = "drawing.journeyMap.kpi.unmeasured"
            arguments["target"] = .verbatim(number(target))
        case (nil, nil):
            key = "drawing.journeyMap.kpi.none"
        }
        let missed = kpi.misses(kpi.currentFigure)
        return Item(text: options.text(key, arguments), mark: missed ? .missedTarget : .bullet)
    }
}

extension KPIKind {
    /// The unit a figure of this kind is written with, the language's way (`38 %`, `3.4 min`;
    /// `38%`, `3.4分钟`), as `Language.format` writes shares and durations.
    func unit(in language: Language) -> String {
        let english = language == .english
        switch self {
        case .csat, .firstContactResolution, .errorRate: return english ? " %" : "%"
        case .responseTime, .handlingTime: return english ? " min" : "分钟"
        default: return ""
        }
    }
}
