import Foundation
import Testing

@testable import BlueprintGraphviz

/// Writes the fixture pictures to `$BLUEPRINT_RENDER_OUT` for looking at them; skipped otherwise.
@Suite("Pictures for review")
struct RenderPicturesTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BLUEPRINT_RENDER_OUT"] != nil))
    func writeReviewPictures() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BLUEPRINT_RENDER_OUT"] ?? "/tmp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let renderer = GraphvizRenderer.shared
        var topDown = RenderOptions()
        topDown.direction = .topToBottom
        let jobs: [(String, RenderOptions, RenderOverlay?)] = [
            ("repair", RenderOptions(), nil),
            ("repair-overlay", RenderOptions(), Fixtures.repairOverlay),
            ("repair-top-down", topDown, nil),
            ("repair-mono", RenderOptions(theme: .monochrome), nil),
        ]
        for (name, options, overlay) in jobs {
            let dot = DOTWriter(options: options).dot(for: Fixtures.repair, overlay: overlay)
            try Data(dot.utf8).write(to: folder.appendingPathComponent(name + ".dot"), options: .atomic)
            for format in [OutputFormat.png, .svg] {
                let data = try renderer.render(Fixtures.repair, format: format, options: options, overlay: overlay)
                try data.write(to: folder.appendingPathComponent(name + "." + format.fileExtension), options: .atomic)
            }
        }
    }
}
