import Foundation
import Testing

@Suite("blueprint render --journey")
struct RenderJourneyTests {
    @Test("highlights the journey: steps off it are dimmed, its persona is named")
    func highlights() throws {
        let output = try CLI.temporaryDirectory()
        let result = try CLI.run([
            "render", "blueprints/after-sales-repair.yaml", "-o", output.path, "--format", "dot", "--journey", "same-day-onsite",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try String(contentsOf: output.appendingPathComponent("after-sales-repair.dot"), encoding: .utf8)
        #expect(dot.contains("Journey: Premium same-day on-site repair"))
        // Chat is not among the journey's steps; calling the hotline is.
        #expect(dot.contains("id=\"step-start-chat\", class=\"step lane-customer kind-action touchpoint dimmed\""))
        #expect(dot.contains("id=\"step-call-hotline\", class=\"step lane-customer kind-action waitpoint touchpoint\""))
    }

    @Test("an unknown journey is an input error with a suggestion, and nothing is written")
    func unknownJourney() throws {
        let output = try CLI.temporaryDirectory()
        let result = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", output.path, "--journey", "housold"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("after-sales-repair.yaml: error: no journey 'housold' in this blueprint; did you mean 'household'?"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("after-sales-repair.svg").path))
    }

    @Test("--view journey draws the journey map: rows for the customer's side, opportunities from the analysis")
    func journeyMapView() throws {
        let output = try CLI.temporaryDirectory()
        let result = try CLI.run([
            "render", "blueprints/after-sales-repair.yaml", "-o", output.path, "--format", "dot", "--view", "journey", "--journey", "same-day-onsite",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try String(contentsOf: output.appendingPathComponent("after-sales-repair.dot"), encoding: .utf8)
        #expect(dot.contains("class=\"journey-map\""))
        for row in ["Goal", "Customer actions", "Touchpoints and", "Customer emotion", "Opportunities", "Experience KPIs"] {
            #expect(dot.contains("-\(row) ") || dot.contains("-\(row)\""), "row '\(row)' missing")
        }
        #expect(dot.contains("Journey: Premium same-day on-site repair"))
        // Off the journey: the chat is not among its actions.
        #expect(!dot.contains("Customer opens a chat"))
    }

    @Test("--view journey with --format html or --pages is a usage error")
    func journeyMapViewUsage() throws {
        let output = try CLI.temporaryDirectory()
        let result = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", output.path, "--format", "html", "--view", "journey"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--view journey"))
        let paged = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", output.path, "--format", "pdf", "--pages", "a4", "--view", "journey"])
        #expect(paged.status != 0)
        #expect(paged.stderr.contains("--view journey"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: output.path))?.isEmpty ?? true, "nothing is written")
    }
}
