import Foundation
import Testing

/// `capacity --figures measured` after `measure --update` on a log without start events, and
/// `measure --update` keeping the file's comments (the realism tester's points).
@Suite("blueprint capacity and measure --update: what the measured figures can say")
struct MeasuredFiguresCommandTests {
    /// A draft discovered from a complete-only log, with a lead-time target, updated from that log.
    static func draftWithTarget() throws -> (file: String, log: String) {
        let directory = try CLI.temporaryDirectory()
        let log = directory.appendingPathComponent("cases.csv").path
        var rows = "case,activity,timestamp\n"
        for n in 0..<6 {
            rows += "\(n),Register,2024-03-0\(n + 1) 09:00\n\(n),\(n % 3 == 0 ? "Reject" : "Approve"),2024-03-0\(n + 1) 11:00\n"
        }
        try rows.write(toFile: log, atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("draft.yaml").path
        #expect(try CLI.run(["discover", "--log", log, "-o", file]).status == 0)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "    ends: [", with: "    target: {leadTime: 1h, attainment: 0.9}\n    ends: [")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let update = try CLI.run(["measure", file, "--log", log, "--update"])
        #expect(update.status == 0, "\(update.stderr)")
        return (file, log)
    }

    @Test("no measured times and no estimates: capacity says so instead of meeting the target in 100 %")
    func noTimesNoVerdict() throws {
        let (file, _) = try Self.draftWithTarget()
        let measured = try CLI.run(["capacity", file, "--figures", "measured", "--iterations", "100"])
        #expect(measured.status == 0, "\(measured.stderr)")
        #expect(!measured.stdout.contains("meets the 1h target"), "\(measured.stdout)")
        #expect(measured.stdout.contains("no step has a duration or a wait, so whether the 1h target is met cannot be said"), "\(measured.stdout)")
        #expect(measured.stdout.contains("figures: no measured times in the file"), "\(measured.stdout)")
        #expect(measured.stdout.contains("2 flows use observed shares"), "\(measured.stdout)")
    }

    @Test("near miss: with an estimate on a step, the target is judged as before")
    func estimatesStillJudge() throws {
        let (file, _) = try Self.draftWithTarget()
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "    title: Register\n", with: "    title: Register\n    duration: 30min\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let measured = try CLI.run(["capacity", file, "--figures", "measured", "--iterations", "100"])
        #expect(measured.stdout.contains("meets the 1h target in 100 %"), "\(measured.stdout)")
    }
}
