import ServiceBlueprint

/// Where everything goes: lane bands, stage columns, the three lines and every step, computed in Swift so
/// that lanes and columns are right by construction (Graphviz only routes the flows).
///
/// Positions are computed on two abstract axes and then mapped to the page: the *flow* axis, along which
/// stages and their sub-columns follow each other, and the *lane* axis, along which the five lanes are
/// stacked in canonical order. Left to right maps flow → x and lane → y; top to bottom maps flow → y and
/// lane → x.
///
/// - Stages are columns in declared order; inside a stage, each step's sub-column is its ``FlowOrder``
///   level, so steps read in flow order.
/// - Lanes are bands in canonical order; when several steps of one lane share a sub-column they stack in
///   sub-rows, and every lane is as deep as its deepest stack.
/// - Cards never overlap: sub-columns are as wide as their widest card plus a gap, sub-rows as deep as the
///   lane's deepest card plus a gap, and lane bands do not overlap.
struct BlueprintLayout {
    struct LaneBand {
        var lane: Lane
        /// The whole band, including the title area.
        var rect: Rect
        /// The title area at the start of the band.
        var titleRect: Rect
    }

    struct StageBand {
        /// The column through all lanes (excluding the header).
        var rect: Rect
        /// The header box.
        var headerRect: Rect
    }

    struct LineSegment {
        var line: BlueprintLine
        var from: Point
        var to: Point
    }

    let direction: LayoutDirection
    let lanes: [LaneBand]
    let stages: [StageBand]
    let lines: [LineSegment]
    /// Card rectangle per step index.
    let cards: [Rect]
    /// Rectangle per extra card (evidence items), in the order given.
    let extraCards: [Rect]
    /// The emotion band above the evidence lane (left of it, top to bottom), including its title area;
    /// `nil` when the blueprint has no customer-side data to draw.
    let customerBand: Rect?
    /// The servicescape row at the start of the evidence lane, including its title area; `nil` when empty.
    let servicescape: Rect?
    /// The bounding box of lanes and headers.
    let bounds: Rect
    /// Gap between a lane's edge and its outermost cards, on the lane axis.
    let lanePadding: Double
    /// Gap between sub-rows on the lane axis.
    let rowGap: Double

    /// Spacing, in points.
    struct Spacing {
        var columnGap: Double
        var rowGap: Double
        var lanePadding: Double
        var stagePadding: Double
        var laneTitleExtent: Double
        var stageHeaderExtent: Double
        var stageHeaderGap: Double
        var emptyLaneExtent: Double
        var minStageExtent: Double

        static func make(direction: LayoutDirection, fontSize: Double) -> Spacing {
            let scale = fontSize / 11
            switch direction {
            case .leftToRight:
                return Spacing(
                    columnGap: 54 * scale, rowGap: 26 * scale, lanePadding: 20 * scale, stagePadding: 10 * scale,
                    laneTitleExtent: 128 * scale, stageHeaderExtent: 44 * scale, stageHeaderGap: 6 * scale,
                    emptyLaneExtent: 52 * scale, minStageExtent: 124 * scale)
            case .topToBottom:
                return Spacing(
                    columnGap: 46 * scale, rowGap: 30 * scale, lanePadding: 22 * scale, stagePadding: 10 * scale,
                    laneTitleExtent: 44 * scale, stageHeaderExtent: 128 * scale, stageHeaderGap: 6 * scale,
                    emptyLaneExtent: 128 * scale, minStageExtent: 70 * scale)
            }
        }
    }

    /// A card that is not a step (an evidence item), placed in a lane cell after the cell's steps.
    struct ExtraCard {
        var lane: Lane
        /// The step whose stage and sub-column the card takes.
        var step: Int
        var size: Size
    }

    /// A label drawn on a flow that Graphviz routes (it centres the label on the route).
    struct FlowLabel {
        var from: Int
        var to: Int
        var size: Size
    }

    /// - Parameters:
    ///   - scene: the resolved blueprint.
    ///   - order: flow order and sub-columns.
    ///   - cardSizes: the size of each step's card.
    ///   - extras: cards that are not steps, each in the column of its step.
    ///   - minimumStageExtent: per stage, the flow-axis extent its header needs.
    ///   - minimumLaneExtent: per lane, the lane-axis extent its title needs.
    ///   - servicescapeExtent: the lane-axis extent of the servicescape row (0 for none).
    ///   - customerBandExtent: the lane-axis extent of the emotion band, given the flow-axis extent of
    ///     each stage (0 for none).
    ///   - flowLabels: labels of routed flows; two neighbouring sub-columns joined by a labelled flow
    ///     are spaced so the label fits between their cards (Graphviz centres it on the route, and a
    ///     label wider than the gap lay under the cards).
    ///   - origin: the top-left corner of the diagram on the page.
    init(
        scene: BlueprintScene, order: FlowOrder, cardSizes: [Size], extras: [ExtraCard] = [], minimumStageExtent: [Double],
        minimumLaneExtent: [Double], servicescapeExtent: ([Double]) -> Double = { _ in 0 }, customerBandExtent: ([Double]) -> Double = { _ in 0 },
        flowLabels: [FlowLabel] = [], spacing: Spacing, direction: LayoutDirection, origin: Point
    ) {
        self.direction = direction
        self.lanePadding = spacing.lanePadding
        self.rowGap = spacing.rowGap
        let stepCount = scene.steps.count
        let stageCount = scene.stages.count
        let horizontal = direction == .leftToRight
        // Extent of a card along the flow axis (u) and the lane axis (v).
        func extentU(_ size: Size) -> Double { horizontal ? size.width : size.height }
        func extentV(_ size: Size) -> Double { horizontal ? size.height : size.width }

        // Sub-columns per stage and their extents.
        var levelsPerStage = [Int](repeating: 0, count: stageCount)
        for step in 0..<stepCount {
            levelsPerStage[scene.stageOfStep[step]] = max(levelsPerStage[scene.stageOfStep[step]], order.level[step] + 1)
        }
        var columnExtent: [[Double]] = levelsPerStage.map { [Double](repeating: 0, count: $0) }
        for step in 0..<stepCount {
            let stage = scene.stageOfStep[step]
            columnExtent[stage][order.level[step]] = max(columnExtent[stage][order.level[step]], extentU(cardSizes[step]))
        }

        // The gap each sub-column keeps around its cards: the usual gap, or a labelled flow to the
        // neighbouring sub-column with a clear margin either side (half of the gap is on each side of
        // a column, so both ends of the flow get the full need).
        var columnGap: [[Double]] = levelsPerStage.map { [Double](repeating: spacing.columnGap, count: $0) }
        if !flowLabels.isEmpty {
            var firstColumn = [Int](repeating: 0, count: stageCount)
            for stage in 1..<max(1, stageCount) { firstColumn[stage] = firstColumn[stage - 1] + levelsPerStage[stage - 1] }
            func column(_ step: Int) -> Int { firstColumn[scene.stageOfStep[step]] + order.level[step] }
            let margin = spacing.columnGap / 3
            for label in flowLabels where label.from < stepCount && label.to < stepCount {
                guard abs(column(label.from) - column(label.to)) == 1 else { continue }
                let need = extentU(label.size) + 2 * margin
                for step in [label.from, label.to] {
                    let (stage, level) = (scene.stageOfStep[step], order.level[step])
                    columnGap[stage][level] = max(columnGap[stage][level], need)
                }
            }
        }

        // Cells (lane, stage, level) hold steps in flow order; several steps in one cell stack on the lane
        // axis. A lane is as deep as its deepest stack.
        struct Cell: Hashable {
            var lane: Int
            var stage: Int
            var level: Int
        }
        // Members are card indices: steps first, then extras (index stepCount + i).
        let allSizes = cardSizes + extras.map(\.size)
        var members: [Cell: [Int]] = [:]
        for step in order.order {
            let cell = Cell(lane: scene.steps[step].lane.position, stage: scene.stageOfStep[step], level: order.level[step])
            members[cell, default: []].append(step)
        }
        for (index, extra) in extras.enumerated() {
            let cell = Cell(lane: extra.lane.position, stage: scene.stageOfStep[extra.step], level: order.level[extra.step])
            members[cell, default: []].append(stepCount + index)
        }
        var stackExtent: [Cell: Double] = [:]
        var laneContent = [Double](repeating: 0, count: Lane.allCases.count)
        for (cell, steps) in members {
            let extent = steps.reduce(0) { $0 + extentV(allSizes[$1]) } + Double(steps.count - 1) * spacing.rowGap
            stackExtent[cell] = extent
            laneContent[cell.lane] = max(laneContent[cell.lane], extent)
        }

        // Flow axis: lane titles, then stages.
        var u = spacing.laneTitleExtent
        var stageStart = [Double](repeating: 0, count: stageCount)
        var stageExtent = [Double](repeating: 0, count: stageCount)
        var columnCenter: [[Double]] = columnExtent.map { [Double](repeating: 0, count: $0.count) }
        for stage in 0..<stageCount {
            let content = zip(columnExtent[stage], columnGap[stage]).reduce(0) { $0 + $1.0 + $1.1 }
            let headerNeed = stage < minimumStageExtent.count ? minimumStageExtent[stage] : 0
            let extent = max(content + 2 * spacing.stagePadding, headerNeed, spacing.minStageExtent)
            stageStart[stage] = u
            stageExtent[stage] = extent
            var cursor = u + (extent - content) / 2
            for level in columnExtent[stage].indices {
                let slot = columnExtent[stage][level] + columnGap[stage][level]
                columnCenter[stage][level] = cursor + slot / 2
                cursor += slot
            }
            u += extent
        }
        let flowEnd = max(u, spacing.laneTitleExtent + spacing.minStageExtent)

        // Lane axis: stage headers, the emotion band, then lanes (the servicescape row opens the evidence lane).
        let bandStart = spacing.stageHeaderExtent + spacing.stageHeaderGap
        let bandExtent = max(0, customerBandExtent(stageExtent))
        let servicescapeExtent = max(0, servicescapeExtent(stageExtent))
        var v = bandStart + bandExtent
        var laneStart = [Double](repeating: 0, count: Lane.allCases.count)
        var laneExtent = [Double](repeating: 0, count: Lane.allCases.count)
        // Where the cards of a lane are centred: after the servicescape row in the evidence lane.
        var cardAreaStart = [Double](repeating: 0, count: Lane.allCases.count)
        for lane in Lane.allCases {
            let index = lane.position
            let content = laneContent[index]
            let titleNeed = index < minimumLaneExtent.count ? minimumLaneExtent[index] : 0
            let row = lane == .evidence ? servicescapeExtent : 0
            laneStart[index] = v
            cardAreaStart[index] = v + row
            laneExtent[index] = row + max(content > 0 ? content + 2 * spacing.lanePadding : 0, spacing.emptyLaneExtent, titleNeed)
            v += laneExtent[index]
        }
        let laneEnd = v

        // Map (u, v) to the page.
        func point(_ u: Double, _ v: Double) -> Point {
            horizontal ? Point(x: origin.x + u, y: origin.y + v) : Point(x: origin.x + v, y: origin.y + u)
        }
        func rect(u: Double, v: Double, extentU: Double, extentV: Double) -> Rect {
            let corner = point(u, v)
            return horizontal
                ? Rect(x: corner.x, y: corner.y, width: extentU, height: extentV)
                : Rect(x: corner.x, y: corner.y, width: extentV, height: extentU)
        }

        // Stacks are centred on the lane's middle, so single cards of a lane share one line and flows
        // between them run straight.
        var placed = [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: allSizes.count)
        for (cell, steps) in members {
            let end = laneStart[cell.lane] + laneExtent[cell.lane]
            let middle = (cardAreaStart[cell.lane] + end) / 2
            var cursor = middle - (stackExtent[cell] ?? 0) / 2
            let centerU = columnCenter[cell.stage][cell.level]
            for step in steps {
                let extent = extentV(allSizes[step])
                placed[step] = Rect(center: point(centerU, cursor + extent / 2), size: allSizes[step])
                cursor += extent + spacing.rowGap
            }
        }

        lanes = Lane.allCases.map { lane in
            let index = lane.position
            return LaneBand(
                lane: lane,
                rect: rect(u: 0, v: laneStart[index], extentU: flowEnd, extentV: laneExtent[index]),
                titleRect: rect(
                    u: 0, v: cardAreaStart[index], extentU: spacing.laneTitleExtent,
                    extentV: laneStart[index] + laneExtent[index] - cardAreaStart[index]))
        }
        stages = (0..<stageCount).map { stage in
            StageBand(
                rect: rect(
                    u: stageStart[stage], v: bandStart, extentU: stageExtent[stage], extentV: laneEnd - bandStart),
                headerRect: rect(
                    u: stageStart[stage] + 2, v: 0, extentU: stageExtent[stage] - 4, extentV: spacing.stageHeaderExtent))
        }
        lines = BlueprintLine.allCases.map { line in
            let v = laneStart[line.laneBelow.position]
            return LineSegment(line: line, from: point(0, v), to: point(flowEnd, v))
        }
        cards = Array(placed[0..<stepCount])
        extraCards = Array(placed[stepCount...])
        customerBand = bandExtent > 0 ? rect(u: 0, v: bandStart, extentU: flowEnd, extentV: bandExtent) : nil
        let evidence = Lane.evidence.position
        servicescape = servicescapeExtent > 0
            ? rect(u: 0, v: laneStart[evidence], extentU: flowEnd, extentV: servicescapeExtent) : nil
        bounds = rect(u: 0, v: 0, extentU: flowEnd, extentV: laneEnd)
    }

    /// The unit vector pointing from a card towards the outside of its lane's "far" side, where rework
    /// curves bulge: down for left-to-right, right for top-to-bottom.
    var bulge: Point { direction == .leftToRight ? Point(x: 0, y: 1) : Point(x: 1, y: 0) }
}
