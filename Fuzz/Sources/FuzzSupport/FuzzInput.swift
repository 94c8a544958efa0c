import CFuzzDriver
import ServiceBlueprint

/// The fuzzer's bytes as text, the way the CLI sees a file: invalid UTF-8 is replaced, so that the
/// readers get every byte pattern a file can produce after decoding.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    guard let data, size > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// Fails the run (libFuzzer records the input as a crash) when an invariant does not hold.
/// `precondition` would be compiled out in `-Ounchecked`; this never is.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition {
        print("fuzz invariant failed: \(message())")
        fatalError("fuzz invariant failed", file: file, line: line)
    }
}

/// Every diagnostic is located at a real position (1-based line and column).
public func fuzzCheckLocated(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        guard let location = diagnostic.location else { continue }
        fuzzCheck(location.line >= 1 && location.column >= 1, "unlocated diagnostic: \(diagnostic)")
    }
}

/// A blueprint read from `text` (YAML or JSON, by its first character), or `nil` when it has errors.
public func fuzzBlueprint(_ text: String) -> Blueprint? {
    let format: DocumentFormat = text.first == "{" ? .json : .yaml
    do {
        let document = try BlueprintDocument.parse(text, path: "fuzz.\(format.fileExtension)", format: format)
        fuzzCheckLocated(document.diagnostics)
        return document.blueprint
    } catch {
        fuzzCheck(!error.diagnostics.isEmpty, "a failed read must say why")
        fuzzCheckLocated(error.diagnostics)
        return nil
    }
}

/// Hands the process to libFuzzer with `test` as the target; returns libFuzzer's exit status.
/// SwiftPM gives every executable a Swift `main` (renamed in debug builds), so the fuzzers start libFuzzer
/// from there rather than linking libFuzzer's own `main`.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
}
