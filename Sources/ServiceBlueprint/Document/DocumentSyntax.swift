/// The syntax layer of reading: text to a ``DocumentNode`` tree with byte offsets, or one located
/// syntax error. YAML goes through libyaml's event stream once (``YAMLSyntax``); JSON has its own
/// byte-level parser (``JSONSyntax``).
struct DocumentSyntax {
    /// The root node; `nil` for an empty document or after a syntax error.
    var root: DocumentNode?
    /// The syntax error, if the text could not be parsed.
    var error: Diagnostic?

    /// Parses `source`, reporting errors against `path`.
    init(source: SourceText, path: String, limits: ReadingLimits) {
        let result = switch source.format {
        case .yaml: YAMLSyntax(source: source, limits: limits).parse()
        case .json: JSONSyntax(source: source, limits: limits).parse()
        }
        switch result {
        case .success(let root):
            self.root = root
        case .failure(let failure):
            let position = source.position(of: failure.offset)
            error = Diagnostic(
                .error, failure.text,
                location: SourceLocation(path: path, line: position.line, column: position.column))
        }
    }
}
