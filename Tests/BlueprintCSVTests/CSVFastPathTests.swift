import Testing
@testable import BlueprintCSV

/// The tokenizer hands plain lines on straight from its input, and pass 1 of the event-log
/// reader scans plain input with ``CSVColumnScanner``: both must read every input exactly as the
/// byte-by-byte state machine does. Random inputs from a small, nasty alphabet, seeded.
@Suite("CSV fast paths")
struct CSVFastPathTests {
    /// SplitMix64: a seeded generator, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static func randomInput(_ random: inout Seeded, alphabet: [[UInt8]], length: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += alphabet[Int(random.next() % UInt64(alphabet.count))] }
        return bytes
    }

    /// Records (fields, positions, numbers), errors and the thrown limit error, fed in chunks of `size`.
    private static func tokenize(_ bytes: [UInt8], size: Int, limits: CSVLimits = CSVLimits()) -> String {
        var tokenizer = CSVTokenizer(limits: limits)
        var out: [String] = []
        do {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                try tokenizer.feed(Array(bytes[start..<end])) { out.append("\($0.number) \($0.fields) \($0.positions)") }
                start = end
            }
            try tokenizer.finish { out.append("\($0.number) \($0.fields) \($0.positions)") }
        } catch {
            out.append("thrown \(error)")
        }
        out.append("errors \(tokenizer.errors) \(tokenizer.errorCount) \(String(describing: tokenizer.separator))")
        return out.joined(separator: "\n")
    }

    static let nasty: [[UInt8]] = [
        Array("a".utf8), Array("bc".utf8), Array("ü".utf8), Array("日本".utf8), [0xFF], [0xC3], Array(",".utf8), Array(";".utf8),
        Array("\t".utf8), Array("\"".utf8), Array("\"\"".utf8), Array("\n".utf8), Array("\r".utf8), Array("\r\n".utf8),
        Array("\n\n".utf8), Array("12345678".utf8), Array("2024-01-01T00:00:00Z".utf8), [0xEF, 0xBB, 0xBF],
    ]

    @Test func plainLinesReadAsByteByByte() {
        var random = Seeded(state: 15)
        for round in 0..<400 {
            let bytes = Self.randomInput(&random, alphabet: Self.nasty, length: Int(random.next() % 120))
            // A chunk of 1 byte never holds a whole line, so it is read byte by byte.
            let slow = Self.tokenize(bytes, size: 1)
            for size in [bytes.count + 1, 7, 64] {
                #expect(Self.tokenize(bytes, size: size) == slow, "round \(round), chunk \(size): \(bytes)")
            }
        }
    }

    @Test func plainLinesKeepTheLimits() {
        var random = Seeded(state: 16)
        let small = CSVLimits(maxFieldBytes: 6, maxRecordBytes: 12, maxFieldsPerRecord: 4, maxErrors: 3)
        for round in 0..<300 {
            let bytes = Self.randomInput(&random, alphabet: Self.nasty, length: Int(random.next() % 60))
            #expect(Self.tokenize(bytes, size: bytes.count + 1, limits: small) == Self.tokenize(bytes, size: 1, limits: small),
                    "round \(round): \(bytes)")
        }
    }

    @Test func wideLinesGrowTheRoomForFields() throws {
        let header = (0..<300).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<300).map { "\($0)" }.joined(separator: ",")
        let records = try CSVTokenizer.records(in: Array("\(header)\n\(row)\n\(row)\n".utf8)).records
        #expect(records.map(\.fields.count) == [300, 300, 300])
        #expect(records[2].fields[299] == "299")
        #expect(records[2].positions[299] == CSVPosition(line: 3, column: row.utf8.count - 2))
    }

    /// What the tokenizer hands on of column `column`: record number and field, after the header.
    private static func column(_ column: Int, tokenizing bytes: [UInt8]) -> [String] {
        guard let records = try? CSVTokenizer.records(in: bytes).records else { return ["thrown"] }
        return records.dropFirst().compactMap { record in record[safe: column].map { "\(record.number) \($0)" } }
    }

    private static func column(_ column: Int, scanning bytes: [UInt8], size: Int) -> [String]? {
        var out: [String] = []
        var scanner = CSVColumnScanner(separator: nil) { _ in column }
        let body = { (number: Int, field: UnsafeBufferPointer<UInt8>) in out.append("\(number) \(String(decoding: field, as: UTF8.self))") }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            let plain = try? Array(bytes[start..<end]).withUnsafeBufferPointer { try scanner.feed($0, body) }
            guard plain == true else { return nil }
            start = end
        }
        guard (try? scanner.finish(body)) == true else { return nil }
        return out
    }

    @Test func columnScannerAgreesWithTheTokenizer() {
        var random = Seeded(state: 17)
        let plain = Self.nasty.filter { !$0.contains(0x22) && !$0.contains(0x0D) && $0 != [0xEF, 0xBB, 0xBF] }
        var scanned = 0
        for round in 0..<400 {
            let alphabet = round % 4 == 0 ? Self.nasty : plain
            let bytes = Self.randomInput(&random, alphabet: alphabet, length: Int(random.next() % 150))
            for size in [3, 1 << 16] {
                for column in 0..<3 {
                    // `nil`: not plain, the reader then uses the tokenizer; the test just checks it says so.
                    guard let fields = Self.column(column, scanning: bytes, size: size) else {
                        #expect(bytes.contains(0x22) || bytes.contains(0x0D) || bytes.first == 0xEF, "\(bytes)")
                        continue
                    }
                    scanned += 1
                    #expect(fields == Self.column(column, tokenizing: bytes), "round \(round), column \(column): \(bytes)")
                }
            }
        }
        #expect(scanned > 1000)
    }
}
