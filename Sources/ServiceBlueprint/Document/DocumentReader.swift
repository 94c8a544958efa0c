/// Turns a parsed YAML/JSON node tree into a ``Blueprint`` by hand (no `Codable`), so that every
/// problem is found in one pass and located: unknown keys, missing keys, wrong types, bad
/// durations, numbers and enum values. Values it cannot read are replaced by placeholders (so list
/// positions stay aligned with the file) and remembered in ``unreadable``, so the validator does
/// not pile follow-up errors onto them.
struct DocumentReader: Sendable {
    /// The file path used in diagnostics.
    let path: String
    /// The format being read (only changes wording).
    let format: DocumentFormat
    /// How long lists are split across cores (see `DocumentReader+Parallel.swift`).
    var chunking = ReadingChunks.automatic
    /// The text being read: turns node offsets into lines and columns.
    private(set) var source: SourceText
    /// Every problem found, in the order found.
    var diagnostics: [Diagnostic] = []
    /// Where each model path was read from (values, list items, and the root), as byte offsets.
    var offsets = PathOffsets()
    /// What could not be read.
    var unreadable = UnreadableParts()
    /// The blueprint read, once ``read(limits:)`` has run.
    var blueprint = Blueprint(id: "")
    /// Durations already parsed, by their text (only valid ones: a bad one is reported each time).
    private var parsedDurations: [String: BlueprintDuration] = [:]

    init(path: String, source: SourceText) {
        self.path = path
        self.format = source.format
        self.source = source
    }

    /// A reader of `format` text, given later to ``read(_:)``.
    init(path: String, format: DocumentFormat) {
        self.init(path: path, source: SourceText(bytes: [], format: format))
    }

    /// Parses and reads `text` (with the default limits).
    mutating func read(_ text: String) -> Blueprint {
        source = SourceText(bytes: Array(text.utf8), format: format)
        return read()
    }

    /// Parses and reads the source. Always returns a blueprint; check ``diagnostics`` for errors.
    mutating func read(limits: ReadingLimits = .default) -> Blueprint {
        let syntax = DocumentSyntax(source: source, path: path, limits: limits)
        if let error = syntax.error {
            diagnostics.append(error)
            unreadable.paths.insert(ModelPath())
            return Blueprint(id: "")
        }
        guard let root = syntax.root else {
            error(LocalizedText("diagnostic.emptyDocument"), at: SourceLocation(path: path, line: 1, column: 1))
            unreadable.paths.insert(ModelPath())
            return Blueprint(id: "")
        }
        return readBlueprint(root)
    }

    // MARK: Diagnostics and locations

    /// The line and column of a node.
    func textPosition(_ node: Node) -> TextPosition { source.position(of: Int(node.offset)) }

    func location(_ node: Node) -> SourceLocation {
        let position = textPosition(node)
        return SourceLocation(path: path, line: position.line, column: position.column)
    }

    mutating func error(_ message: String, at location: SourceLocation, path modelPath: ModelPath? = nil) {
        diagnostics.append(Diagnostic(.error, message, path: modelPath, location: location))
    }

    /// Reports an error whose message is a catalog text (shown in any ``Language``).
    mutating func error(_ text: LocalizedText, at location: SourceLocation, path modelPath: ModelPath? = nil) {
        diagnostics.append(Diagnostic(.error, text, path: modelPath, location: location))
    }

    /// Reports an error on the value at `modelPath` and marks the value unreadable.
    mutating func invalid(_ message: String, _ node: Node, _ modelPath: ModelPath) {
        error(message, at: location(node), path: modelPath)
        unreadable.paths.insert(modelPath)
    }

    /// ``invalid(_:_:_:)`` with the catalog text `diagnostic.<key>`; `found` is what the node is.
    mutating func invalid(_ key: String, _ arguments: [String: TextArgument], _ node: Node, _ modelPath: ModelPath) {
        var arguments = arguments
        if arguments["found"] == nil { arguments["found"] = described(node) }
        error(LocalizedText("diagnostic.\(key)", arguments), at: location(node), path: modelPath)
        unreadable.paths.insert(modelPath)
    }

    mutating func record(_ node: Node, at modelPath: ModelPath) {
        offsets.record(node.offset, at: modelPath)
    }

    // MARK: Mappings

    /// The entries of a mapping that are known keys, after reporting unknown, duplicate and missing ones.
    struct Fields {
        /// The document the mapping is in.
        let tape: DocumentTape
        /// The mapping's index in ``tape``.
        let index: Int
        /// Where the mapping is in the model.
        var path: ModelPath
        /// The keys the mapping may have.
        var schema: KeySchema
        /// For each position in ``schema``, the tape index of that key's entry (its value is the
        /// entry after it), or ``absent``: each known key once, found without a search.
        var keyIndexes: [UInt32]

        static let absent = UInt32.max

        /// The mapping node itself.
        var node: Node { .mapping(Node.Mapping(tape: tape, index: index)) }

        subscript(key: some FieldKey) -> Node? {
            guard let position = key.position(in: schema) else { return nil }
            return value(at: position)
        }

        /// The value of the key at `position` in ``schema``.
        func value(at position: Int) -> Node? {
            let keyIndex = keyIndexes[position]
            guard keyIndex != Self.absent else { return nil }
            return tape.node(at: tape.end(of: Int(keyIndex)))
        }
    }

    /// Reads a mapping of `what` (e.g. "step") that may contain `keys`.
    ///
    /// Returns `nil`, after reporting it, when the node is not a mapping.
    mutating func fields(_ node: Node, at modelPath: ModelPath, what: String, keys: KeySchema) -> Fields? {
        fields(node, at: modelPath, what: what, keys: keys, required: [String]())
    }

    /// Reads a mapping of `what` (e.g. "step") that may contain `keys`, of which `required` must be present.
    ///
    /// Returns `nil`, after reporting it, when the node is not a mapping.
    mutating func fields<Key: FieldKey>(
        _ node: Node, at modelPath: ModelPath, what: String, keys: KeySchema, required: [Key]
    ) -> Fields? {
        guard case .mapping(let mapping) = node else {
            invalid("mapping", ["what": Self.noun(what, indefinite: true)], node, modelPath)
            return nil
        }
        let tape = mapping.tape
        var fields = Fields(
            tape: tape, index: mapping.index, path: modelPath, schema: keys,
            keyIndexes: [UInt32](repeating: Fields.absent, count: keys.names.count))
        // Duplicates of a known key are found by position. Unknown keys (rare): a short mapping is
        // searched in place (no hashing); a long one, which only hostile or broken input has,
        // through a dictionary, so it stays linear.
        var firstUnknownKeys: [String: Node]? = mapping.count > 16 ? [:] : nil
        // Each value's path is recorded under the mapping's trie node, without building it.
        let mappingNode = offsets.node(for: modelPath)
        // The entries are walked on the tape by index (as `Mapping`'s iterator does), so a known
        // key makes no node; nodes are made only for what is reported.
        let end = tape.end(of: mapping.index)
        var next = mapping.index + 1
        var entry = 0
        while next < end {
            let keyIndex = next
            let valueIndex = tape.end(of: keyIndex)
            guard valueIndex < end else { break }
            next = tape.end(of: valueIndex)
            defer { entry += 1 }
            let key = tape.resolved(keyIndex)
            guard tape.isScalar(key) else {
                let keyNode = tape.node(at: keyIndex)
                error(LocalizedText("diagnostic.keyNotName", ["found": described(keyNode)]), at: location(keyNode))
                continue
            }
            // A known key is matched on its bytes, without making a string of it.
            guard let position = tape.withBytes(at: key, { keys.position(of: $0) }) else {
                let keyNode = tape.node(at: keyIndex)
                let name = tape.string(at: key)
                let firstKey = firstUnknownKeys != nil ? firstUnknownKeys?[name] : Self.firstKey(name, in: mapping, before: entry)
                if let firstKey {
                    duplicate(name, keyNode, first: firstKey.offset, in: modelPath)
                    continue
                }
                firstUnknownKeys?[name] = keyNode
                error(
                    LocalizedText("diagnostic.unknownKey", [
                        "key": .quoted(name), "what": Self.noun(what), "suggestion": Suggestion.didYouMeanArgument(name, in: keys.names),
                    ]),
                    at: location(keyNode), path: modelPath)
                continue
            }
            let first = fields.keyIndexes[position]
            guard first == Fields.absent else {
                duplicate(
                    keys.names[position], tape.node(at: keyIndex), first: tape.offset(of: tape.resolved(Int(first))),
                    in: modelPath)
                continue
            }
            fields.keyIndexes[position] = UInt32(keyIndex)
            guard let mappingNode else { continue }
            let code = keys.codes[position]
            let valueOffset = tape.offset(of: tape.resolved(valueIndex))
            if code != PathOffsets.none {
                offsets.record(valueOffset, in: mappingNode, code: code)
            } else {
                offsets.record(valueOffset, in: mappingNode, key: keys.names[position])
            }
        }
        for key in required where fields[key] == nil {
            error(
                LocalizedText("diagnostic.missingKey", ["key": .quoted(key.keyName), "what": Self.noun(what)]),
                at: location(node), path: modelPath.appending(key.keyName))
            unreadable.paths.insert(modelPath.appending(key.keyName))
        }
        return fields
    }

    /// Reports the key `name` at `keyNode`, which repeats the one at byte `first` of the mapping at `modelPath`.
    private mutating func duplicate(_ name: String, _ keyNode: Node, first: UInt32, in modelPath: ModelPath) {
        error(
            Self.duplicateKeyText(name, first: source.position(of: Int(first))),
            at: location(keyNode), path: modelPath.appending(name))
    }

    /// The message for a key that repeats one at `first` in the same mapping.
    static func duplicateKeyText(_ name: String, first: TextPosition) -> LocalizedText {
        LocalizedText("diagnostic.duplicateKey", ["key": .quoted(name), "line": .integer(first.line), "column": .integer(first.column)])
    }

    /// The name of what a mapping describes ("step", "fail point") in any language (catalog `noun.<what>`),
    /// with its indefinite article in English ("a step", "an actor") when `indefinite`.
    static func noun(_ what: String, indefinite: Bool = false) -> TextArgument {
        // A noun the catalogs lack (a key added since) reads as written, never as its catalog key.
        let noun: TextArgument =
            Catalog.shared.template("noun.\(what)", in: .english) != nil ? .phrase(LocalizedText("noun.\(what)")) : .verbatim(what)
        guard indefinite else { return noun }
        let vowel = what.first.map { "aeiou".contains($0) } ?? false
        return .phrase(LocalizedText(vowel ? "noun.indefinite.an" : "noun.indefinite.a", ["noun": noun]))
    }

    /// The first key node named `name` among the first `count` entries of `mapping` (scalar keys
    /// only, as in ``fields(_:at:what:keys:required:)``).
    private static func firstKey(_ name: String, in mapping: Node.Mapping, before count: Int) -> Node? {
        for (keyNode, _) in mapping.prefix(count) {
            if case .scalar(let scalar) = keyNode, scalar.string == name { return keyNode }
        }
        return nil
    }

    // MARK: Scalars

    /// How a scalar reads under the YAML 1.2 core schema (quoted scalars are always strings).
    enum ScalarKind: Equatable {
        case null, bool(Bool), number, string
    }

    static func kind(of scalar: Node.Scalar) -> ScalarKind {
        scalar.isPlain ? scalar.withBytes(PlainScalar.kind(of:)) : .string
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch Self.kind(of: scalar) {
            case .null: return "nothing (null)"
            case .bool(let value): return "\(value)"
            case .number: return "the number \(scalar.string)"
            case .string: return "'\(Self.shortened(scalar.string))'"
            }
        }
    }

    /// ``describe(_:)`` as a placeholder value, in any language.
    func described(_ node: Node) -> TextArgument {
        switch node {
        case .mapping: return .phrase(LocalizedText("diagnostic.found.mapping"))
        case .sequence: return .phrase(LocalizedText("diagnostic.found.list"))
        case .scalar(let scalar):
            switch Self.kind(of: scalar) {
            case .null: return .phrase(LocalizedText("diagnostic.found.null"))
            case .bool(let value): return .verbatim("\(value)")
            case .number: return .phrase(LocalizedText("diagnostic.found.number", ["number": .verbatim(scalar.string)]))
            case .string: return .quoted(Self.shortened(scalar.string))
            }
        }
    }

    static func shortened(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    /// A string value. Plain scalars that YAML reads as numbers, booleans or null are rejected
    /// (as JSON Schema does), with a hint to quote them.
    mutating func string(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> String? {
        if case .scalar(let scalar) = node {
            switch Self.kind(of: scalar) {
            case .string: return scalar.string
            case .number, .bool:
                invalid("string.quote", ["subject": .verbatim(subject())], node, modelPath())
                return nil
            case .null: break
            }
        }
        invalid("string", ["subject": .verbatim(subject())], node, modelPath())
        return nil
    }

    /// A finite decimal number.
    mutating func number(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Double? {
        guard case .scalar(let scalar) = node, Self.kind(of: scalar) == .number else {
            invalid(hasQuotedNumber(node) ? "number.unquote" : "number", ["subject": .verbatim(subject())], node, modelPath())
            return nil
        }
        guard PlainScalar.isDecimal(scalar.string), let value = Double(scalar.string) else {
            if PlainScalar.isInfinityOrNaN(scalar.string) {
                invalid("number.finite", ["subject": .verbatim(subject()), "found": .verbatim(scalar.string)], node, modelPath())
            } else {
                invalid("number.decimal", ["subject": .verbatim(subject()), "found": .verbatim(scalar.string)], node, modelPath())
            }
            return nil
        }
        guard value.isFinite else {
            invalid("tooLarge", ["subject": .verbatim(subject()), "found": .verbatim(Self.shortened(scalar.string))], node, modelPath())
            return nil
        }
        return value
    }

    /// Whether `node` is a quoted string that would be a number without its quotes ("remove the quotes").
    func hasQuotedNumber(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, !scalar.isPlain, PlainScalar.isDecimal(scalar.string) else { return false }
        return true
    }

    /// A whole number that fits in `Int` (written with or without a zero fraction: `6` or `6.0`).
    mutating func integer(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Int? {
        guard case .scalar(let scalar) = node, Self.kind(of: scalar) == .number else {
            invalid(hasQuotedNumber(node) ? "integer.unquote" : "integer", ["subject": .verbatim(subject())], node, modelPath())
            return nil
        }
        if let value = Int(scalar.string.hasPrefix("+") ? String(scalar.string.dropFirst()) : scalar.string) {
            return value
        }
        guard let value = number(node, at: modelPath(), subject()) else { return nil }
        guard value == value.rounded() else {
            invalid("integer", ["subject": .verbatim(subject()), "found": .verbatim(scalar.string)], node, modelPath())
            return nil
        }
        guard let exact = Int(exactly: value), abs(value) < 9.0e15 else {
            invalid("tooLarge", ["subject": .verbatim(subject()), "found": .verbatim(Self.shortened(scalar.string))], node, modelPath())
            return nil
        }
        return exact
    }

    /// `true` or `false` (also `True`, `TRUE`, `False`, `FALSE`).
    mutating func bool(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> Bool? {
        if case .scalar(let scalar) = node, case .bool(let value) = Self.kind(of: scalar) { return value }
        invalid("bool", ["subject": .verbatim(subject())], node, modelPath())
        return nil
    }

    /// A duration: a human string such as `5min` or `1h30min`, or a number of seconds.
    mutating func duration(_ node: Node, at modelPath: @autoclosure () -> ModelPath, _ subject: @autoclosure () -> String) -> BlueprintDuration? {
        guard case .scalar(let scalar) = node else {
            invalid("duration", ["subject": .verbatim(subject())], node, modelPath())
            return nil
        }
        switch Self.kind(of: scalar) {
        case .string, .number: break
        case .null, .bool:
            invalid("duration", ["subject": .verbatim(subject())], node, modelPath())
            return nil
        }
        // Files repeat a few durations ("5min") thousands of times: each text is parsed once.
        if let known = parsedDurations[scalar.string] { return known }
        let duration: BlueprintDuration
        do {
            duration = try BlueprintDuration(parsing: scalar.string)
        } catch {
            if let text = error.text {
                self.error(text, at: location(node), path: modelPath())
                unreadable.paths.insert(modelPath())
            } else {
                invalid(error.message, node, modelPath())
            }
            return nil
        }
        guard duration.seconds.isFinite else {
            invalid("duration.tooLong", ["found": .quoted(Self.shortened(scalar.string))], node, modelPath())
            return nil
        }
        if parsedDurations.count < 4_096 { parsedDurations[scalar.string] = duration }
        return duration
    }

    /// One of a fixed set of names, e.g. a lane: "unknown lane 'backstge'; did you mean 'backstage'?".
    mutating func choice<Value>(
        _ node: Node, at modelPath: @autoclosure () -> ModelPath, _ noun: String, names: @autoclosure () -> [String], parse: (String) -> Value?
    ) -> Value? {
        guard case .scalar(let scalar) = node, Self.kind(of: scalar) != .null else {
            invalid("choice", ["noun": .verbatim(noun), "names": .verbatim(names().joined(separator: ", "))], node, modelPath())
            return nil
        }
        if let value = parse(scalar.string) { return value }
        let arguments: [String: TextArgument] = [
            "noun": .verbatim(noun), "found": .quoted(Self.shortened(scalar.string)),
            "suggestion": Suggestion.didYouMeanArgument(scalar.string, in: names()), "names": .verbatim(names().joined(separator: ", ")),
        ]
        invalid(Suggestion.closest(to: scalar.string, in: names()) == nil ? "choice.unknown" : "choice.suggestion", arguments, node, modelPath())
        return nil
    }

    /// The items of a list, each with its path, recorded in the source map unless `recording` is
    /// `false` (then whoever reads an item records it first, see ``readItems(_:idSpace:placeholder:read:)``).
    mutating func items(
        _ node: Node, at modelPath: ModelPath, _ subject: @autoclosure () -> String, recording: Bool = true
    ) -> [(node: Node, path: ModelPath)]? {
        guard case .sequence(let sequence) = node else {
            invalid("list", ["subject": .verbatim(subject())], node, modelPath)
            return nil
        }
        var result: [(node: Node, path: ModelPath)] = []
        result.reserveCapacity(sequence.count)
        let listNode = recording ? offsets.node(for: modelPath) : nil
        for (index, item) in sequence.enumerated() {
            if let listNode { offsets.record(item.offset, in: listNode, index: index) }
            result.append((item, modelPath.appending(index)))
        }
        return result
    }

    /// A list of strings; unreadable entries become empty strings so positions stay aligned.
    mutating func strings(_ node: Node, at modelPath: ModelPath, _ subject: @autoclosure () -> String) -> [String] {
        guard case .sequence(let sequence) = node else {
            invalid("list", ["subject": .verbatim(subject())], node, modelPath)
            return []
        }
        // Like `items`, without making each entry's path unless the entry is wrong.
        let listNode = offsets.node(for: modelPath)
        var result: [String] = []
        result.reserveCapacity(sequence.count)
        for (index, item) in sequence.enumerated() {
            if let listNode { offsets.record(item.offset, in: listNode, index: index) }
            result.append(string(item, at: modelPath.appending(index), "each entry of \(subject())") ?? "")
        }
        return result
    }
}

/// The YAML 1.2 core schema's reading of plain (unquoted) scalars.
///
/// Decided from the UTF-8 bytes without copying them: most scalars are names and sentences, which
/// the first byte already shows to be strings.
enum PlainScalar {
    static func kind(of text: String) -> DocumentReader.ScalarKind {
        withBytes(of: text, kind(of:))
    }

    /// The kind of the plain scalar whose UTF-8 text is `bytes`.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> DocumentReader.ScalarKind {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            if isDecimal(bytes) { return .number }
            // Rare spellings, read by their text.
            let text = String(decoding: bytes, as: UTF8.self)
            return isInfinityOrNaN(text) || isHexOrOctal(text) ? .number : .string
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return matches(bytes, oneOf: "null", "Null", "NULL") ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matches(bytes, oneOf: "true", "True", "TRUE") ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matches(bytes, oneOf: "false", "False", "FALSE") ? .bool(false) : .string
        default:
            return .string
        }
    }

    /// `body` with the UTF-8 bytes of `text`, in place when the string has them contiguous (always, for native strings).
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, oneOf words: StaticString...) -> Bool {
        words.contains { word in
            word.utf8CodeUnitCount == bytes.count && (0..<bytes.count).allSatisfy { word.utf8Start[$0] == bytes[$0] }
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isDecimal(_ text: String) -> Bool {
        withBytes(of: text) { isDecimal($0) }
    }

    private static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - first
        }
        func sign() {
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        }
        sign()
        var mantissaDigits = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            sign()
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    static func isInfinityOrNaN(_ text: String) -> Bool {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN": true
        default: false
        }
    }

    static func isHexOrOctal(_ text: String) -> Bool {
        if text.hasPrefix("0x"), text.count > 2 { return text.dropFirst(2).allSatisfy(\.isHexDigit) }
        if text.hasPrefix("0o"), text.count > 2 { return text.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        return false
    }
}

/// The parts of a document the reader could not read, so validation can stay quiet about them.
struct UnreadableParts: Sendable {
    /// Model paths whose values were missing or invalid; diagnostics at or below them are dropped.
    var paths: Set<ModelPath> = []
    /// Collections (`"steps"`, `"stages"`, …) where some id could not be read, so references to
    /// unknown ids of that kind may be false alarms.
    var incompleteIDs: Set<String> = []

    /// `true` when `path` or one of its ancestors could not be read.
    func covers(_ path: ModelPath) -> Bool {
        guard !paths.isEmpty else { return false }
        var current = path
        while true {
            if paths.contains(current) { return true }
            if current.isRoot { return false }
            current = current.parent
        }
    }
}
