internal import CGraphviz
import Foundation

/// The one Graphviz context of the process and the lock that serialises every call into the library.
///
/// Graphviz keeps process-global state (error buffer, parser, plugin tables) and crashes under
/// concurrent use even with one context per thread, so every call goes through ``withLock(_:)``.
/// The context is created on first use and lives until the process ends: creating a context per
/// render leaks memory in this Graphviz version.
final class GraphvizSession: @unchecked Sendable {
    /// The process-wide session.
    static let shared = GraphvizSession()

    // Guarded by `lock`: every member below is read and written only while the lock is held.
    private let lock = NSLock()
    private var context: OpaquePointer?
    private var inventory: PluginInventory?
    private var startupError: RenderError?
    /// `true` for the Graphviz version whose per-render leaks the session frees itself (see `shim.h`).
    private var freesKnownLeaks = false
    /// `true` when a text layout plugin (pango/cairo) measures text, rather than Graphviz's own width table.
    private var measuresText = false

    private init() {}

    /// Runs `body` with exclusive access to the Graphviz library and its context.
    func withLock<Result>(_ body: (Job) throws(RenderError) -> Result) throws(RenderError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        let (context, plugins) = try startIfNeeded()
        return try body(Job(context: context, plugins: plugins, freesKnownLeaks: freesKnownLeaks, measuresText: measuresText))
    }

    /// The installed plugins, checked once at start-up.
    func plugins() throws(RenderError) -> PluginInventory {
        try withLock { job throws(RenderError) in job.plugins }
    }

    private func startIfNeeded() throws(RenderError) -> (OpaquePointer, PluginInventory) {
        if let startupError { throw startupError }
        if let context, let inventory { return (context, inventory) }
        // Messages go to Graphviz's internal buffer (read with aglasterr), never to stderr.
        _ = agseterr(sbgv_error_level_max())
        guard let created = gvContext() else {
            let error = RenderError(.unavailable, message: "gvContext() failed: the Graphviz library could not start")
            startupError = error
            throw error
        }
        let found = PluginInventory(
            layouts: Self.pluginNames(created, kind: "layout"),
            renderers: Self.pluginNames(created, kind: "render"),
            devices: Self.pluginNames(created, kind: "device"))
        context = created
        inventory = found
        measuresText = !Self.pluginNames(created, kind: "textlayout").isEmpty
        freesKnownLeaks = gvcVersion(created).map { Self.leakyVersions.contains(String(cString: $0)) } ?? false
        return (created, found)
    }

    /// Graphviz versions whose leaks `Job.freeLayout(_:engine:laidOut:)` frees, as `gvcVersion` reports them:
    /// Debian bookworm's 2.42.2 says 2.43.0. The workaround reads private structures of exactly that version,
    /// so any other version is left alone.
    static let leakyVersions: Set<String> = ["2.43.0"]

    private static func pluginNames(_ context: OpaquePointer, kind: String) -> Set<String> {
        var count: Int32 = 0
        guard let list = gvPluginList(context, kind, &count, nil) else { return [] }
        defer { sbgv_free_plugin_list(list, count) }
        var names: Set<String> = []
        for index in 0..<Int(max(0, count)) {
            if let name = list[index] { names.insert(String(cString: name).lowercased()) }
        }
        return names
    }

    /// One render job's access to the library. Only valid inside ``GraphvizSession/withLock(_:)``.
    struct Job {
        let context: OpaquePointer
        /// The plugins found at start-up.
        let plugins: PluginInventory
        /// Whether ``freeLayout(_:engine:laidOut:)`` also frees what this Graphviz version forgets.
        let freesKnownLeaks: Bool
        /// Whether a text layout plugin (pango/cairo) measures text; without one Graphviz estimates widths
        /// from a table of its own, no better than ``TextMetrics``'s.
        let measuresText: Bool

        /// Parses, lays out and renders `dot`, freeing every Graphviz allocation before returning.
        func render(dot: String, engine: String, format: String) throws(RenderError) -> Data {
            let parsed = try read(dot)
            guard let graph = parsed else {
                throw RenderError(.syntax, message: lastMessage(fallback: "the DOT text could not be parsed"))
            }
            defer { agclose(graph) }

            let layoutStatus = gvLayout(context, graph, engine)
            defer { freeLayout(graph, engine: engine, laidOut: layoutStatus == 0) }
            if layoutStatus != 0 || failedSinceReset() {
                throw RenderError(.layout, message: lastMessage(fallback: "layout with engine '\(engine)' failed"))
            }

            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let renderStatus = gvRenderData(context, graph, format, &buffer, &length)
            defer { if let buffer { gvFreeRenderData(buffer) } }
            if renderStatus != 0 || failedSinceReset() {
                throw RenderError(.render, message: lastMessage(fallback: "rendering to '\(format)' failed"))
            }
            guard let buffer, length > 0 else {
                throw RenderError(.render, message: lastMessage(fallback: "rendering to '\(format)' produced no output"))
            }
            return Data(bytes: buffer, count: Int(length))
        }

        /// `gvFreeLayout`, plus what Graphviz 2.42 leaks per render (measured with valgrind, see `shim.h`): the
        /// `items` array of every HTML-like label line, and the nop2 layout's node list. Without this, each
        /// render of a 30-step blueprint kept about 11 KiB (74 KiB at 200 steps); with it, RSS stays flat
        /// (`RenderMemoryTests`). Only after a successful layout, when the label structures are complete.
        func freeLayout(_ graph: UnsafeMutablePointer<Agraph_t>, engine: String, laidOut: Bool) {
            guard freesKnownLeaks, laidOut else {
                gvFreeLayout(context, graph)
                return
            }
            let lineItems = sbgv242_html_line_items(graph)
            // The DOT text's `layout` attribute wins over the engine argument, so ask the graph which ran.
            let attribute = sbgv_graph_layout(graph).map { String(cString: $0) } ?? ""
            if (attribute.isEmpty ? engine : attribute) == LayoutEngine.pinned.graphvizName {
                sbgv242_free_neato_node_list(graph)
            }
            gvFreeLayout(context, graph)
            sbgv_pointer_list_free(lineItems)
        }

        /// Parses `dot` and counts its nodes and edges (no layout).
        func parse(dot: String) throws(RenderError) -> (nodes: Int, edges: Int) {
            let parsed = try read(dot)
            guard let graph = parsed else {
                throw RenderError(.syntax, message: lastMessage(fallback: "the DOT text could not be parsed"))
            }
            defer { agclose(graph) }
            return (Int(agnnodes(graph)), Int(agnedges(graph)))
        }

        /// Resets the error state and parses `dot`; `nil` when it does not parse (the caller throws).
        func read(_ dot: String) throws(RenderError) -> UnsafeMutablePointer<Agraph_t>? {
            _ = agreseterrors()
            // cgraph's lexer keeps unread input (the text after the previous graph's closing brace) and its
            // line counter between parses: discard both so every job starts clean and syntax errors name
            // the right line.
            aglexbad()
            agreadline(1)
            return dot.withCString { agmemread($0) }
        }

        /// `true` when Graphviz reported an error (not just a warning) since the last reset.
        func failedSinceReset() -> Bool { agerrors() >= sbgv_error_level_error() }

        /// Graphviz's last message, freed after copying; only trusted when this job reported an error,
        /// because the buffer still holds older jobs' messages otherwise.
        func lastMessage(fallback: String) -> String {
            guard failedSinceReset(), let raw = aglasterr() else { return fallback }
            defer { sbgv_free(raw) }
            let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? fallback : text
        }
    }
}

/// The Graphviz plugins found at start-up, by kind (names without the `:package` suffix).
public struct PluginInventory: Sendable, Hashable {
    /// Layout engines, e.g. `dot`, `neato`, `nop2`.
    public var layouts: Set<String>
    /// Renderers, e.g. `svg`, `cairo`, `dot`.
    public var renderers: Set<String>
    /// Output devices, e.g. `svg`, `png`, `pdf`.
    public var devices: Set<String>

    /// Creates an inventory.
    public init(layouts: Set<String>, renderers: Set<String>, devices: Set<String>) {
        self.layouts = layouts
        self.renderers = renderers
        self.devices = devices
    }

    /// Throws ``RenderError/Code/missingPlugin`` naming what is missing and how to install it.
    func require(engine: String, format: OutputFormat) throws(RenderError) {
        var missing: [String] = []
        if !layouts.contains(engine.lowercased()) { missing.append("layout engine '\(engine)'") }
        if !renderers.contains(format.requiredRenderer) { missing.append("renderer '\(format.requiredRenderer)'") }
        if !devices.contains(format.requiredDevice) { missing.append("output device '\(format.requiredDevice)'") }
        guard !missing.isEmpty else { return }
        throw RenderError(
            .missingPlugin,
            message: "Graphviz is missing \(missing.joined(separator: ", ")); installed layouts: "
                + "\(layouts.sorted().joined(separator: " ")); devices: \(devices.sorted().joined(separator: " ")). "
                + "Install Graphviz with its plugins (Debian: apt-get install graphviz libgraphviz-dev; "
                + "macOS: brew install graphviz) and run `dot -c` once as root if the plugin list is empty.")
    }
}
