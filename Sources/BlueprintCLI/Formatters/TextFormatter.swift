import ServiceBlueprint

/// Compiler-style text: `path:line:column: warning: message [rule-id]`, the suggested fix indented on
/// the next line (as compilers print fix-its; editors' problem matchers read only the first), then a
/// summary line.
enum TextFormatter {
    /// The severity words in the compiler-style lines stay English in every language: editors'
    /// problem matchers read them. The fix line and the summary follow `language`.
    static func format(_ problems: [Problem], files: Int, language: Language = .english) -> String {
        // Written as bytes: a large check prints tens of thousands of lines, after every file is done.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(problems.count * 200)
        let fixLine = FixLine(language: language)
        for problem in problems {
            problem.writeCompilerStyle(into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            if let fix = problem.fix, !fix.isEmpty {
                fixLine.write(fix, into: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        var counts: [Severity: Int] = [:]
        for problem in problems { counts[problem.severity, default: 0] += 1 }
        let summary = Severity.allCases.reversed().compactMap { severity -> TextArgument? in
            guard let count = counts[severity], count > 0 else { return nil }
            return .phrase(LocalizedText("cli.check.count.\(severity).\(count == 1 ? "one" : "other")", ["count": .integer(count)]))
        }
        let key = "cli.check.summary.\(files == 1 ? "one" : "other")\(summary.isEmpty ? ".clean" : "")"
        bytes.append(contentsOf: LocalizedText(key, ["files": .integer(files), "counts": .enumeration(summary)]).rendered(in: language).utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `    fix: …` in `language`: the catalog text around the fix, found once rather than per line.
    struct FixLine {
        let language: Language
        /// The text before and after the fix; `nil` when the template does not hold it exactly once.
        private let parts: (before: [UInt8], after: [UInt8])?

        init(language: Language) {
            self.language = language
            let marker = "\u{1}fix\u{1}"
            let sample = LocalizedText("cli.check.fix", ["fix": .verbatim(marker)]).rendered(in: language)
            let pieces = sample.components(separatedBy: marker)
            parts = pieces.count == 2 ? (Array(pieces[0].utf8), Array(pieces[1].utf8)) : nil
        }

        func write(_ fix: String, into bytes: inout [UInt8]) {
            guard let parts else {
                bytes.append(contentsOf: LocalizedText("cli.check.fix", ["fix": .verbatim(fix)]).rendered(in: language).utf8)
                return
            }
            bytes.append(contentsOf: parts.before)
            bytes.append(contentsOf: fix.utf8)
            bytes.append(contentsOf: parts.after)
        }
    }
}
