// libFuzzer target: the BPMN importer (bounded XML reader, mapping, validation).
// Invariants: no crash, no hang, bounded memory; every failed import says why, every diagnostic is
// located at a real line and column; an imported blueprint exported to BPMN imports back equal.
import BlueprintInterchange
import Foundation
import FuzzSupport
import ServiceBlueprint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBPMNReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    do {
        let result = try BPMNImporter.importBPMN(bytes, path: "fuzz.bpmn")
        fuzzCheckLocated(result.diagnostics)
        let exported = BPMNExporter.text(for: result.blueprint)
        do {
            let back = try BPMNImporter.importBPMN(Data(exported.utf8), path: "export.bpmn")
            fuzzCheck(back.blueprint == result.blueprint, "export → import changed the blueprint")
        } catch {
            fuzzCheck(false, "an exported blueprint does not import: \(error)")
        }
    } catch {
        fuzzCheck(!error.diagnostics.isEmpty, "a failed import must say why")
        fuzzCheckLocated(error.diagnostics)
    }
    return 0
}

exit(runFuzzer(fuzzBPMNReader))
