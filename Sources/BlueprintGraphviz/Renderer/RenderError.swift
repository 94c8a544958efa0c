/// Why Graphviz could not render.
///
/// ``message`` is Graphviz's own message, captured in-process (nothing is written to stderr).
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which stage of rendering failed.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The DOT text could not be parsed.
        case syntax
        /// The layout engine failed or reported an error.
        case layout
        /// The renderer failed to produce the output format.
        case render
        /// A layout engine or output plugin is not installed.
        case missingPlugin
        /// The Graphviz context could not be created.
        case unavailable
        /// The blueprint or its drawing is larger than a limit: more steps than
        /// ``RenderOptions/maximumSteps``, or a PNG wider or taller than ``GraphvizRenderer/maximumBitmapSide``.
        /// Nothing reached Graphviz.
        case tooLarge
    }

    /// Which stage failed.
    public var code: Code
    /// The message: Graphviz's text when it gave one, else a description of the failure.
    public var message: String

    /// Creates a render error.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `graphviz <code> error: <message>`, or just the message for ``Code/tooLarge`` (Graphviz was not asked).
    public var description: String { code == .tooLarge ? message : "graphviz \(code.rawValue) error: \(message)" }
}
