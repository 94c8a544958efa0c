/// `redundant-information-request`: information collected or captured again although an earlier step already has it.
public struct RedundantInformationRequestRule: BlueprintRule {
    /// `redundant-information-request`.
    public let id = "redundant-information-request"
    /// The title.
    public let title = "Information requested twice"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A step captures an information item that an earlier step of the same case already produced — worst \
        when the customer is asked again for something they already gave. Repeated questions cost time and \
        annoy customers. A step that sends its work back by a rework flow (revised plans resubmitted) makes a \
        new version; `redundant-rework-loop` reports the loop.
        """
    /// How to fix a finding.
    public let howToFix = """
        Pass the item on from the step that captured it (list it under `needs`, add an information flow) \
        and drop it from the later step's `produces`; remove the later step if that was all it did.
        """

    /// Creates the rule.
    public init() {}

    /// Finds repeated captures.
    public func analyze(_ context: AnalysisContext) -> [Finding] { CaseMoney.priced(unpriced(context), in: context) }

    /// The findings without money (`CaseMoney.priced` adds it when costs are modelled).
    func unpriced(_ context: AnalysisContext) -> [Finding] {
        // For each later producer: the items it captures again, each with the earlier step that had it.
        var repeats: [Int32: [(item: String, earlier: Int32)]] = [:]
        let index = context.index
        func reworks(_ v: Int32) -> Bool {
            var found = false
            context.graph.forEachSuccessor(of: v, kinds: .rework) { _, _, _ in found = true }
            return found
        }
        for k in index.itemIDs.indices {
            let producers = index.producers(ofItem: Int32(k))
            // Items with one producer cannot repeat.
            guard producers.count > 1 else { continue }
            let item = index.itemIDs[k]
            let ordered = producers.sorted { context.topologicalPosition(of: $0) < context.topologicalPosition(of: $1) }
            for (k, later) in ordered.enumerated() where k > 0 {
                // A step that needs the item and produces it again updates it; that is not a repeat. Nor is
                // a correction that goes back by a rework flow (revised plans): the rework loop is the cause.
                guard !context.step(later).needs.contains(item), !reworks(later) else { continue }
                // Nearest earlier producers first; a few tries keep this cheap on huge blueprints.
                for earlier in ordered[..<k].reversed().prefix(8) where context.leadsTo(earlier, later) {
                    repeats[later, default: []].append((item, earlier))
                    break
                }
            }
        }
        return repeats.keys.sorted().map { later in
            let found = repeats[later]!
            let step = context.step(later)
            let asksCustomer = context.isCustomerStep(later) || (step.isTouchpoint && step.lane == .frontstage)
            var parts: [TextArgument] = []
            var earlierSteps: [Int32] = []
            for earlier in found.map(\.earlier) where !earlierSteps.contains(earlier) { earlierSteps.append(earlier) }
            for earlier in earlierSteps {
                let itemNames = found.filter { $0.earlier == earlier }.map { context.item(argument: $0.item) }
                parts.append(.phrase(LocalizedText(
                    "finding.redundant-information-request.part", ["items": .list(itemNames), "step": context.step(argument: earlier)])))
            }
            let verb = context.isCustomerStep(later) ? "customerProvides" : asksCustomer ? "asksCustomer" : "captures"
            let message = LocalizedText("finding.redundant-information-request.\(verb)", [
                "step": context.step(argument: later), "parts": .series(parts, separator: LocalizedText("list.andAlso")),
            ])
            let allRepeated = Set(step.produces).isSubset(of: Set(found.map(\.item)))
            let first = found[0]
            return context.finding(
                message, steps: [later] + earlierSteps,
                fix: SuggestedFix(
                    .reuseInformation(step: step.id, item: first.item, capturedBy: context.graph.id(of: first.earlier)),
                    text: LocalizedText("fix.redundant-information-request", [
                        "item": context.item(argument: first.item), "earlier": context.step(argument: first.earlier),
                        "step": context.step(argument: later),
                    ])),
                impact: allRepeated && step.value != .valueAdding ? Impact(stepsRemoved: 1) : nil)
        }
    }
}

/// `redundant-duplicate-step`: the same work done twice in one case by the same kind of actor.
public struct RedundantDuplicateStepRule: BlueprintRule {
    /// `redundant-duplicate-step`.
    public let id = "redundant-duplicate-step"
    /// The title.
    public let title = "Duplicate step"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        Two steps with the same task (titles compared after normalising case, punctuation and filler words \
        such as 'again') done by the same kind of actor, where the same case passes both. A later step whose \
        title says it is done again ('fills in personal details again') repeats an earlier one that shares a \
        run of at least three words with it ('fills personal details'), unless the two steps' information \
        already shows the repeat (then `redundant-information-request` reports it). Doing the work twice adds \
        time and cost and no value.
        """
    /// How to fix a finding.
    public let howToFix = "Merge the two steps into one, or remove the later one and pass its result on."
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold(
            "ignoredWords",
            default: .names(["a", "an", "the", "again", "once", "more", "re", "second", "another", "s"]),
            "Words left out when titles are compared."),
        RuleThreshold(
            "repeatWords", default: .names(["again"]),
            "Words by which a title says its work is done again; such a step is compared with earlier steps by shared words."),
        RuleThreshold(
            "sharedWords", default: .integer(3),
            "How many words in a row (filler and small words left out) a repeated step must share with the earlier one."),
    ]

    /// Small words left out when a repeated step's title is compared word by word.
    static let smallWords: Set<String> = [
        "in", "on", "at", "of", "to", "for", "with", "by", "from", "and", "or", "into", "onto", "up", "out",
    ]

    /// Creates the rule.
    public init() {}

    /// The comparable form of a title: lower case, letters and digits, filler words removed.
    static func normalize(_ title: String, ignoring ignored: Set<String>) -> String {
        var words: [String] = []
        forEachWord(in: title) { scalars, _ in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let word = String(view)
            if !ignored.contains(word) { words.append(word) }
        }
        return words.joined(separator: " ")
    }

    /// A 64-bit FNV-1a hash of the normalised title, computed without building strings; 0 when empty.
    static func titleHash(_ title: String, ignoring ignored: Set<UInt64>) -> UInt64 {
        var hash: UInt64 = 0
        forEachWordHash(in: title) { wordHash in
            guard !ignored.contains(wordHash) else { return }
            hash = combined(hash, wordHash)
        }
        return hash
    }

    /// One more word in a title's hash.
    static func combined(_ hash: UInt64, _ wordHash: UInt64) -> UInt64 { (hash ^ wordHash) &* 0x100_0000_01B3 &+ 1 }

    /// Calls `body` with the hash of each word, as ``forEachWord(in:_:)`` computes it. An ASCII title
    /// (most are) is scanned as bytes, with no array of scalars per word.
    static func forEachWordHash(in title: String, _ body: (UInt64) -> Void) {
        var title = title
        let ascii = title.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 128 }) else { return false }
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var inWord = false
            for byte in bytes {
                var value = byte
                if (value >= 97 && value <= 122) || (value >= 48 && value <= 57) || (value >= 65 && value <= 90) {
                    if value <= 90, value >= 65 { value += 32 }
                    hash = (hash ^ UInt64(value)) &* 0x100_0000_01B3
                    inWord = true
                } else if inWord {
                    body(hash)
                    hash = 0xCBF2_9CE4_8422_2325
                    inWord = false
                }
            }
            if inWord { body(hash) }
            return true
        }
        if !ascii { forEachWord(in: title) { _, hash in body(hash) } }
    }

    /// The hash of a single lower-case word, as ``forEachWord(in:_:)`` computes it.
    /// The hash of `entry` when it is one word; `nil` for an entry of several ("follow-up", "e-mail"),
    /// which, compared as a whole with single title words, can never match one.
    static func singleWordHash(_ entry: String) -> UInt64? {
        var hashes: [UInt64] = []
        forEachWord(in: entry) { _, hash in hashes.append(hash) }
        return hashes.count == 1 ? hashes[0] : nil
    }

    static func wordHash(_ word: String) -> UInt64 {
        var result: UInt64 = 0
        forEachWord(in: word) { _, hash in result = hash }
        return result
    }

    /// Calls `body` with the lower-cased letters and digits of each word and the word's FNV-1a hash.
    /// ASCII takes a fast path; other scripts (e.g. Chinese titles) use Unicode properties.
    static func forEachWord(in title: String, _ body: ([Unicode.Scalar], UInt64) -> Void) {
        var current: [Unicode.Scalar] = []
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ scalar: Unicode.Scalar) {
            current.append(scalar)
            hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01B3
        }
        func flush() {
            guard !current.isEmpty else { return }
            body(current, hash)
            current.removeAll(keepingCapacity: true)
            hash = 0xCBF2_9CE4_8422_2325
        }
        for scalar in title.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                if (value >= 97 && value <= 122) || (value >= 48 && value <= 57) {
                    add(scalar)
                } else if value >= 65 && value <= 90, let lower = Unicode.Scalar(value + 32) {
                    add(lower)
                } else {
                    flush()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in String(scalar).lowercased().unicodeScalars { add(lower) }
            } else {
                flush()
            }
        }
        flush()
    }

    /// Finds duplicates.
    public func analyze(_ context: AnalysisContext) -> [Finding] { CaseMoney.priced(unpriced(context), in: context) }

    /// The findings without money (`CaseMoney.priced` adds it when costs are modelled).
    func unpriced(_ context: AnalysisContext) -> [Finding] {
        let ignored = Set(context.names("ignoredWords").map { $0.lowercased() })
        let ignoredHashes = Set(ignored.map(Self.wordHash))
        let steps = context.blueprint.steps
        func actorKind(_ i: Int) -> String {
            context.isCustomerStep(Int32(i))
                ? "customer" : steps[i].actor.flatMap { context.actor($0)?.kind.rawValue } ?? "unassigned"
        }
        // Every title's word hashes, read once for both passes.
        let words = TitleWords(steps)
        // Hash titles and sort: only steps whose hashes collide are compared as strings.
        var hashed: [(hash: UInt64, step: Int32)] = []
        hashed.reserveCapacity(steps.count)
        for i in steps.indices {
            var hash: UInt64 = 0
            for word in words[i] where !ignoredHashes.contains(word) { hash = Self.combined(hash, word) }
            if hash != 0 { hashed.append((hash, Int32(i))) }
        }
        hashed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.step < $1.step }
        var groups: [(key: String, members: [Int32])] = []
        var start = 0
        while start < hashed.count {
            var end = start + 1
            while end < hashed.count, hashed[end].hash == hashed[start].hash { end += 1 }
            if end - start > 1 {
                var exact: [String: [Int32]] = [:]
                var keys: [String] = []
                for entry in hashed[start..<end] {
                    let i = Int(entry.step)
                    let key = "\(actorKind(i))|\(Self.normalize(steps[i].title, ignoring: ignored))"
                    if exact[key] == nil { keys.append(key) }
                    exact[key, default: []].append(entry.step)
                }
                for key in keys { if let group = exact[key], group.count > 1 { groups.append((key, group)) } }
            }
            start = end
        }
        // Ordering groups by their first step keeps the output stable.
        let repeated = groups.sorted { $0.members[0] < $1.members[0] }
        var findings: [Finding] = []
        for (key, members) in repeated {
            let ordered = members.sorted { context.topologicalPosition(of: $0) < context.topologicalPosition(of: $1) }
            for (k, later) in ordered.enumerated() where k > 0 {
                guard let earlier = ordered[..<k].reversed().prefix(8).first(where: { context.leadsTo($0, later) }) else {
                    continue
                }
                let kind = String(key.prefix { $0 != "|" })
                let task = String(key.drop { $0 != "|" }.dropFirst())
                let message = LocalizedText("finding.redundant-duplicate-step", [
                    "step": context.step(argument: later), "earlier": context.step(argument: earlier), "task": .quoted(task),
                    "kind": .verbatim(kind),
                ])
                findings.append(merge(later, into: earlier, message: message, context))
            }
        }
        let reported = Set(findings.map(\.stepIDs[0]))
        findings += repeats(context, words: words, ignored: ignored, actorKind: actorKind).filter { !reported.contains($0.stepIDs[0]) }
        return findings
    }

    func merge(_ later: Int32, into earlier: Int32, message: LocalizedText, _ context: AnalysisContext) -> Finding {
        context.finding(
            message, steps: [later, earlier],
            fix: SuggestedFix(
                .mergeSteps(steps: [context.graph.id(of: earlier), context.graph.id(of: later)]),
                text: LocalizedText("fix.redundant-duplicate-step", ["step": context.step(argument: later), "earlier": context.step(argument: earlier)])),
            impact: Impact(stepsRemoved: 1))
    }

    /// Steps whose title says they are done again, each with the nearest earlier step of the same kind of
    /// actor that shares enough words in a row and that work flows lead from.
    func repeats(_ context: AnalysisContext, words: TitleWords, ignored: Set<String>, actorKind: (Int) -> String) -> [Finding] {
        let markers = Set(context.names("repeatWords").map { $0.lowercased() })
        let shared = max(2, context.integer("sharedWords"))
        let steps = context.blueprint.steps
        let skipped = ignored.union(Self.smallWords).union(markers)
        // Words are compared by their hashes (no string per word); the words themselves are spelled
        // out only for a repeat that is reported.
        let skippedHashes = Set(skipped.compactMap(Self.singleWordHash))
        let markerHashes = Set(markers.compactMap(Self.singleWordHash))
        func keptWords(_ i: Int) -> [String] {
            var result: [String] = []
            Self.forEachWord(in: steps[i].title) { scalars, hash in
                guard !skippedHashes.contains(hash) else { return }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                result.append(String(view))
            }
            return result
        }
        // Steps by their words, so a repeated step is compared only with steps it shares a word with.
        var byWord = StepsByWord(capacity: steps.count * 4)
        var content: [[UInt64]] = []
        content.reserveCapacity(steps.count)
        var marked: [Int] = []
        for i in steps.indices {
            var kept: [UInt64] = []
            var isMarked = false
            for hash in words[i] {
                if markerHashes.contains(hash) { isMarked = true }
                if !skippedHashes.contains(hash) { kept.append(hash) }
            }
            // Each word of the title once (titles have a handful of words: a linear check beats a set).
            for (k, word) in kept.enumerated() where !kept[..<k].contains(word) { byWord.add(word, step: Int32(i)) }
            content.append(kept)
            if isMarked { marked.append(i) }
        }
        byWord.finish()
        var findings: [Finding] = []
        for later in marked {
            let laterWords = content[later]
            guard laterWords.count >= shared else { continue }
            var candidates = Set<Int32>()
            for word in Set(laterWords) { candidates.formUnion(byWord.steps(with: word).prefix(64)) }
            let ordered = candidates.filter { Int($0) != later && actorKind(Int($0)) == actorKind(later) }
                .sorted { context.topologicalPosition(of: $0) > context.topologicalPosition(of: $1) }
            for earlier in ordered {
                let run = Self.longestRun(content[Int(earlier)], laterWords)
                guard run.count >= shared, context.leadsTo(earlier, Int32(later)),
                    Set(steps[later].produces).isDisjoint(with: steps[Int(earlier)].produces)
                else { continue }
                let task = keptWords(Int(earlier))[run].joined(separator: " ")
                let message = LocalizedText("finding.redundant-duplicate-step.again", [
                    "step": context.step(argument: Int32(later)), "earlier": context.step(argument: earlier),
                    "task": .quoted(task), "kind": .verbatim(actorKind(later)),
                ])
                findings.append(merge(Int32(later), into: earlier, message: message, context))
                break
            }
        }
        return findings
    }

    /// Where in `a` the longest run of words lies that both lists have in the same order, next to
    /// each other.
    static func longestRun<Word: Equatable>(_ a: [Word], _ b: [Word]) -> Range<Int> {
        var best = (length: 0, end: 0)
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in a.indices {
            for j in b.indices {
                current[j + 1] = a[i] == b[j] ? previous[j] + 1 : 0
                if current[j + 1] > best.length { best = (current[j + 1], i + 1) }
            }
            swap(&previous, &current)
        }
        return (best.end - best.length)..<best.end
    }
}

/// `redundant-stacked-approval`: approvals or checks of the same item in sequence.
public struct RedundantStackedApprovalRule: BlueprintRule {
    /// `redundant-stacked-approval`.
    public let id = "redundant-stacked-approval"
    /// The title.
    public let title = "Stacked approvals or checks"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        An approval or check follows another approval or check of the same item, with nothing in between that \
        changes the item. Layered sign-offs add queues and hand-offs but rarely catch anything the first missed.
        """
    /// How to fix a finding.
    public let howToFix = """
        Merge the approvals into one with clear authority limits, or drop the later one; keep a second check \
        only where a rule or risk requires four eyes.
        """
    /// The rule's thresholds.
    public let thresholds = [
        RuleThreshold(
            "maxStepsBetween", default: .integer(2),
            "How many steps may sit between two approvals or checks for them to count as stacked."),
    ]

    /// Creates the rule.
    public init() {}

    static func isGate(_ step: Step) -> Bool { isGate(step.kind) }

    /// ``isGate(_:)`` by kind, for loops over every step (passing a `Step` copies all of its fields).
    static func isGate(_ kind: StepKind) -> Bool { kind == .approval || kind == .check }

    /// Finds stacked approvals and checks.
    public func analyze(_ context: AnalysisContext) -> [Finding] { CaseMoney.priced(unpriced(context), in: context) }

    /// The findings without money (`CaseMoney.priced` adds it when costs are modelled).
    func unpriced(_ context: AnalysisContext) -> [Finding] {
        let steps = context.blueprint.steps
        let maxBetween = max(0, context.integer("maxStepsBetween"))
        var pairs: [(first: Int32, second: Int32, items: [String])] = []
        for a in 0..<Int32(steps.count) where Self.isGate(steps[Int(a)].kind) {
            let items = Set(steps[Int(a)].needs + steps[Int(a)].produces)
            guard !items.isEmpty else { continue }
            // Breadth-first up to maxBetween intermediate steps; an intermediate that produces the
            // item changes it, so a later check of it is no repeat.
            var frontier: [(node: Int32, live: Set<String>)] = [(a, items)]
            var seen: Set<Int32> = [a]
            for _ in 0...maxBetween {
                var next: [(node: Int32, live: Set<String>)] = []
                for (node, live) in frontier {
                    context.graph.forEachSuccessor(of: node) { w, _, _ in
                        guard seen.insert(w).inserted else { return }
                        let shared = live.intersection(steps[Int(w)].needs)
                        if Self.isGate(steps[Int(w)].kind), !shared.isEmpty {
                            pairs.append((a, w, shared.sorted()))
                            return
                        }
                        let stillLive = live.subtracting(steps[Int(w)].produces)
                        if !stillLive.isEmpty { next.append((w, stillLive)) }
                    }
                }
                frontier = next
                if frontier.isEmpty { break }
            }
        }
        // Pairs chain into stacks: check → re-check → approval is one finding with two extra layers.
        var next: [Int32: (second: Int32, items: [String])] = [:]
        var isSecond = Set<Int32>()
        for pair in pairs where next[pair.first] == nil {
            next[pair.first] = (pair.second, pair.items)
            isSecond.insert(pair.second)
        }
        var covered = Set<[Int32]>()
        var stacks: [(gates: [Int32], items: [String])] = []
        func addStack(_ gates: [Int32], items: [String]) {
            for (a, b) in zip(gates, gates.dropFirst()) { covered.insert([a, b]) }
            // Name the item under review: what the first gate itself needed, when the next one needs it too.
            let firstNeeds = Set(steps[Int(gates[0])].needs)
            let reviewed = items.filter { firstNeeds.contains($0) }
            stacks.append((gates, reviewed.isEmpty ? items : reviewed))
        }
        for first in next.keys.sorted() where !isSecond.contains(first) {
            var gates = [first]
            var cursor = first
            while let link = next[cursor], !gates.contains(link.second) {
                gates.append(link.second)
                cursor = link.second
            }
            addStack(gates, items: next[first]?.items ?? [])
        }
        // Pairs left over (a gate followed by gates on two branches, or a loop of gates) stand alone.
        for pair in pairs where !covered.contains([pair.first, pair.second]) {
            addStack([pair.first, pair.second], items: pair.items)
        }
        let savings = context.removalSavings(ofRuns: stacks.map { Array($0.gates.dropFirst()) })
        return stacks.enumerated().map { position, stack in
            let first = stack.gates[0]
            let layers = Array(stack.gates.dropFirst())
            // The wording varies with what the layers do (approve, check or both), how many there are and
            // what the first gate did: each choice is a phrase of the catalog.
            let approvals = layers.filter { steps[Int($0)].kind == .approval }.count
            let does = approvals == 0 ? "check" : approvals == layers.count ? "approve" : "checkAndApprove"
            let verb = "finding.redundant-stacked-approval.verb.\(does).\(layers.count == 1 ? "one" : "many")"
            let earlier = steps[Int(first)].kind == .approval ? "approved" : "checked"
            let pronoun = stack.items.count == 1 ? "it" : "them"
            let wait = BlueprintDuration(seconds: layers.reduce(0) { $0 + context.graph.waitSeconds[Int($1)] })
            let added = (wait.seconds > 0 ? "wait" : "queue") + (layers.count == 1 ? ".one" : ".many")
            let message = LocalizedText("finding.redundant-stacked-approval", [
                "layers": context.steps(argument: layers), "first": context.step(argument: first),
                "items": .list(stack.items.map(context.item(argument:))),
                "verb": .phrase(LocalizedText(verb)),
                "earlier": .phrase(LocalizedText("finding.redundant-stacked-approval.earlier.\(earlier)")),
                "pronoun": .phrase(LocalizedText("finding.redundant-stacked-approval.pronoun.\(pronoun)")),
                "added": .phrase(LocalizedText(
                    "finding.redundant-stacked-approval.added.\(added)", ["count": .integer(layers.count), "wait": .duration(wait)])),
            ])
            var impact = Impact(stepsRemoved: layers.count)
            if let saving = savings[position] {
                impact.leadTimeSaved = .seconds(saving.saving)
                impact.journey = context.scopes[saving.scope].journey?.id
            }
            let handoffs = layers.filter { context.performer(ofStep: $0) != context.performer(ofStep: first) }.count
            if handoffs > 0 { impact.handoffsRemoved = handoffs }
            return context.finding(
                message, steps: layers + [first],
                fix: SuggestedFix(
                    .mergeSteps(steps: stack.gates.map { context.graph.id(of: $0) }),
                    text: LocalizedText(
                        "fix.redundant-stacked-approval.\(layers.count == 1 ? "one" : "many")",
                        ["layers": context.steps(argument: layers), "first": context.step(argument: first)])),
                impact: impact)
        }
    }
}

/// `redundant-unused-output`: work whose outputs nobody uses.
public struct RedundantUnusedOutputRule: BlueprintRule {
    /// `redundant-unused-output`.
    public let id = "redundant-unused-output"
    /// The title.
    public let title = "Work whose output nobody uses"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A backstage or support step produces information that no step needs and sends no information flow, \
        and it is neither customer-facing nor value-adding. Work nobody uses is pure waste. Work whose output is \
        declared delivered outside the journey (`delivers: customer|partner|record` on the step, or \
        `deliveredTo` on an item it produces) is used.
        """
    /// How to fix a finding.
    public let howToFix = """
        Remove the step, or, if its output is really used, model that: list the item in the `needs` of the \
        step that uses it.
        """

    /// Creates the rule.
    public init() {}

    /// Finds steps whose outputs are unused.
    public func analyze(_ context: AnalysisContext) -> [Finding] { CaseMoney.priced(unpriced(context), in: context) }

    /// The findings without money (`CaseMoney.priced` adds it when costs are modelled).
    func unpriced(_ context: AnalysisContext) -> [Finding] {
        var unused: [Int32] = []
        let steps = context.blueprint.steps
        for i in steps.indices {
            let v = Int32(i)
            guard steps[i].lane == .backstage || steps[i].lane == .support, !steps[i].produces.isEmpty,
                steps[i].channel == nil, steps[i].evidence.isEmpty, steps[i].value != .valueAdding,
                steps[i].kind != .decision, !context.isDelivered(v), !steps[i].produces.contains(where: context.isNeeded),
                context.graph.outDegree(of: v, kinds: .information) == 0
            else { continue }
            unused.append(v)
        }
        let savings = context.removalSavings(of: unused)
        return unused.enumerated().map { position, v in
            let step = context.step(v)
            var message = LocalizedText("finding.redundant-unused-output", [
                "step": context.step(argument: v), "items": .list(step.produces.map(context.item(argument:))),
            ])
            if let value = step.value {
                message.key += ".classified"
                message.arguments["value"] = .verbatim(value.rawValue)
            }
            var impact = Impact(stepsRemoved: 1)
            if let saving = savings[position] {
                impact.leadTimeSaved = .seconds(saving.saving)
                impact.journey = context.scopes[saving.scope].journey?.id
            }
            return context.finding(
                message, steps: [v],
                fix: SuggestedFix(.removeStep(step: step.id), text: LocalizedText("fix.redundant-unused-output", ["step": context.step(argument: v)])),
                impact: impact)
        }
    }
}

/// `redundant-rework-loop`: work that goes back to be done again.
public struct RedundantReworkLoopRule: BlueprintRule {
    /// `redundant-rework-loop`.
    public let id = "redundant-rework-loop"
    /// The title.
    public let title = "Rework loop"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        A rework flow sends work back to an earlier step; every pass repeats the loop. With the flow's \
        probability p the loop runs p/(1−p) extra times per case on average, which the finding converts into \
        lead time.
        """
    /// How to fix a finding.
    public let howToFix = """
        Find why work fails the check and prevent it upstream (clear inputs, checklists, first-time-right \
        standards); give the rework flow a probability so its cost is measured.
        """

    /// Creates the rule.
    public init() {}

    /// Finds rework loops.
    public func analyze(_ context: AnalysisContext) -> [Finding] { CaseMoney.priced(unpriced(context), in: context) }

    /// The findings without money (`CaseMoney.priced` adds it when costs are modelled).
    func unpriced(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let flows = context.blueprint.flows
        var findings: [Finding] = []
        for f in flows.indices where flows[f].kind == .rework {
            guard let source = graph.index(of: flows[f].from), let target = graph.index(of: flows[f].to) else { continue }
            let loop = loopSteps(from: target, to: source, context: context)
            let probability = flows[f].probability
            var message = LocalizedText(
                "finding.redundant-rework-loop.open", ["step": context.step(argument: source), "target": context.step(argument: target)])
            var impact: Impact?
            if loop.count >= 2 || (loop == [source] && source == target), let last = loop.last, last == source {
                let time = loopTime(loop, context: context)
                let path: TextArgument = loop.count > 4
                    ? .phrase(LocalizedText("finding.redundant-rework-loop.longPath", [
                        "first": context.step(argument: loop[0]), "count": .integer(loop.count - 2), "last": context.step(argument: last),
                    ]))
                    : .series(loop.map(context.step(argument:)), separator: LocalizedText("list.arrow"))
                message.arguments["loop"] = path
                message.arguments["time"] = .duration(BlueprintDuration(seconds: time))
                if let p = probability, p > 0, p < 1 {
                    // Whole seconds: the inputs are estimates, more digits would be noise.
                    let expected = (time * p / (1 - p)).rounded()
                    message.key = "finding.redundant-rework-loop.expected"
                    message.arguments["share"] = .percent(p)
                    message.arguments["expected"] = .duration(BlueprintDuration(seconds: expected))
                    impact = Impact(leadTimeSaved: .seconds(expected))
                } else if let p = probability, p >= 1 {
                    message.key = "finding.redundant-rework-loop.never"
                    message.arguments["share"] = .percent(p)
                } else {
                    message.key = "finding.redundant-rework-loop.unmeasured"
                }
            }
            findings.append(context.finding(
                message, steps: !loop.isEmpty ? loop : [source, target], flows: [Int32(f)], path: ["flows", f],
                fix: SuggestedFix(
                    .preventRework(step: flows[f].from, returnsTo: flows[f].to),
                    text: LocalizedText("fix.redundant-rework-loop", ["step": context.step(argument: source)])),
                impact: impact))
        }
        return findings
    }

    /// The steps on work paths from `target` to `source`, in topological order; empty when none.
    func loopSteps(from target: Int32, to source: Int32, context: AnalysisContext) -> [Int32] {
        let low = context.topologicalPosition(of: target)
        let high = context.topologicalPosition(of: source)
        guard target != source else { return [source] }
        guard low < high else { return [] }
        var forward: Set<Int32> = [target]
        var stack = [target]
        while let v = stack.popLast() {
            context.graph.forEachSuccessor(of: v) { w, _, _ in
                if context.topologicalPosition(of: w) <= high, forward.insert(w).inserted { stack.append(w) }
            }
        }
        guard forward.contains(source) else { return [] }
        var loop: Set<Int32> = [source]
        stack = [source]
        while let v = stack.popLast() {
            context.graph.forEachPredecessor(of: v) { u, _, _ in
                if forward.contains(u), loop.insert(u).inserted { stack.append(u) }
            }
        }
        return loop.sorted { context.topologicalPosition(of: $0) < context.topologicalPosition(of: $1) }
    }

    /// The longest wait + process time through the loop, from its first step to its last.
    func loopTime(_ loop: [Int32], context: AnalysisContext) -> Double {
        var finish: [Int32: Double] = [:]
        let weights = context.graph
        for v in loop {
            var start = 0.0
            context.graph.forEachPredecessor(of: v) { u, _, _ in
                if let f = finish[u] { start = max(start, f) }
            }
            finish[v] = start + weights.waitSeconds[Int(v)] + weights.processSeconds[Int(v)]
        }
        return loop.last.flatMap { finish[$0] } ?? 0
    }
}

/// `redundant-handoff-bounce`: work that goes from one department to another and straight back.
public struct RedundantHandoffBounceRule: BlueprintRule {
    /// `redundant-handoff-bounce`.
    public let id = "redundant-handoff-bounce"
    /// The title.
    public let title = "Hand-offs bouncing between departments"
    /// Warning.
    public let defaultSeverity = Severity.warning
    /// What the rule finds and why it matters.
    public let rationale = """
        Work passes from one department to another and straight back (A → B → A). Every crossing of a \
        department wall is a hand-off with its own queue, and the customer waits for both. When the other \
        department's step is value-adding (the kitchen cooks what the floor ordered and serves), the work goes \
        there to be done: that is the service itself, not a bounce.
        """
    /// How to fix a finding.
    public let howToFix = """
        Let one team own the bounced work (train or authorise the first department to do it), or move the \
        other department's step to the end of the chain so the work crosses the wall once.
        """

    /// Creates the rule.
    public init() {}

    /// Finds bounces.
    public func analyze(_ context: AnalysisContext) -> [Finding] {
        let graph = context.graph
        let steps = context.blueprint.steps
        let n = graph.stepCount
        // Departments as small integers; evidence is something the customer sees, not work, so it
        // belongs to no department here (-1), like the customer and unstaffed systems.
        var codes = IDTable()
        var code = [Int32](repeating: -1, count: n)
        for v in 0..<n where steps[v].lane != .evidence {
            guard let department = context.department(ofStep: Int32(v)) else { continue }
            code[v] = codes.insert(department).position
        }
        let names = codes.keys
        // The next steps with a department, looking through steps without one, which break no chain.
        func nextStaffed(after v: Int32, backwards: Bool = false) -> [Int32] {
            // Fast path: every direct neighbour has a department (the usual case).
            var direct: [Int32] = []
            var allStaffed = true
            let collect = { (w: Int32, _: Int32, _: FlowKind) in
                if code[Int(w)] < 0 { allStaffed = false } else { direct.append(w) }
            }
            if backwards { graph.forEachPredecessor(of: v, collect) } else { graph.forEachSuccessor(of: v, collect) }
            if allStaffed {
                if direct.count > 1 {
                    direct.sort()
                    var unique: [Int32] = []
                    for w in direct where unique.last != w { unique.append(w) }
                    return unique
                }
                return direct
            }
            var found: [Int32] = []
            var seen: Set<Int32> = [v]
            var frontier = [v]
            // A few hops and a few hundred steps: enough to look through a customer action or a system
            // step, and bounded on blueprints with huge unstaffed regions.
            for _ in 0..<6 where !frontier.isEmpty && seen.count < 512 {
                var following: [Int32] = []
                for u in frontier {
                    let visit = { (w: Int32, _: Int32, _: FlowKind) in
                        guard seen.insert(w).inserted else { return }
                        if code[Int(w)] >= 0 { found.append(w) } else { following.append(w) }
                    }
                    if backwards { graph.forEachPredecessor(of: u, visit) } else { graph.forEachSuccessor(of: u, visit) }
                }
                frontier = following
            }
            return found.sorted()
        }
        var inner = [Bool](repeating: false, count: n)
        var findings: [Finding] = []
        // A middle step that adds value is the other department's own part of the service (the kitchen cooks
        // the order the floor took and serves): the work goes there to be done, not bounced.
        for v in 0..<Int32(n) where !inner[Int(v)] && code[Int(v)] >= 0 && steps[Int(v)].value != .valueAdding {
            let middle = code[Int(v)]
            // A bounce: a step of another department before v, and one of that same department after it.
            let before = nextStaffed(after: v, backwards: true).filter { code[Int($0)] != middle }
            guard !before.isEmpty else { continue }
            let after = nextStaffed(after: v)
            var bounce: (from: Int32, to: Int32)?
            for u in before where bounce == nil {
                if let w = after.first(where: { code[Int($0)] == code[Int(u)] }) { bounce = (u, w) }
            }
            guard let bounce else { continue }
            let home = code[Int(bounce.from)]
            // Grow the chain both ways while the work keeps alternating between the two departments.
            var chain = [bounce.from, v, bounce.to]
            while let last = chain.last,
                let w = nextStaffed(after: last).first(where: {
                    !chain.contains($0) && code[Int($0)] == (code[Int(last)] == home ? middle : home)
                })
            {
                chain.append(w)
            }
            while let first = chain.first,
                let u = nextStaffed(after: first, backwards: true).first(where: {
                    !chain.contains($0) && code[Int($0)] == (code[Int(first)] == home ? middle : home)
                })
            {
                chain.insert(u, at: 0)
            }
            for node in chain.dropFirst().dropLast() { inner[Int(node)] = true }
            let departments = chain.map { code[Int($0)] }
            let start = departments[0]
            let other = start == home ? middle : home
            let crossings = chain.count - 1
            let remaining = departments.last == start ? 0 : 1
            let reassign = zip(chain, departments).dropFirst().dropLast().filter { $0.1 != start }.map(\.0)
            let startName = names[Int(start)]
            let message = LocalizedText("finding.redundant-handoff-bounce", [
                "department": .quoted(startName), "other": .quoted(names[Int(other)]),
                "chain": .series(chain.map(context.step(argument:)), separator: LocalizedText("list.arrow")), "crossings": .integer(crossings),
            ])
            findings.append(context.finding(
                message, steps: chain,
                fix: SuggestedFix(
                    .assignToOneTeam(steps: reassign.map { graph.id(of: $0) }, department: startName),
                    text: LocalizedText("fix.redundant-handoff-bounce.\(remaining == 0 ? "none" : "once")", [
                        "department": .quoted(startName), "steps": context.steps(argument: reassign),
                    ])),
                impact: Impact(handoffsRemoved: crossings - remaining)))
        }
        return findings
    }
}

extension RedundantDuplicateStepRule {
    /// The word hashes of every step's title (``forEachWordHash(in:_:)``), in one flat table: the
    /// words of step `i` are `hashes[offsets[i]..<offsets[i + 1]]`.
    struct TitleWords {
        private var hashes: [UInt64] = []
        private var offsets: [Int32] = [0]

        init(_ steps: [Step]) {
            hashes.reserveCapacity(steps.count * 4)
            offsets.reserveCapacity(steps.count + 1)
            for i in steps.indices {
                RedundantDuplicateStepRule.forEachWordHash(in: steps[i].title) { hashes.append($0) }
                offsets.append(Int32(hashes.count))
            }
        }

        /// The word hashes of step `i`'s title, in order.
        subscript(_ i: Int) -> ArraySlice<UInt64> { hashes[Int(offsets[i])..<Int(offsets[i + 1])] }
    }
}

/// The steps of each title word (by the word's hash), ascending: pairs are added in step order and
/// then grouped by a counting sort, instead of growing one array per word in a dictionary (the
/// duplicate-step rule's biggest cost). The word hashes are already well mixed, so the table uses
/// them as they are.
struct StepsByWord {
    /// Open addressing: a word number, or -1 when empty. The count is a power of two.
    private var slots: [Int32]
    private var words: [UInt64] = []
    private var pairs: [(word: Int32, step: Int32)] = []
    private var offsets: [Int32] = []
    private var members: [Int32] = []

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The number of the word, or `nil` when no step has it.
    private func number(of word: UInt64) -> (slot: Int, number: Int32?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: word ^ (word >> 29)) & mask
        while true {
            let number = slots[slot]
            if number < 0 { return (slot, nil) }
            if words[Int(number)] == word { return (slot, number) }
            slot = (slot + 1) & mask
        }
    }

    /// Records that `step` has `word` (steps in ascending order, each word once per step).
    mutating func add(_ word: UInt64, step: Int32) {
        let found = number(of: word)
        if let number = found.number {
            pairs.append((number, step))
            return
        }
        let number = Int32(words.count)
        words.append(word)
        pairs.append((number, step))
        if words.count * 2 > slots.count {
            let size = slots.count * 2
            let mask = size - 1
            var fresh = [Int32](repeating: -1, count: size)
            for (k, known) in words.enumerated() {
                var slot = Int(truncatingIfNeeded: known ^ (known >> 29)) & mask
                while fresh[slot] >= 0 { slot = (slot + 1) & mask }
                fresh[slot] = Int32(k)
            }
            slots = fresh
        } else {
            slots[found.slot] = number
        }
    }

    /// Groups the pairs by word; call once, after the last ``add(_:step:)``.
    mutating func finish() {
        (offsets, members) = AnalysisIndex.compressed(pairs.map { (item: $0.word, step: $0.step) }, itemCount: words.count)
        pairs = []
    }

    /// The steps that have `word`, ascending.
    func steps(with word: UInt64) -> ArraySlice<Int32> {
        guard let number = number(of: word).number else { return [] }
        return members[Int(offsets[Int(number)])..<Int(offsets[Int(number) + 1])]
    }
}
