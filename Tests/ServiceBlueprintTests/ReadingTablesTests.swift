import Testing

@testable import ServiceBlueprint

/// The tables the reader uses to read a file fast (issue 13): key schemas, the scalar reading and
/// the line-start scan must give exactly what the plain, slow ways give.
@Suite("Reading tables")
struct ReadingTablesTests {
    static let schemas: [KeySchema] = [
        .blueprint, .association, .stage, .actor, .workingHours, .channel, .information, .persona, .journey, .demand,
        .target, .step, .processTime, .standards, .timeStandard, .failPoint, .waitPoint, .flow, .bottleneck, .kpi,
        .measurement, .measuredStep, .measuredTimes, .measuredFlow, .simulation, .calendar, .shift, .resource,
        .segment, .profile, .patience, .patienceRule, .serviceTime,
    ]

    @Test("a key schema finds each of its keys at its first position, and nothing else")
    func keySchemaPositions() {
        let everyName = Set(DocumentKeys.every)
        for schema in Self.schemas {
            for (position, name) in schema.names.enumerated() {
                #expect(schema.position(of: name) == schema.names.firstIndex(of: name), "\(name)")
                #expect(schema.names[schema.position(of: name) ?? position] == name)
                // Near misses: one letter more, one less, another case, a key of another mapping.
                for miss in [name + "x", String(name.dropLast()), name.uppercased(), " " + name, name + " "]
                where !schema.names.contains(miss) {
                    #expect(schema.position(of: miss) == nil, "\(miss)")
                }
            }
            for other in everyName where !schema.names.contains(other) {
                #expect(schema.position(of: other) == nil, "\(other)")
            }
            #expect(schema.position(of: "") == nil)
            #expect(schema.position(of: "a name well past fifteen bytes, stored on the heap") == nil)
        }
    }

    @Test("schema keys are ASCII without K, ; or `, so matching bytes is matching strings")
    func keysHaveOneSpelling() {
        // U+212A KELVIN SIGN, U+037E and U+1FEF are canonically equivalent to these three.
        for name in DocumentKeys.every {
            #expect(name.utf8.allSatisfy { $0 < 0x80 } && !name.contains(where: { "K;`".contains($0) }), "\(name)")
        }
    }

    @Test("a schema with a repeated or long list keeps the first position of each key")
    func keySchemaRepeats() {
        let schema = KeySchema(["a", "b", "a", "c"])
        #expect(schema.position(of: "a") == 0)
        #expect(schema.position(of: "c") == 3)
        let long = (0..<300).map { "key-\($0)-with a longer name" }
        let big = KeySchema(long)
        for (position, name) in long.enumerated() { #expect(big.position(of: name) == position) }
        #expect(big.position(of: "key-300-with a longer name") == nil)
    }

    @Test("every schema key has a source-map code known before reading, the same in every schema")
    func keyCodes() {
        for schema in Self.schemas {
            for (name, code) in zip(schema.names, schema.codes) {
                #expect(code != PathOffsets.none, "\(name) is missing from DocumentKeys.every")
                #expect(PathOffsets.knownKeyCodes[name] == code)
            }
        }
        #expect(KeySchema(["not a schema key"]).codes == [PathOffsets.none])
    }

    @Test("a key constant finds the position its schema gives its name, and asked of another schema, looks its name up")
    func schemaKeyPositions() {
        let constants: [(SchemaKey, KeySchema)] =
            [
                StepKeys.id, StepKeys.title, StepKeys.lane, StepKeys.stage, StepKeys.actor, StepKeys.owner, StepKeys.channel,
                StepKeys.kind, StepKeys.duration, StepKeys.waitBefore, StepKeys.standards, StepKeys.failPoint,
                StepKeys.waitPoint, StepKeys.value, StepKeys.needs, StepKeys.produces, StepKeys.evidence, StepKeys.emotion,
                StepKeys.painPoints, StepKeys.tags, StepKeys.notes, StepKeys.url, StepKeys.followUp, StepKeys.direction,
                StepKeys.delivers, StepKeys.measured, StepKeys.cost, StepKeys.painDimension,
            ].map { ($0, KeySchema.step) }
            + [StepPartKeys.min, StepPartKeys.likely, StepPartKeys.max].map { ($0, KeySchema.processTime) }
            + [
                StepPartKeys.time, StepPartKeys.sop, StepPartKeys.service, StepPartKeys.response, StepPartKeys.startWithin,
                StepPartKeys.dimension,
            ].map { ($0, KeySchema.standards) }
            + [StepPartKeys.target, StepPartKeys.tolerance].map { ($0, KeySchema.timeStandard) }
            + [StepPartKeys.risk, StepPartKeys.recovery, StepPartKeys.owner, StepPartKeys.likelihood].map { ($0, KeySchema.failPoint) }
            + [StepPartKeys.waitTolerance, StepPartKeys.waitNotes].map { ($0, KeySchema.waitPoint) }
            + [FlowKeys.from, FlowKeys.to, FlowKeys.kind, FlowKeys.label, FlowKeys.probability, FlowKeys.measured].map {
                ($0, KeySchema.flow)
            }
            + [
                InformationKeys.id, InformationKeys.title, InformationKeys.kind, InformationKeys.fromCustomer,
                InformationKeys.deliveredTo, InformationKeys.notes,
            ].map { ($0, KeySchema.information) }
        for (key, schema) in constants {
            #expect(key.position(in: schema) != nil, "\(key.keyName)")
            #expect(key.position(in: schema) == schema.position(of: key.keyName), "\(key.keyName)")
            for other in Self.schemas where other !== schema {
                #expect(key.position(in: other) == other.position(of: key.keyName), "\(key.keyName)")
            }
        }
        #expect(StepKeys.required.map(\.keyName) == ["id", "title", "lane"])
        #expect(FlowKeys.required.map(\.keyName) == ["from", "to"])
    }

    @Test("values recorded by code and by name land on the same source-map path")
    func recordByCode() {
        var byCode = PathOffsets()
        var byName = PathOffsets()
        let path: ModelPath = ["steps", 3]
        guard let parent = byCode.node(for: path), let other = byName.node(for: path),
            let code = PathOffsets.knownKeyCodes["title"]
        else {
            Issue.record("no trie node")
            return
        }
        byCode.record(42, in: parent, code: code)
        byName.record(42, in: other, key: "title")
        #expect(byCode.offset(of: path.appending("title"))?.offset == 42)
        #expect(byName.offset(of: path.appending("title"))?.offset == 42)
        #expect(byCode.all().map(\.path) == byName.all().map(\.path))
    }

    /// The reading of plain scalars before it worked on bytes.
    static func slowKind(_ text: String) -> DocumentReader.ScalarKind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil { return .number }
        if PlainScalar.isInfinityOrNaN(text) || PlainScalar.isHexOrOctal(text) { return .number }
        return .string
    }

    @Test("plain scalars read as the YAML core schema says, decided from their bytes")
    func plainScalars() {
        let texts = [
            "", "~", "~~", "null", "Null", "NULL", "nULL", "nul", "nullx", "none", "true", "True", "TRUE", "tRUE", "truex",
            "false", "False", "FALSE", "f", "t", "n", "0", "-0", "+1", "1.", ".5", "1.5e3", "1.5E+3", "1e-3", "1e", "1e+",
            "-", "+", ".", "..", "e5", "-.5", "1.2.3", "12abc", "1 2", "0x1F", "0x", "0xg", "0o17", "0o8", "0o",
            "0x\u{FF11}", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".naN", "inf", "nan", "stage-1", "Stage 1",
            "报修受理", "2024-01-01", "10%", "5min", "١٢", "１２", "-1.5", "00012", String(repeating: "9", count: 40),
        ]
        for text in texts {
            #expect(PlainScalar.kind(of: text) == Self.slowKind(text), "\(text.debugDescription)")
            #expect(
                PlainScalar.isDecimal(text)
                    == (text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil),
                "\(text.debugDescription)")
        }
    }

    /// Line starts found one byte at a time, as before the eight-byte scan.
    static func slowLineStarts(_ bytes: [UInt8], from start: Int, format: DocumentFormat) -> [UInt32] {
        var starts: [UInt32] = [UInt32(start)]
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                starts.append(UInt32(index))
            } else if byte == 0x0D {
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                starts.append(UInt32(index))
            } else if format == .yaml, byte == 0xC2, index < bytes.count, bytes[index] == 0x85 {
                index += 1
                starts.append(UInt32(index))
            } else if format == .yaml, byte == 0xE2, index + 1 < bytes.count, bytes[index] == 0x80,
                bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9
            {
                index += 2
                starts.append(UInt32(index))
            }
        }
        return starts
    }

    @Test("the eight-byte line scan finds every break a byte-by-byte scan finds, at every alignment")
    func lineStarts() {
        let pieces = ["a", "bc", "\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "é", "报", "😀", "       ", "\u{1}", "\u{7F}"]
        var generator = SplitMix64(seed: 13)
        var texts: [String] = ["", "\n", "\r\n", String(repeating: "x", count: 7) + "\r\n" + String(repeating: "y", count: 9)]
        for length in 1..<120 {
            var text = ""
            for _ in 0..<length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            texts.append(text)
        }
        for text in texts {
            for prefix in ["", "\u{FEFF}", "x", "xx", "xxx"] {
                let bytes = Array((prefix + text).utf8)
                let start = prefix == "\u{FEFF}" ? 3 : 0
                for format in [DocumentFormat.yaml, .json] {
                    #expect(
                        SourceText.lineStarts(of: bytes, from: start, format: format)
                            == Self.slowLineStarts(bytes, from: start, format: format),
                        "\((prefix + text).debugDescription) \(format)")
                }
            }
        }
    }
}

