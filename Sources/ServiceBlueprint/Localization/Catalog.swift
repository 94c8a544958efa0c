import Foundation

/// The message catalogs, one JSON file per language in the package's resources
/// (`Catalogs/en.json`, `Catalogs/zh-Hans.json`): a flat object from key to a whole sentence
/// with `%{name}` placeholders.
///
/// Loaded once per process from `Bundle.module`. A language whose file is missing or unreadable
/// falls back to English key by key, so a broken translation never hides a finding.
package struct Catalog: Sendable {
    /// The catalogs of the package's resources.
    package static let shared = Catalog(bundle: bundle)

    /// The library's resource bundle (`ServiceBlueprint_ServiceBlueprint.resources` next to the
    /// executable): ship it with an installed `blueprint`.
    package static var bundle: Bundle { Bundle.module }

    /// The entries per language identifier.
    package let entries: [String: [String: String]]

    init(bundle: Bundle) {
        var entries: [String: [String: String]] = [:]
        for language in Language.supported {
            entries[language.identifier] = Self.load(language, from: bundle) ?? [:]
        }
        self.entries = entries
    }

    /// The catalog of one language as read from the bundle; `nil` when absent or not a flat JSON object of strings.
    package static func load(_ language: Language, from bundle: Bundle) -> [String: String]? {
        guard let url = bundle.url(forResource: language.identifier, withExtension: "json", subdirectory: "Catalogs"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: data)
    }

    /// The template for `key` in `language`, else in English.
    package func template(_ key: String, in language: Language) -> String? {
        entries[language.identifier]?[key] ?? entries[Language.english.identifier]?[key]
    }

    /// The text with its placeholders filled the way `language` writes numbers, durations and lists.
    package func render(_ text: LocalizedText, in language: Language) -> String {
        guard let template = template(text.key, in: language) else { return text.key }
        return Self.fill(template) { name in text.arguments[name].map { language.format($0) } }
    }

    /// Replaces every `%{name}` with `value(name)`; an unknown name stays as written so a test can see it.
    /// Scans and copies bytes (every message of a large check goes through here): `%`, `{` and `}`
    /// are ASCII, so each index found is a Unicode scalar boundary, and copying bytes never rounds an
    /// index to a character boundary (a combining mark after `}` stays).
    package static func fill(_ template: String, value: (String) -> String?) -> String {
        let bytes = template.utf8
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 32)
        var copied = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "%") else {
                bytes.formIndex(after: &index)
                continue
            }
            let brace = bytes.index(after: index)
            guard brace != bytes.endIndex, bytes[brace] == UInt8(ascii: "{") else {
                index = brace
                continue
            }
            let nameStart = bytes.index(after: brace)
            // An unclosed `%{` stays as written, with the rest of the template.
            guard let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            result.append(contentsOf: bytes[copied..<index])
            let name = String(decoding: bytes[nameStart..<close], as: UTF8.self)
            if let filled = value(name) {
                result.append(contentsOf: filled.utf8)
            } else {
                result.append(contentsOf: bytes[index...close])
            }
            index = bytes.index(after: close)
            copied = index
        }
        result.append(contentsOf: bytes[copied...])
        return String(decoding: result, as: UTF8.self)
    }

    /// The placeholder names of a template, in order of appearance.
    package static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        _ = fill(template) { name in
            names.append(name)
            return ""
        }
        return names
    }
}

extension Catalog {
    /// Every character the drawing's fixed texts use in `language` (lane names, lines, legend,
    /// badges, chips), so the font chain and the missing-glyph check cover them even when the
    /// blueprint itself is written in another script.
    package func drawingCharacters(in language: Language) -> Set<Character> {
        var characters = Set<Character>()
        for (key, template) in entries[language.identifier] ?? [:]
        where key.hasPrefix("drawing.") || key.hasPrefix("lane.") || key.hasPrefix("line.") || key.hasPrefix("channel.") {
            characters.formUnion(Catalog.fill(template) { _ in "" })
        }
        return characters
    }
}
