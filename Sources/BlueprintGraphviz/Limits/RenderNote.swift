import ServiceBlueprint

/// Something the renderer changed to keep a drawing affordable or readable, for the caller to show
/// (the `blueprint` CLI prints each as a note). The drawing shows the same text below the legend.
///
/// ```swift
/// for note in DOTWriter(options: options).notes(for: blueprint) { print("note: \(note)") }
/// ```
public struct RenderNote: Sendable, Hashable, CustomStringConvertible {
    /// What was changed.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// Flows are drawn as straight lines instead of orthogonal routes
        /// (``RenderOptions/orthogonalRoutingStepLimit``).
        case straightRouting
        /// Some texts are shortened on the drawing (``RenderOptions/maximumTextLength``).
        case textShortened
        /// Some characters have no glyph in any installed font, so PNG and PDF would show them as empty
        /// boxes (``GraphvizRenderer/fontNotes(for:format:options:)``); the message names them and the package to
        /// install. A warning rather than a note: the picture is wrong until a font is installed.
        case missingGlyphs
    }

    /// What was changed.
    public var code: Code
    /// One sentence for people, saying what changed and which option changes it back.
    public var message: String
    /// The message as a catalog text, to show in any ``Language``; `nil` for a note made from a string.
    public var text: LocalizedText?

    /// Creates a note.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// Creates a note whose message is a catalog text; ``message`` is its English rendering.
    init(_ code: Code, text: LocalizedText) {
        self.init(code, message: text.rendered(in: .english))
        self.text = text
    }

    /// The message in `language`.
    public func message(in language: Language) -> String { text?.rendered(in: language) ?? message }

    /// The message.
    public var description: String { message }
}

extension RenderNote {
    /// The notes for drawing `stepCount` steps with `options` when `shortenedTexts` texts were cut.
    static func notes(stepCount: Int, shortenedTexts: Int, options: RenderOptions) -> [RenderNote] {
        var notes: [RenderNote] = []
        if options.edgeRouting == .orthogonal, stepCount > options.orthogonalRoutingStepLimit {
            notes.append(RenderNote(.straightRouting, text: LocalizedText(
                "render.note.straightRouting", ["steps": .integer(stepCount), "limit": .integer(options.orthogonalRoutingStepLimit)])))
        }
        if shortenedTexts > 0 {
            notes.append(RenderNote(.textShortened, text: LocalizedText(
                "render.note.textShortened.\(shortenedTexts == 1 ? "one" : "other")",
                ["count": .integer(shortenedTexts), "limit": .integer(options.maximumTextLength)])))
        }
        return notes
    }
}

extension RenderNote {
    /// The warning for characters no installed font can draw, naming up to ten of them and the package that
    /// covers them; `nil` when there are none.
    static func missingGlyphs(_ scalars: [Unicode.Scalar]) -> RenderNote? {
        guard !scalars.isEmpty else { return nil }
        let shown = scalars.prefix(10).map { scalar in
            "'\(Character(scalar))' (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)))"
        }
        let more = scalars.count - 10
        var packages: [String] = []
        if scalars.contains(where: { CJKScript.isCJK($0) }) { packages.append("fonts-noto-cjk") }
        if scalars.contains(where: { $0.properties.isEmojiPresentation || (0x1F000...0x1FAFF).contains($0.value) }) {
            packages.append("fonts-noto-color-emoji")
        }
        if scalars.contains(where: { !CJKScript.isCJK($0) && !$0.properties.isEmojiPresentation && !(0x1F000...0x1FAFF).contains($0.value) }) {
            packages.append("fonts-noto-core")
        }
        let count = scalars.count
        let key = "render.note.missingGlyphs.\(count == 1 ? "one" : "other")\(more > 0 ? ".more" : "")"
        return RenderNote(.missingGlyphs, text: LocalizedText(key, [
            "count": .integer(count), "characters": .verbatim(shown.joined(separator: ", ")), "more": .integer(more),
            "packages": .verbatim(packages.joined(separator: " ")),
        ]))
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
