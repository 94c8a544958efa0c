import Foundation

/// Which characters the fonts installed on this machine can draw, as fontconfig (which cairo and pango draw
/// PNG and PDF with) reports them.
///
/// Read once per process from `fc-list` (one process, cached; output over 16 MiB or still coming after 10 s
/// counts as no answer, never as a partial list):
/// the fontconfig C library would need its headers and one more system library target, while `fc-list`
/// ships with fontconfig wherever Graphviz's cairo plugin is installed. Where `fc-list` cannot run, coverage
/// is unknown (`installed` is `nil`): nothing is warned about and no CJK font is chosen.
struct FontCoverage: Sendable {
    /// One installed font family and the code points it covers, as sorted ranges.
    struct Family: Sendable {
        var name: String
        var ranges: [ClosedRange<UInt32>]

        func covers(_ value: UInt32) -> Bool {
            // Binary search over the sorted, disjoint ranges.
            var low = 0
            var high = ranges.count - 1
            while low <= high {
                let middle = (low + high) / 2
                if ranges[middle].upperBound < value {
                    low = middle + 1
                } else if ranges[middle].lowerBound > value {
                    high = middle - 1
                } else {
                    return true
                }
            }
            return false
        }
    }

    /// The installed families, in `fc-list` order, one entry per family (styles merged).
    let families: [Family]

    /// This machine's fonts; `nil` when fontconfig's `fc-list` is not available.
    static let installed: FontCoverage? = readInstalled()

    /// Parses `fc-list --format '%{family[0]}|%{charset}\n'`: a family name, a bar, and hexadecimal ranges
    /// such as `20-7e a0-17f 192`.
    init(fcList output: String) {
        var byName: [String: [ClosedRange<UInt32>]] = [:]
        var order: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            guard let bar = line.lastIndex(of: "|") else { continue }
            let name = String(line[..<bar]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            var ranges: [ClosedRange<UInt32>] = []
            for token in line[line.index(after: bar)...].split(separator: " ") {
                let bounds = token.split(separator: "-", maxSplits: 1).compactMap { UInt32($0, radix: 16) }
                if bounds.count == 1 {
                    ranges.append(bounds[0]...bounds[0])
                } else if bounds.count == 2, bounds[0] <= bounds[1] {
                    ranges.append(bounds[0]...bounds[1])
                }
            }
            if byName[name] == nil { order.append(name) }
            byName[name, default: []] += ranges
        }
        families = order.map { Family(name: $0, ranges: Self.merged(byName[$0] ?? [])) }
    }

    /// Whether some installed font can draw `scalar`. Characters drawn with no ink (spaces, joiners,
    /// variation selectors, other format characters) always count as covered.
    func covers(_ scalar: Unicode.Scalar) -> Bool {
        if Self.needsNoGlyph(scalar) { return true }
        return families.contains { $0.covers(scalar.value) }
    }

    /// The characters of `characters` that no installed font can draw, in code point order.
    func uncovered(_ characters: Set<Character>) -> [Unicode.Scalar] {
        var missing = Set<Unicode.Scalar>()
        for character in characters {
            for scalar in character.unicodeScalars where !covers(scalar) { missing.insert(scalar) }
        }
        return missing.sorted { $0.value < $1.value }
    }

    static func needsNoGlyph(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark:
            return true
        default:
            return properties.isVariationSelector || properties.isEmojiModifier
        }
    }

    private static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Runs `fc-list` once; `nil` when it is missing, fails, takes too long or writes too much.
    private static func readInstalled() -> FontCoverage? {
        let candidates = ["/usr/bin/fc-list", "/usr/local/bin/fc-list", "/opt/homebrew/bin/fc-list"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        guard let text = boundedOutput(of: path, arguments: ["--format", "%{family[0]}|%{charset}\n"]) else { return nil }
        let coverage = FontCoverage(fcList: text)
        return coverage.families.isEmpty ? nil : coverage
    }

    /// The standard output of `path`, or `nil` when it cannot start, exits with an error or a signal,
    /// writes more than `limit` bytes (a partial font list would report installed characters as missing),
    /// or is still writing after `timeout` seconds.
    ///
    /// The pipe is drained while the process runs (a child blocked on a full pipe would never exit), with
    /// `poll` and a deadline, so neither a silent nor a chatty child can hang a render. When the output
    /// is over the limit or the time is up, the read end is closed (a writer gets EPIPE instead of
    /// blocking), the process gets SIGTERM and, one second later, SIGKILL.
    static func boundedOutput(of path: String, arguments: [String], limit: Int = 16 << 20, timeout: Double = 10) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let reading = output.fileHandleForReading
        let descriptor = reading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        var data = Data()
        var complete = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while data.count <= limit {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { break }
            var watch = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watch, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { break }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                complete = count == 0
                break
            }
            data.append(contentsOf: buffer[..<count])
        }
        try? reading.close()
        if !complete { stop(process) }
        process.waitUntilExit()
        guard complete, data.count <= limit, process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// SIGTERM now, SIGKILL after a second's grace if the process ignores it.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        process.terminate()
        let grace = Date().addingTimeInterval(1)
        while process.isRunning, Date() < grace { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
    }
}
