import ServiceBlueprint

extension LogMeasurement {
    /// The YAML `text` that `document` was read from, with the `measured:` fields of `updated`
    /// (``applied(to:log:)`` of the document's blueprint) written in place: every other line
    /// (comments, key order, quoting, blank lines) stays as it was.
    ///
    /// A `measured:` key is replaced where it stands, or added after the last key of its step or
    /// flow; a one-line `{…}` item gets it inside its braces. The result is read back and must give
    /// exactly `updated`; `nil` when it does not, or when the layout is one this cannot patch (the
    /// caller then writes the whole file anew).
    public static func updatedText(_ text: String, document: BlueprintDocument, updated: Blueprint) -> String? {
        if case .patched(let patched) = patch(text, document: document, updated: updated) { return patched }
        return nil
    }

    /// What ``patch(_:document:updated:)`` did: the patched text, or why the file must be written anew.
    public enum TextPatch: Sendable, Hashable {
        /// The text with the `measured:` fields in place.
        case patched(String)
        /// The layout cannot be patched; the reason, to tell the user.
        case rewrite(LocalizedText)
    }

    /// ``updatedText(_:document:updated:)``, saying why when it cannot patch.
    public static func patch(_ text: String, document: BlueprintDocument, updated: Blueprint) -> TextPatch {
        let old = document.blueprint
        guard document.format == .yaml, old.steps.count == updated.steps.count, old.flows.count == updated.flows.count else {
            return .rewrite(LocalizedText("measured.update.notYAML"))
        }
        let canonicalText = updated.yamlText()
        guard let canonical = try? BlueprintDocument.parse(canonicalText, path: "updated.yaml", format: .yaml) else {
            return .rewrite(LocalizedText("measured.update.reread"))
        }
        let patcher = MeasuredPatcher(text: text, canonical: canonicalText)
        var edits: [MeasuredPatcher.Edit] = []
        let changed = zip(old.steps, updated.steps).enumerated().compactMap { index, pair in
            pair.0.measured != pair.1.measured ? (ModelPath([.key("steps"), .index(index)]), pair.0.measured != nil, pair.1.measured != nil, pair.1.id) : nil
        } + zip(old.flows, updated.flows).enumerated().compactMap { index, pair in
            pair.0.measured != pair.1.measured ? (ModelPath([.key("flows"), .index(index)]), pair.0.measured != nil, pair.1.measured != nil, pair.1.id) : nil
        }
        for (path, had, has, id) in changed {
            guard let edit = patcher.edit(at: path, in: document.sourceMap, from: canonical.sourceMap, had: had, has: has) else {
                return .rewrite(LocalizedText("measured.update.layout", ["item": .quoted(id)]))
            }
            edits.append(edit)
        }
        let patched: String
        switch patcher.apply(edits) {
        case .success(let text): patched = text
        case .failure(let clash): return .rewrite(LocalizedText("measured.update.sameLine", ["line": .integer(clash.line)]))
        }
        guard let reread = try? BlueprintDocument.parse(patched, path: document.path, format: .yaml), reread.blueprint == updated else {
            return .rewrite(LocalizedText("measured.update.reread"))
        }
        return .patched(patched)
    }
}

/// Line edits that put `measured:` blocks into a YAML file, taken from the canonical text.
struct MeasuredPatcher {
    /// Replace `lines` (a possibly empty range: an insertion) with `text`.
    struct Edit {
        var lines: Range<Int>
        var text: [String]
    }

    /// The file's lines without their line breaks, and each line's break as written (the last may be empty).
    let lines: [[UInt8]]
    let breaks: [[UInt8]]
    /// A UTF-8 byte-order mark the file starts with, kept.
    let bom: Bool
    let canonical: [[UInt8]]

    init(text: String, canonical: String) {
        var bytes = Array(text.utf8)
        bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        (lines, breaks) = Self.split(bytes)
        self.canonical = Self.split(Array(canonical.utf8)).lines
    }

    /// Lines as YAML (and the reader's source map) counts them: `\n`, `\r\n`, `\r`, NEL, LS and PS.
    static func split(_ bytes: [UInt8]) -> (lines: [[UInt8]], breaks: [[UInt8]]) {
        var lines: [[UInt8]] = [], breaks: [[UInt8]] = []
        var start = 0, index = 0
        func cut(_ length: Int) {
            lines.append(Array(bytes[start..<index]))
            breaks.append(Array(bytes[index..<index + length]))
            index += length
            start = index
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: cut(1)
            case 0x0D: cut(index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1)
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: cut(2)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): cut(3)
            default: index += 1
            }
        }
        lines.append(Array(bytes[start...]))
        breaks.append([])
        return (lines, breaks)
    }

    /// The byte index in `line` of the 1-based `column` counted in Unicode scalars (as the source map counts).
    static func byteIndex(ofColumn column: Int, in line: [UInt8]) -> Int {
        var scalars = 1, index = 0
        while index < line.count, scalars < column {
            index += 1
            while index < line.count, line[index] & 0xC0 == 0x80 { index += 1 }
            scalars += 1
        }
        return index
    }

    static func indentation(_ line: [UInt8]) -> Int { line.prefix { $0 == UInt8(ascii: " ") }.count }

    /// Blank or only a comment: belongs to no key.
    static func isFiller(_ line: [UInt8]) -> Bool {
        let rest = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        return rest.isEmpty || rest.first == UInt8(ascii: "#")
    }

    static func startsKey(_ line: [UInt8], _ key: String, at indent: Int) -> Bool {
        indentation(line) == indent && line.dropFirst(indent).starts(with: Array((key + ":").utf8))
    }

    /// The lines of a key's block that starts at `first` (indentation `indent`): the key line and
    /// the deeper lines after it, without trailing blank or comment lines.
    static func block(in lines: [[UInt8]], from first: Int, indent: Int) -> Range<Int> {
        var end = first + 1, scan = first + 1
        while scan < lines.count {
            if isFiller(lines[scan]) { scan += 1; continue }
            guard indentation(lines[scan]) > indent else { break }
            scan += 1
            end = scan
        }
        return first..<end
    }

    /// The canonical `measured:` block of the item at `path`, without its indentation.
    func canonicalBlock(at path: ModelPath, map: SourceMap) -> [String]? {
        guard let item = map.location(of: path), let value = map.location(of: path.appending("measured")), value != item else { return nil }
        var keyLine = value.line - 1
        if keyLine > 0, !canonical[keyLine].dropFirst(Self.indentation(canonical[keyLine])).starts(with: Array("measured:".utf8)) { keyLine -= 1 }
        let indent = Self.indentation(canonical[keyLine])
        guard Self.startsKey(canonical[keyLine], "measured", at: indent) else { return nil }
        return Self.block(in: canonical, from: keyLine, indent: indent).map { String(decoding: canonical[$0].dropFirst(indent), as: UTF8.self) }
    }

    /// The edit that gives the item at `path` its new `measured:` (or removes it).
    func edit(at path: ModelPath, in map: SourceMap, from canonicalMap: SourceMap, had: Bool, has: Bool) -> Edit? {
        guard let item = map.location(of: path), item.line >= 1, item.line <= lines.count else { return nil }
        let first = item.line - 1, column = Self.byteIndex(ofColumn: item.column, in: lines[first])
        let new = has ? canonicalBlock(at: path, map: canonicalMap) : []
        guard let new else { return nil }
        let line = lines[first]
        if column < line.count, line[column] == UInt8(ascii: "{") {
            // A one-line flow mapping: the entry goes inside its braces, in place of the old one.
            guard let entries = Self.entries(line, from: column) else { return nil }
            let kept = entries.filter { !line[$0].drop { $0 == UInt8(ascii: " ") }.starts(with: Array("measured:".utf8)) }
            guard kept.count == entries.count - (had ? 1 : 0), let open = entries.first?.lowerBound, let close = entries.last?.upperBound else { return nil }
            // The other entries exactly as written, with their spacing.
            var parts = kept.map { String(decoding: line[$0], as: UTF8.self) }
            if has {
                guard let inline = Self.inline(new) else { return nil }
                parts.append(parts.isEmpty ? inline : " " + inline)
            }
            let text = String(decoding: line[..<open], as: UTF8.self) + parts.joined(separator: ",") + String(decoding: line[close...], as: UTF8.self)
            return Edit(lines: first..<first + 1, text: [text])
        }
        // A block mapping: its keys at `column`, up to the first line less indented.
        var end = first + 1, scan = first + 1
        while scan < lines.count {
            if Self.isFiller(lines[scan]) { scan += 1; continue }
            guard Self.indentation(lines[scan]) >= column else { break }
            scan += 1
            end = scan
        }
        let pad = String(repeating: " ", count: column)
        let text = new.map { pad + $0 }
        if had {
            guard let key = (first + 1..<end).first(where: { Self.startsKey(lines[$0], "measured", at: column) }) else { return nil }
            return Edit(lines: Self.block(in: lines, from: key, indent: column), text: text)
        }
        return Edit(lines: end..<end, text: text)
    }

    /// `measured: {…}` on one line from a block of `key: value` lines one level deep.
    static func inline(_ block: [String]) -> String? {
        guard let head = block.first else { return nil }
        if block.count == 1 { return head }
        guard head == "measured:" else { return nil }
        let entries = block.dropFirst()
        let indent = entries.first.map { $0.prefix { $0 == " " }.count } ?? 0
        guard entries.allSatisfy({ $0.prefix { $0 == " " }.count == indent }) else { return nil }
        return "measured: {" + entries.map { $0.dropFirst(indent) }.joined(separator: ", ") + "}"
    }

    /// The byte ranges of the entries of the flow mapping whose `{` is at `open`, between its braces
    /// (the last one ends at the closing `}`); `nil` unless it closes on the same line.
    static func entries(_ line: [UInt8], from open: Int) -> [Range<Int>]? {
        var depth = 0, quote: UInt8?
        var ranges: [Range<Int>] = [], start = open + 1
        var index = open
        while index < line.count {
            let byte = line[index]
            if let q = quote {
                if byte == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") { index += 1 } else if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: ",") && depth == 1 {
                ranges.append(start..<index)
                start = index + 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    guard byte == UInt8(ascii: "}") else { return nil }
                    ranges.append(start..<index)
                    return ranges
                }
            } else if byte == UInt8(ascii: "#"), index > 0, line[index - 1] == UInt8(ascii: " ") {
                return nil  // a comment before the mapping closes
            }
            index += 1
        }
        return nil
    }

    /// Two edits that change one line: the line (1-based).
    struct Clash: Error { var line: Int }

    /// The text with the edits made, in one pass over the lines; the first two edits that touch
    /// one line stop it (the caller writes the file anew).
    func apply(_ edits: [Edit]) -> Result<String, Clash> {
        let sorted = edits.sorted { ($0.lines.lowerBound, $0.lines.upperBound) < ($1.lines.lowerBound, $1.lines.upperBound) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.lines.lowerBound < a.lines.upperBound {
            return .failure(Clash(line: b.lines.lowerBound + 1))
        }
        // New lines end as the file's first line does (CR LF files get CR LF).
        let newline = breaks.first { !$0.isEmpty } ?? [UInt8(ascii: "\n")]
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 } + edits.reduce(0) { $0 + $1.text.reduce(0) { $0 + $1.utf8.count + 2 } })
        var line = 0
        func copy(upTo end: Int) {
            while line < end { out += lines[line]; out += breaks[line]; line += 1 }
        }
        for edit in sorted {
            copy(upTo: edit.lines.lowerBound)
            if edit.lines.isEmpty {
                // An insertion; after a last line without a break, the break goes before it, and none after.
                let unterminated = line > 0 && breaks[line - 1].isEmpty
                if unterminated { out += newline }
                for (n, text) in edit.text.enumerated() {
                    out += Array(text.utf8)
                    if !unterminated || n < edit.text.count - 1 { out += newline }
                }
            } else {
                // A replacement: the last replaced line's break ends it (the file's last may have none).
                for (n, text) in edit.text.enumerated() {
                    out += Array(text.utf8)
                    out += n == edit.text.count - 1 ? breaks[edit.lines.upperBound - 1] : newline
                }
                line = edit.lines.upperBound
            }
        }
        copy(upTo: lines.count)
        return .success(String(decoding: out, as: UTF8.self))
    }
}
