import Dispatch
import Foundation
import ServiceBlueprint

/// Renders DOT text and blueprints with the Graphviz C library, inside the process.
///
/// There is one renderer per process, ``shared``: Graphviz is not thread-safe, so every call into
/// the library runs under one process-wide lock with one long-lived Graphviz context. The synchronous
/// API blocks the calling thread while another render runs; the `async` API queues the job on a
/// private serial queue instead, so it never blocks Swift concurrency's cooperative threads.
/// Parallel throughput across many files needs several processes, not threads.
///
/// ```swift
/// let svg = try GraphvizRenderer.shared.render(blueprint, format: .svg)
/// let png = try await GraphvizRenderer.shared.render(blueprint, format: .png, overlay: overlay)
/// ```
///
/// Graphviz's messages never reach stderr; failures throw ``RenderError`` carrying Graphviz's text.
///
/// ## Memory
/// Every Graphviz allocation the API hands out is freed (`gvFreeRenderData`, `gvFreeLayout`, `agclose`).
/// Graphviz 2.42 itself loses two allocations per render, as `valgrind --leak-check=full` shows: the
/// `items` array of every line of an HTML-like label (`free_html_text` frees the strings, not the array)
/// and the `nop2` layout's node list. They made a 30-step render cost about 11 KiB of resident memory (74 KiB
/// at 200 steps) for good. The renderer frees both itself on that version (and only there, since it reads
/// private Graphviz structures), so RSS stays flat: 1 000 renders of a 30-step blueprint grow by less than
/// 2 MiB (measured: under 0.3 MiB), which a test checks. `render-bench memory` measures it. The DOT writer
/// still draws bold and italic text with font faces rather than `<b>`/`<i>` spans, which cost more per line.
public final class GraphvizRenderer: Sendable {
    /// The process-wide renderer.
    public static let shared = GraphvizRenderer()

    private let queue = DispatchQueue(label: "ServiceBlueprint.GraphvizRenderer", qos: .userInitiated)
    private let workers = InstalledWorkers()

    private init() {}

    /// Sends the `async` API's layouts to `pool`'s worker processes from now on (rendering in process when no
    /// worker is idle), or, with `nil`, renders everything in process again. The output is the same either way.
    /// The synchronous API always renders in process. The caller still owns the pool and shuts it down.
    public func useWorkers(_ pool: LayoutWorkerPool?) {
        workers.set(pool)
    }

    /// The layout engines and output formats a blueprint render needs.
    public static let requiredEngines: [LayoutEngine] = [.pinned, .neato, .dot]

    /// Starts Graphviz if needed and checks that the layout engines (``requiredEngines``) and the
    /// renderers for SVG, PNG and PDF (cairo) are installed.
    ///
    /// - Returns: the plugins Graphviz reported.
    /// - Throws: ``RenderError/Code/missingPlugin`` naming what is missing, or
    ///   ``RenderError/Code/unavailable`` when Graphviz cannot start.
    @discardableResult
    public func checkInstallation() throws(RenderError) -> PluginInventory {
        let inventory = try GraphvizSession.shared.plugins()
        for engine in Self.requiredEngines {
            for format in OutputFormat.allCases {
                try inventory.require(engine: engine.graphvizName, format: format)
            }
        }
        return inventory
    }

    /// Lays out and renders DOT text.
    ///
    /// - Parameters:
    ///   - dot: the graph in the DOT language.
    ///   - format: the output format.
    ///   - engine: the layout engine; a `layout` attribute in the DOT text takes precedence.
    /// - Returns: the rendered bytes (UTF-8 text for SVG, DOT and plain). A PDF is rewritten without
    ///   cairo's creation date and with its objects numbered in reading order, so the same input gives
    ///   the same bytes.
    /// - Throws: ``RenderError`` with Graphviz's message: ``RenderError/Code/syntax`` for DOT that does not
    ///   parse, ``RenderError/Code/layout`` or ``RenderError/Code/render`` when Graphviz fails.
    public func render(dot: String, format: OutputFormat = .svg, engine: LayoutEngine = .dot) throws(RenderError) -> Data {
        let data = try GraphvizSession.shared.withLock { job throws(RenderError) in
            try job.plugins.require(engine: engine.graphvizName, format: format)
            return try job.render(dot: dot, engine: engine.graphvizName, format: format.graphvizFormat)
        }
        guard format == .pdf else { return data }
        // Deterministic bytes; should cairo ever write something the joiner cannot read, its own file.
        return (try? PDFPages.join([data])) ?? data
    }

    /// Renders a blueprint: writes its DOT with ``DOTWriter`` (positions computed in Swift) and renders it
    /// with pinned positions.
    ///
    /// - Parameters:
    ///   - blueprint: the blueprint; invalid references are tolerated (unknown stages get their own column,
    ///     flows to unknown steps are left out).
    ///   - format: the output format.
    ///   - options: theme, direction and what to show.
    ///   - overlay: analysis findings to draw on top, shown when ``RenderOptions/showOverlay`` is `true`.
    /// - Throws: ``RenderError`` with Graphviz's message, or ``RenderError/Code/tooLarge`` for a blueprint
    ///   over ``RenderOptions/maximumSteps`` or a PNG over ``maximumBitmapSide`` pixels a side.
    /// - Note: large blueprints are drawn with straight flows and long texts are shortened; ``DOTWriter/notes(for:)``
    ///   says what was changed, and the drawing shows it below the legend.
    public func render(
        _ blueprint: Blueprint, format: OutputFormat = .svg, options: RenderOptions = .init(),
        overlay: RenderOverlay? = nil
    ) throws(RenderError) -> Data {
        let dot = try Self.checkedDrawing(blueprint, format: format, options: options, overlay: overlay).dot()
        return try render(dot: dot, format: format, engine: .pinned)
    }

    /// The largest width or height of a PNG, in pixels. Graphviz's cairo renderer shrinks larger drawings
    /// to fit (a 1 000-step blueprint came out 32 767 × 483 pixels, unreadable) and says so on stderr, so
    /// the renderer refuses them instead and suggests SVG or PDF, which have no such limit.
    public static let maximumBitmapSide = 32_767

    /// The drawing of `blueprint`, after checking the limits that keep the render affordable and useful:
    /// the step count (``RenderOptions/maximumSteps``) before anything is measured, and for PNG the pixel
    /// size (``maximumBitmapSide``).
    /// Refuses a blueprint with more steps than one drawing may have (``RenderOptions/maximumSteps``).
    static func checkStepCount(_ blueprint: Blueprint, options: RenderOptions) throws(RenderError) {
        guard blueprint.steps.count > options.maximumSteps else { return }
        throw RenderError(
            .tooLarge,
            message: "the blueprint has \(blueprint.steps.count) steps, more than one drawing may have "
                + "(\(options.maximumSteps)); split it, or raise the limit (RenderOptions.maximumSteps, `--max-steps`)")
    }

    static func checkedDrawing(
        _ blueprint: Blueprint, format: OutputFormat, options: RenderOptions, overlay: RenderOverlay?,
        graph: BlueprintGraph? = nil
    ) throws(RenderError) -> Drawing {
        try checkStepCount(blueprint, options: options)
        let drawing = DOTWriter(options: options).drawing(
            for: blueprint, overlay: overlay, graph: graph, drawsWithCairo: format == .png || format == .pdf)
        if format == .png {
            // Graphviz draws bitmaps at 96 pixels per inch; DOT sizes are points (72 per inch).
            let width = Int((drawing.pageSize.width * 96 / 72).rounded(.up))
            let height = Int((drawing.pageSize.height * 96 / 72).rounded(.up))
            if max(width, height) > maximumBitmapSide {
                throw RenderError(
                    .tooLarge,
                    message: "the drawing would be \(width) × \(height) pixels, more than a PNG may have "
                        + "(\(maximumBitmapSide) a side; Graphviz would shrink it until it is unreadable); "
                        + "render it as SVG or PDF, or split the blueprint by stage")
            }
        }
        return drawing
    }

    /// Lays out and renders DOT text without blocking the caller's thread while Graphviz is busy.
    ///
    /// Same contract as ``render(dot:format:engine:)``. In process, jobs run one at a time in submission order;
    /// with worker processes installed (``useWorkers(_:)``), an idle worker takes the job instead.
    public func render(dot: String, format: OutputFormat = .svg, engine: LayoutEngine = .dot) async throws(RenderError)
        -> Data
    {
        if let pool = workers.get(), let answer = await pool.render(dot: dot, format: format, engine: engine) {
            return try answer.get()
        }
        let result: Result<Data, RenderError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(RenderError) -> Data in
                    try self.render(dot: dot, format: format, engine: engine)
                })
            }
        }
        return try result.get()
    }

    /// Renders a blueprint without blocking the caller's thread while Graphviz is busy.
    ///
    /// The DOT text is written on the calling task (in parallel with other renders); only the Graphviz
    /// part is serialised. Same contract as the blocking `render(_:format:options:overlay:)`.
    public func render(
        _ blueprint: Blueprint, format: OutputFormat = .svg, options: RenderOptions = .init(),
        overlay: RenderOverlay? = nil
    ) async throws(RenderError) -> Data {
        let dot = try Self.checkedDrawing(blueprint, format: format, options: options, overlay: overlay).dot()
        return try await render(dot: dot, format: format, engine: .pinned)
    }

    /// Renders an analysed blueprint with its findings overlay (``RenderOverlay/init(analysis:)``, shown
    /// when ``RenderOptions/showOverlay`` is `true`), reusing the run's graph and capacity analysis.
    /// Same contract as the blocking `render(_:format:options:overlay:)`.
    public func render(
        _ analysis: BlueprintAnalysis, format: OutputFormat = .svg, options: RenderOptions = .init()
    ) async throws(RenderError) -> Data {
        let overlay = options.showOverlay ? RenderOverlay(analysis: analysis) : nil
        let drawing = try Self.checkedDrawing(
            analysis.blueprint, format: format, options: options, overlay: overlay, graph: analysis.graph)
        return try await render(dot: drawing.dot(), format: format, engine: .pinned)
    }

    /// What PNG or PDF output of `blueprint` cannot show with the fonts installed on this machine: a
    /// ``RenderNote/Code/missingGlyphs`` note naming the characters no installed font covers (they would be
    /// drawn as empty boxes) and the package to install. Empty for SVG and DOT, which the viewer draws with its
    /// own fonts, and when fontconfig cannot be asked (`fc-list` missing). The first call runs `fc-list` once
    /// for the process.
    ///
    /// The characters checked are those the drawing shows: the texts as shortened to
    /// ``RenderOptions/maximumTextLength``, cleaned the way the DOT writer cleans them (control characters
    /// are never drawn), and the fixed texts in ``RenderOptions/language``.
    ///
    /// ```swift
    /// for note in GraphvizRenderer.shared.fontNotes(for: blueprint, format: .png) { print("warning: \(note)") }
    /// ```
    /// - Parameters:
    ///   - blueprint: The blueprint to be drawn.
    ///   - format: The output format; only ``OutputFormat/png`` and ``OutputFormat/pdf`` can lack glyphs.
    ///   - options: The drawing's options, for its language and text limit.
    /// - Returns: At most one note.
    public func fontNotes(for blueprint: Blueprint, format: OutputFormat, options: RenderOptions = .init()) -> [RenderNote] {
        guard format == .png || format == .pdf, let coverage = FontCoverage.installed else { return [] }
        return Self.fontNotes(for: blueprint, options: options, coverage: coverage)
    }

    /// The missing-glyph note for drawing `blueprint` with `options`, against `coverage`.
    static func fontNotes(for blueprint: Blueprint, options: RenderOptions, coverage: FontCoverage) -> [RenderNote] {
        let shown = blueprint.shortenedForDrawing(limit: options.maximumTextLength).blueprint
        var drawn = Set<Character>()
        for character in options.drawnCharacters(of: shown) { drawn.formUnion(DOTText.clean(String(character))) }
        return RenderNote.missingGlyphs(coverage.uncovered(drawn)).map { [$0] } ?? []
    }

    /// Parses DOT text with Graphviz and counts what it declares, without laying it out.
    ///
    /// Useful to check that generated DOT means what it should (for example that a hostile label did not
    /// create extra nodes).
    /// - Throws: ``RenderError/Code/syntax`` with Graphviz's message when the text does not parse.
    public func summary(ofDOT dot: String) throws(RenderError) -> DOTSummary {
        try GraphvizSession.shared.withLock { job throws(RenderError) in
            let counts = try job.parse(dot: dot)
            return DOTSummary(nodeCount: counts.nodes, edgeCount: counts.edges)
        }
    }
}

/// The worker pool the renderer sends layouts to, if any.
private final class InstalledWorkers: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var pool: LayoutWorkerPool?

    func get() -> LayoutWorkerPool? { lock.withLock { pool } }
    func set(_ pool: LayoutWorkerPool?) { lock.withLock { self.pool = pool } }
}

/// What a DOT text declares, as Graphviz parsed it.
public struct DOTSummary: Sendable, Hashable {
    /// Number of nodes in the root graph.
    public var nodeCount: Int
    /// Number of edges in the root graph.
    public var edgeCount: Int

    /// Creates a summary.
    public init(nodeCount: Int, edgeCount: Int) {
        self.nodeCount = nodeCount
        self.edgeCount = edgeCount
    }
}
