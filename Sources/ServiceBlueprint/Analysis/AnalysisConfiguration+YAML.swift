
extension AnalysisConfiguration {
    /// The file name looked for next to blueprints.
    public static let fileName = ".blueprint.yml"

    /// Reads a configuration file such as `.blueprint.yml`:
    ///
    /// ```yaml
    /// extends: recommended                # or sketch, strict (RulePreset)
    /// groupAbove: 5                       # fold more than 5 same-reason findings into one; off: never
    /// rules:
    ///   missing-time-standard: off          # or false: do not run
    ///   missing-journey-target: error       # severity override
    ///   parallelizable-chain:
    ///     severity: note
    ///     minimumSaving: 5min               # a threshold
    ///   redundant-stacked-approval:
    ///     enabled: false
    /// ```
    ///
    /// Unknown rule ids and keys, wrong value types and YAML syntax errors are reported as
    /// located diagnostics (`.blueprint.yml:3:3: error: unknown rule 'missing-time-standrd'; did you mean
    /// 'missing-time-standard'?`); the rest of the file still applies.
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - path: The file path used in diagnostics.
    ///   - rules: The rules the configuration may name.
    public static func load(
        yaml: String, path: String = fileName, rules: [any BlueprintRule]
    ) -> LoadedConfiguration {
        load(bytes: Array(yaml.utf8), path: path, rules: rules)
    }

    /// Reads a configuration file from disk, refusing one larger than a blueprint may be
    /// (``ReadingLimits/maximumFileSize``); a file that cannot be read is an error diagnostic.
    public static func load(contentsOfFile path: String, rules: [any BlueprintRule]) -> LoadedConfiguration {
        do throws(BlueprintError) {
            let bytes = try FileBytes.read(path, limit: ReadingLimits.default.maximumFileSize)
            return load(bytes: bytes, path: path, rules: rules)
        } catch {
            return LoadedConfiguration(configuration: .default, diagnostics: error.diagnostics)
        }
    }

    /// Reads configuration text through the same syntax layer as blueprint files: the same limits
    /// (alias expansion, nesting), duplicate keys reported where they occur, and the same
    /// located syntax errors.
    static func load(bytes: [UInt8], path: String, rules: [any BlueprintRule]) -> LoadedConfiguration {
        var reader = ConfigurationReader(path: path, source: SourceText(bytes: bytes, format: .yaml), rules: rules)
        reader.read()
        // Keys are checked level by level; the user reads the problems in file order.
        return LoadedConfiguration(configuration: reader.configuration, diagnostics: reader.document.diagnostics.sortedByLocation())
    }
}

/// Walks the node tree of a configuration file and collects settings and diagnostics. Parsing,
/// locations and the wording of key problems come from the blueprint reader (``DocumentReader``).
private struct ConfigurationReader {
    typealias Node = DocumentNode

    let rulesByID: [String: any BlueprintRule]
    var configuration = AnalysisConfiguration()
    /// The blueprint reader, used for its syntax layer, locations and diagnostics only.
    var document: DocumentReader

    init(path: String, source: SourceText, rules: [any BlueprintRule]) {
        document = DocumentReader(path: path, source: source)
        var byID: [String: any BlueprintRule] = [:]
        for rule in rules where byID[rule.id] == nil { byID[rule.id] = rule }
        rulesByID = byID
    }

    static let topLevelKeys = ["extends", "groupAbove", "rules"]
    static let ruleKeys = ["enabled", "severity"]

    mutating func error(_ message: String, at node: Node, path modelPath: ModelPath) {
        document.error(message, at: document.location(node), path: modelPath)
    }

    /// An error whose message is the catalog text `diagnostic.config.<key>` (shown in any ``Language``).
    mutating func error(_ key: String, _ arguments: [String: TextArgument], at node: Node, path modelPath: ModelPath) {
        document.error(LocalizedText("diagnostic.config.\(key)", arguments), at: document.location(node), path: modelPath)
    }

    /// An unknown `what` (`key`, `rule`, `preset`…) with its did-you-mean and the names expected.
    mutating func unknown(_ what: String, _ word: String, in names: [String], at node: Node, path modelPath: ModelPath, _ extra: [String: TextArgument] = [:]) {
        error(what, extra.merging([
            "word": .quoted(word), "suggestion": Suggestion.didYouMeanArgument(word, in: names),
            "names": .verbatim(names.joined(separator: ", ")),
        ]) { given, _ in given }, at: node, path: modelPath)
    }

    mutating func read() {
        let syntax = DocumentSyntax(source: document.source, path: document.path, limits: .default)
        if let error = syntax.error {
            document.diagnostics.append(error)
            return
        }
        guard let root = syntax.root else { return }  // An empty file configures nothing.
        guard case .mapping(let mapping) = root else {
            error("notMapping", [:], at: root, path: ModelPath())
            return
        }
        for (keyNode, value) in uniqueEntries(mapping, at: ModelPath()) {
            let key = keyNode.string ?? ""
            switch key {
            case "rules": readRules(value)
            case "extends": readPreset(value)
            case "groupAbove": readGroupAbove(value)
            default:
                unknown("unknownKey", key, in: Self.topLevelKeys, at: keyNode, path: [key])
            }
        }
    }

    /// The entries of `mapping` with a name key, each name once: a repeated key is reported where
    /// it occurs, in the blueprint reader's words, and skipped (the first one counts).
    mutating func uniqueEntries(_ mapping: Node.Mapping, at modelPath: ModelPath) -> [Node.Mapping.Entry] {
        var first: [String: Node] = [:]
        var entries: [Node.Mapping.Entry] = []
        for entry in mapping.entries {
            guard let name = entry.key.string else {
                document.error(
                    LocalizedText("diagnostic.keyNotName", ["found": document.described(entry.key)]),
                    at: document.location(entry.key), path: modelPath)
                continue
            }
            if let earlier = first[name] {
                document.error(
                    DocumentReader.duplicateKeyText(name, first: document.textPosition(earlier)),
                    at: document.location(entry.key), path: modelPath.appending(name))
                continue
            }
            first[name] = entry.key
            entries.append(entry)
        }
        return entries
    }

    mutating func readRules(_ node: Node) {
        guard case .mapping(let mapping) = node else {
            if case .scalar(let scalar) = node, DocumentReader.kind(of: scalar) == .null { return }
            error("rulesNotMapping", [:], at: node, path: ["rules"])
            return
        }
        for (keyNode, value) in uniqueEntries(mapping, at: ["rules"]) {
            let ruleID = keyNode.string ?? ""
            let modelPath: ModelPath = ["rules", ruleID]
            guard let rule = rulesByID[ruleID] else {
                error(
                    "unknownRule", ["word": .quoted(ruleID), "suggestion": Suggestion.didYouMeanArgument(ruleID, in: rulesByID.keys.sorted())],
                    at: keyNode, path: modelPath)
                continue
            }
            if let text = value.string {
                readShorthand(text, for: rule, at: value, path: modelPath)
            } else if case .mapping(let settings) = value {
                readSettings(settings, for: rule, path: modelPath)
            } else {
                error("settings", ["rule": .quoted(ruleID)], at: value, path: modelPath)
            }
        }
    }

    /// `extends: sketch`.
    mutating func readPreset(_ node: Node) {
        let names = RulePreset.allCases.map(\.rawValue)
        guard let text = node.string, let preset = RulePreset(rawValue: text.lowercased()) else {
            let text = node.string ?? ""
            unknown("unknownPreset", text, in: names, at: node, path: ["extends"])
            return
        }
        configuration.preset = preset
    }

    /// `groupAbove: 5`, or `off` to never group.
    mutating func readGroupAbove(_ node: Node) {
        let text = node.string ?? ""
        if Self.bool(text) == false {
            configuration.groupAbove = nil
            return
        }
        guard let value = Int(text), (1...1_000_000).contains(value) else {
            error("groupAbove", ["found": .quoted(text)], at: node, path: ["groupAbove"])
            return
        }
        configuration.groupAbove = value
    }

    /// `rule: off`, `rule: on`, `rule: warning`.
    mutating func readShorthand(_ text: String, for rule: any BlueprintRule, at node: Node, path modelPath: ModelPath) {
        if let enabled = Self.bool(text) {
            configuration.rules[rule.id, default: .init()].enabled = enabled
        } else if let severity = Severity(rawValue: text.lowercased()) {
            configuration.rules[rule.id, default: .init()].severity = severity
        } else {
            let choices = ["on", "off"] + Severity.allCases.map(\.rawValue)
            unknown("invalidSetting", text, in: choices, at: node, path: modelPath, ["rule": .quoted(rule.id)])
        }
    }

    mutating func readSettings(_ mapping: Node.Mapping, for rule: any BlueprintRule, path modelPath: ModelPath) {
        let thresholdsByKey = Dictionary(rule.thresholds.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (keyNode, value) in uniqueEntries(mapping, at: modelPath) {
            let key = keyNode.string ?? ""
            let keyPath = modelPath.appending(key)
            switch key {
            case "enabled":
                guard let text = value.string, let enabled = Self.bool(text) else {
                    error("enabled", [:], at: value, path: keyPath)
                    continue
                }
                configuration.rules[rule.id, default: .init()].enabled = enabled
            case "severity":
                guard let text = value.string, let severity = Severity(rawValue: text.lowercased()) else {
                    let text = value.string ?? ""
                    unknown("invalidSeverity", text, in: Severity.allCases.map(\.rawValue),
                        at: value, path: keyPath)
                    continue
                }
                configuration.rules[rule.id, default: .init()].severity = severity
            default:
                guard let threshold = thresholdsByKey[key] else {
                    let known = Self.ruleKeys + rule.thresholds.map(\.key)
                    unknown("unknownRuleKey", key, in: known, at: keyNode, path: keyPath, ["rule": .quoted(rule.id)])
                    continue
                }
                if let parsed = Self.value(value, like: threshold.defaultValue, fraction: threshold.isFraction) {
                    if let range = threshold.range, let magnitude = parsed.magnitude, !range.contains(magnitude) {
                        error("thresholdRange", [
                            "key": .quoted(key), "rule": .quoted(rule.id), "low": Self.bound(range.lowerBound, like: threshold.defaultValue),
                            "high": Self.bound(range.upperBound, like: threshold.defaultValue), "found": .verbatim(value.string ?? "\(parsed)"),
                        ], at: value, path: keyPath)
                        continue
                    }
                    configuration.rules[rule.id, default: .init()].thresholds[key] = parsed
                } else {
                    error("thresholdType.\(threshold.defaultValue.kindKey)", [
                        "key": .quoted(key), "rule": .quoted(rule.id), "example": .verbatim(threshold.defaultValue.description),
                    ], at: value, path: keyPath)
                }
            }
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "on", "yes": true
        case "false", "off", "no": false
        default: nil
        }
    }

    /// An end of a threshold's range as written in the file (`0.85`, `366d`): the user types it there.
    static func bound(_ value: Double, like example: ThresholdValue) -> TextArgument {
        if case .duration = example { return .verbatim(BlueprintDuration(seconds: value).description) }
        return .verbatim(DurationText.number(value))
    }

    /// Reads `node` as a value of the same type as `example`; a fraction may be written as `85%`.
    static func value(_ node: Node, like example: ThresholdValue, fraction: Bool = false) -> ThresholdValue? {
        switch example {
        case .names:
            if case .sequence(let sequence) = node {
                let names = sequence.compactMap(\.string)
                return names.count == sequence.count ? .names(names) : nil
            }
            return node.string.map { .names([$0]) }
        default:
            guard let text = node.string else { return nil }
            switch example {
            case .duration: return (try? BlueprintDuration(parsing: text)).map { .duration($0) }
            case .number:
                if fraction, let share = DocumentReader.percentage(text) { return .number(share) }
                return Double(text).flatMap { $0.isFinite ? .number($0) : nil }
            case .integer: return Int(text).map { .integer($0) }
            case .flag: return bool(text).map { .flag($0) }
            case .names: return nil
            }
        }
    }
}

extension ThresholdValue {
    /// The kind of value, as the catalog names it (`diagnostic.config.thresholdType.<kind>`).
    var kindKey: String {
        switch self {
        case .duration: "duration"
        case .number: "number"
        case .integer: "integer"
        case .flag: "flag"
        case .names: "names"
        }
    }

    /// The value on the scale of ``RuleThreshold/range``: seconds for durations; `nil` for flags and names.
    var magnitude: Double? {
        switch self {
        case .duration(let value): value.seconds
        case .number(let value): value
        case .integer(let value): Double(value)
        case .flag, .names: nil
        }
    }
}
