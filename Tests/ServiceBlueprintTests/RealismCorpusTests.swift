import Foundation
import ServiceBlueprint
import Testing

/// The realism corpus (`corpus/realism/`): blueprints written from public descriptions of real
/// services, each with an answer key written from the domain before the tool was run on it. The
/// test runs the analyzer with the preset each blueprint's maturity implies, compares the findings
/// and the journey lead times with the key, and prints recall and precision per blueprint and overall.
///
/// A finding matches a key entry by rule id and the exact set of step ids, or, for journey-level
/// entries (`journey:`), by rule id and the journey the finding points at (its path is the journey's,
/// or a path inside it such as its target). A reported finding that is
/// not in the key counts against precision; keys are never edited to match the tool (see
/// `corpus/README.md`).
@Suite("Realism corpus: findings and lead times against hand-made answer keys")
struct RealismCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let folder = root.appendingPathComponent("corpus/realism")
    /// The answer keys live apart from the blueprints, so `blueprint check corpus/realism` reads blueprints only.
    static let keyFolder = root.appendingPathComponent("corpus/answers")

    // MARK: - The answer key

    /// One expected finding.
    struct ExpectedFinding: Equatable {
        var rule: String
        var steps: Set<String> = []
        var journey: String?
        var line: Int

        var label: String {
            journey.map { "\(rule) journey \($0)" } ?? "\(rule) [\(steps.sorted().joined(separator: ", "))]"
        }
    }

    /// The hand-computed figures of one journey.
    struct ExpectedLeadTime {
        var journey: String
        var leadTime: String?
        var followUpLeadTime: String?
    }

    /// A parsed `<name>.answers.yaml`.
    struct AnswerKey {
        var blueprint = ""
        var maturity = "draft"
        var findings: [ExpectedFinding] = []
        var leadTimes: [ExpectedLeadTime] = []
        var problems: [String] = []
    }

    /// Reads the small, fixed shape of an answer key (top-level keys, a `findings` list and a
    /// `leadTimes` list of flat mappings). The format is this corpus's own; a dedicated reader keeps
    /// the test independent of whichever YAML parser the library uses.
    static func parseKey(_ text: String, path: String) -> AnswerKey {
        var key = AnswerKey()
        enum Section { case none, findings, leadTimes }
        var section = Section.none
        var finding: ExpectedFinding?
        var lead: ExpectedLeadTime?
        func flush() {
            if let f = finding { key.findings.append(f) }
            if let l = lead { key.leadTimes.append(l) }
            finding = nil
            lead = nil
        }
        func split(_ s: Substring) -> (String, String)? {
            guard let colon = s.firstIndex(of: ":") else { return nil }
            let name = s[..<colon].trimmingCharacters(in: .whitespaces)
            var value = s[s.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return (name, value)
        }
        func list(_ value: String) -> [String] {
            value.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = raw.prefix { $0 == " " }.count
            if indent == 0 {
                flush()
                guard let (name, value) = split(raw[...]) else {
                    key.problems.append("\(path):\(lineNumber): expected 'key: value'")
                    continue
                }
                switch name {
                case "blueprint": key.blueprint = value
                case "maturity": key.maturity = value
                case "findings": section = .findings
                case "leadTimes": section = .leadTimes
                default: key.problems.append("\(path):\(lineNumber): unknown key '\(name)'")
                }
                continue
            }
            var body = Substring(trimmed)
            if indent == 2, body.hasPrefix("- ") {
                flush()
                body = body.dropFirst(2)
                switch section {
                case .findings: finding = ExpectedFinding(rule: "", line: lineNumber)
                case .leadTimes: lead = ExpectedLeadTime(journey: "")
                case .none: key.problems.append("\(path):\(lineNumber): list item outside findings/leadTimes")
                }
            } else if indent > 4 {
                continue  // continuation of a folded `why: >-` text
            }
            guard let (name, value) = split(body) else { continue }
            switch (name, section) {
            case ("rule", .findings): finding?.rule = value
            case ("steps", .findings): finding?.steps = Set(list(value))
            case ("journey", .findings): finding?.journey = value
            case ("why", _): break
            case ("journey", .leadTimes): lead?.journey = value
            case ("leadTime", .leadTimes): lead?.leadTime = value
            case ("followUpLeadTime", .leadTimes): lead?.followUpLeadTime = value
            default: key.problems.append("\(path):\(lineNumber): unknown key '\(name)'")
            }
        }
        flush()
        return key
    }

    // MARK: - Running one blueprint

    /// What the comparison of one blueprint with its key found.
    struct Outcome {
        var name: String
        var maturity: String
        var steps = 0
        var expected = 0
        var reported = 0
        var matched = 0
        var missed: [String] = []
        var spurious: [String] = []
        var leadTimeMismatches: [String] = []
        var recommendedFindings: Int?
        var loadError: String?

        var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }
        var precision: Double { reported == 0 ? 1 : Double(matched) / Double(reported) }
    }

    /// Features of issue 11 the corpus relies on that the library may not have yet.
    struct MissingFeatures {
        var notes: Set<String> = []
        var isEmpty: Bool { notes.isEmpty }
    }

    /// The configuration of a preset, written as a `.blueprint.yml` would (`extends: …`); `nil` when
    /// the library does not know presets yet.
    static func preset(_ name: String) -> AnalysisConfiguration? {
        let loaded = AnalysisConfiguration.load(yaml: "extends: \(name)\n", path: "corpus/.blueprint.yml")
        return loaded.diagnostics.contains { $0.severity == .error } ? nil : loaded.configuration
    }

    /// The preset a maturity implies (TEAM.md): sketch → `sketch`, detailed → `strict`, else `recommended`.
    static func presetName(forMaturity maturity: String) -> String {
        switch maturity {
        case "sketch": "sketch"
        case "detailed": "strict"
        default: "recommended"
        }
    }

    /// The follow-up lead time of a journey, read by name so this test compiles before the figure exists.
    static func followUpLeadTime(of metrics: JourneyMetrics) -> (exists: Bool, value: BlueprintDuration?) {
        for child in Mirror(reflecting: metrics).children where child.label == "followUpLeadTime" {
            return (true, child.value as? BlueprintDuration)
        }
        return (false, nil)
    }

    /// Words in the reader's errors about keys and values that issue 11 point 5 adds to the format.
    static let newFormatHints = [
        "'maturity'", "'evidence' in blueprint", "'evidence' in stage", "'association'", "'deliveredTo'",
        "missing required key 'stage'", "'unknown'", "%",
    ]

    static func duration(_ text: String) -> BlueprintDuration? { try? BlueprintDuration(parsing: text) }

    static func run(_ file: URL, missing: inout MissingFeatures) -> Outcome {
        let name = file.deletingPathExtension().lastPathComponent
        let keyPath = keyFolder.appendingPathComponent("\(name).answers.yaml").path
        let keyText = (try? String(contentsOfFile: keyPath, encoding: .utf8)) ?? ""
        let key = parseKey(keyText, path: keyPath)
        var outcome = Outcome(name: name, maturity: key.maturity)
        outcome.expected = key.findings.count
        let known = Set(RuleRegistry.builtIn.map(\.id))
        for entry in key.findings where !known.contains(entry.rule) {
            missing.notes.insert("rule '\(entry.rule)' is not built in yet")
        }
        let document: BlueprintDocument
        do {
            document = try BlueprintDocument.read(from: file.path)
        } catch {
            let text = error.diagnostics.prefix(3).map(\.description).joined(separator: "; ")
            outcome.loadError = text
            outcome.missed = key.findings.map(\.label)
            // Only errors about the format of issue 11 point 5 count as a missing feature; any other
            // error is a mistake in the corpus file and fails the test.
            let errors = error.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty, errors.allSatisfy({ d in newFormatHints.contains { d.message.contains($0) } }) {
                missing.notes.insert("the file format of issue 11 point 5 is not read yet (\(name))")
            }
            return outcome
        }
        let blueprint = document.blueprint
        outcome.steps = blueprint.steps.count
        let presetName = presetName(forMaturity: key.maturity)
        let configuration: AnalysisConfiguration
        if let preset = preset(presetName) {
            configuration = preset
        } else {
            missing.notes.insert("presets (extends: \(presetName)) are not available yet")
            configuration = .default
        }
        let report = Analyzer(configuration: configuration).analyze(blueprint)
        outcome.reported = report.findings.count
        var unmatched = Array(report.findings.indices)
        for entry in key.findings {
            let journeyPath: ModelPath? = entry.journey.flatMap { id in
                blueprint.journeys.firstIndex { $0.id == id }.map { ["journeys", $0] }
            }
            let hit = unmatched.firstIndex { i in
                let finding = report.findings[i]
                guard finding.ruleID == entry.rule else { return false }
                // The finding points at the journey or into it (its target, say).
                if let journeyPath {
                    return finding.path.map { ModelPath(Array($0.components.prefix(2))) == journeyPath } ?? false
                }
                return Set(finding.stepIDs) == entry.steps
            }
            if let hit {
                unmatched.remove(at: hit)
                outcome.matched += 1
            } else {
                outcome.missed.append(entry.label)
            }
        }
        outcome.spurious = unmatched.map { i in
            let f = report.findings[i]
            return "\(f.ruleID) [\(f.stepIDs.joined(separator: ", "))]: \(f.message)"
        }
        // Lead times: the critical path to the journey's ends, and the follow-up figure.
        for expected in key.leadTimes {
            guard let metrics = report.metrics.journey(expected.journey) else {
                outcome.leadTimeMismatches.append("journey \(expected.journey): no metrics")
                continue
            }
            if let text = expected.leadTime {
                if let hand = duration(text) {
                    if abs(hand.seconds - metrics.leadTime.seconds) > 0.5 {
                        outcome.leadTimeMismatches.append(
                            "journey \(expected.journey): lead time by hand \(hand), computed \(metrics.leadTime)")
                    }
                } else {
                    outcome.leadTimeMismatches.append("journey \(expected.journey): cannot read '\(text)'")
                }
            }
            if let text = expected.followUpLeadTime {
                let computed = followUpLeadTime(of: metrics)
                if !computed.exists {
                    missing.notes.insert("JourneyMetrics.followUpLeadTime does not exist yet")
                    outcome.leadTimeMismatches.append("journey \(expected.journey): follow-up lead time by hand \(text), not computed")
                } else if let hand = duration(text), let value = computed.value, abs(hand.seconds - value.seconds) <= 0.5 {
                    // Agrees.
                } else {
                    outcome.leadTimeMismatches.append(
                        "journey \(expected.journey): follow-up lead time by hand \(text), computed \(computed.value.map { "\($0)" } ?? "none")")
                }
            }
        }
        // A sketch under `recommended` must not drown in findings.
        if key.maturity == "sketch" {
            let recommended = preset("recommended") ?? .default
            outcome.recommendedFindings = Analyzer(configuration: recommended).analyze(blueprint).findings.count
        }
        return outcome
    }

    static var corpusFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".answers.yaml") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }

    // MARK: - Tests

    @Test("the corpus has at least 12 blueprints, at least 4 of them sketches, each with a well-formed key")
    func corpusShape() throws {
        let files = Self.corpusFiles
        #expect(files.count >= 12)
        var sketches = 0
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let keyPath = Self.keyFolder.appendingPathComponent("\(name).answers.yaml").path
            let keyText = try String(contentsOfFile: keyPath, encoding: .utf8)
            let key = Self.parseKey(keyText, path: keyPath)
            #expect(key.problems.isEmpty, "\(key.problems)")
            #expect(key.blueprint == name, "\(keyPath) names blueprint '\(key.blueprint)'")
            let text = try String(contentsOf: file, encoding: .utf8)
            // Detailed files leave `maturity:` out for now so they load before issue 11's format
            // lands; their key says `detailed` and the test applies the preset from the key.
            let declared = text.split(separator: "\n").first { $0.hasPrefix("maturity:") }
                .map { $0.dropFirst("maturity:".count).trimmingCharacters(in: .whitespaces) }
            #expect(declared == key.maturity || (declared == nil && key.maturity == "detailed"),
                "\(name): file says maturity \(declared ?? "none"), key says \(key.maturity)")
            #expect(text.contains("Source"), "\(name) names no source")
            for entry in key.findings {
                #expect(!entry.rule.isEmpty && (entry.journey != nil || !entry.steps.isEmpty), "\(keyPath):\(entry.line)")
            }
            if key.maturity == "sketch" { sketches += 1 }
        }
        #expect(sketches >= 4)
    }

    @Test("recall 100 %, precision at least 90 %, hand lead times agree, sketches stay quiet under recommended")
    func findingsAgainstKeys() {
        var missing = MissingFeatures()
        let outcomes = Self.corpusFiles.map { Self.run($0, missing: &missing) }
        var lines = ["Realism corpus (\(outcomes.count) blueprints):"]
        for o in outcomes {
            var line = "  \(o.name) [\(o.maturity), \(o.steps) steps]: recall \(Self.percent(o.recall)) "
                + "(\(o.matched)/\(o.expected)), precision \(Self.percent(o.precision)) (\(o.matched)/\(o.reported))"
            if let r = o.recommendedFindings { line += ", \(r) findings under recommended" }
            lines.append(line)
            if let error = o.loadError { lines.append("    not loaded: \(error)") }
            lines += o.missed.map { "    missed: \($0)" }
            lines += o.spurious.map { "    spurious: \($0)" }
            lines += o.leadTimeMismatches.map { "    lead time: \($0)" }
        }
        let expected = outcomes.reduce(0) { $0 + $1.expected }
        let reported = outcomes.reduce(0) { $0 + $1.reported }
        let matched = outcomes.reduce(0) { $0 + $1.matched }
        let recall = expected == 0 ? 1 : Double(matched) / Double(expected)
        let precision = reported == 0 ? 1 : Double(matched) / Double(reported)
        lines.append("  overall: recall \(Self.percent(recall)) (\(matched)/\(expected)), precision \(Self.percent(precision)) (\(matched)/\(reported))")
        if !missing.isEmpty { lines.append("  features not there yet: " + missing.notes.sorted().joined(separator: "; ")) }
        print(lines.joined(separator: "\n"))

        let noisySketches = outcomes.filter { o in o.recommendedFindings.map { $0 > o.steps } ?? false }.map(\.name)
        let leadTimesAgree = outcomes.allSatisfy { $0.leadTimeMismatches.isEmpty }
        let loaded = outcomes.allSatisfy { $0.loadError == nil }
        // The acceptance of issue 11; the answer keys are never edited to make it hold.
        #expect(missing.isEmpty, "features the corpus needs: \(missing.notes.sorted())")
        #expect(loaded, "every corpus blueprint loads")
        #expect(recall == 1, "overall recall \(Self.percent(recall))")
        #expect(precision >= 0.9, "overall precision \(Self.percent(precision))")
        #expect(noisySketches.isEmpty, "sketches with more findings than steps under recommended: \(noisySketches)")
        #expect(leadTimesAgree, "hand-computed lead times differ from the computed ones")
    }
}
