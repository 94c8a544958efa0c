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
    /// - Throws: ``BlueprintError`` with every error and warning, sorted by location. A file that
    ///   cannot be read, or is not UTF-8, is reported as a diagnostic too (at `path:1:1`, or where
    ///   the bad bytes are).
    public static func read(from path: String) throws(BlueprintError) -> BlueprintDocument {
        let data: Data
        do {
            data = try readFile(path)
        } catch {
            throw error
        }
        let text: String
        switch UTF8Text.decode([UInt8](data)) {
        case .success(let decoded): text = decoded
        case .failure(let position):
            throw BlueprintError(diagnostics: [
                Diagnostic(
                    .error, "the file is not valid UTF-8 text (bad byte at offset \(position.offset))",
                    location: SourceLocation(path: path, line: position.line, column: position.column))
            ])
        }
        let format = DocumentFormat(path: path) ?? DocumentFormat.guess(from: text)
        return try parse(text, path: path, format: format)
    }

    /// Parses and validates `text`, reporting problems against `path`.
    ///
    /// Parsing runs on a helper thread with a large stack (YAML nesting makes the parser recurse)
    /// while the calling thread waits.
    ///
    /// - Throws: ``BlueprintError`` with every error and warning, sorted by location, when any is an error.
    public static func parse(_ text: String, path: String, format: DocumentFormat) throws(BlueprintError) -> BlueprintDocument {
        // Yams builds and frees its node tree recursively: keep that on a large stack.
        let reader = LargeStack.run {
            var reader = DocumentReader(path: path, format: format)
            reader.blueprint = reader.read(text)
            return reader
        }
        let blueprint = reader.blueprint
        let sourceMap = SourceMap(path: path, locations: reader.locations)

        let validator = BlueprintValidator(
            blueprint: blueprint,
            describe: { modelPath in
                guard let location = sourceMap.location(of: modelPath) else { return modelPath.description }
                return "line \(location.line)"
            },
            unreadable: reader.unreadable)
        var diagnostics = SyntaxHints.explain(reader.diagnostics, in: text)
        diagnostics += sourceMap.locate(validator.run())
        diagnostics = sortedByLocation(diagnostics)

        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BlueprintError(diagnostics: diagnostics)
        }
        return BlueprintDocument(blueprint: blueprint, sourceMap: sourceMap, format: format, path: path, diagnostics: diagnostics)
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

    private static func readFile(_ path: String) throws(BlueprintError) -> Data {
        func failure(_ message: String) -> BlueprintError {
            BlueprintError(diagnostics: [
                Diagnostic(.error, message, location: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("cannot read the file: no such file")
        }
        guard !isDirectory.boolValue else { throw failure("cannot read the file: it is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw failure("cannot read the file: \(error.localizedDescription)")
        }
    }
}
