import Foundation
import ServiceBlueprint

extension GraphvizRenderer {
    /// Renders the blueprint's journey map (`render --view journey`): the customer-facing view, stages
    /// as columns, with the goal, the customer's actions, touchpoints and channels, the emotion curve,
    /// pain points and moments of truth, opportunities and experience KPIs as rows, in the same theme,
    /// fonts and language as the blueprint. With ``RenderOptions/journey`` only that journey's steps
    /// and the stages it passes appear.
    ///
    /// - Parameters:
    ///   - blueprint: The blueprint.
    ///   - analysis: Its analysis, when the opportunities row should show what the findings on the
    ///     customer's side would change; `nil` leaves that row empty.
    ///   - format: The output format.
    ///   - options: Theme, fonts, language, the journey to show.
    /// - Throws: ``RenderError`` as ``render(_:format:options:overlay:)-7nsrh`` does.
    public func renderJourneyMap(
        _ blueprint: Blueprint, analysis: BlueprintAnalysis? = nil, format: OutputFormat = .svg, options: RenderOptions = .init()
    ) async throws(RenderError) -> Data {
        try Self.checkStepCount(blueprint, options: options)
        let drawing = DOTWriter(options: options).basis(for: blueprint, drawsWithCairo: format == .png || format == .pdf)
        let map = JourneyMap(drawing: drawing, analysis: analysis)
        let geometry = map.geometry
        if format == .dot { return Data(map.dot(geometry: geometry).utf8) }
        let size = geometry.size
        if format == .png, max(size.width, size.height) * 96 / 72 > Double(Self.maximumBitmapSide) {
            throw RenderError(.tooLarge, message: "the journey map would be wider than a PNG may be; render it as SVG or PDF")
        }
        return try await render(dot: map.dot(geometry: geometry), format: format, engine: .pinned)
    }
}
