import Foundation
import Testing

@testable import ServiceBlueprint

/// `BlueprintDocument.read(from:whileValidating:)`: the analysis that `blueprint check` runs while a
/// file is validated gives what reading and then analysing gives, and never reaches the caller for a
/// file with errors.
@Suite("Reading while validating")
struct DocumentOverlappedReadTests {
    /// Writes `text` to a fresh temporary file named `name` and returns its path.
    private func temporaryFile(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("a valid file gives the same document and the same analysis as reading, then analysing",
          arguments: DocumentTesting.validBlueprintFiles)
    func validFileMatchesSequentialRead(_ file: URL) throws {
        let sequential = try BlueprintDocument.read(from: file.path)
        let expected = Analyzer().analyze(sequential.blueprint, sourceMap: sequential.sourceMap)
        let (document, report) = try BlueprintDocument.read(from: file.path) { blueprint, sourceMap in
            Analyzer().analyze(blueprint, sourceMap: sourceMap)
        }
        #expect(document.blueprint == sequential.blueprint)
        #expect(document.diagnostics == sequential.diagnostics)
        #expect(document.sourceMap == sequential.sourceMap)
        #expect(report == expected)
    }

    @Test("a file that fails validation throws the same diagnostics, and the work's result is dropped")
    func invalidFileThrowsTheSameDiagnostics() throws {
        // Readable, but a flow names an unknown step: only validation finds it.
        let path = try temporaryFile(
            "broken.yaml",
            """
            id: broken
            title: Broken
            steps:
              - {id: ask, title: Ask, lane: customer}
              - {id: answer, title: Answer, lane: frontstage}
            flows:
              - {from: ask, to: anwser}
            """)
        let sequential = #expect(throws: BlueprintError.self) { try BlueprintDocument.read(from: path) }
        let overlapped = #expect(throws: BlueprintError.self) {
            try BlueprintDocument.read(from: path) { blueprint, _ in blueprint.steps.count }
        }
        #expect(sequential?.diagnostics.isEmpty == false)
        #expect(overlapped?.diagnostics == sequential?.diagnostics)
    }

    @Test("a file the reader rejects throws the reader's diagnostics without running the work")
    func unreadableFileDoesNotRunTheWork() throws {
        let path = try temporaryFile("bad.yaml", "id: [unclosed\n")
        let ran = Counter()
        let sequential = #expect(throws: BlueprintError.self) { try BlueprintDocument.read(from: path) }
        let error = #expect(throws: BlueprintError.self) {
            try BlueprintDocument.read(from: path) { _, _ in ran.increment() }
        }
        #expect(error?.diagnostics.first?.location?.path == path)
        #expect(error?.diagnostics == sequential?.diagnostics)
        #expect(ran.value == 0)
    }

    /// Counts calls from any thread.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
