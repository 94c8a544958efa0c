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

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be at least 1") }
        for move in moves where move.split(separator: "=").count != 2 {
            throw ValidationError("--move takes STEP=ACTOR, found '\(move)'")
        }
    }

    func run() throws {
        let (inputs, missing) = InputCollector.collect(paths)
        let shown = language.resolve()
        for diagnostic in missing { Terminal.error(diagnostic.description(in: shown)) }
        var invalid = !missing.isEmpty
        var sections: [String] = []
        for file in BlueprintLoader.load(inputs) {
            guard let document = file.document else {
                Terminal.error(file.diagnostics.map { $0.description(in: shown) }.joined(separator: "\n"))
                invalid = true
                continue
            }
            let text = language.resolve(declared: document.blueprint.language)
            let (valid, problems) = Self.checkMoves(moves, in: document.blueprint, path: file.input.path)
            for problem in problems { Terminal.error(problem.description(in: text)) }
            invalid = invalid || !problems.isEmpty
            // eventlog (issue 15): measured or estimated figures, and the output says which.
            let model = figures == .measured ? document.blueprint.usingMeasuredFigures().blueprint : document.blueprint
            let note = figures == .measured ? Self.measuredNote(document.blueprint) : LocalizedText("cli.capacity.figures.estimated")
            sections.append(CapacityText.describe(
                model, path: file.input.path, iterations: iterations, seed: seed, moves: valid, language: text)
                + "\n  " + note.rendered(in: text))
        }
        if !sections.isEmpty { Terminal.output(sections.joined(separator: "\n\n")) }
        if invalid { throw ExitStatus.invalidInput.exitCode }
    }
}

extension CapacityCommand {
    /// Which figures `--figures measured` used, counted as ``Blueprint/usingMeasuredFigures()`` counts them.
    static func measuredNote(_ blueprint: Blueprint) -> LocalizedText {
        let steps = blueprint.steps.filter { $0.measured?.service != nil || $0.measured?.wait != nil }.count
        let flows = blueprint.flows.filter { $0.measured != nil }.count
        guard steps + flows > 0 else { return LocalizedText("cli.capacity.figures.none") }
        // Shares but no times (the log had no start events): say so rather than "measured for 0 steps".
        guard steps > 0 else { return LocalizedText("measured.capacity.noTimes", ["flows": .integer(flows)]) }
        return LocalizedText(
            "cli.capacity.figures.measured", ["steps": .integer(steps), "total": .integer(blueprint.steps.count), "flows": .integer(flows)])
    }

    /// Splits each `STEP=ACTOR` and keeps the moves whose step and actor exist; a misspelt name is an
    /// input error with a suggestion, never a silent line in the output.
    static func checkMoves(_ moves: [String], in blueprint: Blueprint, path: String) -> (valid: [(String, String)], problems: [Diagnostic]) {
        var valid: [(String, String)] = []
        var problems: [Diagnostic] = []
        let steps = blueprint.steps.map(\.id), actors = blueprint.actors.map(\.id)
        for move in moves {
            let parts = move.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            var wrong: [TextArgument] = []
            if !steps.contains(parts[0]) {
                wrong.append(.phrase(LocalizedText(
                    "cli.capacity.move.unknownStep", ["step": .quoted(parts[0]), "suggestion": Suggestion.didYouMeanArgument(parts[0], in: steps)])))
            }
            if !actors.contains(parts[1]) {
                wrong.append(.phrase(LocalizedText(
                    "cli.capacity.move.unknownActor", ["actor": .quoted(parts[1]), "suggestion": Suggestion.didYouMeanArgument(parts[1], in: actors)])))
            }
            if wrong.isEmpty {
                valid.append((parts[0], parts[1]))
            } else {
                let text = LocalizedText(
                    "cli.capacity.move", ["move": .verbatim(move), "problems": .series(wrong, separator: LocalizedText("cli.capacity.move.separator"))])
                problems.append(Diagnostic(.error, text, location: .init(path: path, line: 1, column: 1)))
            }
        }
        return (valid, problems)
    }
}

/// The text of `blueprint capacity`, with the library's capacity wording; every sentence and column
/// heading from the catalog (`cli.capacity.*`), ids and numbers as they are.
extension CapacityText {
    static func describe(
        _ blueprint: Blueprint, path: String, iterations: Int, seed: UInt64, moves: [(String, String)], language: Language = .english
    ) -> String {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { language.cli("capacity.\(key)", arguments) }
        func duration(_ seconds: Double) -> TextArgument { tableDuration(seconds, in: language) }
        let analysis = CapacityAnalysis(blueprint)
        var lines = [t("title", ["title": .verbatim(blueprint.title), "path": .verbatim(path)])]
        let queues = analysis.actors.filter(\.isQueue).sorted { ($0.utilization ?? 0) > ($1.utilization ?? 0) }
        if queues.isEmpty {
            lines.append(t("noQueues"))
        } else {
            // Columns as wide as their English headings, or the translated heading when that is wider
            // (on a terminal a CJK character takes two cells).
            let headings = ["servers", "utilization", "wait", "meanWait", "queue"].map { t("column.\($0)") }
            let widths = zip([7, 11, 7, 9, 5], headings).map { max($0, $1.terminalWidth) }
            let actorHeading = t("column.actor")
            let width = max(actorHeading.terminalWidth, queues.map { label($0.actorID, in: blueprint, language: language).terminalWidth }.max() ?? 0) + 2
            lines.append("  " + actorHeading.rightPadded(width) + zip(headings, widths).map { $0.leftPadded($1) }.joined(separator: "  "))
            // A missing share (`nil`, here NaN) reads "–", as PercentText writes it.
            for actor in queues {
                let cells = [
                    String(actor.servers ?? 0), language.format(.percent(actor.utilization ?? .nan)),
                    language.format(.percent(actor.probabilityOfWaiting)),
                    language.format(actor.isStable ? duration(actor.expectedWaitSeconds) : .phrase(LocalizedText("cli.capacity.unbounded"))),
                    actor.isStable ? String(format: "%.1f", actor.expectedQueueLength) : "∞",
                ]
                lines.append("  " + label(actor.actorID, in: blueprint, language: language).rightPadded(width) + zip(cells, widths).map { $0.leftPadded($1) }.joined(separator: "  "))
            }
        }
        var whatIfs = analysis.whatIfAddingServerToBusyActors()
        for (step, actor) in moves {
            if let whatIf = analysis.whatIfMoving(step: step, to: actor) {
                whatIfs.append(whatIf)
            } else {
                lines.append(t("cannotMove", ["step": .quoted(step), "actor": .quoted(actor)]))
            }
        }
        if !whatIfs.isEmpty { lines.append(t("whatIf")) }
        for whatIf in whatIfs {
            lines.append(t("whatIf.change", ["change": .phrase(whatIf.change.text)]))
            for change in whatIf.actors {
                lines.append(t("whatIf.actor", [
                    "actor": .verbatim(label(change.actorID, in: blueprint, language: language)),
                    "before": .percent(change.utilizationBefore ?? .nan),
                    "after": .percent(change.utilizationAfter ?? .nan),
                    "waitBefore": duration(change.waitBeforeSeconds), "waitAfter": duration(change.waitAfterSeconds),
                ]))
            }
            for change in whatIf.journeys where change.leadTimeBeforeSeconds != change.leadTimeAfterSeconds {
                lines.append(t("whatIf.journey", [
                    "journey": .verbatim(change.journeyID), "before": duration(change.leadTimeBeforeSeconds),
                    "after": duration(change.leadTimeAfterSeconds),
                ]))
            }
        }
        let distributions = blueprint.journeys.compactMap {
            analysis.leadTimeDistribution(journey: $0.id, iterations: iterations, seed: seed)
        }
        if !distributions.isEmpty {
            lines.append(t("leadTimes", ["iterations": .integer(iterations), "seed": .verbatim(String(seed))]))
        }
        // Without any time a journey takes 0 s and "meets" every target: that says nothing.
        let timeless = blueprint.steps.allSatisfy { $0.duration == nil && $0.waitBefore == nil }
        for distribution in distributions {
            var target = TextArgument.verbatim("")
            if timeless, let seconds = distribution.targetSeconds {
                target = .phrase(LocalizedText("measured.capacity.timeless", ["target": duration(seconds)]))
            } else if let seconds = distribution.targetSeconds, let probability = distribution.probabilityOfMeetingTarget {
                let arguments: [String: TextArgument] = ["target": duration(seconds), "share": .percent(probability)]
                target = .phrase(distribution.requiredAttainment.map {
                    LocalizedText("cli.capacity.leadTime.target.required", arguments.merging(["required": .percent($0)]) { $1 })
                } ?? LocalizedText("cli.capacity.leadTime.target", arguments))
            }
            lines.append(t("leadTime", [
                "journey": .verbatim(distribution.journeyID), "p50": duration(distribution.p50Seconds),
                "p90": duration(distribution.p90Seconds), "p95": duration(distribution.p95Seconds),
                "mean": duration(distribution.meanSeconds), "target": target,
            ]))
        }
        // What the figures assumed for branches written with `probability: unknown`.
        for assumption in blueprint.assumedBranchProbabilities() { lines.append(t("assumed", ["assumption": .phrase(assumption.text)])) }
        return lines.joined(separator: "\n")
    }

    static func label(_ actorID: String, in blueprint: Blueprint, language: Language = .english) -> String {
        blueprint.actor(actorID).map { LocalizedText("cli.capacity.actor", ["title": .verbatim($0.title), "id": .verbatim(actorID)]).rendered(in: language) }
            ?? actorID
    }

    /// A whole figure in the blueprint files' duration format (whole minutes above an hour, whole
    /// seconds below), for the table and what-ifs; findings use the compact ``duration(_:)``.
    static func tableDuration(_ seconds: Double, in language: Language = .english) -> TextArgument {
        guard seconds.isFinite else { return .phrase(LocalizedText("cli.capacity.unbounded")) }
        let rounded = seconds >= 3_600 ? (seconds / 60).rounded() * 60 : seconds.rounded()
        return .duration(BlueprintDuration(seconds: rounded))
    }
}

extension String {
    /// Cells on a terminal: two for a wide (East Asian) character, one for the rest.
    var terminalWidth: Int { reduce(0) { $0 + ($1.isWide ? 2 : 1) } }

    func leftPadded(_ width: Int) -> String {
        terminalWidth >= width ? self : String(repeating: " ", count: width - terminalWidth) + self
    }

    func rightPadded(_ width: Int) -> String {
        terminalWidth >= width ? self : self + String(repeating: " ", count: width - terminalWidth)
    }
}

extension Character {
    /// Wide on a terminal: CJK ideographs, kana, hangul and full-width forms (Unicode East Asian Width W/F).
    var isWide: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension FigureSource: ExpressibleByArgument {}
