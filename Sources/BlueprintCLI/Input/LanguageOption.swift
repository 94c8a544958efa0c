import ArgumentParser
import Foundation
import ServiceBlueprint

/// `--language en|zh-Hans`: the language of findings, drawings, reports and messages (l10n, issue 19).
///
/// The language comes from the option, else from the blueprint's `language:` key, else from the
/// environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX order), else English. Rule ids, file keys,
/// JSON/SARIF field names, severities in compiler-style lines and exit codes are never translated.
struct LanguageOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case en
        case zhHans = "zh-Hans"

        var language: Language { self == .en ? .english : .simplifiedChinese }
    }

    @Option(help: "Language of the text: en or zh-Hans (default: the blueprint's language: key, then LC_ALL/LANG, then en).")
    var language: Choice?

    /// The language for a blueprint that declares `declared` (or none).
    func resolve(declared: Language? = nil) -> Language { Self.resolve(explicit: explicit, declared: declared) }

    /// The language the option names, if given.
    var explicit: Language? { language?.language }

    /// The option's language, else the declared one, else the environment's, else English.
    static func resolve(explicit: Language?, declared: Language?) -> Language {
        explicit ?? declared ?? environment ?? .english
    }

    /// The language the environment names, if it is one the catalogs have.
    static var environment: Language? {
        let variables = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = variables[name], !value.isEmpty else { continue }
            // The first variable that is set decides, as in POSIX; `C` means the default.
            return Language(locale: value)
        }
        return nil
    }
}

extension Language {
    /// The CLI message `cli.<key>` in this language (whole sentences with named arguments).
    func cli(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
        LocalizedText("cli.\(key)", arguments).rendered(in: self)
    }
}
