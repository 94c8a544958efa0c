// libFuzzer target: the blueprint document reader (YAML and JSON) with validation.
// Invariants: no crash, no hang, bounded memory; every failed read has at least one diagnostic
// and every diagnostic is located at a real line and column.
import Foundation
import FuzzSupport
import ServiceBlueprint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocumentReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    // Both formats see every input: a JSON-looking file may be named .yaml and vice versa.
    for format in DocumentFormat.allCases {
        do {
            let document = try BlueprintDocument.parse(text, path: "fuzz.\(format.fileExtension)", format: format)
            fuzzCheckLocated(document.diagnostics)
        } catch {
            fuzzCheck(!error.diagnostics.isEmpty, "a failed read must say why")
            fuzzCheckLocated(error.diagnostics)
        }
    }
    return 0
}

exit(runFuzzer(fuzzDocumentReader))
