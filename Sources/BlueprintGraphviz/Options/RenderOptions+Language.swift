import ServiceBlueprint

extension RenderOptions {
    /// The catalog text `key` in the drawing's ``language``.
    func text(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
        LocalizedText(key, arguments).rendered(in: language)
    }

    /// The overlay's heat title: the default (`Utilization`) in the drawing's language, a caller's own as given.
    func heatTitle(of overlay: RenderOverlay) -> String {
        overlay.heatTitle == RenderOverlay.defaultHeatTitle ? text("drawing.heat.utilization") : overlay.heatTitle
    }

    /// A duration in the drawing's language (`2h 15min`, `2小时15分钟`).
    func duration(_ duration: BlueprintDuration) -> String { language.duration(duration) }
}
