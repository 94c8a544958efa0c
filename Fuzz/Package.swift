// swift-tools-version: 6.0
// libFuzzer targets for every reader and writer of ServiceBlueprint. A separate package so that the
// root package's `swift build`/`swift test` never builds them. Build and run one with
// `scripts/fuzz.sh <Name> [seconds] [libFuzzer args]`, which passes `-sanitize=fuzzer,address`.
import PackageDescription

let package = Package(
    name: "ServiceBlueprintFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ServiceBlueprint", path: "..")],
    targets: [
        // libFuzzer's driver entry point, declared for Swift.
        .target(name: "CFuzzDriver"),
        // What every fuzzer shares: the driver, input decoding and invariant checks that crash loudly.
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", .product(name: "ServiceBlueprint", package: "ServiceBlueprint")]
        ),
        .executableTarget(
            name: "DocumentReaderFuzzer",
            dependencies: ["FuzzSupport", .product(name: "ServiceBlueprint", package: "ServiceBlueprint")]
        ),
        .executableTarget(
            name: "ConfigurationReaderFuzzer",
            dependencies: ["FuzzSupport", .product(name: "ServiceBlueprint", package: "ServiceBlueprint")]
        ),
        .executableTarget(
            name: "WritersFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "ServiceBlueprint", package: "ServiceBlueprint"),
                .product(name: "BlueprintGraphviz", package: "ServiceBlueprint"),
            ]
        ),
        // Interchange (issue 14): the BPMN importer and the CSV importer.
        .executableTarget(
            name: "BPMNReaderFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "ServiceBlueprint", package: "ServiceBlueprint"),
                .product(name: "BlueprintInterchange", package: "ServiceBlueprint"),
            ]
        ),
        .executableTarget(
            name: "CSVReaderFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "ServiceBlueprint", package: "ServiceBlueprint"),
                .product(name: "BlueprintInterchange", package: "ServiceBlueprint"),
            ]
        ),
        // eventlog (issue 15): the event-log readers (XES; CSV with the BlueprintCSV tokenizer).
        .executableTarget(
            name: "XESLogFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "ServiceBlueprint", package: "ServiceBlueprint"),
                .product(name: "BlueprintProcessData", package: "ServiceBlueprint"),
            ]
        ),
        .executableTarget(
            name: "CSVLogFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "ServiceBlueprint", package: "ServiceBlueprint"),
                .product(name: "BlueprintProcessData", package: "ServiceBlueprint"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
