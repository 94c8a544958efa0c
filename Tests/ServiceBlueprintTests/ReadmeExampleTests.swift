import Foundation
import ServiceBlueprint
import Testing

/// The README's examples, compiled and run, so the front page never shows code that does not work.
@Suite("README examples")
struct ReadmeExampleTests {
    @Test("the DSL example builds, analyzes, writes YAML, and equals the README's YAML example")
    func dslExample() throws {
        let repair = try Blueprint(id: "repair", title: "After-sales repair") {
            Actors {
                Actor(id: "agent", title: "First-line agent", kind: .role, department: "contact-centre", capacity: 6)
                Actor(id: "crm", title: "CRM", kind: .system)
            }
            Information {
                InformationItem(id: "serial", title: "Device serial number", fromCustomer: true)
            }
            Stage("contact", title: "Contact") {
                Step("call", "Customer calls the hotline", lane: .customer, channel: .phone)
                    .produces("serial")
                Step("answer", "Agent answers and logs the fault", lane: .frontstage, actor: "agent", channel: .phone)
                    .after("call")
                    .duration(min: .minutes(4), likely: .minutes(6), max: .minutes(15))
                    .timeStandard(.minutes(6), tolerance: .minutes(3))
                    .serviceStandard("Greet by name; confirm the fault in the customer's words")
                    .needs("serial")
                    .failPoint("Long hold time", recovery: "Offer a call-back", owner: "agent")
            }
            Journey(id: "standard", start: "call", demand: .perDay(120), target: .init(leadTime: .days(3)))
        }

        let report = Analyzer().analyze(repair)
        #expect(report.metrics.journeys.first?.leadTime == .minutes(6))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("repair.yaml").path
        try repair.write(to: path)
        #expect(try BlueprintDocument.read(from: path).blueprint == repair)
    }

    @Test("the README's YAML example is a valid blueprint")
    func yamlExample() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n# yaml-language-server"))
        let body = text[text.index(start.lowerBound, offsetBy: 8)...]
        let end = try #require(body.range(of: "```"))
        let document = try BlueprintDocument.parse(String(body[..<end.lowerBound]), path: "README.md", format: .yaml)
        #expect(document.blueprint.steps.map(\.id) == ["call", "answer"])
    }
}
