/// Writing blueprints as documents.
///
/// Output is canonical and deterministic: keys in the model's declaration order, optional values
/// and empty lists left out, durations in their human form (`5min`), a fixed process time as one
/// duration and a three-point estimate as `{min, likely, max}`. Reading the text back with
/// ``BlueprintDocument/parse(_:path:format:)`` gives a blueprint equal (`==`) to the one written.
extension Blueprint {
    /// The blueprint as block-style YAML.
    public func yamlText() -> String { YAMLWriter.text(for: documentValue) }

    /// The blueprint as pretty-printed JSON (two-space indentation).
    public func jsonText() -> String { JSONWriter.text(for: documentValue) }

    /// The blueprint as text in `format`.
    public func text(in format: DocumentFormat) -> String {
        switch format {
        case .yaml: yamlText()
        case .json: jsonText()
        }
    }

    /// Writes the blueprint to `path` atomically (a temporary file in the same folder, synced and renamed over it).
    ///
    /// - Parameters:
    ///   - path: The file to write; its folder must exist.
    ///   - format: The format to write; `nil` picks it from the extension, YAML when the
    ///     extension names neither.
    /// - Throws: ``AtomicFileError`` when the file cannot be written; the old file is then unchanged.
    public func write(to path: String, format: DocumentFormat? = nil) throws {
        let chosen = format ?? DocumentFormat(path: path) ?? .yaml
        try AtomicFile.write(text(in: chosen), to: path)
    }
}
