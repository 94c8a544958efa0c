import Foundation
import Testing

@testable import ServiceBlueprint

/// A long document whose steps and flows have errors spread through the whole list, read in
/// chunks at once and serially: everything the reader produces must be the same.
@Suite("Reading long lists in chunks")
struct DocumentParallelReadingTests {
    /// A JSON value of the generated document (JSON is YAML too, so it is read as both).
    indirect enum Value {
        case text(String)
        case plain(String)
        case list([Value])
        case map([(String, Value)])

        var json: String {
            switch self {
            case .text(let text): "\"\(text)\""
            case .plain(let text): text
            case .list(let items): "[" + items.map(\.json).joined(separator: ", ") + "]"
            case .map(let entries): "{" + entries.map { "\"\($0.0)\": \($0.1.json)" }.joined(separator: ", ") + "}"
            }
        }
    }

    /// Step `index`, valid or broken in one of many ways depending on the index.
    static func step(_ index: Int) -> Value {
        var entries: [(String, Value)] = [
            ("id", .text("s\(index)")), ("title", .text("Step \(index)")), ("lane", .text("backstage")),
            ("stage", .text("work")), ("duration", .text(index % 2 == 0 ? "5min" : "1h30min")),
        ]
        switch index % 17 {
        case 1: entries.append(("colour", .text("red")))  // unknown key, the same name in every chunk
        case 2: entries.append(("extra\(index % 7)", .plain("1")))  // unknown keys interned as met
        case 3: entries[2] = ("lane", .text("backstge"))
        case 4: entries[4] = ("duration", .text("5 parsecs"))
        case 5: entries.removeFirst()  // no id: the id space is incomplete
        case 6: entries.append(("title", .text("Again")))  // duplicate key
        case 7: return .text("not a step \(index)")
        case 8: entries.append(("emotion", .text("3")))  // a quoted number
        case 9: entries.append(("needs", .list([.text("a"), .plain("5"), .plain("true")])))
        case 10: entries.append(("failPoint", .map([("risk", .text("r")), ("likelihood", .text("200%")), ("bogus", .plain("1"))])))
        case 11: entries[4] = ("duration", .map([("likely", .text("5min")), ("max", .text("soon"))]))
        case 12: entries.append(("ステップ\(index % 3)", .text("x")))
        case 13: entries.append(("standards", .map([("time", .map([("target", .text("2min"))])), ("response", .plain("null"))])))
        default: break
        }
        return .map(entries)
    }

    /// Flow `index`, some of them associations or broken.
    static func flow(_ index: Int, steps: Int) -> Value {
        var entries: [(String, Value)] = [("from", .text("s\(index % steps)")), ("to", .text("s\((index + 1) % steps)"))]
        switch index % 13 {
        case 1: entries.append(("kind", .text("association")))
        case 2: entries += [("kind", .text("association")), ("probability", .plain("0.5"))]
        case 3: entries.append(("kind", .text("sideways")))
        case 4: entries.append(("probability", .text("lots")))
        case 5: entries.removeLast()
        case 6: entries.append(("lable", .text("typo")))
        case 7: return .plain("42")
        default: break
        }
        return .map(entries)
    }

    static func document(steps: Int, flows: Int) -> String {
        Value.map([
            ("id", .text("big")), ("title", .text("Big")), ("stages", .list([.map([("id", .text("work"))])])),
            ("steps", .list((0..<steps).map(step))),
            ("flows", .list((0..<flows).map { flow($0, steps: steps) })),
            ("kpis", .list((0..<40).map { .map([("id", .text("k\($0)")), ("kind", .text($0 % 9 == 4 ? "speed" : "custom"))]) })),
        ]).json
    }

    static func read(_ text: String, as format: DocumentFormat, chunking: ReadingChunks) -> DocumentReader {
        var reader = DocumentReader(path: "big.\(format.rawValue)", source: SourceText(bytes: Array(text.utf8), format: format))
        reader.chunking = chunking
        reader.blueprint = reader.read()
        return reader
    }

    static func expectSame(_ chunked: DocumentReader, _ serial: DocumentReader) {
        #expect(chunked.blueprint == serial.blueprint)
        #expect(chunked.diagnostics == serial.diagnostics)
        #expect(chunked.unreadable.paths == serial.unreadable.paths)
        #expect(chunked.unreadable.incompleteIDs == serial.unreadable.incompleteIDs)
        // The same trie, node for node: the same paths in the same order, at the same offsets.
        let (chunkedOffsets, serialOffsets) = (chunked.offsets.all(), serial.offsets.all())
        #expect(chunkedOffsets.map(\.path) == serialOffsets.map(\.path))
        #expect(chunkedOffsets.map(\.offset) == serialOffsets.map(\.offset))
    }

    @Test(arguments: [DocumentFormat.json, .yaml], [2, 3, 7])
    func chunkedReadingEqualsSerialReading(format: DocumentFormat, chunks: Int) {
        let text = Self.document(steps: 400, flows: 300)
        let serial = Self.read(text, as: format, chunking: .serial)
        let chunked = Self.read(text, as: format, chunking: ReadingChunks(threshold: 16, count: chunks))
        Self.expectSame(chunked, serial)
        // The errors are spread over every chunk of both lists.
        for (list, count) in [("steps", 400), ("flows", 300)] {
            let indexes = serial.diagnostics.compactMap { diagnostic -> Int? in
                guard let components = diagnostic.path?.components, components.count > 1, components[0] == .key(list),
                    case .index(let index) = components[1]
                else { return nil }
                return index
            }
            #expect(indexes.contains { $0 < 20 } && indexes.contains { $0 > count - 20 })
        }
        #expect(serial.unreadable.incompleteIDs.contains("steps"))
        #expect(serial.blueprint.associations.count > 20)
    }

    @Test func aDocumentWithoutErrorsReadsTheSame() {
        let text = Value.map([
            ("id", .text("ok")), ("stages", .list([.map([("id", .text("work"))])])),
            ("steps", .list((0..<300).map { Value.map([("id", .text("s\($0)")), ("title", .text("S")), ("lane", .text("customer")), ("stage", .text("work"))]) })),
        ]).json
        let serial = Self.read(text, as: .json, chunking: .serial)
        #expect(serial.diagnostics.isEmpty)
        Self.expectSame(Self.read(text, as: .json, chunking: ReadingChunks(threshold: 10, count: 2)), serial)
    }

    @Test func chunksAreContiguousAndCoverTheList() {
        let chunking = ReadingChunks(threshold: 10, count: 3)
        #expect(chunking.ranges(of: 10) == [0..<10])
        #expect(chunking.ranges(of: 11) == [0..<3, 3..<7, 7..<11])
        #expect(ReadingChunks(threshold: 0, count: 4).ranges(of: 2) == [0..<1, 1..<2])
        #expect(ReadingChunks.serial.ranges(of: 1_000_000) == [0..<1_000_000])
        #expect(ReadingChunks(threshold: 0, count: 5).ranges(of: 0) == [0..<0])
    }

    /// Records into one trie, and the same records split between a trie and an empty one merged
    /// into it afterwards, give the same trie.
    @Test func mergedOffsetsEqualOffsetsRecordedInOrder() {
        let first: [(ModelPath, UInt32)] = [
            ([], 0), (["steps"], 1), (["steps", 0], 2), (["steps", 1], 3), (["steps", 0, "id"], 4), (["steps", 0, "odd"], 5),
        ]
        let second: [(ModelPath, UInt32)] = [
            (["steps", 1, "weird"], 6), (["steps", 1, "odd"], 7), (["steps", 0, "id"], 8), (["steps", 1, "id", 3, "deep"], 9),
            (["steps", 2], 10), (["flows", 0, "odd"], 11),
        ]
        var serial = PathOffsets()
        for (path, offset) in first + second { serial.record(offset, at: path) }
        var merged = PathOffsets()
        for (path, offset) in first { merged.record(offset, at: path) }
        var chunk = PathOffsets()
        for (path, offset) in second { chunk.record(offset, at: path) }
        merged.merge(chunk)
        #expect(merged.all().map(\.path) == serial.all().map(\.path))
        #expect(merged.all().map(\.offset) == serial.all().map(\.offset))
        #expect(merged.offset(of: ["steps", 0, "id"])?.offset == 8)
        #expect(merged.offset(of: ["steps", 1, "weird", "below"])?.offset == 6)
        // Keys interned after the merge keep working.
        merged.record(12, at: ["steps", 3, "newer"])
        #expect(merged.offset(of: ["steps", 3, "newer"])?.offset == 12)
    }

    @Test func unreadablePartsMergeIntoTheUnion() {
        var parts = UnreadableParts(paths: [["steps", 1]], incompleteIDs: ["steps"])
        parts.merge(UnreadableParts(paths: [["steps", 1], ["steps", 9, "id"], ["flows", 2]], incompleteIDs: ["kpis"]))
        #expect(parts.paths == [["steps", 1], ["steps", 9, "id"], ["flows", 2]])
        #expect(parts.incompleteIDs == ["steps", "kpis"])
    }
}
