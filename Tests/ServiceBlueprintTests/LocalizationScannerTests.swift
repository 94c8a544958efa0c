import Foundation
import Testing

/// No user-facing sentence in the formatters, rules and DOT writer bypasses the catalogs: every
/// string literal there that reads as prose is either a catalog key, an id or format on the
/// allow-list, a rule's English metadata (mirrored by the English catalog, see
/// `LocalizationCatalogTests`), or in a file still listed as pending.
@Suite("Localization: no text bypasses the catalog")
struct LocalizationScannerTests {
    static let root = DocumentTesting.repositoryRoot

    /// The folders scanned.
    static let folders = [
        "Sources/ServiceBlueprint/Analysis/Rules", "Sources/ServiceBlueprint/Capacity/Rules",
        "Sources/BlueprintGraphviz/DOT", "Sources/BlueprintCLI/Formatters",
    ]

    /// Files whose messages still are English strings: each shows its English text in every language.
    /// Shrink this list; never grow it.
    static let pending: Set<String> = []

    /// Literals that read like words but are ids, class names, formats or DOT attributes.
    static let allowed: Set<String> = [
        "evidence-item dimmed", "evidence-item",
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
            // Threshold descriptions document `.blueprint.yml`, which is written in English.
            if thresholdDepth > 0 || line.hasPrefix("RuleThreshold(") {
                thresholdDepth += line.filter { $0 == "(" }.count - line.filter { $0 == ")" }.count
                continue
            }
            // A rule's title, rationale and fix advice: the English catalog mirrors them.
            let metadata = line.hasPrefix("public let title") || line.hasPrefix("public let rationale")
                || line.hasPrefix("public let howToFix")
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
        var scanned = 0
        for folder in Self.folders {
            let url = Self.root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.sorted()
            for file in files {
                let path = folder + "/" + file
                guard !Self.pending.contains(path) else { continue }
                scanned += 1
                let source = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                for (line, text) in Self.literals(in: source) where Self.isProse(text) && !Self.allowed.contains(text) {
                    offenders.append("\(path):\(line): \"\(text)\"")
                }
            }
        }
        #expect(scanned >= 12)
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
            """
        let found = Self.literals(in: sample).map(\.text).filter(Self.isProse)
        #expect(found == ["\\(name) has no owner"])
        #expect(!Self.isProse(#"<td align=\"left\" balign=\"left\">"#))
        #expect(Self.isProse(#"tooltip=\(x) wait before: \(wait)"#))
    }
}
