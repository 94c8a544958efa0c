extension Lane {
    /// The display title in `language`: `Backstage`, `后台` (catalog key `lane.<lane>`).
    public func title(in language: Language) -> String { LocalizedText("lane.\(rawValue)").rendered(in: language) }
}

extension BlueprintLine {
    /// The display title in `language`: `Line of visibility`, `可视线` (catalog key `line.<line>`).
    public func title(in language: Language) -> String { LocalizedText("line.\(rawValue)").rendered(in: language) }
}

extension JourneyScope {
    /// ``name`` as a placeholder value: "journey 'Title' (id)" or "the blueprint", in any language.
    package var nameArgument: TextArgument {
        guard let journey else { return .phrase(LocalizedText("scope.blueprint")) }
        return .phrase(LocalizedText("scope.journey", ["journey": .step(title: journey.title, id: journey.id)]))
    }
}
