import Foundation
import Testing

/// No user-facing sentence in the formatters, rules and DOT writer bypasses the catalogs: every
/// string literal there that reads as prose is either a catalog key, an id or format on the
/// allow-list, a rule's English metadata (mirrored by the English catalog, see
/// `LocalizationCatalogTests`), `--help` text (English by design), or in a file still listed as pending.
@Suite("Localization: no text bypasses the catalog")
struct LocalizationScannerTests {
    static let root = DocumentTesting.repositoryRoot

    /// The folders scanned (their Swift files, not their subfolders).
    static let folders = [
        "Sources/ServiceBlueprint/Analysis/Rules", "Sources/ServiceBlueprint/Capacity/Rules",
        "Sources/BlueprintGraphviz/DOT", "Sources/BlueprintCLI/Formatters",
        // The simulation library's report and `blueprint simulate` (l10n5), and the `.blueprint.yml` reader.
        "Sources/BlueprintSimulation", "Sources/BlueprintSimulation/Results", "Sources/BlueprintSimulation/Engine",
        "Sources/BlueprintCLI/Configuration",
    ]

    /// Single files scanned in folders that hold other commands too.
    static let files = [
        "Sources/BlueprintCLI/Commands/SimulateCommand.swift", "Sources/BlueprintCLI/Commands/SimulateCommand+Text.swift",
        "Sources/BlueprintCLI/Commands/SimulateCommand+Charts.swift", "Sources/BlueprintCLI/Commands/SimulateCommand+Log.swift",
        "Sources/ServiceBlueprint/Analysis/AnalysisConfiguration+YAML.swift",
    ]

    /// Files whose messages still are English strings: each shows its English text in every language.
    /// Shrink this list; never grow it.
    static let pending: Set<String> = []

    /// Literals that read like words but are ids, class names, formats or DOT attributes.
    static let allowed: Set<String> = [
        "evidence-item dimmed", "evidence-item",
        // The header of a CSV event log: column names that `measure` and other tools read.
        "case:concept:name,concept:name,lifecycle:transition,time:timestamp,org:resource\\n",
        // Machine-readable fix actions in JSON (`action.custom`), read by tools like field values; the
        // sentence people read is the fix's catalog text.
        "Give \\(actor.id) capacity \\(comfortable) (now \\(servers)), or move work away from it.",
        "Give \\(actor.id) capacity \\(servers + 1) (now \\(servers)), or move work away from it.",
        // A comment in the DOT source, for people who read DOT.
        "// Service blueprint \\(DOTString(token: scene.blueprint.id)) drawn by ServiceBlueprint.\\n",
        "// Positions are pinned: render with `dot -Tsvg` (layout=nop2) or `neato -n2 -Tsvg`.\\n",
    ]

    /// Prose: two words of two or more letters in a row, once interpolations, quoted attribute
    /// values, markup tags and `name=` attribute names are taken out (DOT and HTML-like labels).
    static func isProse(_ literal: String) -> Bool {
        var text = literal
        while text.contains(/\\\([^()]*\)/) { text = text.replacing(/\\\([^()]*\)/, with: "") }
        if let open = text.range(of: "\\(") { text = String(text[..<open.lowerBound]) }
        text = text.replacing(/\\"[^"\\]*\\"/, with: "").replacing(/<[^>]*>/, with: "").replacing(/[A-Za-z_-]+=/, with: "")
        return text.contains(/[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/)
    }

    /// The string literals of a Swift source, line by line, with comments and rule metadata left out.
    static func literals(in source: String) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        var inBlock = false
        var blockIsMetadata = false
        var thresholdDepth = 0
        for (number, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inBlock {
                if line.hasPrefix("\"\"\"") { inBlock = false } else if !blockIsMetadata { result.append((number + 1, line)) }
                continue
            }
            if line.hasPrefix("//") { continue }
            // `--help` text and option-parsing errors stay English by design (swift-argument-parser builds
            // them, with their usage lines, from declarations; see the Languages article), and a
            // precondition's message is for the programmer who broke an invariant.
            if line.contains("help: \"") || line.hasPrefix("abstract: ") || line.contains("ValidationError(\"")
                || line.hasPrefix("precondition(")
            {
                continue
            }
            // Threshold descriptions document `.blueprint.yml`, which is written in English.
            if thresholdDepth > 0 || line.hasPrefix("RuleThreshold(") {
                thresholdDepth += line.filter { $0 == "(" }.count - line.filter { $0 == ")" }.count
                continue
            }
            // A rule's title, rationale and fix advice: the English catalog mirrors them.
            let metadata = line.hasPrefix("public let title") || line.hasPrefix("public let rationale")
                || line.hasPrefix("public let howToFix") || line.hasPrefix("discussion: ")
            if line.hasSuffix("\"\"\"") && !line.hasPrefix("\"\"\"") {
                inBlock = true
                blockIsMetadata = metadata
                continue
            }
            if metadata { continue }
            for match in line.matches(of: /"((?:[^"\\]|\\.)*)"/) { result.append((number + 1, String(match.output.1))) }
        }
        return result
    }

    @Test func userFacingLiteralsGoThroughTheCatalog() throws {
        var offenders: [String] = []
        var paths = Self.files
        for folder in Self.folders {
            let url = Self.root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.sorted()
            paths += files.map { folder + "/" + $0 }
        }
        var scanned = 0
        for path in paths where !Self.pending.contains(path) {
            scanned += 1
            let source = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            for (line, text) in Self.literals(in: source) where Self.isProse(text) && !Self.allowed.contains(text) {
                offenders.append("\(path):\(line): \"\(text)\"")
            }
        }
        #expect(scanned >= 50)
        #expect(paths.contains("Sources/BlueprintSimulation/Results/SimulationReport+Findings.swift"))
        #expect(offenders.isEmpty, "user-facing text outside the catalog:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func pendingFilesExist() {
        for path in Self.pending where !path.hasPrefix("Sources/BlueprintGraphviz/DOT/") {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path), "\(path)")
        }
    }

    @Test func theScannerSeesProse() {
        let sample = """
            let a = "fine-id"
            // "a comment with words"
            let b = "\\(name) has no owner"
            public let title = "Step without an owner"
            @Option(help: "Random seed; the same seed gives the same numbers.")
            precondition(ok, "column index out of range")
            throw ValidationError("--pages splits a PDF into printed pages; use it with --format pdf")
            let c = "\\(id) works past the end of its shifts"
            """
        let found = Self.literals(in: sample).map(\.text).filter(Self.isProse)
        #expect(found == ["\\(name) has no owner", "\\(id) works past the end of its shifts"])
        #expect(!Self.isProse(#"<td align=\"left\" balign=\"left\">"#))
        #expect(Self.isProse(#"tooltip=\(x) wait before: \(wait)"#))
    }
}
