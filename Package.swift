// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ServiceBlueprint",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ServiceBlueprint", targets: ["ServiceBlueprint"]),
        .library(name: "BlueprintGraphviz", targets: ["BlueprintGraphviz"]),
        .library(name: "BlueprintInterchange", targets: ["BlueprintInterchange"]),
        .library(name: "BlueprintCSV", targets: ["BlueprintCSV"]),
        .library(name: "BlueprintProcessData", targets: ["BlueprintProcessData"]),
        // sim17 (issue 17): discrete-event simulation.
        .library(name: "BlueprintSimulation", targets: ["BlueprintSimulation"]),
        .executable(name: "blueprint", targets: ["blueprint"]),
        .plugin(name: "RenderBlueprints", targets: ["RenderBlueprints"]),
        .plugin(name: "CheckBlueprints", targets: ["CheckBlueprints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
        // viewer2 (issue 18): the loopback server behind `blueprint preview`; linked by the CLI only.
        .package(url: "https://github.com/swhitty/FlyingFox.git", exact: "0.27.1"),
    ],
    targets: [
        // Pure Swift: model, DSL, documents, validation, graph, analysis. No C.
        .target(
            name: "ServiceBlueprint",
            dependencies: [.product(name: "Yams", package: "Yams")],
            // l10n (issue 19): one message catalog per language (Localization/Catalogs/<language>.json).
            resources: [.copy("Localization/Catalogs")]
        ),
        // The only module that touches the Graphviz C library.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(
            name: "BlueprintGraphviz",
            dependencies: ["ServiceBlueprint", "CGraphviz"]
        ),
        // Named like its product so the package plugins can depend on it (a plugin cannot depend
        // on an executable target exported under another product name).
        .executableTarget(
            name: "blueprint",
            dependencies: [
                "ServiceBlueprint",
                "BlueprintGraphviz",
                "BlueprintInterchange",
                "BlueprintCSV",
                "BlueprintProcessData",
                "BlueprintSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            path: "Sources/BlueprintCLI"
        ),
        .plugin(
            name: "RenderBlueprints",
            capability: .command(
                intent: .custom(verb: "render-blueprints", description: "Render every blueprint in blueprints/ with the blueprint tool."),
                permissions: [.writeToPackageDirectory(reason: "Writes the rendered diagrams to blueprints-rendered/ in the package (or to the folder given with --output).")]
            ),
            dependencies: ["blueprint"]
        ),
        .plugin(
            name: "CheckBlueprints",
            capability: .command(
                intent: .custom(verb: "check-blueprints", description: "Check every blueprint in blueprints/ with the blueprint tool.")
            ),
            dependencies: ["blueprint"]
        ),
        .executableTarget(
            name: "blueprint-bench",
            dependencies: ["ServiceBlueprint"],
            path: "Benchmarks/blueprint-bench"
        ),
        .executableTarget(
            name: "RenderBlueprint",
            dependencies: ["ServiceBlueprint", "BlueprintGraphviz"],
            path: "Examples/RenderBlueprint"
        ),
        .executableTarget(
            name: "render-bench",
            dependencies: ["ServiceBlueprint", "BlueprintGraphviz"],
            path: "Benchmarks/render-bench"
        ),
        .executableTarget(
            name: "DesignerBlueprint",
            dependencies: ["ServiceBlueprint"],
            path: "Examples/DesignerBlueprint"
        ),
        .executableTarget(
            name: "AsIsToBe",
            dependencies: ["ServiceBlueprint"],
            path: "Examples/AsIsToBe"
        ),
        .executableTarget(
            name: "CustomRule",
            dependencies: ["ServiceBlueprint"],
            path: "Examples/CustomRule"
        ),
        .executableTarget(
            name: "FolderSummary",
            dependencies: ["ServiceBlueprint"],
            path: "Examples/FolderSummary"
        ),
        // eventlog (issue 15): streaming RFC 4180 tokenizer (no dependencies), shared with
        // BlueprintInterchange.
        .target(name: "BlueprintCSV"),
        // Interchange (issue 14): BPMN 2.0 import/export, CSV tables, Mermaid.
        .target(
            name: "BlueprintInterchange",
            dependencies: ["ServiceBlueprint", "BlueprintCSV"]
        ),
        .executableTarget(
            name: "interchange-bench",
            dependencies: ["ServiceBlueprint", "BlueprintInterchange"],
            path: "Benchmarks/interchange-bench"
        ),
        .testTarget(
            name: "BlueprintInterchangeTests",
            dependencies: ["BlueprintInterchange", "ServiceBlueprint"],
            resources: [.copy("Fixtures"), .copy("Golden")]
        ),
        .testTarget(name: "BlueprintCSVTests", dependencies: ["BlueprintCSV"]),
        // eventlog (issue 15): XES/CSV event logs measured against a blueprint.
        .target(name: "BlueprintProcessData", dependencies: ["ServiceBlueprint", "BlueprintCSV"]),
        .testTarget(name: "BlueprintProcessDataTests", dependencies: ["BlueprintProcessData", "ServiceBlueprint"], resources: [.copy("Fixtures")]),
        .executableTarget(name: "eventlog-bench", dependencies: ["BlueprintProcessData", "ServiceBlueprint"], path: "Benchmarks/eventlog-bench"),
        // sim17 (issue 17): discrete-event simulation of a blueprint, its tests and its benchmark.
        .target(name: "BlueprintSimulation", dependencies: ["ServiceBlueprint"]),
        .testTarget(name: "BlueprintSimulationTests", dependencies: ["BlueprintSimulation", "ServiceBlueprint"]),
        .executableTarget(name: "simulation-bench", dependencies: ["BlueprintSimulation", "ServiceBlueprint"], path: "Benchmarks/simulation", exclude: ["README.md", "mmc_simpy.py", "compare.sh"]),
        // kpi16 (issue 16): render time of both views of the showcases.
        .executableTarget(name: "views-bench", dependencies: ["ServiceBlueprint", "BlueprintGraphviz"], path: "Benchmarks/views", exclude: ["README.md", "run.sh"]),
        .testTarget(
            name: "ServiceBlueprintTests",
            dependencies: ["ServiceBlueprint"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BlueprintGraphvizTests",
            dependencies: ["BlueprintGraphviz", "ServiceBlueprint"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "BlueprintCLITests",
            dependencies: ["ServiceBlueprint", "blueprint"],
            exclude: ["Schemas"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
