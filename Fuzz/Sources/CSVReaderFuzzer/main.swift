// libFuzzer target: the CSV steps-table importer (tokenizer, columns, validation).
// Invariants: no crash, no hang, bounded memory; every failed import says why, every diagnostic is
// located at a real row and column; an imported blueprint exported to CSV imports back with the
// same steps.
import BlueprintInterchange
import Foundation
import FuzzSupport
import ServiceBlueprint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    do {
        let result = try CSVImporter.importTables(steps: bytes, path: "fuzz.csv")
        fuzzCheckLocated(result.diagnostics)
        let (steps, flows) = CSVExporter.tables(for: result.blueprint)
        do {
            let back = try CSVImporter.importTables(steps: Data(steps.utf8), path: "export.csv", flows: flows.map { Data($0.utf8) })
            fuzzCheck(back.blueprint.steps == result.blueprint.steps, "CSV export → import changed the steps")
        } catch {
            fuzzCheck(false, "an exported table does not import: \(error)")
        }
    } catch {
        fuzzCheck(!error.diagnostics.isEmpty, "a failed import must say why")
        fuzzCheckLocated(error.diagnostics)
    }
    return 0
}

exit(runFuzzer(fuzzCSVReader))
