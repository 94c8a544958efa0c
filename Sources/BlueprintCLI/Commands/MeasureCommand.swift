import ArgumentParser
import BlueprintCSV
import BlueprintGraphviz
import BlueprintProcessData
import Foundation
import ServiceBlueprint

/// `blueprint measure`: an event log against the blueprint.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure an event log (XES or CSV) against a blueprint: times, lead times, branches, conformance.",
        discussion: """
            Activities map to steps by a mapping file (CSV: activity,step), else by step id, else by \
            step title. Per step: service time (start → complete) and waiting time (previous completion → \
            start) as median, P90 and mean, against the estimate, the time standard and the wait \
            tolerance. Per journey: the lead time measured from its start to its ends against the target. \
            Per flow with a probability: the observed frequency. Conformance lists the deviating variants. \
            CSV columns are guessed from common names (case id, activity, timestamp, lifecycle, resource, \
            and the XES names case:concept:name, concept:name, time:timestamp, lifecycle:transition, \
            org:resource) unless given. Exit code 2 when the blueprint or the log has errors (the log's \
            bad events are skipped and the rest measured with --lenient).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The blueprint file (YAML or JSON).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var blueprint: String

    @OptionGroup var reading: LogReadingOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "A CSV file of activity,step rows mapping log activities to step ids.")
    var mapping: String?

    @Flag(help: "Write the measured figures into the blueprint file as `measured:` fields beside the estimates (`capacity --figures measured` then uses them).")
    var update = false

    @Option(help: "Also write a report: .html (drawing inline) or .md (drawing as NAME.measured.svg beside it).")
    var report: String?

    @Option(help: "Also draw the measured figures on the blueprint: .svg, .png or .pdf.")
    var overlay: String?

    func run() throws {
        let loaded = BlueprintLoader.load([InputCollector.Input(path: blueprint, relativePath: "")])
        guard let document = loaded.first?.document else {
            Terminal.error((loaded.first?.diagnostics ?? []).map { $0.description(in: reading.language.resolve()) }.joined(separator: "\n"))
            throw ExitStatus.invalidInput.exitCode
        }
        let model = document.blueprint
        let shown = reading.language.resolve(declared: model.language)
        let measurement: LogMeasurement
        do {
            let explicit = try mapping.map { try StepMapper.readMapping(path: $0, blueprint: model) } ?? [:]
            var measurer = Measurer(blueprint: model, mapping: explicit)
            let summary = try reading.read { trace, names in measurer.add(trace, activities: names) }
            measurement = measurer.result(summary: summary)
        } catch let error as BlueprintError {
            Terminal.error(error.description(in: shown))
            throw ExitStatus.invalidInput.exitCode
        }
        let text = switch format {
        case .text: MeasureText.describe(measurement, blueprint: model, path: blueprint, log: reading.log, language: shown)
        case .json: try MeasureText.json(measurement)
        }
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            Terminal.output(text)
        }
        if report != nil || overlay != nil {
            do {
                let described = MeasureText.describe(measurement, blueprint: model, path: blueprint, log: reading.log, language: shown)
                if let report { try MeasureReport.write(measurement, text: described, blueprint: model, to: report, language: shown) }
                if let overlay { try MeasureReport.drawOverlay(measurement, on: model, to: overlay, language: shown) }
            } catch let error as RenderError {
                Terminal.error(shown.cli("measure.cannotDraw", ["path": .verbatim(blueprint), "error": .verbatim("\(error)")]))
                throw ExitStatus.invalidInput.exitCode
            }
        }
        if update { try write(measurement, into: document, language: shown) }
    }

    /// Writes the `measured:` fields into the blueprint file; the estimates stay as they are. A YAML
    /// file keeps its comments and layout (only the `measured:` lines change); otherwise, or when
    /// its layout cannot be patched, the file is written anew and the lost comments are named.
    func write(_ measurement: LogMeasurement, into document: BlueprintDocument, language: Language) throws {
        let updated = measurement.applied(to: document.blueprint, log: reading.log)
        var patch = LogMeasurement.TextPatch.rewrite(LocalizedText("measured.update.notYAML"))
        if DocumentFormat(path: blueprint) == .yaml, let text = try? String(contentsOfFile: blueprint, encoding: .utf8) {
            patch = LogMeasurement.patch(text, document: document, updated: updated)
        }
        if case .patched(let patched) = patch {
            try AtomicFile.write(patched, to: blueprint)
        } else {
            // Say why the layout is not kept before naming what is lost.
            if case .rewrite(let reason) = patch {
                Terminal.error(LocalizedText("measured.update.rewritten", ["path": .verbatim(blueprint), "reason": .phrase(reason)]).rendered(in: language))
            }
            let target = TextArgument.phrase(LocalizedText("cli.measure.updatedFile"))
            for warning in ConvertCommand.commentWarning(blueprint, to: target, language: language) { Terminal.error(warning) }
            try updated.write(to: blueprint)
        }
        let steps = updated.steps.filter { $0.measured != nil }.count
        let flows = updated.flows.filter { $0.measured != nil }.count
        Terminal.error(language.cli("measure.written", ["path": .verbatim(blueprint), "steps": .integer(steps), "flows": .integer(flows)]))
    }
}

/// The log and how to read it, shared by `measure` and `discover`.
struct LogReadingOptions: ParsableArguments {
    @Option(help: "The event log: .xes, or CSV/TSV with a header row.", completion: .file(extensions: ["xes", "csv", "tsv", "txt"]))
    var log: String

    /// `--language`: the language of the messages (shared by `measure` and `discover`).
    @OptionGroup var language: LanguageOption

    @Option(help: "CSV column with the case id.") var caseColumn: String?
    @Option(help: "CSV column with the activity.") var activityColumn: String?
    @Option(help: "CSV column with the (completion) timestamp.") var timestampColumn: String?
    @Option(help: "CSV column with the start timestamp (each row is then one start/complete pair).") var startColumn: String?
    @Option(help: "CSV column with the lifecycle (start/complete).") var lifecycleColumn: String?
    @Option(help: "CSV column with the resource.") var resourceColumn: String?

    @Option(help: "CSV separator: comma, semicolon or tab (default: detected from the header).")
    var separator: String?

    @Option(help: "Time zone of timestamps without an offset, e.g. Europe/Berlin (default UTC).")
    var timezone: String = "UTC"

    @Option(help: "How to read a/b/yyyy dates: day-first or month-first.")
    var dateOrder: String = TimestampParser.SlashOrder.dayFirst.rawValue

    @Flag(help: "Use the log even when some events have errors (they are skipped and reported).")
    var lenient = false

    func validate() throws {
        if let separator, CSVSeparator.named(separator) == nil {
            throw ValidationError("--separator takes comma, semicolon or tab, found '\(separator)'")
        }
        if TimeZone(identifier: timezone) == nil {
            throw ValidationError("unknown time zone '\(timezone)'; use an IANA name such as Europe/Berlin or UTC")
        }
        if TimestampParser.SlashOrder(rawValue: dateOrder) == nil {
            throw ValidationError("--date-order takes day-first or month-first, found '\(dateOrder)'")
        }
    }

    func readOptions() -> EventLogReadOptions {
        EventLogReadOptions(
            columns: CSVLogColumns(caseID: caseColumn, activity: activityColumn, timestamp: timestampColumn,
                                   startTimestamp: startColumn, lifecycle: lifecycleColumn, resource: resourceColumn),
            separator: separator.flatMap(CSVSeparator.named),
            timestamps: TimestampParser(defaultZone: TimeZone(identifier: timezone) ?? .current,
                                        slashOrder: TimestampParser.SlashOrder(rawValue: dateOrder) ?? .dayFirst))
    }

    /// Reads the log, printing its problems; exit 2 when it has errors and --lenient is not given.
    /// - Throws: ``BlueprintError`` when the log cannot be read at all, or exit code 2.
    func read(_ body: (LogTrace, NameTable) -> Void) throws -> EventLogSummary {
        let summary = try EventLogReader.read(path: log, options: readOptions()) { trace, names in body(trace, names) }
        let shown = language.resolve()
        for diagnostic in summary.diagnostics { Terminal.error(diagnostic.description(in: shown)) }
        if summary.problemCount > summary.diagnostics.count {
            Terminal.error(shown.cli("log.moreProblems", ["path": .verbatim(log), "count": .integer(summary.problemCount - summary.diagnostics.count)]))
        }
        if summary.hasErrors && !lenient {
            Terminal.error(shown.cli("log.hasErrors", ["path": .verbatim(log)]))
            throw ExitStatus.invalidInput.exitCode
        }
        return summary
    }
}

extension CSVSeparator {
    /// `comma`, `semicolon`, `tab` or the character itself.
    static func named(_ name: String) -> CSVSeparator? {
        switch name.lowercased() {
        case "comma", ",": .comma
        case "semicolon", ";": .semicolon
        case "tab", "\t", "\\t": .tab
        default: nil
        }
    }
}

/// The text and JSON of `blueprint measure`.
enum MeasureText {
    static func json(_ measurement: LogMeasurement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(measurement), as: UTF8.self) + "\n"
    }

    /// The text report in `language`: every line a catalog sentence (`cli.measure.text.*`); ids,
    /// rule ids and numbers as they are.
    static func describe(_ m: LogMeasurement, blueprint: Blueprint, path: String, log: String, language: Language = .english) -> String {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { language.cli("measure.text.\(key)", arguments) }
        // An optional part of a line ("; wait …"): its own sentence from the catalog, or nothing.
        func part(_ key: String, _ arguments: [String: TextArgument]) -> TextArgument {
            .phrase(LocalizedText("cli.measure.text.\(key)", arguments))
        }
        let none = TextArgument.verbatim("")
        var lines = [t("title", ["title": .verbatim(blueprint.title), "path": .verbatim(path), "log": .verbatim(log)])]
        let counts: [String: TextArgument] = [
            "cases": .integer(m.log.cases), "events": .integer(m.log.events), "activities": .integer(m.log.activities),
            "starts": .integer(m.log.startEvents),
        ]
        lines.append(t(m.log.startEvents == 0 ? "log.noStarts" : "log", counts))
        lines.append(t("source"))
        lines.append("")
        lines.append(t("steps"))
        for step in m.steps {
            var service = none
            var wait = none
            if let times = step.serviceTime {
                service = step.estimatedServiceTime.map { part("step.service.estimate", ["times": triple(times), "estimate": time($0)]) }
                    ?? part("step.service", ["times": triple(times)])
            }
            if let times = step.waitingTime {
                wait = step.estimatedWait.map { part("step.wait.estimate", ["times": triple(times), "estimate": time($0)]) }
                    ?? part("step.wait", ["times": triple(times)])
            }
            lines.append(t("step", [
                "step": .verbatim(step.step), "occurrences": .integer(step.occurrences), "cases": .integer(step.cases),
                "service": service, "wait": wait,
            ]))
            if let standard = step.timeStandard {
                lines.append(t("standard", [
                    "target": time(standard.target), "tolerance": time(standard.tolerance), "share": percent(standard.withinShare),
                    "count": .integer(standard.measured),
                ]))
            }
            if let wait = step.waitTolerance {
                lines.append(t("waitTolerance", [
                    "tolerance": time(wait.tolerance), "share": percent(wait.withinShare), "ratio": .verbatim(String(format: "%.1f", wait.p90Ratio)),
                ]))
            }
        }
        if !m.journeys.isEmpty {
            lines.append("")
            lines.append(t("journeys"))
            for journey in m.journeys {
                var within = none
                if let target = journey.target, let attainment = journey.attainment {
                    within = journey.requiredAttainment.map {
                        part("journey.within.target", ["target": time(target), "share": percent(attainment), "required": percent($0)])
                    } ?? part("journey.within", ["target": time(target), "share": percent(attainment)])
                }
                lines.append(t("journey", [
                    "journey": .verbatim(journey.journey), "reached": .integer(journey.reachedEnd), "cases": .integer(journey.cases),
                    "lead": journey.leadTime.map { part("journey.lead", ["times": triple($0)]) } ?? none, "within": within,
                ]))
            }
        }
        if !m.flows.isEmpty {
            lines.append("")
            lines.append(t("flows"))
            for flow in m.flows {
                let observed = flow.observed.map { String(format: "%.2f", $0) } ?? "–"
                lines.append(t("flow", [
                    "flow": .verbatim(flow.flow), "kind": .verbatim(flow.kind), "declared": .verbatim(String(format: "%.2f", flow.declared)),
                    "observed": .verbatim(observed), "samples": .integer(flow.samples),
                ]))
            }
        }
        if !m.actors.isEmpty {
            lines.append("")
            lines.append(t("actors"))
            for actor in m.actors {
                lines.append(t("actor", [
                    "actor": .verbatim(actor.actor), "busy": time(actor.busySeconds), "servers": .integer(actor.servers),
                    "utilization": actor.utilization.map(percent) ?? .verbatim("–"),
                ]))
            }
        }
        let c = m.conformance
        lines.append("")
        lines.append(t("conformance", ["conforming": .integer(c.conforming), "cases": .integer(c.cases), "share": percent(c.share)]))
        if !c.skippedSteps.isEmpty {
            let skipped = c.skippedSteps.sorted { $0.key < $1.key }.map {
                TextArgument.phrase(LocalizedText("cli.measure.text.skippedStep", ["step": .verbatim($0.key), "count": .integer($0.value)]))
            }
            lines.append(t("skipped", ["steps": .enumeration(skipped)]))
        }
        if c.unexpectedOrder > 0 { lines.append(t("unexpectedOrder", ["count": .integer(c.unexpectedOrder)])) }
        if c.notInBlueprint > 0 { lines.append(t("notInBlueprint", ["count": .integer(c.notInBlueprint)])) }
        for variant in c.deviatingVariants.prefix(10) {
            lines.append("  \(variant.cases)× \(variant.activities.joined(separator: " → "))")
            let deviations = variant.deviationTexts.isEmpty ? variant.deviations : variant.deviationTexts.map { $0.rendered(in: language) }
            for deviation in deviations { lines.append("      \(deviation)") }
        }
        if !m.mapping.unmapped.isEmpty || !m.mapping.neverSeen.isEmpty {
            lines.append("")
            lines.append(t("mapping"))
            if !m.mapping.unmapped.isEmpty {
                let activities = m.mapping.unmapped.map { TextArgument.verbatim("\($0.activity) (\($0.events))") }
                lines.append(t("unmapped", ["activities": .enumeration(activities)]))
            }
            if !m.mapping.neverSeen.isEmpty { lines.append(t("neverSeen", ["steps": .enumeration(m.mapping.neverSeen.map { .verbatim($0) })])) }
        }
        let d = m.discovery
        lines.append("")
        lines.append(t("discovery", [
            "variants": .integer(d.variantCount), "pairs": .integer(d.directlyFollows.count),
            "duration": d.caseDuration.map { part("discovery.duration", ["times": triple($0)]) } ?? none,
        ]))
        if !m.findings.isEmpty {
            lines.append("")
            lines.append(t("findings"))
            for finding in m.findings {
                lines.append(t("finding", [
                    "severity": .phrase(LocalizedText("severity.\(finding.severity.rawValue)")), "message": .verbatim(finding.message(in: language)),
                    "rule": .verbatim(finding.ruleID),
                ]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `median / P90 / mean`, each a duration in the reader's language.
    static func triple(_ d: Distribution) -> TextArgument {
        .phrase(LocalizedText("cli.measure.text.triple", ["median": time(d.median), "p90": time(d.p90), "mean": time(d.mean)]))
    }
    static func time(_ seconds: Double) -> TextArgument { .duration(BlueprintDuration(seconds: seconds.rounded())) }
    /// A whole percentage (`93 %`, `93%`).
    static func percent(_ share: Double) -> TextArgument { .percent((share * 100).rounded() / 100) }
}
