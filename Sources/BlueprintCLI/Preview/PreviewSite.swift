import BlueprintGraphviz
import Foundation
import ServiceBlueprint

/// What `blueprint preview` serves: one viewer page per watched blueprint file, kept up to date by
/// ``refresh()``, and the open event streams told about each change.
///
/// Only the pages in ``pages`` exist: a request is answered by looking its path up in a table, never
/// by reading a file named in it, so no request can reach outside the watched files.
actor PreviewSite {
    /// The event stream's path; every page subscribes to it.
    static let eventsPath = "/events"

    /// One watched file.
    struct Page {
        var input: InputCollector.Input
        var signature: FileSignature?
        /// The last version that loaded; kept while later saves have errors.
        var lastGood: BlueprintViewer.Entry?
        /// The errors of the current version (empty when it loaded).
        var problems: [String]
        var html: String
    }

    private let paths: [String]
    private let config: String?
    /// `--language`, if given; otherwise each page speaks its blueprint's `language:` or the environment's.
    private let language: Language?
    /// Pages by URL path (`/view/<relative path>`), in the order the files were found.
    private(set) var pages: [String: Page] = [:]
    private var order: [String] = []
    private var listeners: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var changeCount = 0

    init(paths: [String], config: String?, language: Language? = nil) {
        self.paths = paths
        self.config = config
        self.language = language
    }

    /// The number of watched files.
    var count: Int { order.count }

    /// The page at `path`, or `nil` (404). `/` is the only page when one file is watched, else the index.
    func html(at path: String) -> String? {
        if path == "/" { return order.count == 1 ? pages[order[0]]?.html : index() }
        return pages[path]?.html
    }

    /// A stream of server-sent events: a `change` event each time a watched file changes, and a
    /// comment every 15 s so a closed connection is noticed.
    func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        listeners[id] = continuation
        // Sent at once, so the client knows the stream is open.
        continuation.yield(Data(": connected\n\n".utf8))
        return stream
    }

    private func unsubscribe(_ id: UUID) { listeners[id] = nil }

    /// Sends a keep-alive comment to every open stream.
    func ping() {
        for continuation in listeners.values { continuation.yield(Data(": ping\n\n".utf8)) }
    }

    /// Looks at every watched file once: new and changed files are read, analysed and drawn again,
    /// removed ones dropped. Open pages are told when anything changed. Returns the changed paths.
    @discardableResult
    func refresh() async -> [String] {
        let (inputs, _) = InputCollector.collect(paths)
        var seen = Set<String>()
        var changed: [String] = []
        var resolver = ConfigurationResolver(explicit: config)
        for input in inputs {
            let route = Self.route(for: input, taken: seen)
            seen.insert(route)
            let signature = FileSignature(path: input.path)
            if let page = pages[route], page.signature == signature, page.input == input { continue }
            let configuration = resolver.configuration(for: input.path)
            let (section, messages) = await ReportCommand.section(for: input, configuration: configuration, format: .html, language: language)
            var page = pages[route] ?? Page(input: input, signature: nil, lastGood: nil, problems: [], html: "")
            page.input = input
            page.signature = signature
            if let entry = section?.viewer {
                page.lastGood = entry
                page.problems = []
            } else {
                page.problems = messages.flatMap { $0.split(separator: "\n").map(String.init) }
            }
            let shown = LanguageOption.resolve(explicit: language, declared: page.lastGood?.analysis.blueprint.language)
            page.html = BlueprintViewer.page(
                title: LocalizedText("preview.title", ["title": .verbatim(page.lastGood?.analysis.blueprint.title ?? input.relativePath)]).rendered(in: shown),
                entries: page.lastGood.map { [$0] } ?? [], problems: page.problems, reloadEvents: Self.eventsPath, language: shown)
            if pages[route] == nil { order.append(route) }
            pages[route] = page
            changed.append(route)
        }
        for route in order where !seen.contains(route) {
            pages[route] = nil
            changed.append(route)
        }
        order.removeAll { !seen.contains($0) }
        if !changed.isEmpty {
            changeCount += 1
            let event = Data("event: change\nid: \(changeCount)\ndata: \(changed.joined(separator: " "))\n\n".utf8)
            for continuation in listeners.values { continuation.yield(event) }
        }
        return changed
    }

    /// `/view/` and the file's path under the folder it was found in (its name for a file named
    /// directly); a second file with the same relative path gets `~2`, and so on.
    private static func route(for input: InputCollector.Input, taken: Set<String>) -> String {
        let base = "/view/" + input.relativePath
        var route = base, number = 1
        while taken.contains(route) {
            number += 1
            route = base + "~\(number)"
        }
        return route
    }

    /// The list of watched files, with their state.
    private func index() -> String {
        // The option's language, else the one every watched blueprint declares, else the environment's.
        let declared = Set(order.compactMap { pages[$0] }.map { $0.lastGood?.analysis.blueprint.language })
        let shown = LanguageOption.resolve(explicit: language, declared: declared.count == 1 ? declared.first ?? nil : nil)
        func t(_ key: String) -> String { LocalizedText("preview.index.\(key)").rendered(in: shown) }
        var items: [HTML] = []
        for route in order {
            guard let page = pages[route] else { continue }
            let state: HTML = page.problems.isEmpty ? "" : " <strong>\(t("errors"))</strong>"
            let title = page.lastGood?.analysis.blueprint.title ?? page.input.relativePath
            items.append("<li><a href=\"\(MarkupEscaping.urlPath(route))\">\(title)</a> <code>\(page.input.path)</code>\(state)</li>")
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="\(shown.identifier)"><head><meta charset="utf-8"><title>\(t("title"))</title></head>
            <body style="font:15px/1.5 sans-serif;margin:2rem"><h1>\(t("title"))</h1><ul>\(HTML.joined(items, separator: "\n"))</ul>
            <script>new EventSource("/events").addEventListener("change", () => location.reload());</script>
            </body></html>

            """
        return page.description
    }
}

/// What changes when a file is saved: its size, modification time and inode (an editor that saves
/// by renaming a new file over the old one changes the inode).
struct FileSignature: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}
