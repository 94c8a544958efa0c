/// The report's tables of the customer's side (issue 16) as plain text cells in a language, for the
/// Markdown report and the HTML viewer to escape and lay out: the SERVQUAL dimensions × stages table and
/// the cost per case of each journey.
package enum ExperienceTables {
    /// A table: a header row, body rows, and which body cells are gaps (to mark them).
    package struct Table: Sendable, Hashable {
        /// The column titles.
        package var header: [String]
        /// The rows, each as long as ``header``.
        package var rows: [[String]]
        /// `true` for a body cell to draw as a gap.
        package var marked: [[Bool]]
        /// What the cells mean, one sentence or two.
        package var note: String
    }

    /// The dimensions × stages table: standards / KPIs per cell, gaps marked; `nil` when the blueprint
    /// says nothing in SERVQUAL terms (no standard, pain point or KPI tagged with a dimension).
    package static func servqual(_ blueprint: Blueprint, in language: Language) -> Table? {
        let coverage = blueprint.servqualCoverage()
        guard coverage.isTagged || blueprint.kpis.contains(where: { $0.dimension != nil }), !coverage.stages.isEmpty else { return nil }
        func text(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
            LocalizedText("servqual.\(key)", arguments).rendered(in: language)
        }
        let titles = Dictionary(blueprint.stages.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let header = [text("table.dimension")] + coverage.stages.map { $0 == Stage.implicitID ? text("stage.implicit") : titles[$0] ?? $0 }
        var rows: [[String]] = []
        var marked: [[Bool]] = []
        for dimension in ServqualDimension.allCases {
            var row = [text("dimension.\(dimension.rawValue)")]
            var marks = [false]
            for column in coverage.stages.indices {
                let cell = coverage.cell(dimension, stage: column)
                let counts: [String: TextArgument] = ["standards": .integer(cell.standards), "kpis": .integer(cell.kpis)]
                if cell.isGap {
                    row.append(text("table.gap", counts))
                } else if !cell.applies, cell.standards == 0, cell.kpis == 0 {
                    row.append("–")
                } else {
                    row.append(text("table.cell", counts))
                }
                marks.append(cell.isGap)
            }
            rows.append(row)
            marked.append(marks)
        }
        return Table(header: header, rows: rows, marked: marked, note: text("table.note"))
    }

    /// One row per journey: cost per case, the part the customer never sees, the cost of waste and its
    /// parts; `nil` when no journey has a cost (no rate and no step cost).
    package static func cost(_ blueprint: Blueprint, findings: [Finding], in language: Language) -> Table? {
        let costs = blueprint.journeyCosts()
        guard costs.contains(where: { $0.perCase > 0 }) else { return nil }
        let wastes = blueprint.wasteCosts(findings: findings)
        func text(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
            LocalizedText("cost.\(key)", arguments).rendered(in: language)
        }
        func money(_ amount: Double) -> String { Money.text(amount, currency: blueprint.currency) }
        func share(_ part: Double, of whole: Double) -> String {
            whole > 0 ? text("table.share", ["amount": .verbatim(money(part)), "share": .percent(part / whole)]) : money(part)
        }
        let titles = Dictionary(blueprint.journeys.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = []
        for (cost, waste) in zip(costs, wastes) {
            rows.append([
                titles[cost.journeyID] ?? cost.journeyID, money(cost.perCase), share(cost.invisible, of: cost.perCase),
                share(waste.total, of: cost.perCase), money(waste.wasteSteps), money(waste.rework), money(waste.redundant),
            ])
        }
        let header = ["journey", "perCase", "invisible", "waste", "wasteSteps", "rework", "redundant"].map { text("table.\($0)") }
        return Table(header: header, rows: rows, marked: rows.map { $0.map { _ in false } }, note: text("table.note"))
    }
}
