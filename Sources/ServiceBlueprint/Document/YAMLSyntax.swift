import CYaml

/// A syntax error: the message and the byte offset it is located at.
struct SyntaxFailure: Error {
    /// What is wrong, as a catalog text (`syntax.*`).
    var text: LocalizedText
    var offset: Int

    init(_ text: LocalizedText, offset: Int) {
        self.text = text
        self.offset = offset
    }
}

/// YAML text to ``DocumentNode``s in one pass over libyaml's events.
///
/// No second parse and no intermediate tree: each event becomes an entry of a ``DocumentTape`` at
/// once, keys are kept in file order with duplicates (the reader reports them where they occur),
/// and aliases become entries pointing at their anchor's node, with the text they add counted against
/// ``ReadingLimits/maximumAliasExpansion``. Building is iterative, so deep nesting cannot overflow
/// the stack; libyaml itself refuses more than 1 000 levels.
struct YAMLSyntax {
    let source: SourceText
    let limits: ReadingLimits

    /// A collection being built.
    private struct Frame {
        var isMapping: Bool
        /// Its entry on the tape.
        var node: Int
        var anchor: String?
        /// Children so far (a mapping's keys and values both count).
        var children = 0
        /// Characters of scalar text below this collection, aliases expanded (plus one per node).
        var size = 1
    }

    /// libyaml's positions count characters; nodes store byte offsets. Events come in file order,
    /// so a cursor that walks forward (and back, rarely) converts them in linear time overall.
    private struct CharacterCursor {
        var character = 0
        var byte = 0

        mutating func byteOffset(ofCharacter target: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
            // ASCII, where a character is a byte, eight at a time.
            while character + 8 <= target, byte + 8 <= buffer.count,
                UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: byte, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                byte += 8
                character += 8
            }
            while character < target, byte < buffer.count {
                byte += 1
                while byte < buffer.count, buffer[byte] & 0xC0 == 0x80 { byte += 1 }
                character += 1
            }
            while character > target, byte > 0 {
                byte -= 1
                while byte > 0, buffer[byte] & 0xC0 == 0x80 { byte -= 1 }
                character -= 1
            }
            return byte
        }
    }

    /// The root node (`nil` for an empty stream), or the first syntax error.
    func parse() -> Result<DocumentNode?, SyntaxFailure> {
        source.bytes.withUnsafeBufferPointer { whole in
            let text = UnsafeBufferPointer(rebasing: whole[source.start...])
            // A large file is parsed in parts on several cores when it can be cut cleanly; any doubt
            // (or any error, so that it is reported exactly as before) and it is parsed whole.
            if let tape = parseInParts(text, base: source.start) {
                return .success(tape.tape(source: source.bytes).node(at: 0))
            }
            return parse(text, base: source.start).map { parsed in
                parsed.map { $0.tape.tape(source: source.bytes).node(at: $0.root) }
            }
        }
    }

    /// The tape of `text` (whose first byte is the file's byte `base`) and its root entry, `nil` for an
    /// empty stream. `depth` is how deep in the whole document the part's root is (a part of a list
    /// is one level down), so the nesting limit counts as for the whole file.
    func parse(
        _ text: UnsafeBufferPointer<UInt8>, base: Int, depth: Int = 0
    ) -> Result<(tape: DocumentTapeBuilder, root: Int)?, SyntaxFailure> {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(SyntaxFailure(LocalizedText("syntax.outOfMemory"), offset: base))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        // An empty buffer still needs a valid pointer.
        let empty: [UInt8] = [0]
        let started: Void? = text.baseAddress.map { yaml_parser_set_input_string(parser, $0, text.count) }
        if started == nil {
            empty.withUnsafeBufferPointer { yaml_parser_set_input_string(parser, $0.baseAddress, 0) }
        }

        var cursor = CharacterCursor()
        func offset(_ mark: yaml_mark_t) -> Int { base + cursor.byteOffset(ofCharacter: mark.index, in: text) }
        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int? = nil) -> String? {
            guard let pointer else { return nil }
            let length = count ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }

        var stack: [Frame] = []
        var tape = DocumentTapeBuilder()
        // Anchors by name (a seeded `Dictionary`: the file chooses the names), with their tape entry.
        var anchors: [String: (node: Int, size: Int)] = [:]
        var expanded = 0
        var root: Int?
        var documents = 0

        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                return .failure(failure(parser.pointee, text: text, base: base, cursor: &cursor))
            }
            defer { yaml_event_delete(event) }
            let start = event.pointee.start_mark
            var completed: (node: Int, size: Int, anchor: String?)?

            switch event.pointee.type {
            case YAML_STREAM_END_EVENT:
                return .success(root.map { (tape, $0) })
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(SyntaxFailure(LocalizedText("syntax.oneDocument"), offset: offset(start)))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.pointee.data.scalar
                let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && string(scalar.tag) != "tag:yaml.org,2002:str"
                let node = tape.count
                tape.scalar(
                    offset: offset(start), text: UnsafeBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : scalar.length),
                    isPlain: isPlain)
                completed = (node, scalar.length + 1, string(scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.pointee.type == YAML_MAPPING_START_EVENT
                if stack.count + depth >= limits.maximumDepth {
                    return .failure(SyntaxFailure(
                        LocalizedText("syntax.tooDeep", ["levels": .integer(limits.maximumDepth)]), offset: offset(start)))
                }
                let anchor = isMapping
                    ? string(event.pointee.data.mapping_start.anchor) : string(event.pointee.data.sequence_start.anchor)
                stack.append(Frame(isMapping: isMapping, node: tape.open(mapping: isMapping, offset: offset(start)), anchor: anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                tape.close(frame.node, count: frame.isMapping ? frame.children / 2 : frame.children)
                completed = (frame.node, frame.size, frame.anchor)
            case YAML_ALIAS_EVENT:
                let name = string(event.pointee.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    return .failure(SyntaxFailure(LocalizedText("syntax.yaml.undefinedAlias"), offset: offset(start)))
                }
                expanded = min(expanded + target.size, Int.max / 4)
                if expanded > limits.maximumAliasExpansion {
                    return .failure(SyntaxFailure(
                        LocalizedText("syntax.aliasExpansion", ["size": ReadingLimits.size(limits.maximumAliasExpansion)]),
                        offset: offset(start)))
                }
                let node = tape.count
                tape.alias(of: target.node, offset: offset(start))
                completed = (node, target.size, nil)
            default:
                break
            }

            guard let (node, size, anchor) = completed else { continue }
            if let anchor { anchors[anchor] = (node, size) }
            guard var parent = stack.popLast() else {
                root = node
                continue
            }
            parent.size = min(parent.size + size, Int.max / 4)
            parent.children += 1
            stack.append(parent)
        }
    }

    /// libyaml's error as a located failure, worded as before (Yams' wording) in English.
    private func failure(
        _ parser: yaml_parser_t, text: UnsafeBufferPointer<UInt8>, base: Int, cursor: inout CharacterCursor
    ) -> SyntaxFailure {
        let raw = parser.problem.map { String(cString: $0) }
        let problem = raw.map(Self.phrase) ?? .phrase(LocalizedText("syntax.unknownError"))
        func offset(_ mark: yaml_mark_t) -> Int { base + cursor.byteOffset(ofCharacter: mark.index, in: text) }
        switch parser.error {
        case YAML_READER_ERROR:
            let value = parser.problem_value
            let at = base + min(parser.problem_offset, text.count)
            guard value >= 0 else { return SyntaxFailure(LocalizedText("syntax.invalidCharacter.unknown", ["problem": problem]), offset: at) }
            return SyntaxFailure(LocalizedText("syntax.invalidCharacter", ["code": .verbatim(Self.hex(value)), "problem": problem]), offset: at)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let at = offset(parser.problem_mark)
            if raw?.contains("nesting level") == true {
                return SyntaxFailure(LocalizedText("syntax.tooDeep", ["levels": .integer(1000)]), offset: at)
            }
            guard let context = parser.context.map({ String(cString: $0) }), !context.isEmpty else {
                return SyntaxFailure(LocalizedText("syntax.yaml", ["problem": problem]), offset: at)
            }
            let position = source.position(of: offset(parser.context_mark))
            return SyntaxFailure(
                LocalizedText("syntax.yaml.context", [
                    "problem": problem, "context": Self.phrase(context),
                    "line": .integer(position.line), "column": .integer(position.column),
                ]),
                offset: at)
        case YAML_MEMORY_ERROR:
            return SyntaxFailure(LocalizedText("syntax.outOfMemory"), offset: base)
        default:
            return SyntaxFailure(LocalizedText("syntax.yaml.other", ["problem": problem]), offset: offset(parser.problem_mark))
        }
    }

    /// One of libyaml's fixed problem or context phrases from the catalog (`syntax.libyaml.<English>`),
    /// or the phrase as libyaml wrote it when the catalogs lack it (a newer libyaml).
    static func phrase(_ english: String) -> TextArgument {
        let key = "syntax.libyaml.\(english)"
        return Catalog.shared.template(key, in: .english) != nil ? .phrase(LocalizedText(key)) : .verbatim(english)
    }

    /// At least four upper-case hex digits, as in `U+0007`.
    static func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
