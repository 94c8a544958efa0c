import Foundation

/// The message catalogs, one JSON file per language in the package's resources
/// (`Catalogs/en.json`, `Catalogs/zh-Hans.json`): a flat object from key to a whole sentence
/// with `%{name}` placeholders.
///
/// Loaded once per process, each language on first use (a check in English never reads the Chinese
/// catalog). A language whose file is missing or unreadable falls back to English key by key, so a
/// broken translation never hides a finding.
package struct Catalog: Sendable {
    /// The catalogs of the package's resources.
    package static let shared = Catalog(source: .resources)

    /// The library's resource bundle (`ServiceBlueprint_ServiceBlueprint.resources` next to the
    /// executable): ship it with an installed `blueprint`.
    package static var bundle: Bundle { Bundle.module }

    /// English, read with the catalog: every text falls back to it.
    private let english: [String: String]
    /// The other languages of ``Language/supported``, in that order, each read on first use.
    private let others: [(language: Language, table: Table)]

    /// The entries per language identifier (loads every language).
    package var entries: [String: [String: String]] {
        var entries = [Language.english.identifier: english]
        for (language, table) in others { entries[language.identifier] = table.entries }
        return entries
    }

    init(bundle: Bundle) { self.init(source: .bundle(bundle)) }

    private init(source: Source) {
        english = Self.load(.english, from: source) ?? [:]
        others = Language.supported.filter { $0 != .english }.map { language in
            (language, Table { Self.load(language, from: source) ?? [:] })
        }
    }

    /// The catalog of one language as read from the bundle; `nil` when absent or not a flat JSON object of strings.
    package static func load(_ language: Language, from bundle: Bundle) -> [String: String]? {
        load(language, from: .bundle(bundle))
    }

    /// The template for `key` in `language`, else in English.
    package func template(_ key: String, in language: Language) -> String? {
        if language != .english, let other = others.first(where: { $0.language == language }), let found = other.table.entries[key] {
            return found
        }
        return english[key]
    }

    /// The text with its placeholders filled the way `language` writes numbers, durations and lists.
    package func render(_ text: LocalizedText, in language: Language) -> String {
        guard let template = template(text.key, in: language) else { return text.key }
        return Self.fill(template, arguments: text.arguments, in: language)
    }

    /// The template with each placeholder replaced by its argument as `language` writes it
    /// (``Language/write(_:into:)``: straight into the text, no string per step name or quote).
    static func fill(_ template: String, arguments: [String: TextArgument], in language: Language) -> String {
        substitute(template) { name, result in
            guard let argument = arguments[String(decoding: name, as: UTF8.self)] else { return false }
            language.write(argument, into: &result)
            return true
        }
    }

    /// Replaces every `%{name}` with `value(name)`; an unknown name stays as written so a test can see it.
    package static func fill(_ template: String, value: (String) -> String?) -> String {
        substitute(template) { name, result in
            guard let filled = value(String(decoding: name, as: UTF8.self)) else { return false }
            result.append(contentsOf: filled.utf8)
            return true
        }
    }

    /// The template with each placeholder replaced by what `write` appends for its name (`write`
    /// returns `false` for a name it does not know, which then stays as written).
    ///
    /// Scans and copies bytes of the template's contiguous UTF-8 (every message of a large check goes
    /// through here): `%`, `{` and `}` are ASCII, so each index found is a Unicode scalar boundary, and
    /// copying bytes never rounds an index to a character boundary (a combining mark after `}` stays).
    static func substitute(_ template: String, _ write: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool) -> String {
        var template = template
        return template.withUTF8 { bytes -> String in
            let percent = UInt8(ascii: "%"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            let count = bytes.count
            var result: [UInt8] = []
            var copied = 0
            var index = 0
            while index < count {
                guard bytes[index] == percent else {
                    index += 1
                    continue
                }
                let brace = index + 1
                guard brace < count, bytes[brace] == open else {
                    index = brace
                    continue
                }
                let nameStart = brace + 1
                var end = nameStart
                while end < count, bytes[end] != close { end += 1 }
                // An unclosed `%{` stays as written, with the rest of the template.
                guard end < count else { break }
                if result.isEmpty { result.reserveCapacity(count + 64) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                if !write(UnsafeBufferPointer(rebasing: bytes[nameStart..<end]), &result) {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...end]))
                }
                index = end + 1
                copied = index
            }
            // A template without placeholders comes back as it is.
            if copied == 0 { return String(decoding: bytes, as: UTF8.self) }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: result, as: UTF8.self)
        }
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
    /// One language's entries, read from disk the first time they are asked for.
    final class Table: @unchecked Sendable {
        // Guarded by `lock`.
        private let lock = NSLock()
        private var loaded: [String: String]?
        private let read: @Sendable () -> [String: String]

        init(_ read: @escaping @Sendable () -> [String: String]) { self.read = read }

        var entries: [String: String] {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return loaded }
            let made = read()
            loaded = made
            return made
        }
    }

    /// Every character the drawing's fixed texts use in `language` (lane names, lines, legend,
    /// badges, chips), so the font chain and the missing-glyph check cover them even when the
    /// blueprint itself is written in another script.
    package func drawingCharacters(in language: Language) -> Set<Character> {
        var characters = Set<Character>()
        let table = language == .english ? english : others.first { $0.language == language }?.table.entries ?? [:]
        for (key, template) in table
        where key.hasPrefix("drawing.") || key.hasPrefix("lane.") || key.hasPrefix("line.") || key.hasPrefix("channel.") {
            characters.formUnion(Catalog.fill(template) { _ in "" })
        }
        return characters
    }
}
