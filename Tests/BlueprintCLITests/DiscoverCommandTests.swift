import Foundation
import Testing

/// `blueprint discover` writes a draft that `check` accepts, and says what it guessed.
@Suite("blueprint discover")
struct DiscoverCommandTests {
    @Test func draftFromTheTicketLog() throws {
        let directory = try CLI.temporaryDirectory()
        let draft = directory.appendingPathComponent("draft.yaml").path
        let result = try CLI.run(["discover", "--log", MeasureCommandTests.log, "--lifecycle-column", "Status", "-o", draft])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: guessed: "), "\(result.stderr)")
        #expect(result.stderr.contains("draft.yaml: draft with 6 steps"), "\(result.stderr)")
        let text = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(text.contains("id: triage") && text.contains("kind: rework"), "\(text)")
        let check = try CLI.run(["check", draft])
        #expect(check.status != 2, "the draft is a valid blueprint: \(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("error:"), "\(check.stdout)")

        let roles = directory.appendingPathComponent("roles.csv").path
        try "resource,role,lane\nben,agent,frontstag\n".write(toFile: roles, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["discover", "--log", MeasureCommandTests.log, "--roles", roles])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("roles.csv:2:11: error: unknown lane 'frontstag'; did you mean 'frontstage'?"), "\(bad.stderr)")
        #expect(try CLI.run(["discover", "--log", MeasureCommandTests.log, "--threshold", "2"]).status == 2)
    }
}
