import ArgumentParser
import ServiceBlueprint

/// `blueprint rules`: list the analysis rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the analysis rules with their id, default severity and meaning.",
        discussion: "Use the ids in .blueprint.yml to disable a rule or change its severity."
    )

    @Flag(name: .shortAndLong, help: "Also print why each rule matters and how to fix what it finds.")
    var verbose = false

    @OptionGroup var language: LanguageOption

    func run() {
        let rules = RuleRegistry.all.sorted { $0.id < $1.id }
        let width = rules.map(\.id.count).max() ?? 0
        let language = self.language.resolve()
        var lines: [String] = []
        for rule in rules {
            let padded = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            lines.append("\(padded)  \(severity)  \(rule.title(in: language))")
            if verbose {
                lines.append(LocalizedText("cli.rules.why", ["text": .verbatim(rule.rationale(in: language))]).rendered(in: language))
                lines.append(LocalizedText("cli.rules.fix", ["text": .verbatim(rule.howToFix(in: language))]).rendered(in: language))
            }
        }
        Terminal.output(lines.joined(separator: "\n"))
    }
}
