import Foundation
import ServiceBlueprint

#if canImport(Glibc)
import Glibc
#endif

// Where the memory of a large blueprint goes (issue 13). Reads FILE the way `blueprint check` does,
// builds the graph and runs every rule, then drops the parts one by one. After each step the
// allocator returns its free pages (glibc's malloc_trim), so the resident set is what is live; what a
// drop frees is what that part held. Peak RSS shows what reading costs on the way. Linux only.
//
//   swift run -c release blueprint-bench memory FILE

/// The resident set after glibc has returned its free pages to the system: the live heap, near enough.
private func liveHeapBytes() -> Int {
    // malloc_trim is in <malloc.h>, which the Glibc module does not import.
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
    return statusBytes("VmRSS:")
}

/// A field of /proc/self/status in bytes (`VmRSS:`, `VmHWM:`).
private func statusBytes(_ name: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(name) {
        return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1_024
    }
    return 0
}

private func mebibytes(_ bytes: Int) -> String { String(format: "%8.1f MiB", Double(bytes) / 1_048_576) }

private func line(_ label: String, _ bytes: Int) {
    print("\(label.padding(toLength: 46, withPad: " ", startingAt: 0))\(mebibytes(bytes))")
}

func runMemoryBenchmark(_ arguments: [String]) -> Never {
    guard let path = arguments.first else {
        print("usage: blueprint-bench memory FILE")
        exit(2)
    }
    let start = liveHeapBytes()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    line("file size", size)

    // Only these optionals hold the parts (no other copies), so setting one to nil frees it.
    var document: BlueprintDocument?
    do {
        document = try BlueprintDocument.read(from: path)
    } catch {
        print(error.description)
        exit(1)
    }
    let afterRead = liveHeapBytes()
    line("peak RSS after reading", statusBytes("VmHWM:"))
    print("\(document?.blueprint.steps.count ?? 0) steps, \(document?.blueprint.flows.count ?? 0) flows")

    var graph = document.map { BlueprintGraph($0.blueprint) }
    let afterGraph = liveHeapBytes()
    var report = document.map { Analyzer(rules: RuleRegistry.builtIn).analyze($0.blueprint, sourceMap: $0.sourceMap) }
    let afterAnalysis = liveHeapBytes()
    line("peak RSS after all rules", statusBytes("VmHWM:"))
    line("live heap after reading (model + source map)", afterRead - start)
    line("live heap added by the graph", afterGraph - afterRead)
    line("live heap added by analysis (report kept)", afterAnalysis - afterGraph)

    print("freed by dropping, in turn:")
    report = nil
    let withoutReport = liveHeapBytes()
    line("  the analysis report", afterAnalysis - withoutReport)
    graph = nil
    let withoutGraph = liveHeapBytes()
    line("  the graph", withoutReport - withoutGraph)
    document?.sourceMap = SourceMap(path: path)
    let withoutMap = liveHeapBytes()
    line("  the source map (offsets + the text)", withoutGraph - withoutMap)
    document = nil
    let withoutModel = liveHeapBytes()
    line("  the model (Blueprint)", withoutMap - withoutModel)
    withExtendedLifetime((report, graph)) {}
    exit(0)
}
