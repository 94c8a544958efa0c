// libFuzzer target: the XES event-log reader of BlueprintProcessData.
// Invariants: no crash, no hang, bounded memory; every failed read has at least one diagnostic
// and every diagnostic is located at a real line and column.
import BlueprintProcessData
import Foundation
import FuzzSupport
import ServiceBlueprint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXESLog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var options = EventLogReadOptions()
    options.limits = EventLogLimits(maxEvents: 100_000, maxEventsPerCase: 10_000, maxActivities: 1_000, maxDiagnostics: 20)
    do {
        let summary = try EventLogReader.read(bytes: bytes, format: .xes, path: "fuzz.xes", options: options) { trace, _ in
            fuzzCheck(!trace.caseID.isEmpty, "a trace always has a case id")
        }
        fuzzCheckLocated(summary.diagnostics)
    } catch let error as BlueprintError {
        fuzzCheck(!error.diagnostics.isEmpty, "a failed read must say why")
        fuzzCheckLocated(error.diagnostics)
    } catch {
        fuzzCheck(false, "only BlueprintError may escape: \(error)")
    }
    return 0
}

exit(runFuzzer(fuzzXESLog))
