import Foundation
import Testing

/// Issue 16 in the commands: KPI and cost deltas in `diff`, the cost and SERVQUAL tables in `report`.
@Suite("diff KPI and cost deltas; report cost and SERVQUAL tables")
struct ExperienceCommandTests {
    /// The retail showcase and a to-be copy: the desk's CSAT measured again (79 → 84) and the desk
    /// associates' rate raised from £14 to £15 an hour.
    static func versions() throws -> (old: String, new: String) {
        let directory = try CLI.temporaryDirectory()
        let old = CLI.packageRoot.appendingPathComponent("blueprints/retail-store-service.yaml").path
        var text = try String(contentsOfFile: old, encoding: .utf8)
        text = text.replacingOccurrences(of: "      - {value: 79, sample: 1240, period: 2026-03}", with: """
                  - {value: 79, sample: 1240, period: 2026-03}
                  - {value: 84, sample: 1302, period: 2026-06}
            """)
        text = text.replacingOccurrences(of: "    rate: 14\n", with: "    rate: 15\n")
        let new = directory.appendingPathComponent("to-be.yaml").path
        try text.write(toFile: new, atomically: true, encoding: .utf8)
        return (old, new)
    }

    @Test func diffShowsKPIAndCostDeltas() throws {
        let (old, new) = try Self.versions()
        let result = try CLI.run(["diff", old, new])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\nKPIs\n"))
        #expect(result.stdout.contains(
            "CSAT service desk (csat): target 85; measured 79 (1240 answers, 2026-03) → 84 (1302 answers, 2026-06) (+5, better)"))
        #expect(result.stdout.contains("NPS returns (nps): target 35; measured"))
        #expect(result.stdout.contains("\nCost per case\n"))
        #expect(result.stdout.contains("  Return for a refund: £"))
        #expect(result.stdout.contains("(+£"), "a dearer desk makes every case dearer")

        let json = try CLI.run(["diff", old, new, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let kpis = try #require(object["kpis"] as? [[String: Any]])
        let csat = try #require(kpis.first { $0["id"] as? String == "csat-desk" })
        #expect(csat["old"] as? Double == 79 && csat["new"] as? Double == 84 && csat["change"] as? Double == 5)
        #expect(csat["improved"] as? Bool == true && csat["newSample"] as? Int == 1302)
        let costs = try #require(object["costs"] as? [[String: Any]])
        #expect(costs.count == 3)
        #expect(costs.allSatisfy { ($0["change"] as? Double ?? 0) > 0 && $0["currency"] as? String == "£" })

        let chinese = try CLI.run(["diff", old, new, "--language", "zh-Hans"])
        #expect(chinese.stdout.contains("+5，变好") && chinese.stdout.contains("单件成本"))
        let markdown = try CLI.run(["diff", old, new, "--format", "markdown"])
        #expect(markdown.stdout.contains("| KPI | target | measured | change |"))
    }

    @Test func diffWithoutKPIsOrCostsLeavesTheKeysOut() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("plain.yaml").path
        try """
            id: plain
            steps:
              - {id: a, title: Customer asks, lane: customer}
              - {id: b, title: Agent answers, lane: frontstage}
            flows:
              - {from: a, to: b}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let json = try CLI.run(["diff", path, path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["kpis"] == nil && object["costs"] == nil)
        #expect(!(try CLI.run(["diff", path, path]).stdout.contains("KPIs")))
    }

    @Test func reportsShowTheCostAndServqualTables() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report.md").path
        let result = try CLI.run(["report", "blueprints/after-sales-repair.yaml", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("### Cost per case"))
        #expect(markdown.contains("| journey | cost per case | never seen by the customer | cost of waste |"))
        #expect(markdown.contains("### SERVQUAL coverage"))
        #expect(markdown.contains("| dimension | Report the fault | Troubleshoot |"))
        #expect(markdown.contains("**gap \\(0 \\/ 0\\)**"), "gaps in bold, the text escaped")
        let html = directory.appendingPathComponent("report.html").path
        #expect(try CLI.run(["report", "blueprints", "-o", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.components(separatedBy: "<h3>SERVQUAL coverage</h3>").count - 1 == 4)
        #expect(page.components(separatedBy: "<h3>Cost per case</h3>").count - 1 == 4)
    }
}
