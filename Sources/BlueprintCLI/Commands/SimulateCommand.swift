import ArgumentParser
import BlueprintSimulation
import Foundation
import ServiceBlueprint

/// `blueprint simulate`: a discrete-event simulation of a blueprint (issue 17).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a blueprint event by event: shifts, priorities, impatient customers, shared resources, SLA attainment.",
        discussion: """
            Customers arrive at each journey's demand (shaped by the `simulation:` block's demand \
            profiles), follow the flows (branches and rework by probability), queue for actors with a \
            capacity or a calendar and for shared resources, are served by segment priority, and leave \
            when their wait exceeds their patience (a wait point's tolerance, or the block's patience). \
            Durations are drawn as `capacity` draws them (PERT-beta). Every figure is the mean of the \
            replications with its 95 % confidence interval; the same --seed gives the same output, \
            byte for byte.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The blueprint file (YAML or JSON).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var file: String

    @Option(help: "Simulated time per replication, e.g. 28d, 52w.")
    var horizon: String = "28d"

    @Option(name: .customLong("warm-up"), help: "Unmeasured time at the start of each replication.")
    var warmUp: String = "1d"

    @Option(help: "Independent replications (the confidence intervals come from their spread).")
    var replications: Int = 10

    @Option(help: "Random seed; the same seed gives the same numbers.")
    var seed: UInt64 = 0x5EED

    @Option(name: .customLong("servers"), help: "What-if: servers of an actor or resource, as ACTOR=N (repeatable).")
    var servers: [String] = []

    @Option(help: "What-if: demand factor, e.g. 1.2, x1.2 or ×1.2.")
    var demand: String = "1"

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Also write the first replication as an event log: a .csv or .xes file.")
    var log: String?

    @Option(name: .shortAndLong, help: "Also write SVG charts (utilization by hour, lead-time histograms) into this directory.")
    var output: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let loaded = BlueprintLoader.load([InputCollector.Input(path: file, relativePath: "")])
        let shown = language.resolve()
        guard let document = loaded.first?.document else {
            Terminal.error((loaded.first?.diagnostics ?? []).map { $0.description(in: shown) }.joined(separator: "\n"))
            throw ExitStatus.invalidInput.exitCode
        }
        let blueprint = document.blueprint
        let text = language.resolve(declared: blueprint.language)
        let (options, problems) = Self.options(
            horizon: horizon, warmUp: warmUp, replications: replications, seed: seed, servers: servers, demand: demand,
            log: log, blueprint: blueprint, path: file)
        guard let options, problems.isEmpty else {
            Terminal.error(problems.map { $0.description(in: text) }.joined(separator: "\n"))
            throw ExitStatus.invalidInput.exitCode
        }
        let simulation = Simulation(blueprint, options: options)
        let report = simulation.runSequentiallyOrConcurrently()
        switch format {
        case .text: Terminal.output(SimulationText.describe(report, blueprint: blueprint, path: file, language: text))
        case .json: Terminal.output(try SimulationText.json(report))
        }
        if let output {
            for written in try SimulationCharts.write(report, blueprint: blueprint, to: output, language: text) {
                Terminal.error(LocalizedText("simulate.wrote", ["path": .verbatim(written)]).rendered(in: text))
            }
        }
        if let log {
            let events = try SimulationLog.write(simulation.trace(), blueprint: blueprint, to: log)
            Terminal.error(LocalizedText("simulate.wrote.log", ["count": .integer(events), "path": .verbatim(log)]).rendered(in: text))
        }
    }
}

extension SimulateCommand {
    /// Reads the options into ``SimulationOptions``; every bad one is a located error, all at once.
    static func options(
        horizon: String, warmUp: String, replications: Int, seed: UInt64, servers: [String], demand: String, log: String?,
        blueprint: Blueprint, path: String
    ) -> (SimulationOptions?, [Diagnostic]) {
        var problems: [LocalizedText] = []
        /// `--option value: problem`, the problem a catalog text (`simulate.option.*`).
        func problem(_ key: String, _ option: String, _ value: String, _ arguments: [String: TextArgument] = [:]) {
            let detail = LocalizedText("simulate.option.\(key)", arguments.merging(["value": .verbatim(value)]) { given, _ in given })
            problems.append(LocalizedText("simulate.option", ["option": .verbatim(option), "value": .verbatim(value), "problem": .phrase(detail)]))
        }
        func duration(_ name: String, _ text: String) -> BlueprintDuration? {
            do { return try BlueprintDuration(parsing: text) } catch {
                problems.append(LocalizedText("simulate.option", [
                    "option": .verbatim(name), "value": .verbatim(text), "problem": error.text.map { .phrase($0) } ?? .verbatim(error.message),
                ]))
                return nil
            }
        }
        let horizonValue = duration("--horizon", horizon)
        let warmUpValue = duration("--warm-up", warmUp)
        if let horizonValue, horizonValue.seconds <= 0 { problem("horizon", "--horizon", horizon) }
        if let horizonValue, let warmUpValue, warmUpValue >= horizonValue {
            problem("warmUp", "--warm-up", warmUp, ["horizon": .duration(horizonValue)])
        }
        if replications < 1 || replications > 10_000 { problem("replications", "--replications", String(replications)) }
        let factor = Self.demandFactor(demand)
        if factor == nil { problem("demand", "--demand", demand) }
        let names = blueprint.actors.filter { $0.kind != .customer }.map(\.id) + blueprint.simulation.resources.map(\.id)
        var overrides: [String: Int] = [:]
        for entry in servers {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let count = Int(parts[1].trimmingCharacters(in: .whitespaces)), count >= 0, count <= 1_000_000 else {
                problem("servers", "--servers", entry)
                continue
            }
            guard names.contains(parts[0]) else {
                problem("servers.unknown", "--servers", entry, ["name": .quoted(parts[0]), "suggestion": Suggestion.didYouMeanArgument(parts[0], in: names)])
                continue
            }
            overrides[parts[0]] = count
        }
        if let log, !(log.hasSuffix(".csv") || log.hasSuffix(".xes")) { problem("log", "--log", log) }
        let diagnostics = problems.map { Diagnostic(.error, $0, location: .init(path: path, line: 1, column: 1)) }
        guard diagnostics.isEmpty, let horizonValue, let warmUpValue, let factor else { return (nil, diagnostics) }
        let options = SimulationOptions(
            horizon: horizonValue, warmUp: warmUpValue, replications: replications, seed: seed, servers: overrides,
            demandFactor: factor)
        return (options, [])
    }

    /// `1.2`, `x1.2`, `×1.2` (and `*1.2`) → 1.2; `nil` for anything else or a factor that is not positive.
    static func demandFactor(_ text: String) -> Double? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let first = rest.first, "xX×*".contains(first) { rest = rest.dropFirst() }
        guard let value = Double(rest), value.isFinite, value > 0, value <= 1_000 else { return nil }
        return value
    }
}

extension Simulation {
    /// The replications on every core, from synchronous code (the command line is synchronous).
    func runSequentiallyOrConcurrently() -> SimulationReport {
        let box = ReportBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.report = await run()
            done.signal()
        }
        done.wait()
        return box.report ?? runSequentially()
    }
}

/// Hands the report from the task to the waiting thread; the semaphore orders the two accesses.
private final class ReportBox: @unchecked Sendable {
    var report: SimulationReport?
}
