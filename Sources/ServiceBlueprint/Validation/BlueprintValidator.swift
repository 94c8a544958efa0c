import Foundation

/// The semantic checks behind ``Blueprint/validate()``.
///
/// Each id is hashed into a dictionary once and each reference looked up once (``ValidationRun/References``),
/// flows go through a compact integer-indexed adjacency (CSR), and cycles are found with an iterative
/// depth-first search, so the whole run is linear in the size of the blueprint.
struct BlueprintValidator {
    /// The blueprint to check.
    let blueprint: Blueprint
    /// How to name another place in messages ("first defined at …"): a model path, or a line when
    /// the blueprint came from a file.
    let describe: (ModelPath) -> TextArgument
    /// Parts a document reader could not read; diagnostics about them would only repeat its errors.
    let unreadable: UnreadableParts

    init(
        blueprint: Blueprint, describe: @escaping (ModelPath) -> TextArgument = { .verbatim($0.description) },
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
    /// The validator's blueprint, held once (a computed copy per access would retain every array).
    let blueprint: Blueprint
    var diagnostics: [Diagnostic] = []

    /// Position of the first declaration of each id, per kind.
    var stageIndex: [String: Int] = [:]
    var actorIndex: [String: Int] = [:]
    var channelIndex: [String: Int] = [:]
    var informationIndex: [String: Int] = [:]
    var personaIndex: [String: Int] = [:]
    var journeyIndex: [String: Int] = [:]
    var stepIndex: [String: Int] = [:]
    /// Position of the first flow with each id (`from->to`), built only for branch probabilities.
    var flowIDIndex: [String: Int]?
    /// Every reference resolved to a position once, shared by the checks.
    var references = References()

    /// Ids in declaration order: the candidates for "did you mean" (built once, deterministic).
    var stageIDs: [String] = []
    var actorIDs: [String] = []
    var informationIDs: [String] = []
    var personaIDs: [String] = []
    var stepIDs: [String] = []

    /// Comparisons left for "did you mean" suggestions; keeps a blueprint with many broken
    /// references to many ids from going quadratic.
    var suggestionBudget = 400_000

    init(validator: BlueprintValidator) {
        self.validator = validator
        blueprint = validator.blueprint
    }

    mutating func checkAll() {
        if blueprint.id.isEmpty { error("emptyBlueprintID", [:], at: ["id"]) }
        if let problem = BlueprintIdentifier.problemText(with: blueprint.id, kind: DocumentReader.noun("blueprint")) {
            diagnostics.append(Diagnostic(.error, problem, path: ["id"]))
        }
        if blueprint.steps.isEmpty { error("noSteps", [:], at: ["steps"]) }
        indexIDs()
        resolveReferences()
        checkStages()
        checkActors()
        checkInformation()
        checkSteps()
        checkFlows()
        checkJourneys()
        checkBottlenecks()
        checkAssociations()
        checkKPIs()
        checkSimulation()  // sim17 (issue 17)
    }

    // MARK: Reporting

    mutating func error(_ message: String, at path: ModelPath) {
        diagnostics.append(Diagnostic(.error, message, path: path))
    }

    mutating func warning(_ message: String, at path: ModelPath) {
        diagnostics.append(Diagnostic(.warning, message, path: path))
    }

    /// An error whose message is the catalog text `diagnostic.<key>` (shown in any ``Language``).
    mutating func error(_ key: String, _ arguments: [String: TextArgument] = [:], at path: ModelPath) {
        diagnostics.append(Diagnostic(.error, LocalizedText("diagnostic.\(key)", arguments), path: path))
    }

    /// A warning whose message is the catalog text `diagnostic.<key>`.
    mutating func warning(_ key: String, _ arguments: [String: TextArgument] = [:], at path: ModelPath) {
        diagnostics.append(Diagnostic(.warning, LocalizedText("diagnostic.\(key)", arguments), path: path))
    }

    /// "; did you mean 'x'?" in any language while the suggestion budget lasts; empty when nothing is close.
    mutating func suggestion(for word: String, in candidates: [String]) -> TextArgument {
        guard !word.isEmpty, suggestionBudget >= candidates.count else { return .verbatim("") }
        suggestionBudget -= candidates.count
        return Suggestion.didYouMeanArgument(word, in: candidates)
    }

    /// Reports `id` at `path` unless it is declared in `index`. `kind` names it ("step"),
    /// `collection` is the key of its declarations ("steps").
    mutating func reference(
        _ id: String, at path: @autoclosure () -> ModelPath, kind: String, collection: String, index: [String: Int],
        ids: [String]
    ) {
        guard index[id] == nil else { return }
        unknownReference(id, at: path(), kind: kind, collection: collection, ids: ids)
    }

    /// Reports `id`, a reference found in no declaration, at `path` (unless some ids of `collection`
    /// could not be read).
    mutating func unknownReference(
        _ id: String, at path: @autoclosure () -> ModelPath, kind: String, collection: String, ids: [String]
    ) {
        guard !validator.unreadable.incompleteIDs.contains(collection) else { return }
        if id.isEmpty {
            error("emptyReference", ["kind": DocumentReader.noun(kind)], at: path())
        } else {
            error("unknownReference", ["kind": DocumentReader.noun(kind), "id": .quoted(id), "suggestion": suggestion(for: id, in: ids)], at: path())
        }
    }

    // MARK: Ids

    /// Indexes the ids of one kind, reporting empty ones and duplicates (at the second occurrence).
    mutating func index(_ ids: [String], kind: String, collection: String) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        // Named only for a message: the noun comes from the catalog.
        var noun: TextArgument { DocumentReader.noun(kind) }
        for (position, id) in ids.enumerated() {
            if id.isEmpty {
                error("emptyID", ["kind": noun], at: ModelPath([.key(collection), .index(position), .key("id")]))
                continue
            }
            if let problem = BlueprintIdentifier.problemText(with: id, kind: noun) {
                diagnostics.append(Diagnostic(.error, problem, path: ModelPath([.key(collection), .index(position), .key("id")])))
            }
            let first = Self.firstPosition(of: id, at: position, in: &index)
            if first != position {
                let firstPath: ModelPath = [collection, first, "id"]
                error(
                    "duplicateID", ["kind": noun, "id": .quoted(id), "first": validator.describe(firstPath)],
                    at: ModelPath([.key(collection), .index(position), .key("id")]))
            }
        }
        return index
    }

    /// The position of the first entry of `key` in `index`: `position`, recorded, when the key is new.
    static func firstPosition(of key: String, at position: Int, in index: inout [String: Int]) -> Int {
        // One hash for a new key; a repeated one puts the first position back.
        guard let first = index.updateValue(position, forKey: key) else { return position }
        index[key] = first
        return first
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
            error("share", ["what": .verbatim(what), "found": .verbatim(Self.format(value))], at: path)
        }
    }

    mutating func checkEmotion(_ value: Int, at path: ModelPath) {
        if !(-2...2).contains(value) {
            error("emotion", ["found": .integer(value)], at: path)
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
        for stage in references.stepStages where stage >= 0 { stepCounts[Int(stage)] += 1 }
        for (position, stage) in blueprint.stages.enumerated() {
            if let emotion = stage.emotion { checkEmotion(emotion, at: ["stages", position, "emotion"]) }
            if stepCounts[position] == 0, stageIndex[stage.id] == position {
                warning("emptyStage", ["stage": .quoted(stage.id)], at: ["stages", position])
            }
        }
    }

    mutating func checkActors() {
        for (position, actor) in blueprint.actors.enumerated() {
            if let capacity = actor.capacity, capacity < 1 {
                error("capacity", ["found": .integer(capacity)], at: ["actors", position, "capacity"])
            }
            if let hours = actor.hours {
                if !(hours.perDay > 0 && hours.perDay <= 24) {
                    error("perDay", ["found": .verbatim(Self.format(hours.perDay))], at: ["actors", position, "hours", "perDay"])
                }
                if !(hours.daysPerWeek > 0 && hours.daysPerWeek <= 7) {
                    error(
                        "daysPerWeek", ["found": .verbatim(Self.format(hours.daysPerWeek))], at: ["actors", position, "hours", "daysPerWeek"])
                }
            }
        }
    }

    mutating func checkInformation() {
        guard !blueprint.information.isEmpty else { return }
        var used = [Bool](repeating: false, count: blueprint.information.count)
        for item in references.information where item >= 0 { used[Int(item)] = true }
        for (position, item) in blueprint.information.enumerated()
        where !used[position] && informationIndex[item.id] == position {
            warning("unusedInformation", ["item": .quoted(item.id)], at: ["information", position])
        }
    }

    mutating func checkSteps() {
        let builtInChannels = Channel.builtIn.map(\.rawValue)
        let channelCandidates = builtInChannels + blueprint.channels.map(\.id).filter { !builtInChannels.contains($0) }
        let steps = blueprint.steps
        // needs and produces of all steps, in order, resolved (see `References.information`).
        var informationSlot = 0
        for position in steps.indices {
            // Fields are read in place (`steps[position].…`): a copy of the step would retain all its parts.
            // Built only for a diagnostic.
            var path: ModelPath { ModelPath([.key("steps"), .index(position)]) }
            if steps[position].stage != Stage.implicitID, references.stepStages[position] < 0 {
                unknownReference(steps[position].stage, at: path.appending("stage"), kind: "stage", collection: "stages", ids: stageIDs)
            }
            if let actor = steps[position].actor {
                reference(
                    actor, at: path.appending("actor"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
            if let owner = steps[position].owner {
                reference(
                    owner, at: path.appending("owner"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
            if let channel = steps[position].channel, !channel.isBuiltIn, channelIndex[channel.rawValue] == nil,
                !validator.unreadable.incompleteIDs.contains("channels")
            {
                let hint = suggestion(for: channel.rawValue, in: channelCandidates)
                error(
                    hint == .verbatim("") ? "unknownChannel" : "unknownChannel.suggestion",
                    ["channel": .quoted(channel.rawValue), "suggestion": hint, "builtIn": .verbatim(builtInChannels.joined(separator: ", "))],
                    at: path.appending("channel"))
            }
            if let duration = steps[position].duration {
                if duration.min > duration.likely {
                    error("durationMin", ["min": .duration(duration.min), "likely": .duration(duration.likely)], at: path.appending("duration"))
                }
                if duration.likely > duration.max {
                    error("durationMax", ["likely": .duration(duration.likely), "max": .duration(duration.max)], at: path.appending("duration"))
                }
            }
            if let emotion = steps[position].emotion { checkEmotion(emotion, at: path.appending("emotion")) }
            if let failPoint = steps[position].failPoint {
                if let owner = failPoint.owner {
                    reference(
                        owner, at: path.appending("failPoint").appending("owner"), kind: "actor", collection: "actors",
                        index: actorIndex, ids: actorIDs)
                }
                if let likelihood = failPoint.likelihood {
                    checkProbability(likelihood, at: path.appending("failPoint").appending("likelihood"), "likelihood")
                }
            }
            for (offset, id) in steps[position].needs.enumerated() {
                if references.information[informationSlot] < 0 {
                    unknownReference(
                        id, at: path.appending("needs").appending(offset), kind: "information item", collection: "information",
                        ids: informationIDs)
                }
                informationSlot += 1
            }
            for (offset, id) in steps[position].produces.enumerated() {
                if references.information[informationSlot] < 0 {
                    unknownReference(
                        id, at: path.appending("produces").appending(offset), kind: "information item",
                        collection: "information", ids: informationIDs)
                }
                informationSlot += 1
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
                warning("startNotInSteps", ["journey": .quoted(journey.id), "start": .quoted(journey.start)], at: path.appending("start"))
            }
            checkBranchProbabilities(of: journey, at: path.appending("branchProbabilities"))
            if let demand = journey.demand, !(demand.arrivals > 0) {
                error("arrivals", ["found": .verbatim(Self.format(demand.arrivals))], at: path.appending("demand").appending("arrivals"))
            }
            if let attainment = journey.target?.attainment {
                checkProbability(attainment, at: path.appending("target").appending("attainment"), "attainment")
            }
        }
    }

    /// A KPI's touchpoint, stage and journey must exist (from a file or the DSL alike).
    mutating func checkKPIs() {
        let journeyIDs = blueprint.journeys.map(\.id)
        for (position, kpi) in blueprint.kpis.enumerated() {
            let path: ModelPath = ["kpis", position]
            if let step = kpi.step {
                reference(step, at: path.appending("step"), kind: "step", collection: "steps", index: stepIndex, ids: stepIDs)
            }
            if let stage = kpi.stage {
                reference(stage, at: path.appending("stage"), kind: "stage", collection: "stages", index: stageIndex, ids: stageIDs)
            }
            if let journey = kpi.journey {
                reference(journey, at: path.appending("journey"), kind: "journey", collection: "journeys", index: journeyIndex, ids: journeyIDs)
            }
        }
    }

    mutating func checkBottlenecks() {
        for (position, bottleneck) in blueprint.bottlenecks.enumerated() {
            let path: ModelPath = ["bottlenecks", position]
            switch (bottleneck.step, bottleneck.actor) {
            case (nil, nil):
                error("bottleneck.none", [:], at: path)
            case (.some, .some):
                error("bottleneck.both", [:], at: path)
            case (let step?, nil):
                reference(step, at: path.appending("step"), kind: "step", collection: "steps", index: stepIndex, ids: stepIDs)
            case (nil, let actor?):
                reference(
                    actor, at: path.appending("actor"), kind: "actor", collection: "actors", index: actorIndex, ids: actorIDs)
            }
        }
    }
}
