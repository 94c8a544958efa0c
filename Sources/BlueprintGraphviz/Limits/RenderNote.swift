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
    }

    /// What was changed.
    public var code: Code
    /// One sentence for people, saying what changed and which option changes it back.
    public var message: String

    /// Creates a note.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

extension RenderNote {
    /// The notes for drawing `stepCount` steps with `options` when `shortenedTexts` texts were cut.
    static func notes(stepCount: Int, shortenedTexts: Int, options: RenderOptions) -> [RenderNote] {
        var notes: [RenderNote] = []
        if options.edgeRouting == .orthogonal, stepCount > options.orthogonalRoutingStepLimit {
            notes.append(RenderNote(
                .straightRouting,
                message: "flows are drawn as straight lines: \(stepCount) steps are more than orthogonal routing "
                    + "handles quickly (\(options.orthogonalRoutingStepLimit)); raise orthogonalRoutingStepLimit to route them anyway"))
        }
        if shortenedTexts > 0 {
            notes.append(RenderNote(
                .textShortened,
                message: "\(shortenedTexts) text\(shortenedTexts == 1 ? " is" : "s are") longer than "
                    + "\(options.maximumTextLength) characters and shortened on the drawing (the blueprint is unchanged)"))
        }
        return notes
    }
}
