import Foundation
import ServiceBlueprint

/// The commented starter blueprint written by `blueprint init`.
enum Starter {
    /// A kebab-case id from a file name: "My Service.yaml" → "my-service".
    static func identifier(from fileName: String) -> String {
        let base = (fileName as NSString).deletingPathExtension.lowercased()
        let words = base.split { !$0.isLetter && !$0.isNumber }
        let id = BlueprintIdentifier.suggestion(for: words.joined(separator: "-"))
        return id.isEmpty ? "my-service" : id
    }

    /// The starter in `language` (catalog key `starter.blueprint`): comments, titles and the sample
    /// steps in that language; keys and ids stay as the file format has them. The Chinese starter
    /// declares `language: zh-Hans`, so its drawing and findings are Chinese wherever it is checked.
    static func text(id: String, language: Language = .english) -> String {
        let title = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return LocalizedText("starter.blueprint", ["id": .verbatim(id), "title": .verbatim(title)]).rendered(in: language)
    }
}
