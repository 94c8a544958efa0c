import Testing

@testable import ServiceBlueprint

/// The source-offset trie (``PathOffsets``) and its edge table (``ChildTable``) against plain
/// dictionaries: whatever the order of records, the table's windows and overflow, and the tries
/// appended by merges, a lookup gives what one dictionary of every record in order gives.
@Suite("Source-offset trie")
struct SourceOffsetTrieTests {
    /// The answer of ``PathOffsets/offset(of:)`` worked out from every record in order.
    static func expected(_ path: ModelPath, in records: [(ModelPath, UInt32)]) -> (offset: UInt32, depth: Int)? {
        var latest: [ModelPath: UInt32] = [:]
        for (recorded, offset) in records { latest[recorded] = offset }
        var prefix = ModelPath()
        var found: (offset: UInt32, depth: Int)? = latest[prefix].map { ($0, 0) }
        for (depth, component) in path.components.enumerated() {
            prefix = ModelPath(prefix.components + [component])
            if let offset = latest[prefix] { found = (offset, depth + 1) }
        }
        return found
    }

    /// Records shaped like a blueprint's: steps with keys, nested mappings and short lists, a long
    /// list of flows, repeated paths, and keys no schema knows.
    static func records(count: Int, seed: UInt64) -> [(ModelPath, UInt32)] {
        var numbers = SeededNumbers(state: seed)
        let keys = ["id", "title", "lane", "actor", "duration", "standard", "inputs", "odd-key", "another"]
        var records: [(ModelPath, UInt32)] = []
        var offset: UInt32 = 0
        func record(_ path: ModelPath) {
            offset += 1
            records.append((path, offset))
        }
        for step in 0..<count {
            record(["steps", step])
            for key in keys where numbers.next(below: 3) > 0 {
                record(["steps", step, key])
                if key == "inputs" {
                    for item in 0..<numbers.next(below: 20) { record(["steps", step, key, item]) }
                }
                if key == "standard" { record(["steps", step, key, "target"]) }
            }
            if numbers.next(below: 10) == 0 { record(["steps", numbers.next(below: step + 1), "title"]) }
            record(["flows", step, "from"])
        }
        return records
    }

    static func probes(_ records: [(ModelPath, UInt32)]) -> [ModelPath] {
        var paths = records.map(\.0)
        paths += [["steps", 3, "title", "below"], ["steps", 1_000_000], ["nowhere"], [], ["flows", 2, "to"], ["steps", 5, "inputs", 99]]
        return paths
    }

    @Test("records split across merged tries answer as one trie of every record", arguments: [1, 2, 3, 7])
    func mergedTriesAnswerAsOne(pieces: Int) {
        let records = Self.records(count: 300, seed: UInt64(pieces))
        var merged = PathOffsets()
        var numbers = SeededNumbers(state: 99)
        var start = 0
        for piece in 0..<pieces {
            let end = piece == pieces - 1 ? records.count : start + numbers.next(below: records.count - start + 1)
            var part = PathOffsets()
            for (path, offset) in records[start..<end] { part.record(offset, at: path) }
            if piece == 0 { merged = part } else { merged.merge(part) }
            start = end
        }
        var serial = PathOffsets()
        for (path, offset) in records { serial.record(offset, at: path) }
        for path in Self.probes(records) {
            let want = Self.expected(path, in: records)
            #expect(merged.offset(of: path)?.offset == want?.offset, "\(path)")
            #expect(merged.offset(of: path)?.depth == want?.depth, "\(path)")
            #expect(serial.offset(of: path)?.offset == want?.offset, "\(path)")
        }
        #expect(merged.all().map(\.path) == serial.all().map(\.path))
        #expect(merged.all().map(\.offset) == serial.all().map(\.offset))
    }

    @Test("a mapping with more keys than its window and a list of many items")
    func windowsOverflowIntoHashing() {
        var offsets = PathOffsets()
        var records: [(ModelPath, UInt32)] = []
        for key in 0..<5_000 { records.append((["steps", 0, "key-\(key)"], UInt32(key))) }
        for item in 0..<20_000 { records.append((["flows", item], UInt32(10_000 + item))) }
        for (path, offset) in records { offsets.record(offset, at: path) }
        for (path, offset) in records { #expect(offsets.offset(of: path)?.offset == offset) }
        #expect(offsets.offset(of: ["steps", 0, "key-5000"])?.depth == nil)
    }

    @Test("the edge table finds every edge it was given, across growth and reservation")
    func edgeTableAgainstDictionary() {
        for reserved in [0, 50_000] {
            var table = ChildTable()
            table.reserve(reserved)
            var oracle: [UInt64: UInt32] = [:]
            var numbers = SeededNumbers(state: UInt64(reserved) + 1)
            for index in 0..<40_000 {
                // Parents near the number of edges so far (as a trie makes them), keys and items mixed.
                let parent = UInt64(max(0, index - numbers.next(below: 64)))
                let code = numbers.next(below: 4) == 0 ? UInt32(numbers.next(below: 1_000)) | 1 << 31 : UInt32(numbers.next(below: 300))
                let key = parent << 32 | UInt64(code)
                let value = table.value(for: key, orInsert: UInt32(index))
                #expect(value == oracle[key] ?? UInt32(index))
                if oracle[key] == nil { oracle[key] = UInt32(index) }
            }
            #expect(table.count == oracle.count)
            for (key, value) in oracle where key % 7 == 0 { #expect(table.value(for: key) == value) }
            #expect(table.value(for: 123_456 << 32 | 5) == nil)
            var seen = 0
            table.forEach { key, value in
                seen += 1
                if oracle[key] != value { Issue.record("edge \(key) holds \(value)") }
            }
            #expect(seen == oracle.count)
        }
    }

    @Test("ParallelMap keeps index order whatever the order work is handed out in")
    func parallelMapOrder() {
        let reversed = Array((0..<100).reversed())
        #expect(ParallelMap.map(100, workers: 4) { $0 * $0 } == (0..<100).map { $0 * $0 })
        #expect(ParallelMap.map(100, workers: 3, order: reversed) { $0 } == Array(0..<100))
        #expect(ParallelMap.map(5, workers: 1) { $0 } == [0, 1, 2, 3, 4])
        #expect(ParallelMap.map(0, workers: 8) { $0 }.isEmpty)
        let optional: [Int?] = ParallelMap.map(4, workers: 2) { $0 % 2 == 0 ? nil : $0 }
        #expect(optional == [nil, 1, nil, 3])
    }
}
