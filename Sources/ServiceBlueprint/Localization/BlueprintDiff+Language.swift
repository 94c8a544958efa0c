/// The diff's change descriptions as catalog texts, so `blueprint diff` writes them in the reader's
/// language; ``BlueprintDiff/Change/description`` stays the English form JSON carries.
extension BlueprintDiff.Change {
    /// `field: old → new`, `(none)` for an unset value; the field is a file key and stays as written.
    package var text: LocalizedText {
        func value(_ raw: String) -> TextArgument { raw.isEmpty ? .phrase(LocalizedText("cli.diff.change.none")) : .verbatim(raw) }
        return LocalizedText("cli.diff.change", ["field": .verbatim(field), "old": value(old), "new": value(new)])
    }
}

extension BlueprintDiff.Modified {
    /// `id: change; change` with the language's separators.
    package var text: LocalizedText {
        LocalizedText(
            "cli.diff.changes",
            ["id": .verbatim(id), "changes": .series(changes.map { .phrase($0.text) }, separator: LocalizedText("cli.diff.change.separator"))])
    }
}
