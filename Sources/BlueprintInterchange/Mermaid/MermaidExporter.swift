import ServiceBlueprint

/// Writes blueprints as Mermaid diagrams, which GitHub and many Markdown tools render inline.
///
/// - ``flowchart(for:findings:)``: `flowchart LR`, one subgraph per blueprint lane in canonical
///   order (evidence, customer, frontstage, backstage, support), touchpoints in the class
///   `touchpoint`, steps named by findings in `finding-error`, `finding-warning`, `finding-note`,
///   information flows dotted, rework flows thick.
/// - ``journey(for:)``: a `journey` diagram of the customer's path: the customer-lane steps in
///   flow order, one section per stage, scores 1–5 from the emotions (−2…2; a step without one
///   takes its stage's, else 3).
///
/// Node ids are generated (`s1`, `s2`…) and every label is escaped with Mermaid's entity codes,
/// so no text from the blueprint can break out of its label.
public enum MermaidExporter {
    /// A Mermaid `flowchart LR` of the blueprint.
    public static func flowchart(for blueprint: Blueprint, findings: [Finding] = []) -> String {
        var lines = ["flowchart LR"]
        var nodeID: [String: String] = [:]
        for (position, step) in blueprint.steps.enumerated() where nodeID[step.id] == nil { nodeID[step.id] = "s\(position + 1)" }
        for lane in Lane.allCases {
            let members = blueprint.steps.filter { $0.lane == lane }
            guard !members.isEmpty else { continue }
            lines.append("  subgraph \(lane.rawValue)[\"\(label(lane.title))\"]")
            lines.append("    direction LR")
            for step in members {
                guard let id = nodeID[step.id] else { continue }
                let shape = step.kind == .decision ? ("{\"", "\"}") : step.kind == .wait ? ("([\"", "\"])") : ("[\"", "\"]")
                lines.append("    \(id)\(shape.0)\(label(step.title))\(shape.1)")
            }
            lines.append("  end")
        }
        for flow in blueprint.flows {
            guard let from = nodeID[flow.from], let to = nodeID[flow.to] else { continue }
            var text = flow.label.map(label) ?? ""
            if let probability = flow.probability, !text.contains("%") {
                text += (text.isEmpty ? "" : " ") + "\(Int((probability * 100).rounded()))%"
            }
            let arrow: String
            switch flow.kind {
            case .information: arrow = text.isEmpty ? "-.->" : "-. \"\(text)\" .->"
            case .rework: arrow = text.isEmpty ? "==>" : "== \"\(text)\" ==>"
            default: arrow = text.isEmpty ? "-->" : "-- \"\(text)\" -->"
            }
            lines.append("  \(from) \(arrow) \(to)")
        }
        lines.append("  classDef touchpoint fill:#fff3cd,stroke:#b8860b,stroke-width:2px")
        lines.append("  classDef finding-error fill:#f8d7da,stroke:#c0392b,stroke-width:2px")
        lines.append("  classDef finding-warning fill:#fde2c8,stroke:#d35400")
        lines.append("  classDef finding-note fill:#d6eaf8,stroke:#2874a6")
        let touchpoints = blueprint.steps.filter(\.isTouchpoint).compactMap { nodeID[$0.id] }
        if !touchpoints.isEmpty { lines.append("  class \(touchpoints.joined(separator: ",")) touchpoint") }
        // The most severe finding per step decides its class.
        var worst: [String: Severity] = [:]
        for finding in findings {
            for step in finding.stepIDs where nodeID[step] != nil {
                worst[step] = max(worst[step] ?? finding.severity, finding.severity)
            }
        }
        for severity in [Severity.error, .warning, .note] {
            let ids = blueprint.steps.filter { worst[$0.id] == severity }.compactMap { nodeID[$0.id] }
            if !ids.isEmpty { lines.append("  class \(ids.joined(separator: ",")) finding-\(severity.rawValue)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Mermaid `journey` of the customer's path.
    public static func journey(for blueprint: Blueprint) -> String {
        var lines = ["journey", "  title \(plain(blueprint.title))"]
        let order = FlowOrder.ranks(of: blueprint)
        let customerSteps = blueprint.steps.indices.filter { blueprint.steps[$0].lane == .customer }
        let actorTitle = Dictionary(blueprint.actors.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let customerName = blueprint.actors.first { $0.kind == .customer }?.title ?? "Customer"
        var stageOrder: [String: Int] = [:]
        for (offset, stage) in blueprint.stages.enumerated() where stageOrder[stage.id] == nil { stageOrder[stage.id] = offset }
        let sorted = customerSteps.sorted {
            (stageOrder[blueprint.steps[$0].stage] ?? Int.max, order[$0], $0)
                < (stageOrder[blueprint.steps[$1].stage] ?? Int.max, order[$1], $1)
        }
        var currentStage: String?
        for index in sorted {
            let step = blueprint.steps[index]
            if step.stage != currentStage {
                currentStage = step.stage
                lines.append("  section \(plain(blueprint.stage(step.stage)?.title ?? step.stage))")
            }
            let emotion = step.emotion ?? blueprint.stage(step.stage)?.emotion ?? 0
            let score = min(5, max(1, emotion + 3))
            let who = step.actor.flatMap { actorTitle[$0] } ?? customerName
            lines.append("    \(plain(step.title)): \(score): \(plain(who))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label for inside `["…"]`: quotes and markup characters as Mermaid entity codes.
    static func label(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// Text for the journey syntax, where `:` and `;` separate fields and `#` starts entities.
    static func plain(_ text: String) -> String {
        String(
            text.map { character -> Character in
                switch character {
                case ":", ";", "#", "\n", "\r": " "
                default: character
                }
            })
    }
}

/// Flow ranks (longest chain of ordering flows before each step, rework left out), shared by
/// the exporters that lay steps out left to right. Kahn's algorithm, iterative.
enum FlowOrder {
    static func ranks(of blueprint: Blueprint) -> [Int] {
        let count = blueprint.steps.count
        var index: [String: Int] = [:]
        for (position, step) in blueprint.steps.enumerated() where index[step.id] == nil { index[step.id] = position }
        var successors = Array(repeating: [Int](), count: count)
        var indegree = Array(repeating: 0, count: count)
        for flow in blueprint.flows where flow.kind.ordersWork && flow.kind != .rework {
            guard let from = index[flow.from], let to = index[flow.to], from != to else { continue }
            successors[from].append(to)
            indegree[to] += 1
        }
        var rank = Array(repeating: 0, count: count)
        var queue = (0..<count).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for next in successors[current] {
                rank[next] = max(rank[next], rank[current] + 1)
                indegree[next] -= 1
                if indegree[next] == 0 { queue.append(next) }
            }
        }
        return rank
    }
}
