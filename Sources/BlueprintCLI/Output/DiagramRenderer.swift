import BlueprintGraphviz
import ServiceBlueprint

/// Rendering used by `report`: SVG with the findings overlay of the report's analysis run.
enum DiagramRenderer {
    static func svg(for analysis: BlueprintAnalysis, options: RenderOptions = RenderOptions()) async throws -> String {
        let data = try await GraphvizRenderer.shared.render(analysis, format: .svg, options: options)
        return String(decoding: data, as: UTF8.self)
    }
}
