import Foundation
import Testing

@testable import ServiceBlueprint

/// KPIs written in the DSL (issue 16: KPIs in the model, file format, schema and DSL), and their
/// references checked the same way for a DSL blueprint and a file.
@Suite("KPIs in the DSL")
struct KPIBuilderTests {
    static func blueprint(kpiStep: String = "answer") throws(BlueprintError) -> Blueprint {
        try Blueprint(id: "desk") {
            Stage("contact") {
                Step("call", "Customer calls", lane: .customer, channel: .phone)
                Step("answer", "Agent answers", lane: .frontstage, channel: .phone).after("call")
            }
            Journey(id: "standard", start: "call")
            KPI(id: "csat-call", kind: .csat, step: kpiStep, target: 4.5,
                measured: [KPIMeasurement(value: 4.1, sample: 212, period: "2026-Q3")])
            KPI(id: "nps", kind: .nps, journey: "standard", target: 40)
        }
    }

    @Test("KPIs written in a block land in the blueprint, in order, and survive the file format")
    func kpisInABlock() throws {
        let blueprint = try Self.blueprint()
        #expect(blueprint.kpis.map(\.id) == ["csat-call", "nps"])
        #expect(blueprint.kpis.first?.step == "answer" && blueprint.kpis.last?.journey == "standard")
        let back = try BlueprintDocument.parse(blueprint.yamlText(), path: "desk.yaml", format: .yaml).blueprint
        #expect(back.kpis == blueprint.kpis)
    }

    @Test("a KPI at a step that does not exist is an error with a suggestion, in the DSL and in a file")
    func unknownTouchpoint() throws {
        do {
            _ = try Self.blueprint(kpiStep: "answr")
            Issue.record("a KPI at an unknown step was accepted")
        } catch {
            let text = error.description(in: .english)
            #expect(text.contains("answr") && text.contains("answer"), "\(text)")
        }
        var file = try Self.blueprint().yamlText()
        file = file.replacingOccurrences(of: "step: answer", with: "step: answr")
        do {
            _ = try BlueprintDocument.parse(file, path: "desk.yaml", format: .yaml)
            Issue.record("a file with a KPI at an unknown step was accepted")
        } catch {
            // Located at the KPI's `step:` line.
            let text = error.description(in: .english)
            #expect(text.hasPrefix("desk.yaml:") && text.contains("answr") && text.contains("did you mean 'answer'"), "\(text)")
        }
    }
}
