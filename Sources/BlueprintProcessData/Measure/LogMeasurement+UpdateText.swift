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
        let old = document.blueprint
        guard document.format == .yaml, old.steps.count == updated.steps.count, old.flows.count == updated.flows.count,
              let canonical = try? BlueprintDocument.parse(updated.yamlText(), path: "updated.yaml", format: .yaml)
        else { return nil }
        let patcher = MeasuredPatcher(text: text, canonical: updated.yamlText())
        var edits: [MeasuredPatcher.Edit] = []
        for (index, (before, after)) in zip(old.steps, updated.steps).enumerated() where before.measured != after.measured {
            let path = ModelPath([.key("steps"), .index(index)])
            guard let edit = patcher.edit(at: path, in: document.sourceMap, from: canonical.sourceMap,
                                          had: before.measured != nil, has: after.measured != nil) else { return nil }
            edits.append(edit)
        }
        for (index, (before, after)) in zip(old.flows, updated.flows).enumerated() where before.measured != after.measured {
            let path = ModelPath([.key("flows"), .index(index)])
            guard let edit = patcher.edit(at: path, in: document.sourceMap, from: canonical.sourceMap,
                                          had: before.measured != nil, has: after.measured != nil) else { return nil }
            edits.append(edit)
        }
        guard let patched = patcher.apply(edits),
              let reread = try? BlueprintDocument.parse(patched, path: document.path, format: .yaml),
              reread.blueprint == updated
        else { return nil }
        return patched
    }
}

/// Line edits that put `measured:` blocks into a YAML file, taken from the canonical text.
struct MeasuredPatcher {
    /// Replace `lines` (a possibly empty range: an insertion) with `text`.
    struct Edit {
        var lines: Range<Int>
        var text: [String]
    }

    let lines: [[UInt8]]
    let canonical: [[UInt8]]

    init(text: String, canonical: String) {
        lines = Self.split(text)
        self.canonical = Self.split(canonical)
    }

    static func split(_ text: String) -> [[UInt8]] {
        Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
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
        let first = item.line - 1, column = item.column - 1
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

    /// The text with the edits made (from the last to the first, so line numbers stay valid).
    func apply(_ edits: [Edit]) -> String? {
        var out = lines.map { String(decoding: $0, as: UTF8.self) }
        // Keep the file's line ending: CR LF files get CR on the new lines.
        let crlf = out.first?.hasSuffix("\r") == true
        var previous: Range<Int>?
        for edit in edits.sorted(by: { ($0.lines.lowerBound, $0.lines.upperBound) > ($1.lines.lowerBound, $1.lines.upperBound) }) {
            if let previous, edit.lines.upperBound > previous.lowerBound { return nil }
            out.replaceSubrange(edit.lines, with: edit.text.map { crlf && !$0.hasSuffix("\r") ? $0 + "\r" : $0 })
            previous = edit.lines
        }
        return out.joined(separator: "\n")
    }
}
