import ArgumentParser
import BlueprintProcessData
import Foundation
import ServiceBlueprint

/// `blueprint discover`: a draft blueprint from an event log.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Write a draft blueprint discovered from an event log (XES or CSV): steps, flows, forks, rework, durations.",
        discussion: """
            Steps come from the activities; flows from the directly-follows relation (pairs below \
            --threshold of an activity's occurrences are left out); forks where activities overlap in \
            time or follow each other in both orders (blocks of any number of parallel branches, with \
            a fork before and a join after); flows closing a cycle become \
            rework. Exclusive branches and rework get the observed shares as probabilities; durations \
            are the P10, median and P90 of start → complete times, waits the mean gap before a step. \
            With --roles (CSV: resource,role[,lane]) the most frequent resource's role becomes the \
            step's actor and lane. Every guess is listed on standard error: the draft is a starting \
            point to edit, and it passes `blueprint check` as a valid blueprint.
            """
    )

    @OptionGroup var reading: LogReadingOptions

    @Option(name: .shortAndLong, help: "Write the draft here (.yaml or .json, atomically); default: YAML on standard output.")
    var output: String?

    @Option(help: "Least share (0…1) of an activity's occurrences a directly-follows pair needs to become a flow.")
    var threshold: Double = 0.05

    @Option(help: "A CSV file of resource,role[,lane] rows: actors and lanes for the steps.")
    var roles: String?

    @Option(help: "The draft's id.")
    var id: String = "discovered"

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold takes a share from 0 to 1, found \(threshold)") }
        if let problem = BlueprintIdentifier.problem(with: id) { throw ValidationError("--id \(problem)") }
    }

    func run() throws {
        let draft: Discoverer.Draft
        do {
            let assignments = try roles.map(Discoverer.readRoles(path:)) ?? [:]
            var discoverer = Discoverer(options: .init(threshold: threshold, roles: assignments, id: id,
                                                       logName: reading.log.split(separator: "/").last.map(String.init) ?? reading.log))
            let summary = try reading.read { trace, names in discoverer.add(trace, activities: names) }
            draft = discoverer.draft(resourceNames: summary.resources)
        } catch let error as BlueprintError {
            Terminal.error(error.description(in: reading.language.resolve()))
            throw ExitStatus.invalidInput.exitCode
        }
        let shown = reading.language.resolve()
        // Nothing left to draw from (an empty log, or every event skipped with --lenient): no draft.
        guard !draft.blueprint.steps.isEmpty else {
            Terminal.error(shown.cli("discover.noEvents", ["path": .verbatim(reading.log)]))
            throw ExitStatus.invalidInput.exitCode
        }
        for guess in draft.guessTexts { Terminal.error(shown.cli("discover.guess", ["path": .verbatim(reading.log), "guess": .phrase(guess)])) }
        let problems = draft.blueprint.validate().filter { $0.severity == .error }
        for problem in problems { Terminal.error(shown.cli("discover.internal", ["problem": .verbatim(problem.description(in: shown))])) }
        if let output, problems.isEmpty {
            try draft.blueprint.write(to: output)
            Terminal.error(shown.cli("discover.written", [
                "path": .verbatim(output), "steps": .integer(draft.blueprint.steps.count), "flows": .integer(draft.blueprint.flows.count),
            ]))
        } else if output == nil {
            Terminal.output(draft.blueprint.yamlText().trimmingCharacters(in: .newlines))
        }
        if !problems.isEmpty { throw ExitStatus.invalidInput.exitCode }
    }
}
