/// Explains YAML syntax errors that people writing blueprints by hand make most often.
enum SyntaxHints {
    /// `diagnostics` with a hint added to each syntax error on a line such as
    /// `title: Greet: the customer`, whose unquoted second colon YAML cannot read.
    static func explain(_ diagnostics: [Diagnostic], in source: SourceText) -> [Diagnostic] {
        guard diagnostics.contains(where: isSyntaxError) else { return diagnostics }
        // Decoded only when there is a syntax error to explain: the fast path never pays for it.
        let text = String(decoding: source.bytes[source.start...], as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return diagnostics.map { diagnostic in
            guard diagnostic.severity == .error, isSyntaxError(diagnostic),
                let line = diagnostic.location?.line, lines.indices.contains(line - 1),
                case let (key, value)? = keyWithUnquotedColon(lines[line - 1])
            else { return diagnostic }
            let quoted = value.count > 60 ? "\"…\"" : "\"" + value.replacing("\"", with: "\\\"") + "\""
            let error: TextArgument = diagnostic.text.map { .phrase($0) } ?? .verbatim(diagnostic.message)
            return Diagnostic(
                .error, LocalizedText("syntax.hint.quoteColon", ["error": error, "key": .verbatim(key), "quoted": .verbatim(quoted)]),
                path: diagnostic.path, location: diagnostic.location)
        }
    }

    /// A YAML or JSON syntax error (a hint may follow it); not a limit, encoding or structure error.
    static func isSyntaxError(_ diagnostic: Diagnostic) -> Bool {
        guard let key = diagnostic.text?.key else { return false }
        return ["syntax.yaml", "syntax.yaml.context", "syntax.json", "syntax.json.context"].contains(key)
    }

    /// The key of a `key: value` line whose plain (unquoted) value contains `": "` or ends in `:`.
    static func keyWithUnquotedColon(_ line: Substring) -> (key: String, value: String)? {
        var rest = line.drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = rest[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let value = rest[rest.index(after: colon)...].drop { $0 == " " }
        guard let first = value.first, !"\"'[{|>&*!#".contains(first) else { return nil }
        let content = (value.split(separator: " #", maxSplits: 1).first ?? value).drop { $0 == " " }
        let trimmed = String(content.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
        return trimmed.contains(": ") || trimmed.hasSuffix(":") ? (String(key), trimmed) : nil
    }
}
