// libFuzzer target: the `.blueprint.yml` configuration reader.
// Invariants: no crash, no hang; every diagnostic is located at a real line and column.
import Foundation
import FuzzSupport
import ServiceBlueprint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigurationReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let loaded = AnalysisConfiguration.load(yaml: fuzzText(data, size), path: ".blueprint.yml")
    fuzzCheckLocated(loaded.diagnostics)
    return 0
}

exit(runFuzzer(fuzzConfigurationReader))
