import Foundation

/// A blueprint read from a YAML or JSON file, with the map from model paths back to file locations.
///
/// Reading checks everything at once: syntax, keys, types, durations, enum values, and then the
/// semantic checks of ``Blueprint/validate()``. Every problem becomes a located ``Diagnostic``
/// (`path:line:column: error: message`); when any of them is an error, reading throws a
/// ``BlueprintError`` that carries all of them, sorted by location. Warnings of a successful read
/// are kept in ``diagnostics``.
///
/// ```swift
/// do {
///     let document = try BlueprintDocument.read(from: "blueprints/repair.yaml")
///     document.diagnostics.forEach { print($0) }       // warnings
/// } catch {
///     error.diagnostics.forEach { print($0) }          // errors and warnings
/// }
/// ```
///
/// Lines and columns are 1-based; columns count Unicode scalars.
public struct BlueprintDocument: Sendable {
    /// The blueprint the document describes.
    public var blueprint: Blueprint
    /// Where each part of ``blueprint`` was read from.
    public var sourceMap: SourceMap
    /// The format the document was written in.
    public var format: DocumentFormat
    /// The file path as the caller gave it (used in diagnostics).
    public var path: String
    /// The warnings found while reading and validating (a document with errors is not returned).
    public var diagnostics: [Diagnostic]

    /// Creates a document from its parts.
    public init(blueprint: Blueprint, sourceMap: SourceMap, format: DocumentFormat, path: String, diagnostics: [Diagnostic] = []) {
        self.blueprint = blueprint
        self.sourceMap = sourceMap
        self.format = format
        self.path = path
        self.diagnostics = diagnostics
    }
}

extension BlueprintDocument {
    /// Reads, parses and validates the file at `path`. The format comes from the extension
    /// (`.yaml`, `.yml`, `.json`); other extensions are read as JSON when the text starts with `{`,
    /// else as YAML.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - limits: Bounds on file size, alias expansion and nesting (``ReadingLimits``);
    ///     a file over ``ReadingLimits/maximumFileSize`` is refused before it is read.
    /// - Throws: ``BlueprintError`` with every error and warning, sorted by location. A file that
    ///   cannot be read, is too large, or is not UTF-8, is reported as a diagnostic too (at
    ///   `path:1:1`, or where the bad bytes are).
    public static func read(from path: String, limits: ReadingLimits = .default) throws(BlueprintError) -> BlueprintDocument {
        try readUnvalidated(FileBytes.read(path, limit: limits.maximumFileSize), path: path, limits: limits).validated()
    }

    /// Parses and validates `text`, reporting problems against `path`.
    ///
    /// - Parameters:
    ///   - text: The document's text.
    ///   - path: The path diagnostics name.
    ///   - format: YAML or JSON.
    ///   - limits: Bounds on size, alias expansion and nesting (``ReadingLimits``).
    /// - Throws: ``BlueprintError`` with every error and warning, sorted by location, when any is an error.
    public static func parse(
        _ text: String, path: String, format: DocumentFormat, limits: ReadingLimits = .default
    ) throws(BlueprintError) -> BlueprintDocument {
        let bytes = Array(text.utf8)
        if bytes.count > limits.maximumFileSize {
            throw FileBytes.tooLarge(path: path, size: bytes.count, limit: limits.maximumFileSize)
        }
        return try parse(SourceText(bytes: bytes, format: format), path: path, limits: limits)
    }

    /// Parses and validates valid UTF-8 `source`.
    static func parse(_ source: SourceText, path: String, limits: ReadingLimits) throws(BlueprintError) -> BlueprintDocument {
        try readUnvalidated(source, path: path, limits: limits).validated()
    }

    /// Reads the file at `path` like ``read(from:limits:)``, and runs `work` on its blueprint and
    /// source map while the blueprint is being validated, on a second thread, so that a command
    /// that analyses what it reads uses two cores on one file.
    ///
    /// `work` may see a blueprint that validation then rejects, so it must not assume a valid one
    /// (``Analyzer`` does not). Its result is returned only with a valid document.
    ///
    /// - Throws: ``BlueprintError`` as ``read(from:limits:)`` does; `work`'s result is then dropped.
    package static func read<Result: Sendable>(
        from path: String, limits: ReadingLimits = .default,
        whileValidating work: @escaping @Sendable (Blueprint, SourceMap) -> Result
    ) throws(BlueprintError) -> (document: BlueprintDocument, result: Result) {
        let read = try readUnvalidated(FileBytes.read(path, limit: limits.maximumFileSize), path: path, limits: limits)
        guard read.readerDiagnostics.isEmpty else {
            // The reader found problems (nearly always errors): validate first, and run `work` only on a valid document.
            let document = try read.validated()
            return (document, work(document.blueprint, document.sourceMap))
        }
        let blueprint = read.blueprint, sourceMap = read.sourceMap
        let result = SecondThread.start { work(blueprint, sourceMap) }
        let validated = Swift.Result { () throws(BlueprintError) in try read.validated() }
        let output = result.wait()
        return try (validated.get(), output)
    }

    /// The source of `bytes`, or the error that they are not UTF-8, located at the first bad byte.
    static func validUTF8Source(_ bytes: [UInt8], path: String) throws(BlueprintError) -> SourceText {
        let format = DocumentFormat(path: path) ?? DocumentFormat.guess(from: bytes)
        let source = SourceText(bytes: bytes, format: format)
        if let bad = UTF8Text.firstInvalidByte(in: bytes) {
            let position = source.position(of: bad)
            throw BlueprintError(diagnostics: [
                Diagnostic(
                    .error, LocalizedText("reading.notUTF8", ["offset": .integer(bad)]),
                    location: SourceLocation(path: path, line: position.line, column: position.column))
            ])
        }
        return source
    }

    /// A document read but not yet validated. It keeps what validation needs, not the file's
    /// bytes, which are freed before validation and analysis allocate theirs.
    struct UnvalidatedRead {
        let blueprint: Blueprint
        /// The reader's diagnostics, with syntax errors already explained.
        let readerDiagnostics: [Diagnostic]
        let unreadable: UnreadableParts
        let sourceMap: SourceMap
        let format: DocumentFormat
        let path: String

        /// Validates the blueprint and returns the document, or throws every error and warning.
        func validated() throws(BlueprintError) -> BlueprintDocument {
            let sourceMap = sourceMap
            let validator = BlueprintValidator(
                blueprint: blueprint,
                describe: { modelPath in
                    guard let location = sourceMap.location(of: modelPath) else { return .verbatim(modelPath.description) }
                    return .phrase(LocalizedText("diagnostic.line", ["line": .integer(location.line)]))
                },
                unreadable: unreadable)
            var diagnostics = readerDiagnostics
            diagnostics += sourceMap.locate(validator.run())
            diagnostics = BlueprintDocument.sortedByLocation(diagnostics)

            if diagnostics.contains(where: { $0.severity == .error }) {
                throw BlueprintError(diagnostics: diagnostics)
            }
            return BlueprintDocument(blueprint: blueprint, sourceMap: sourceMap, format: format, path: path, diagnostics: diagnostics)
        }
    }

    /// Parses the file's `bytes` into a blueprint and source map, without the semantic checks.
    static func readUnvalidated(_ bytes: [UInt8], path: String, limits: ReadingLimits) throws(BlueprintError) -> UnvalidatedRead {
        try readUnvalidated(validUTF8Source(bytes, path: path), path: path, limits: limits)
    }

    /// Parses `source` into a blueprint and source map, without the semantic checks.
    static func readUnvalidated(_ source: SourceText, path: String, limits: ReadingLimits) -> UnvalidatedRead {
        // The parsers are iterative, but freeing a deeply nested tree recurses: keep that on a large stack.
        let reader = LargeStack.run {
            var reader = DocumentReader(path: path, source: source)
            reader.blueprint = reader.read(limits: limits)
            return reader
        }
        return UnvalidatedRead(
            blueprint: reader.blueprint, readerDiagnostics: SyntaxHints.explain(reader.diagnostics, in: source),
            unreadable: reader.unreadable, sourceMap: SourceMap(path: path, offsets: reader.offsets, source: source),
            format: source.format, path: path)
    }

    /// Sorts by location; diagnostics without one come first; ties keep their order.
    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let left?, let right?):
                if left != right { return left < right }
                return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
