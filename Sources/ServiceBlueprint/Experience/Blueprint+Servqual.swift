extension Standards {
    /// The SERVQUAL dimension these standards protect: the tagged ``dimension``, else `responsiveness` for a
    /// response or start-within commitment (a promise about speed), else `nil`. Empty standards protect nothing.
    public var protectedDimension: ServqualDimension? {
        guard !isEmpty else { return nil }
        if let dimension { return dimension }
        return response != nil || startWithin != nil ? .responsiveness : nil
    }
}

/// Which SERVQUAL dimensions the standards and KPIs of each stage protect (issue 16), and where the
/// customer meets the service without a standard in a dimension that applies there.
///
/// A dimension *applies* to a stage when the stage gives the customer something it judges:
/// - tangibles: evidence (on a step of the stage or the stage itself);
/// - reliability and responsiveness: a touchpoint;
/// - assurance and empathy: a touchpoint a person serves (not an automated step, not a system actor).
///
/// A *gap* is an applying dimension that no standard of the stage protects (see
/// ``Standards/protectedDimension``). KPIs are counted beside the standards: they watch a dimension but
/// do not protect it.
public struct ServqualCoverage: Sendable, Hashable {
    /// The count of one cell of the table.
    public struct Cell: Sendable, Hashable {
        /// Steps of the stage whose standards protect the dimension.
        public var standards: Int = 0
        /// KPIs measured at a step of the stage, or over the stage, that watch the dimension.
        public var kpis: Int = 0
        /// `true` when the dimension applies to the stage (see ``ServqualCoverage``).
        public var applies: Bool = false
        /// `true` when the dimension applies and no standard protects it.
        public var isGap: Bool { applies && standards == 0 }
    }

    /// The stages, by id, in column order; the implicit stage (``Stage/implicitID``) last when steps use it.
    public let stages: [String]
    /// `true` when the blueprint says anything in SERVQUAL terms: a standard or a pain point tagged with a
    /// dimension. The rules stay silent on blueprints that do not.
    public let isTagged: Bool
    private let cells: [Cell]

    /// The cell of `dimension` in the stage at `stage` (an index into ``stages``).
    public func cell(_ dimension: ServqualDimension, stage: Int) -> Cell {
        cells[Self.row(dimension) * stages.count + stage]
    }

    /// The dimensions that apply to the stage at `stage` and that no standard there protects, in SERVQUAL order.
    public func gaps(stage: Int) -> [ServqualDimension] {
        ServqualDimension.allCases.filter { cell($0, stage: stage).isGap }
    }

    /// `true` when a standard of a step in the stage at `stage` protects `dimension`.
    public func isProtected(_ dimension: ServqualDimension, stage: Int) -> Bool { cell(dimension, stage: stage).standards > 0 }

    static func row(_ dimension: ServqualDimension) -> Int {
        ServqualDimension.allCases.firstIndex(of: dimension) ?? 0
    }

    init(_ blueprint: Blueprint) {
        var stages = blueprint.stages.map(\.id)
        var column: [String: Int] = [:]
        for (index, id) in stages.enumerated() where column[id] == nil { column[id] = index }
        if column[Stage.implicitID] == nil, blueprint.steps.contains(where: { $0.stage == Stage.implicitID }) {
            column[Stage.implicitID] = stages.count
            stages.append(Stage.implicitID)
        }
        let width = stages.count
        var cells = [Cell](repeating: Cell(), count: ServqualDimension.allCases.count * width)
        func update(_ dimension: ServqualDimension, _ stage: Int, _ change: (inout Cell) -> Void) {
            change(&cells[Self.row(dimension) * width + stage])
        }
        let actorKinds = Dictionary(blueprint.actors.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var stageOfStep: [String: Int] = [:]
        var tagged = blueprint.stages.contains { $0.painDimension != nil }
        for (index, stage) in blueprint.stages.enumerated() where !stage.evidence.isEmpty {
            if let first = column[stage.id], first == index { update(.tangibles, first, { $0.applies = true }) }
        }
        for step in blueprint.steps {
            guard let stage = column[step.stage] else { continue }
            if stageOfStep[step.id] == nil { stageOfStep[step.id] = stage }
            tagged = tagged || step.standards.dimension != nil || step.painDimension != nil
            if let dimension = step.standards.protectedDimension { update(dimension, stage, { $0.standards += 1 }) }
            if !step.evidence.isEmpty { update(.tangibles, stage, { $0.applies = true }) }
            guard step.isTouchpoint else { continue }
            update(.reliability, stage, { $0.applies = true })
            update(.responsiveness, stage, { $0.applies = true })
            let automated = step.kind == .automated || step.actor.flatMap { actorKinds[$0] } == .system
            if !automated, step.lane != .customer {
                update(.assurance, stage, { $0.applies = true })
                update(.empathy, stage, { $0.applies = true })
            }
        }
        for kpi in blueprint.kpis {
            guard let dimension = kpi.dimension,
                let stage = kpi.stage.flatMap({ column[$0] }) ?? kpi.step.flatMap({ stageOfStep[$0] })
            else { continue }
            update(dimension, stage, { $0.kpis += 1 })
        }
        self.stages = stages
        self.cells = cells
        isTagged = tagged
    }
}

extension Blueprint {
    /// The SERVQUAL coverage of the blueprint's stages (see ``ServqualCoverage``).
    public func servqualCoverage() -> ServqualCoverage { ServqualCoverage(self) }
}
