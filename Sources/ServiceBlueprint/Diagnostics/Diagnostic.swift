/// How serious a diagnostic or finding is.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Informational: worth knowing, nothing is wrong.
    case note
    /// Probably wrong or worth improving.
    case warning
    /// Wrong: the blueprint is invalid or the service cannot work as modelled.
    case error

    /// Orders severities from note to error.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
    /// The raw name, as in `error:`.
    public var description: String { rawValue }
}

/// A place in a source file: path, 1-based line and 1-based column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file path as the user gave it.
    public var path: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// Orders by path, then line, then column.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
    /// `path:line:column`.
    public var description: String { "\(path):\(line):\(column)" }
}

/// A path into the blueprint model, as in a document: `steps[3].lane`.
///
/// Validators and analyzers name what they complain about with a path; a ``SourceMap`` turns the
/// path into a file location when the blueprint came from a file.
public struct ModelPath: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path: a mapping key or a sequence index.
    public enum Component: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A key in a mapping.
        case key(String)
        /// A position in a sequence (0-based).
        case index(Int)
        /// `.key` as text, `[n]` for an index.
        public var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    /// The components from the document root.
    public var components: [Component]

    /// Creates a path from components.
    public init(_ components: [Component] = []) { self.components = components }
    /// Creates a path from a literal such as `["steps", 3, "lane"]` (strings are keys, integers indexes).
    public init(arrayLiteral elements: any Sendable...) {
        components = elements.compactMap { element in
            if let key = element as? String { return .key(key) }
            if let index = element as? Int { return .index(index) }
            return nil
        }
    }

    /// The path with a key appended.
    public func appending(_ key: String) -> ModelPath { ModelPath(components + [.key(key)]) }
    /// The path with an index appended.
    public func appending(_ index: Int) -> ModelPath { ModelPath(components + [.index(index)]) }
    /// The path without its last component (the root stays the root).
    public var parent: ModelPath { ModelPath(Array(components.dropLast())) }
    /// `true` for the document root.
    public var isRoot: Bool { components.isEmpty }

    /// Dotted text, e.g. `steps[3].lane`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(root)" : text
    }
}

/// A problem in a blueprint, found while reading or validating it.
///
/// Printed in compiler style: `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in one sentence (suggestion included, e.g. "did you mean 'backstage'?").
    public var message: String
    /// Where in the model, when known.
    public var path: ModelPath?
    /// Where in the file, when the blueprint came from a file.
    public var location: SourceLocation?
    /// The message as a catalog key with arguments, so it can be shown in any ``Language``; ``message``
    /// is its English text. `nil` for a diagnostic made from a plain string.
    public var text: LocalizedText?

    // `text` stays out of JSON, which keeps its fields; `message` carries the text.
    private enum CodingKeys: String, CodingKey { case severity, message, path, location }

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, path: ModelPath? = nil, location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.location = location
    }

    /// Creates a diagnostic whose message is a catalog text; ``message`` is its English rendering.
    /// - Parameters:
    ///   - severity: How serious it is.
    ///   - text: The message's catalog key and arguments.
    ///   - path: Where in the model, when known.
    ///   - location: Where in the file, when known.
    public init(_ severity: Severity, _ text: LocalizedText, path: ModelPath? = nil, location: SourceLocation? = nil) {
        self.init(severity, text.rendered(in: .english), path: path, location: location)
        self.text = text
    }

    /// Equal when everything but ``text`` is (the text is the message's catalog form).
    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.severity == rhs.severity && lhs.message == rhs.message && lhs.path == rhs.path && lhs.location == rhs.location
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(message)
        hasher.combine(path)
        hasher.combine(location)
    }

    /// The message in `language`; the English ``message`` when the diagnostic has no catalog text.
    /// - Parameter language: The language to write the message in.
    public func message(in language: Language) -> String {
        guard language != .english, let text else { return message }
        return text.rendered(in: language)
    }

    /// `path:line:column: severity: message`, or `severity: message (at steps[3].lane)` without a file.
    public var description: String { description(in: .english) }

    /// ``description`` with the message in `language`. The location, the severity word and the model
    /// path stay as they are, so editors and CI annotations read the line in any language.
    /// - Parameter language: The language to write the message in.
    public func description(in language: Language) -> String {
        let message = message(in: language)
        if let location { return "\(location): \(severity): \(message)" }
        if let path, !path.isRoot { return "\(severity): \(message) (at \(path))" }
        return "\(severity): \(message)"
    }
}

/// Thrown when a blueprint cannot be used: carries every problem found, not just the first.
public struct BlueprintError: Error, Sendable, Hashable, CustomStringConvertible {
    /// All diagnostics, errors first in source order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics.
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { description(in: .english) }

    /// One diagnostic per line, each message in `language`.
    /// - Parameter language: The language to write the messages in.
    public func description(in language: Language) -> String {
        diagnostics.map { $0.description(in: language) }.joined(separator: "\n")
    }
}

/// Maps model paths to the places in a file they were read from.
///
/// A map made by reading a file keeps byte offsets in a compact trie and works out a line and
/// column only for the paths asked about; ``locations`` lists them all on demand.
public struct SourceMap: Sendable, Hashable {
    /// The file path as the user gave it.
    public var path: String
    /// Locations given explicitly (through ``init(path:locations:)`` or by setting ``locations``).
    private var explicit: [ModelPath: SourceLocation]
    /// Locations recorded by the reader, as offsets into the text.
    private var compact: CompactLocations?

    /// The offsets and what turns them into lines and columns, shared by copies of a map.
    final class CompactLocations: Sendable {
        let offsets: PathOffsets
        let source: LinePositions

        init(offsets: PathOffsets, source: SourceText) {
            self.offsets = offsets
            self.source = LinePositions(source)
        }
    }

    /// Creates a map for a file from explicit locations.
    public init(path: String, locations: [ModelPath: SourceLocation] = [:]) {
        self.path = path
        self.explicit = locations
        self.compact = nil
    }

    /// Creates a map from the reader's offsets into `source`.
    init(path: String, offsets: PathOffsets, source: SourceText) {
        self.path = path
        self.explicit = [:]
        self.compact = CompactLocations(offsets: offsets, source: source)
    }

    /// Locations by model path. For a map read from a file this lists every recorded path (built
    /// on each call: prefer ``location(of:)``); setting it replaces them all.
    public var locations: [ModelPath: SourceLocation] {
        get {
            guard let compact else { return explicit }
            var all: [ModelPath: SourceLocation] = [:]
            for (modelPath, offset) in compact.offsets.all() {
                all[modelPath] = location(offset: offset, in: compact.source)
            }
            all.merge(explicit) { _, given in given }
            return all
        }
        set {
            explicit = newValue
            compact = nil
        }
    }

    private func location(offset: UInt32, in source: LinePositions) -> SourceLocation {
        let position = source.position(of: Int(offset))
        return SourceLocation(path: path, line: position.line, column: position.column)
    }

    /// The location of `path`, or of its nearest ancestor that has one.
    public func location(of modelPath: ModelPath) -> SourceLocation? {
        var best: (location: SourceLocation, depth: Int)?
        if !explicit.isEmpty {
            var current = modelPath
            while true {
                if let found = explicit[current] {
                    best = (found, current.components.count)
                    break
                }
                if current.isRoot { break }
                current = current.parent
            }
        }
        if let compact, let found = compact.offsets.offset(of: modelPath), found.depth > best?.depth ?? -1 {
            return location(offset: found.offset, in: compact.source)
        }
        return best?.location
    }

    /// Fills in ``Diagnostic/location`` for diagnostics that have a path but no location.
    public func locate(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var located = diagnostic
            if located.location == nil, let path = diagnostic.path { located.location = location(of: path) }
            return located
        }
    }

    /// Equal when they name the same file and give the same locations.
    public static func == (lhs: SourceMap, rhs: SourceMap) -> Bool {
        guard lhs.path == rhs.path else { return false }
        if lhs.compact === rhs.compact { return lhs.explicit == rhs.explicit }
        return lhs.locations == rhs.locations
    }

    /// Hashes the path (cheap, and consistent with `==` however the locations are stored).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
    }
}

/// Suggestions for misspelt names ("did you mean 'backstage'?").
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        // One-letter names are too short for an edit distance to mean a typo.
        let wordLength = word.count
        guard wordLength >= 2 else { return nil }
        let lowered = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let candidateLength = candidate.count
            let limit = typoLimit(wordLength, candidateLength)
            // The distance is at least the length difference: skipping hopeless candidates keeps the
            // cost bounded for a hostile 64 KiB key (no quadratic table against every name).
            guard abs(wordLength - candidateLength) <= limit else { continue }
            let distance = editDistance(lowered, Array(candidate.lowercased()), limit: limit)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// How many edits still read as a typo: one per three letters of the longer name, 1 to 3.
    private static func typoLimit(_ wordLength: Int, _ candidateLength: Int) -> Int {
        max(1, min(3, max(wordLength, candidateLength) / 3))
    }

    /// `"; did you mean 'x'?"` or the empty string.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// ``didYouMean(_:in:)`` as a placeholder value, in any language (`; did you mean 'x'?`,
    /// `；是不是想写“x”？`); empty when nothing is close.
    package static func didYouMeanArgument(_ word: String, in candidates: some Sequence<String>) -> TextArgument {
        closest(to: word, in: candidates).map { .phrase(LocalizedText("diagnostic.didYouMean", ["name": .quoted($0)])) } ?? .verbatim("")
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
    /// letters (optimal string alignment), so `titel` is one edit from `title`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        return editDistance(a, b, limit: max(a.count, b.count))
    }

    /// The optimal-string-alignment distance of `a` and `b` when it is at most `limit`, else `limit + 1`.
    ///
    /// Only cells within `limit` of the diagonal can stay under the limit, so the table is a band:
    /// O(length × limit) time, iterative, three rows. A row whose every cell is over the limit ends it.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        let over = limit + 1
        guard abs(a.count - b.count) <= limit else { return over }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: over, count: b.count + 1)
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            // Cells just outside the band read as over the limit (the arrays are reused rows).
            current[0] = min(i, over)
            if low > 1 { current[low - 1] = over }
            var rowMinimum = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cell = min(cell, beforePrevious[j - 2] + 1)
                }
                current[j] = min(cell, over)
                rowMinimum = min(rowMinimum, current[j])
            }
            if high < b.count { current[high + 1] = over }
            if rowMinimum > limit { return over }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
