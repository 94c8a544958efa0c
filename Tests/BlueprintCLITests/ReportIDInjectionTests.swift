import Foundation
import Testing

/// Issue 10, defect 2: a blueprint id like `x"><img src=x onerror=…><a x="` was pasted raw into the
/// Markdown report's anchor and image link (script execution wherever the Markdown is shown as HTML).
@Suite("Hostile ids never reach a report as markup")
struct ReportIDInjectionTests {
    static let hostileID = #"x\"><img src=x onerror=alert(document.domain)><a x=\""#

    @Test("a report run with a markup id next to a valid blueprint writes no markup from the id", arguments: ["md", "html"])
    func markupIDNextToAValidBlueprint(format: String) throws {
        let directory = try CLI.temporaryDirectory()
        try HostileInputTests.blueprint(id: Self.hostileID).write(
            to: directory.appendingPathComponent("evil.yaml"), atomically: true, encoding: .utf8)
        try HostileInputTests.blueprint(id: "good").write(
            to: directory.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        let report = directory.appendingPathComponent("out/r.\(format)")
        let result = try CLI.run(["report", directory.appendingPathComponent("evil.yaml").path,
                                  directory.appendingPathComponent("good.yaml").path, "-o", report.path])
        #expect(result.status == 2, "the hostile id is invalid input: \(result.stdout) \(result.stderr)")
        #expect((result.stdout + result.stderr).contains("may only contain letters, digits"), "\(result.stdout) \(result.stderr)")
        // Whatever was written (the report, its assets), nothing carries the id's markup.
        let written = FileManager.default.enumerator(atPath: directory.appendingPathComponent("out").path)?
            .compactMap { $0 as? String } ?? []
        for path in written {
            let url = directory.appendingPathComponent("out").appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            #expect(!text.contains("<img"), "\(path) contains the id's <img")
            #expect(!text.contains("onerror="), "\(path) contains the id's onerror")
        }
    }
}
