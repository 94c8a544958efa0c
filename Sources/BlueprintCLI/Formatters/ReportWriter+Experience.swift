import ServiceBlueprint

extension ReportWriter {
    /// The customer's side of one blueprint (issue 16): the cost per case of each journey and the SERVQUAL
    /// dimensions × stages table, each with its note; nothing for a blueprint that models neither.
    static func experienceSections(_ section: ReportSection, language: Language) -> [Markdown] {
        var lines: [Markdown] = []
        let tables = [
            ExperienceTables.cost(section.blueprint, findings: section.report.findings, in: language).map { ("cost.table.title", $0) },
            ExperienceTables.servqual(section.blueprint, in: language).map { ("servqual.table.title", $0) },
        ]
        for case let (title, table)? in tables {
            lines += ["", "### \(Markdown.catalog(title, in: language))", ""]
            lines += markdownTable(table)
            lines += ["", Markdown(text: table.note)]
        }
        return lines
    }

    /// A Markdown table; marked cells in bold.
    static func markdownTable(_ table: ExperienceTables.Table) -> [Markdown] {
        func row(_ cells: [Markdown]) -> Markdown { "| " + Markdown.joined(cells, separator: " | ") + " |" }
        var lines = [row(table.header.map { Markdown(text: $0) })]
        lines.append(row(table.header.indices.map { $0 == 0 ? "---" : "---:" }))
        for (cells, marks) in zip(table.rows, table.marked) {
            lines.append(row(zip(cells, marks).map { cell, marked in marked ? "**\(cell)**" : Markdown(text: cell) }))
        }
        return lines
    }
}
