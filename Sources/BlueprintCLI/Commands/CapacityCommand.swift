import ArgumentParser
import Foundation
import ServiceBlueprint

/// `blueprint capacity`: utilization, queueing waits, what-ifs and lead-time distributions.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Show utilization and queueing per actor, what one more server would change, and each journey's lead-time distribution.",
        discussion: """
            Load comes from the demand on each journey and the branch probabilities; utilization is \
            arrivals × service time ÷ servers within the actor's working hours. Waits use the M/M/c \
            (Erlang C) model: Poisson arrivals, exponential service, one pooled first-come-first-served \
            queue per actor, steady state. Lead-time percentiles come from a seeded Monte Carlo run over \
            the flow graph (three-point times drawn from PERT-beta, branches by probability); the same \
            seed gives the same numbers.
            """
    )

    @Argument(help: "Blueprint files or directories.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var paths: [String]

    @Option(help: "Monte Carlo iterations per journey.")
    var iterations: Int = 10_000

    @Option(help: "Monte Carlo seed.")
    var seed: UInt64 = 0x5EED

    @Option(help: "Figures to use: estimated (duration, waitBefore, probability) or measured (the `measured:` fields that `measure --update` writes; estimates where none).")
    var figures: FigureSource = .estimated

    @Option(name: .customLong("move"), help: "Also show the effect of moving a step to another actor, as STEP=ACTOR (repeatable).")
    var moves: [String] = []

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be at least 1") }
        for move in moves where move.split(separator: "=").count != 2 {
            throw ValidationError("--move takes STEP=ACTOR, found '\(move)'")
        }
    }

    func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        for diagnostic in missing { Terminal.error(diagnostic.description) }
        var invalid = !missing.isEmpty
        var sections: [String] = []
        for file in BlueprintLoader.load(inputs) {
            guard let document = file.document else {
                Terminal.error(file.diagnostics.map(\.description).joined(separator: "\n"))
                invalid = true
                continue
            }
            let (valid, problems) = Self.checkMoves(moves, in: document.blueprint, path: file.input.path)
            for problem in problems { Terminal.error(problem.description) }
            invalid = invalid || !problems.isEmpty
            // eventlog (issue 15): measured or estimated figures, and the output says which.
            let (model, note) = figures == .measured ? document.blueprint.usingMeasuredFigures() : (document.blueprint, "figures: estimated")
            sections.append(CapacityText.describe(
                model, path: file.input.path, iterations: iterations, seed: seed, moves: valid) + "\n  " + note)
        }
        if !sections.isEmpty { Terminal.output(sections.joined(separator: "\n\n")) }
        if invalid { throw ExitStatus.invalidInput.exitCode }
    }
}

extension CapacityCommand {
    /// Splits each `STEP=ACTOR` and keeps the moves whose step and actor exist; a misspelt name is an
    /// input error with a suggestion, never a silent line in the output.
    static func checkMoves(_ moves: [String], in blueprint: Blueprint, path: String) -> (valid: [(String, String)], problems: [Diagnostic]) {
        var valid: [(String, String)] = []
        var problems: [Diagnostic] = []
        let steps = blueprint.steps.map(\.id), actors = blueprint.actors.map(\.id)
        for move in moves {
            let parts = move.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            var wrong: [String] = []
            if !steps.contains(parts[0]) {
                wrong.append("unknown step '\(parts[0])'" + Suggestion.didYouMean(parts[0], in: steps))
            }
            if !actors.contains(parts[1]) {
                wrong.append("unknown actor '\(parts[1])'" + Suggestion.didYouMean(parts[1], in: actors))
            }
            if wrong.isEmpty {
                valid.append((parts[0], parts[1]))
            } else {
                problems.append(Diagnostic(.error, "--move \(move): " + wrong.joined(separator: "; "), location: .init(path: path, line: 1, column: 1)))
            }
        }
        return (valid, problems)
    }
}

/// The text of `blueprint capacity` (also used by `report`), with the library's capacity wording.
extension CapacityText {
    static func describe(_ blueprint: Blueprint, path: String, iterations: Int, seed: UInt64, moves: [(String, String)]) -> String {
        let analysis = CapacityAnalysis(blueprint)
        var lines = ["\(blueprint.title) (\(path))"]
        let queues = analysis.actors.filter(\.isQueue).sorted { ($0.utilization ?? 0) > ($1.utilization ?? 0) }
        if queues.isEmpty {
            lines.append("  no actor has both a capacity and demand reaching it: nothing queues")
        } else {
            let width = max(5, queues.map { label($0.actorID, in: blueprint).count }.max() ?? 0) + 2
            lines.append("  " + "actor".padding(toLength: width, withPad: " ", startingAt: 0) + "servers  utilization  P(wait)  mean wait  queue")
            for actor in queues {
                let name = label(actor.actorID, in: blueprint).padding(toLength: width, withPad: " ", startingAt: 0)
                let servers = String(actor.servers ?? 0).leftPadded(7)
                let utilization = PercentText.format(actor.utilization).leftPadded(11)
                let waiting = PercentText.format(actor.probabilityOfWaiting).leftPadded(7)
                let wait = (actor.isStable ? tableDuration(actor.expectedWaitSeconds) : "unbounded").leftPadded(9)
                let queue = (actor.isStable ? String(format: "%.1f", actor.expectedQueueLength) : "∞").leftPadded(5)
                lines.append("  \(name)\(servers)  \(utilization)  \(waiting)  \(wait)  \(queue)")
            }
        }
        var whatIfs = analysis.whatIfAddingServerToBusyActors()
        for (step, actor) in moves {
            if let whatIf = analysis.whatIfMoving(step: step, to: actor) {
                whatIfs.append(whatIf)
            } else {
                lines.append("  cannot move '\(step)' to '\(actor)': unknown step or actor")
            }
        }
        if !whatIfs.isEmpty { lines.append("  what if:") }
        for whatIf in whatIfs {
            lines.append("    \(whatIf.change):")
            for change in whatIf.actors {
                lines.append("      \(label(change.actorID, in: blueprint)): utilization \(PercentText.format(change.utilizationBefore)) → \(PercentText.format(change.utilizationAfter)), wait \(tableDuration(change.waitBeforeSeconds)) → \(tableDuration(change.waitAfterSeconds))")
            }
            for change in whatIf.journeys where change.leadTimeBeforeSeconds != change.leadTimeAfterSeconds {
                lines.append("      journey \(change.journeyID): lead time with queueing (critical path from estimates + expected waits, to the ends) \(tableDuration(change.leadTimeBeforeSeconds)) → \(tableDuration(change.leadTimeAfterSeconds))")
            }
        }
        let distributions = blueprint.journeys.compactMap {
            analysis.leadTimeDistribution(journey: $0.id, iterations: iterations, seed: seed)
        }
        if !distributions.isEmpty {
            lines.append("  lead time to the journeys' ends (simulated percentiles, Monte Carlo, \(iterations) runs, seed \(seed)):")
        }
        for distribution in distributions {
            var line = "    \(distribution.journeyID): P50 \(tableDuration(distribution.p50Seconds)), P90 \(tableDuration(distribution.p90Seconds)), P95 \(tableDuration(distribution.p95Seconds)), mean \(tableDuration(distribution.meanSeconds))"
            if let target = distribution.targetSeconds, let probability = distribution.probabilityOfMeetingTarget {
                line += "; meets the \(tableDuration(target)) target in \(PercentText.format(probability))"
                if let required = distribution.requiredAttainment { line += " (required \(PercentText.format(required)))" }
            }
            lines.append(line)
        }
        // What the figures assumed for branches written with `probability: unknown`.
        for assumption in blueprint.assumedBranchProbabilities() { lines.append("  assumed: \(assumption)") }
        return lines.joined(separator: "\n")
    }

    static func label(_ actorID: String, in blueprint: Blueprint) -> String {
        blueprint.actor(actorID).map { "\($0.title) (\(actorID))" } ?? actorID
    }

    /// A whole figure in the blueprint files' duration format (whole minutes above an hour, whole
    /// seconds below), for the table and what-ifs; findings use the compact ``duration(_:)``.
    static func tableDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "unbounded" }
        let rounded = seconds >= 3_600 ? (seconds / 60).rounded() * 60 : seconds.rounded()
        return BlueprintDuration(seconds: rounded).description
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension FigureSource: ExpressibleByArgument {}
