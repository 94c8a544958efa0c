import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintInterchange

/// CSV tables: golden, round trip, quoting, BOM, semicolons, located errors.
@Suite("CSV interchange")
struct CSVInterchangeTests {
    static func load(_ path: String) throws -> Blueprint { try BlueprintDocument.read(from: path).blueprint }

    func imported(_ steps: String, flows: String? = nil) throws -> CSVImportResult {
        try CSVImporter.importTables(steps: Data(steps.utf8), path: "t.csv", flows: flows.map { Data($0.utf8) }, flowsPath: "t.flows.csv")
    }

    func errors(_ steps: String, flows: String? = nil) -> [String] {
        do throws(BlueprintError) {
            _ = try CSVImporter.importTables(
                steps: Data(steps.utf8), path: "t.csv", flows: flows.map { Data($0.utf8) }, flowsPath: "t.flows.csv")
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description)
        }
    }

    @Test("the clinic visit's tables match their golden files")
    func golden() throws {
        let blueprint = try Self.load(TestSupport.repositoryRoot.appendingPathComponent("blueprints/clinic-visit.yaml").path)
        let (steps, flows) = CSVExporter.tables(for: blueprint)
        #expect(TestSupport.matchesGolden(steps, "clinic-visit.csv"))
        #expect(TestSupport.matchesGolden(flows ?? "", "clinic-visit.flows.csv"))
    }

    @Test("blueprint → CSV → blueprint keeps every step and flow", arguments: TestSupport.repositoryBlueprints())
    func roundTrip(path: String) throws {
        let original = try Self.load(path)
        let (steps, flows) = CSVExporter.tables(for: original)
        let back = try imported(steps, flows: flows).blueprint
        #expect(back.steps == original.steps)
        #expect(Set(back.flows) == Set(original.flows))
        #expect(back.stages.map(\.id) == original.stages.map(\.id).filter { id in original.steps.contains { $0.stage == id } })
        // And CSV → blueprint → CSV is the same text.
        let again = CSVExporter.tables(for: back)
        #expect(again.steps == steps)
    }

    @Test("quoted fields, BOM and semicolons are read")
    func dialects() throws {
        let text = "\u{FEFF}id;title;lane;stage;after\r\na;\"Say \"\"hi\"\"; wave\";customer;s;\r\nb;\"Two\nlines\";frontstage;s;a\r\n"
        let blueprint = try imported(text).blueprint
        #expect(blueprint.steps.map(\.title) == ["Say \"hi\"; wave", "Two\nlines"])
        #expect(blueprint.flows == [Flow(from: "a", to: "b")])
    }

    @Test("errors are located as file:row:column, all at once, with suggestions")
    func locatedErrors() {
        let found = errors("id,title,lane,stage,duraton\na,A,custmer,s,5min\nb,B,backstage,s,\n")
        #expect(found.contains { $0.hasPrefix("t.csv:1:21: error: unknown column 'duraton'; did you mean 'duration'?") })
        #expect(found.contains { $0.hasPrefix("t.csv:2:5: error: unknown lane 'custmer'; did you mean 'customer'?") })
        let durations = errors("id,lane,duration\na,customer,5 parsecs\n")
        #expect(durations.first?.hasPrefix("t.csv:2:12: error:") == true)
        let references = errors("id,lane,after\na,customer,\nb,customer,x\n")
        #expect(references.first?.hasPrefix("t.csv:3:12: error: unknown step 'x'") == true)
        let flows = errors("id,lane\na,customer\nb,customer\n", flows: "from,to,kind\na,b,rewrok\n")
        #expect(flows.first?.hasPrefix("t.flows.csv:2:5: error: unknown flow kind 'rewrok'; did you mean 'rework'?") == true)
    }

    @Test("a near miss: a well-formed table has no errors")
    func nearMiss() throws {
        #expect(errors("id,lane,after\na,customer,\nb,customer,a\n").isEmpty)
    }
}
