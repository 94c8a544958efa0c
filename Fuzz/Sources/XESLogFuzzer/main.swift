// libFuzzer target for the XES event-log reader: any bytes must give traces or located
// diagnostics, never a crash, a hang or unbounded memory.
import BlueprintProcessData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    var options = EventLogReadOptions()
    options.limits = EventLogLimits(maxEvents: 100_000, maxEventsPerCase: 10_000, maxActivities: 1_000, maxDiagnostics: 20)
    _ = try? EventLogReader.read(bytes: bytes, format: .xes, options: options) { _, _ in }
    return 0
}
