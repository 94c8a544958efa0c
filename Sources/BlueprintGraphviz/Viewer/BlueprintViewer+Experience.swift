import ServiceBlueprint

extension BlueprintViewer {
    /// The customer's side under the metrics (issue 16): the cost per case of each journey and the SERVQUAL
    /// dimensions × stages table, in the blueprint's language, in the metrics' table style; gaps in bold.
    /// Empty for a blueprint that models neither.
    /// `language` is the page's (l10n4: `--language` wins over the blueprint's key).
    static func experienceTables(_ analysis: BlueprintAnalysis, language: Language? = nil) -> HTML {
        let language = language ?? analysis.blueprint.language ?? .english
        let tables = [
            ExperienceTables.cost(analysis.blueprint, findings: analysis.findings, in: language).map { ("cost.table.title", $0) },
            ExperienceTables.servqual(analysis.blueprint, in: language).map { ("servqual.table.title", $0) },
        ]
        var markup: HTML = ""
        for case let (title, table)? in tables {
            markup += "<h3>\(LocalizedText(title).rendered(in: language))</h3><table class=\"vw-metrics vw-experience\"><thead><tr>"
            for cell in table.header { markup += "<th scope=\"col\">\(cell)</th>" }
            markup += "</tr></thead><tbody>"
            for (cells, marks) in zip(table.rows, table.marked) {
                markup += "<tr>"
                for (index, (cell, marked)) in zip(cells, marks).enumerated() {
                    if index == 0 {
                        markup += "<th scope=\"row\">\(cell)</th>"
                    } else {
                        markup += marked ? "<td><strong>\(cell)</strong></td>" : "<td>\(cell)</td>"
                    }
                }
                markup += "</tr>"
            }
            markup += "</tbody></table><p class=\"vw-summary\">\(table.note)</p>"
        }
        return markup
    }
}
