import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

@Suite("In-process Graphviz renderer")
struct RendererTests {
    let renderer = GraphvizRenderer.shared

    @Test("The needed plugins are installed") func installation() throws {
        let plugins = try renderer.checkInstallation()
        #expect(plugins.layouts.isSuperset(of: ["nop2", "neato", "dot"]))
        #expect(plugins.renderers.isSuperset(of: ["svg", "cairo", "dot"]))
        #expect(plugins.devices.isSuperset(of: ["svg", "png", "pdf", "plain"]))
    }

    @Test("A missing plugin is reported clearly") func missingPlugin() {
        let inventory = PluginInventory(layouts: ["dot"], renderers: ["svg"], devices: ["svg"])
        #expect(throws: RenderError.self) { try inventory.require(engine: "nop2", format: .png) }
        do {
            try inventory.require(engine: "nop2", format: .png)
        } catch {
            #expect(error.code == .missingPlugin)
            #expect(error.message.contains("layout engine 'nop2'"))
            #expect(error.message.contains("renderer 'cairo'"))
            #expect(error.message.contains("apt-get install graphviz"))
        }
    }

    @Test("Bad DOT throws a syntax error with Graphviz's message") func syntaxError() throws {
        let error = #expect(throws: RenderError.self) { try renderer.render(dot: "digraph { a -> }", format: .svg) }
        #expect(error?.code == .syntax)
        #expect(error?.message == "syntax error in line 1 near '}'", "\(String(describing: error))")
        // The parser recovers: the next job works.
        let svg = try renderer.render(dot: "digraph { a -> b }", format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
    }

    @Test("An unknown layout engine in the DOT text throws a layout error") func layoutError() {
        let error = #expect(throws: RenderError.self) {
            try renderer.render(dot: "digraph { graph [layout=bogus]; a }", format: .svg)
        }
        #expect(error?.code == .layout)
        #expect(error?.message.contains("Layout type: \"bogus\" not recognized") == true, "\(String(describing: error))")
    }

    @Test("Pinned layout without positions throws a layout error") func pinnedWithoutPositions() {
        let error = #expect(throws: RenderError.self) {
            try renderer.render(dot: "digraph { a -> b }", format: .svg, engine: .pinned)
        }
        #expect(error?.code == .layout)
        #expect(error?.message.isEmpty == false)
    }

    @Test("Every format renders", arguments: OutputFormat.allCases) func formats(format: OutputFormat) throws {
        let data = try renderer.render(Fixtures.minimal, format: format)
        switch format {
        case .svg: #expect(String(decoding: data, as: UTF8.self).contains("<svg"))
        case .png: #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        case .pdf: #expect(data.starts(with: Array("%PDF".utf8)))
        case .dot: #expect(String(decoding: data, as: UTF8.self).contains("pos="))
        case .plain: #expect(String(decoding: data, as: UTF8.self).hasPrefix("graph "))
        }
    }

    @Test("Same input, byte-identical SVG") func byteIdentical() throws {
        let first = try renderer.render(Fixtures.repair, format: .svg, overlay: Fixtures.repairOverlay)
        let second = try renderer.render(Fixtures.repair, format: .svg, overlay: Fixtures.repairOverlay)
        #expect(first == second)
        let third = try renderer.render(Fixtures.returns, format: .svg)
        let fourth = try renderer.render(Fixtures.returns, format: .svg)
        #expect(third == fourth)
    }

    @Test("The Graphviz CLI draws the same SVG from the written DOT, without a warning") func sameAsCommandLine() throws {
        let cases: [(Blueprint, RenderOverlay?)] = [
            (Fixtures.returns, nil), (Fixtures.repair, Fixtures.repairOverlay), (EscapingTests.hostile, nil),
        ]
        for (blueprint, overlay) in cases {
            let dot = DOTWriter().dot(for: blueprint, overlay: overlay)
            let inProcess = try renderer.render(dot: dot, format: .svg, engine: .pinned)
            guard let cli = try? Self.runDot(dot) else { return }  // no `dot` on PATH: nothing to compare
            #expect(inProcess == cli.output, "\(blueprint.id): in-process SVG differs from `dot -Tsvg`")
            // Warnings would pile up in Graphviz's in-process error buffer, so the writer must cause none.
            #expect(cli.errors.isEmpty, "\(blueprint.id): Graphviz warned: \(cli.errors)")
        }
    }

    @Test("8 tasks × 50 renders at once all complete correctly") func concurrency() async throws {
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var blueprint = Fixtures.minimal
                    blueprint.title = "Task \(task)"
                    var checked = 0
                    for round in 0..<50 {
                        // Half the jobs use the async API, half the blocking one, to exercise both paths.
                        let svg: Data
                        if round.isMultiple(of: 2) {
                            svg = try await GraphvizRenderer.shared.render(blueprint, format: .svg)
                        } else {
                            svg = try Self.renderBlocking(blueprint)
                        }
                        let tree = try SVGTree.parse(svg)
                        guard tree.elements(withClass: "step").count == 3,
                            tree.elements.contains(where: { $0.name == "text" && $0.text == "Task \(task)" })
                        else { throw RenderError(.render, message: "task \(task) round \(round): wrong output") }
                        checked += 1
                    }
                    return checked
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 400)
    }

    @Test("Invalid blueprints render without crashing") func tolerant() throws {
        let broken = Blueprint(
            id: "broken",
            stages: [Stage(id: "a"), Stage(id: "a")],
            steps: [
                Step(id: "x", title: "X", lane: .customer, stage: "a"),
                Step(id: "x", title: "Duplicate X", lane: .backstage, stage: "a"),
                Step(id: "y", title: "Y", lane: .support, stage: "undeclared"),
                Step(id: "z", title: "", lane: .frontstage, stage: "a"),
            ],
            flows: [
                Flow(from: "x", to: "y"), Flow(from: "y", to: "x"), Flow(from: "x", to: "x"),
                Flow(from: "z", to: "ghost"), Flow(from: "y", to: "z", kind: .rework),
            ])
        let svg = try SVGTree.parse(try renderer.render(broken, format: .svg))
        #expect(svg.elements(withClass: "step").count == 3)
        let empty = try SVGTree.parse(try renderer.render(Blueprint(id: "empty"), format: .svg))
        #expect(empty.elements(withClass: "step").isEmpty)
        var extreme = RenderOptions()
        extreme.fontSize = .nan
        extreme.stepWidth = -5
        extreme.fontName = "\"\\\n"
        _ = try renderer.render(Fixtures.minimal, format: .png, options: extreme)
    }

    /// The blocking API (from an async context the `async` overload would be chosen).
    static func renderBlocking(_ blueprint: Blueprint) throws -> Data {
        try GraphvizRenderer.shared.render(blueprint, format: .svg)
    }

    /// Runs `dot -Tsvg` on `text`; throws when the tool is missing or fails.
    static func runDot(_ text: String) throws -> (output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let folder = FileManager.default.temporaryDirectory
        let name = "render-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let input = folder.appendingPathComponent(name + ".dot")
        let errors = folder.appendingPathComponent(name + ".err")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: errors)
        }
        try Data(text.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.arguments = ["dot", "-Tsvg", input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RenderError(.render, message: "dot failed") }
        return (data, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}
