/// A rule's title, rationale and fix advice in a language, from the catalog keys
/// `rule.<id>.title`, `rule.<id>.rationale` and `rule.<id>.howToFix`.
///
/// The English catalog mirrors the built-in rules' own properties (a test keeps them equal); a
/// third-party rule without catalog entries shows its own English text in every language.
extension BlueprintRule {
    /// The title in `language`.
    public func title(in language: Language) -> String { text("title", in: language) ?? title }
    /// Why the rule matters, in `language`.
    public func rationale(in language: Language) -> String { text("rationale", in: language) ?? rationale }
    /// How to fix a finding, in `language`.
    public func howToFix(in language: Language) -> String { text("howToFix", in: language) ?? howToFix }

    private func text(_ field: String, in language: Language) -> String? {
        guard language != .english else { return nil }
        return Catalog.shared.template("rule.\(id).\(field)", in: language)
    }
}
