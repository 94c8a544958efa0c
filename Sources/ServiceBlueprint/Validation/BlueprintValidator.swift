import Foundation

/// The semantic checks behind ``Blueprint/validate()``.
///
/// Lookups go through dictionaries built once, flows through a compact integer-indexed adjacency
/// (CSR), and cycles are found with an iterative depth-first search, so the whole run is linear in
/// the size of the blueprint.
struct BlueprintValidator {
    /// The blueprint to check.
    let blueprint: Blueprint
    /// How to name another place in messages ("first defined at …"): a model path, or a line when
    /// the blueprint came from a file.
    let describe: (ModelPath) -> String
    /// Parts a document reader could not read; diagnostics about them would only repeat its errors.
    let unreadable: UnreadableParts

    init(
        blueprint: Blueprint, describe: @escaping (ModelPath) -> String = { $0.description },
        unreadable: UnreadableParts = UnreadableParts()
    ) {
        self.blueprint = blueprint
        self.describe = describe
        self.unreadable = unreadable
    }

    /// Runs every check and returns the diagnostics in model order.
    func run() -> [Diagnostic] {
        var run = ValidationRun(validator: self)
        run.checkAll()
        return run.diagnostics.filter { diagnostic in
            guard let path = diagnostic.path else { return true }
            return !unreadable.covers(path)
        }
    }
}

/// The state of one validation: the id indexes and the diagnostics found so far.
struct ValidationRun {
    let validator: BlueprintValidator
    var blueprint: Blueprint { validator.blueprint }
    var diagnostics: [Diagnostic] = []

    /// Position of the first declaration of each id, per kind.
    var stageIndex: [String: Int] = [:]
    var actorIndex: [String: Int] = [:]
    var channelIndex: [String: Int] = [:]
    var informationIndex: [String: Int] = [:]
    var personaIndex: [String: Int] = [:]
    var journeyIndex: [String: Int] = [:]
    var stepIndex: [String: Int] = [:]
    /// Position of the first flow with each id (`from->to`).
    var flowIndex: [String: Int] = [:]

    /// Ids in declaration order: the candidates for "did you mean" (built once, deterministic).
    var stageIDs: [String] = []
    var actorIDs: [String] = []
    var informationIDs: [String] = []
    var personaIDs: [String] = []
    var stepIDs: [String] = []

    /// Comparisons left for "did you mean" suggestions; keeps a blueprint with many broken
    /// references to many ids from going quadratic.
    var suggestionBudget = 400_000

    init(validator: BlueprintValidator) { self.validator = validator }

    mutating func checkAll() {
        if blueprint.id.isEmpty { error("the blueprint id is empty", at: ["id"]) }
        if let problem = BlueprintIdentifier.problem(with: blueprint.id) { error("blueprint " + problem, at: ["id"]) }
        if blueprint.steps.isEmpty { error("the blueprint has no steps; add at least one step", at: ["steps"]) }
        indexIDs()
        checkStages()
        checkActors()
        checkInformation()
        checkSteps()
        checkFlows()
        checkJourneys()
        checkBottlenecks()
        checkAssociations()
        checkSimulation()  // sim17 (issue 17)
    }

    // MARK: Reporting

    mutating func error(_ message: String, at path: ModelPath) {
        diagnostics.append(Diagnostic(.error, message, path: path))
    }

    mutating func warning(_ message: String, at path: ModelPath) {
        diagnostics.append(Diagnostic(.warning, message, path: path))
    }

    /// `"; did you mean 'x'?"` while the suggestion budget lasts, else the empty string.
    mutating func suggestion(for word: String, in candidates: [String]) -> String {
        guard !word.isEmpty, suggestionBudget >= candidates.count else { return "" }
        suggestionBudget -= candidates.count
        return Suggestion.didYouMean(word, in: candidates)
    }

    /// Reports `id` at `path` unless it is declared in `index`. `kind` names it ("step"),
    /// `collection` is the key of its declarations ("steps").
    mutating func reference(
        _ id: String, at path: @autoclosure () -> ModelPath, kind: String, collection: String, index: [String: Int],
        ids: [String]
    ) {
        guard index[id] == nil, !validator.unreadable.incompleteIDs.contains(collection) else { return }
        if id.isEmpty {
            error("empty \(kind) reference", at: path())
        } else {
            error("unknown \(kind) '\(id)'" + suggestion(for: id, in: ids), at: path())
        }
    }

    // MARK: Ids

    /// Indexes the ids of one kind, reporting empty ones and duplicates (at the second occurrence).
    mutating func index(_ ids: [String], kind: String, collection: String) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (position, id) in ids.enumerated() {
            if id.isEmpty {
                error("empty \(kind) id", at: ModelPath([.key(collection), .index(position), .key("id")]))
                continue
            }
            if let problem = BlueprintIdentifier.problem(with: id) {
                error("\(kind) " + problem, at: ModelPath([.key(collection), .index(position), .key("id")]))
            }
            if let first = index[id] {
                let firstPath: ModelPath = [collection, first, "id"]
                error(
                    "duplicate \(kind) id '\(id)' (first defined at \(validator.describe(firstPath)))",
                    at: ModelPath([.key(collection), .index(position), .key("id")]))
            } else {
                index[id] = position
            }
        }
        return index
    }

    mutating func indexIDs() {
        stageIDs = blueprint.stages.map(\.id)
        actorIDs = blueprint.actors.map(\.id)
        informationIDs = blueprint.information.map(\.id)
        personaIDs = blueprint.personas.map(\.id)
        stepIDs = blueprint.steps.map(\.id)
        stageIndex = index(stageIDs, kind: "stage", collection: "stages")
        actorIndex = index(actorIDs, kind: "actor", collection: "actors")
        channelIndex = index(blueprint.channels.map(\.id), kind: "channel", collection: "channels")
        informationIndex = index(informationIDs, kind: "information item", collection: "information")
        personaIndex = index(personaIDs, kind: "persona", collection: "personas")
        journeyIndex = index(blueprint.journeys.map(\.id), kind: "journey", collection: "journeys")
        stepIndex = index(stepIDs, kind: "step", collection: "steps")
    }


    // MARK: Values

    mutating func checkProbability(_ value: Double, at path: ModelPath, _ what: String = "probability") {
        if !(0...1).contains(value) {
            error("\(what) must be between 0 and 1, found \(Self.format(value))", at: path)
        }
    }

    mutating func checkEmotion(_ value: Int, at path: ModelPath) {
        if !(-2...2).contains(value) {
            error("emotion must be between -2 and 2, found \(value)", at: path)
        }
    }

    /// A number for messages: whole numbers without a fraction, others with up to 6 significant digits.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%g", value)
    }

    // MARK: Declarations

    mutating func checkStages() {
        var stepCounts = [Int](repeating: 0, count: blueprint.stages.count)
        for step in blueprint.steps {
            if let position = stageIndex[step.stage] { stepCounts[position] += 1 }
        }
        for (position, stage) in blueprint.stages.enumerated() {
            if let emotion = stage.emotion { checkEmotion(emotion, at: ["stages", position, "emotion"]) }
            if stepCounts[position] == 0, stageIndex[stage.id] == position {
                warning("stage '\(stage.id)' has no steps", at: ["stages", position])
            }
        }
    }

    mutating func checkActors() {
        for (position, actor) in blueprint.actors.enumerated() {
            if let capacity = actor.capacity, capacity < 1 {
                error(
                    "capacity must be at least 1 (the number of people or machines working in parallel), found \(capacity)",
                    at: ["actors", position, "capacity"])
            }
            if let hours = actor.hours {
                if !(hours.perDay > 0 && hours.perDay <= 24) {
                    error(
                        "perDay must be more than 0 and at most 24 hours, found \(Self.format(hours.perDay))",
                        at: ["actors", position, "hours", "perDay"])
                }
                if !(hours.daysPerWeek > 0 && hours.daysPerWeek <= 7) {
                    error(
                        "daysPerWeek must be more than 0 and at most 7, found \(Self.format(hours.daysPerWeek))",
                        at: ["actors", position, "hours", "daysPerWeek"])
                }
            }
        }
    }

    mutating func checkInformation() {
        guard !blueprint.information.isEmpty else { return }
        var used = [Bool](repeating: false, count: blueprint.information.count)
        for step in blueprint.steps {
            for id in step.needs { if let position = informationIndex[id] { used[position] = true } }
            for id in step.produces { if let position = informationIndex[id] { used[position] = true } }
        }
        for (position, item) in blueprint.information.enumerated()
        where !used[position] && informationIndex[item.id] == position {
            warning("information item '\(item.id)' is never needed or produced by a step", at: ["information", position])
        }
    }

    mutating func checkSteps() {
        let builtInChannels = Channel.builtIn.map(\.rawValue)
        let channelCandidates = builtInChannels + blueprint.channels.map(\.id).filter { !builtInChannels.contains($0) }
        for (position, step) in blueprint.steps.enumerated() {
            let path = ModelPath([.key("steps"), .index(position)])
            if step.stage != Stage.implicitID {
                reference(
                    step.stage, at: path.appending("stage"), kind: "stage", collection: "stages", index: stageIndex,
                    ids: stageIDs)
            }
            if let actor = step.actor {
                reference(
                    actor, at: path.appending("actor"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
            if let owner = step.owner {
                reference(
                    owner, at: path.appending("owner"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
            if let channel = step.channel, !channel.isBuiltIn, channelIndex[channel.rawValue] == nil,
                !validator.unreadable.incompleteIDs.contains("channels")
            {
                let hint = suggestion(for: channel.rawValue, in: channelCandidates)
                error(
                    "unknown channel '\(channel.rawValue)'"
                        + (hint.isEmpty
                            ? "; declare it under 'channels' or use a built-in channel (\(builtInChannels.joined(separator: ", ")))"
                            : hint),
                    at: path.appending("channel"))
            }
            if let duration = step.duration {
                if duration.min > duration.likely {
                    error(
                        "duration min (\(duration.min)) is longer than likely (\(duration.likely))",
                        at: path.appending("duration"))
                }
                if duration.likely > duration.max {
                    error(
                        "duration likely (\(duration.likely)) is longer than max (\(duration.max))",
                        at: path.appending("duration"))
                }
            }
            if let emotion = step.emotion { checkEmotion(emotion, at: path.appending("emotion")) }
            if let failPoint = step.failPoint {
                if let owner = failPoint.owner {
                    reference(
                        owner, at: path.appending("failPoint").appending("owner"), kind: "actor", collection: "actors",
                        index: actorIndex, ids: actorIDs)
                }
                if let likelihood = failPoint.likelihood {
                    checkProbability(likelihood, at: path.appending("failPoint").appending("likelihood"), "likelihood")
                }
            }
            for (offset, id) in step.needs.enumerated() {
                reference(
                    id, at: path.appending("needs").appending(offset), kind: "information item", collection: "information",
                    index: informationIndex, ids: informationIDs)
            }
            for (offset, id) in step.produces.enumerated() {
                reference(
                    id, at: path.appending("produces").appending(offset), kind: "information item",
                    collection: "information", index: informationIndex, ids: informationIDs)
            }
        }
    }

    mutating func checkJourneys() {
        for (position, journey) in blueprint.journeys.enumerated() {
            let path: ModelPath = ["journeys", position]
            if let persona = journey.persona {
                reference(
                    persona, at: path.appending("persona"), kind: "persona", collection: "personas", index: personaIndex,
                    ids: personaIDs)
            }
            reference(
                journey.start, at: path.appending("start"), kind: "step", collection: "steps", index: stepIndex, ids: stepIDs)
            for (offset, id) in journey.ends.enumerated() {
                reference(
                    id, at: path.appending("ends").appending(offset), kind: "step", collection: "steps", index: stepIndex,
                    ids: stepIDs)
            }
            for (offset, id) in journey.steps.enumerated() {
                reference(
                    id, at: path.appending("steps").appending(offset), kind: "step", collection: "steps", index: stepIndex,
                    ids: stepIDs)
            }
            if !journey.steps.isEmpty, !journey.start.isEmpty, stepIndex[journey.start] != nil,
                !journey.steps.contains(journey.start)
            {
                warning(
                    "journey '\(journey.id)' starts at '\(journey.start)', which is not among its steps",
                    at: path.appending("start"))
            }
            checkBranchProbabilities(of: journey, at: path.appending("branchProbabilities"))
            if let demand = journey.demand, !(demand.arrivals > 0) {
                error(
                    "demand arrivals must be more than 0, found \(Self.format(demand.arrivals))",
                    at: path.appending("demand").appending("arrivals"))
            }
            if let attainment = journey.target?.attainment {
                checkProbability(attainment, at: path.appending("target").appending("attainment"), "attainment")
            }
        }
    }

    mutating func checkBottlenecks() {
        for (position, bottleneck) in blueprint.bottlenecks.enumerated() {
            let path: ModelPath = ["bottlenecks", position]
            switch (bottleneck.step, bottleneck.actor) {
            case (nil, nil):
                error("a bottleneck must name a 'step' or an 'actor'", at: path)
            case (.some, .some):
                error("a bottleneck names either a 'step' or an 'actor', not both; declare two bottlenecks", at: path)
            case (let step?, nil):
                reference(step, at: path.appending("step"), kind: "step", collection: "steps", index: stepIndex, ids: stepIDs)
            case (nil, let actor?):
                reference(
                    actor, at: path.appending("actor"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
        }
    }
}
