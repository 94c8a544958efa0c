import ServiceBlueprint

/// A blueprint resolved into indices for drawing: unique steps, the stage of each step, flows between
/// known steps. Tolerates invalid blueprints (the renderer must never crash on input): duplicate step
/// ids keep their first step, steps in undeclared stages get a stage column of their own after the declared
/// ones, and flows that name unknown steps are left out.
struct BlueprintScene {
    /// A stage column.
    struct StageColumn {
        var id: String
        var title: String
        var goal: String?
        var isDeclared: Bool
        /// The declared stage (emotion, pain points, moments of truth, servicescape); `nil` when undeclared.
        var declared: Stage? = nil
    }

    /// A flow between two known steps.
    struct Edge {
        var flow: Flow
        var from: Int
        var to: Int
        /// The SVG id, unique in the drawing.
        var svgID: String
        /// The lines of the blueprint the flow crosses.
        var crossedLines: [BlueprintLine]
        /// The channel shown on a touchpoint flow.
        var channel: Channel?

        /// `true` when the flow crosses the line of interaction: a touchpoint.
        var isTouchpoint: Bool { crossedLines.contains(.interaction) }
    }

    let blueprint: Blueprint
    /// Steps with unique ids, in declaration order.
    let steps: [Step]
    /// The stage column of each step.
    let stageOfStep: [Int]
    /// Stage columns, left to right.
    let stages: [StageColumn]
    /// Drawable flows, in declaration order.
    let edges: [Edge]
    /// Step index by id.
    let indexByID: [String: Int]
    /// The flow graph over ``steps`` (duplicate ids dropped, so its indices are the scene's).
    let graph: BlueprintGraph

    /// `graph`, when given, is the graph of `blueprint` already built (by an analysis run); it is used
    /// when step ids are unique, so its indices are the scene's.
    init(_ blueprint: Blueprint, graph: BlueprintGraph? = nil) {
        self.blueprint = blueprint
        var steps: [Step] = []
        var indexByID: [String: Int] = [:]
        for step in blueprint.steps where indexByID[step.id] == nil {
            indexByID[step.id] = steps.count
            steps.append(step)
        }

        var stages: [StageColumn] = []
        var stageIndexByID: [String: Int] = [:]
        for stage in blueprint.stages where stageIndexByID[stage.id] == nil {
            stageIndexByID[stage.id] = stages.count
            stages.append(StageColumn(id: stage.id, title: stage.title, goal: stage.goal, isDeclared: true, declared: stage))
        }
        var stageOfStep: [Int] = []
        stageOfStep.reserveCapacity(steps.count)
        for step in steps {
            if let index = stageIndexByID[step.stage] {
                stageOfStep.append(index)
            } else {
                stageIndexByID[step.stage] = stages.count
                stageOfStep.append(stages.count)
                stages.append(StageColumn(id: step.stage, title: step.stage, goal: nil, isDeclared: false))
            }
        }

        var edges: [Edge] = []
        var usedIDs: [String: Int] = [:]
        for flow in blueprint.flows {
            guard let from = indexByID[flow.from], let to = indexByID[flow.to] else { continue }
            let base = "flow-" + DOTText.token(flow.from) + "--" + DOTText.token(flow.to) + "--" + flow.kind.rawValue
            let seen = usedIDs[base, default: 0]
            usedIDs[base] = seen + 1
            let svgID = seen == 0 ? base : base + "-\(seen + 1)"
            let lanes = (steps[from].lane, steps[to].lane)
            let crossed = BlueprintLine.crossed(from: lanes.0, to: lanes.1)
            var channel: Channel?
            if crossed.contains(.interaction) {
                // The organisation's side names the channel; the customer's side is the fallback.
                let (upper, lower) = lanes.0 <= lanes.1 ? (from, to) : (to, from)
                channel = steps[lower].channel ?? steps[upper].channel
            }
            edges.append(Edge(flow: flow, from: from, to: to, svgID: svgID, crossedLines: crossed, channel: channel))
        }

        self.steps = steps
        if let graph, graph.stepCount == steps.count {
            self.graph = graph
        } else {
            var distinct = blueprint
            distinct.steps = steps
            self.graph = BlueprintGraph(distinct)
        }
        self.stageOfStep = stageOfStep
        self.stages = stages
        self.edges = edges
        self.indexByID = indexByID
    }

    /// The display title of a step's actor (the id when the actor is not declared).
    func actorTitle(of step: Step) -> String? {
        guard let id = step.actor else { return nil }
        return blueprint.actors.first { $0.id == id }?.title ?? id
    }

    /// The display title of a channel: its declared title, else a built-in channel's name in `language`
    /// (`phone`, `电话`), else the id.
    func channelTitle(_ channel: Channel, in language: Language) -> String {
        if let title = blueprint.channels.first(where: { $0.id == channel.rawValue })?.title { return title }
        return Catalog.shared.template("channel.\(channel.rawValue)", in: language) ?? channel.rawValue
    }
}
