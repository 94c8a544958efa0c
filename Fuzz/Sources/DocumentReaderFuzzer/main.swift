// libFuzzer target: the blueprint document reader (YAML and JSON) with validation.
// Invariants: no crash, no hang, bounded memory; every failed read has at least one diagnostic
// and every diagnostic is located at a real line and column; a large YAML file cut into parts
// for several cores parses to the same document as whole, and a large JSON file with array items
// parsed ahead in parts gives the serial parse's tape or error (both forced here on small inputs).
import Foundation
import FuzzSupport
@_spi(Fuzzing) import ServiceBlueprint

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
    for parts in 2...3 {
        fuzzCheck(BlueprintDocument.yamlPartsAgreeWithWhole(text, parts: parts), "YAML parsed in \(parts) parts differs from whole")
        fuzzCheck(BlueprintDocument.jsonPartsAgreeWithWhole(text, parts: parts), "JSON parsed in \(parts) parts differs from serial")
    }
    return 0
}

exit(runFuzzer(fuzzDocumentReader))
