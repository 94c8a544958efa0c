/// The keys one kind of mapping may contain (a list from ``DocumentKeys``), prepared for reading.
///
/// The reader matches each key of a file to its position here once, with one lookup in a small
/// fixed table, and then stores, finds and records values by that position: no string comparison
/// against every allowed key, and no hashing of the key again for the source map. The table holds
/// only the schema's own names and never grows, so a file's keys cannot crowd it: a lookup probes
/// at most the longest run of occupied slots, fixed when the table is built. A class, so that
/// ``SchemaKey`` can tell its schema by identity and a reader's ``DocumentReader/Fields`` holds one
/// reference instead of five arrays.
final class KeySchema: Sendable {
    /// The keys, in the order written in ``DocumentKeys``.
    let names: [String]
    /// Each key's code in ``PathOffsets`` (the same for one name in every schema), or
    /// ``PathOffsets/none`` for a name ``DocumentKeys/every`` lacks (then it is recorded by name).
    let codes: [UInt32]
    /// The names' UTF-8 bytes: keys are matched byte for byte (no schema key has a character
    /// that another spelling is canonically equivalent to, which `String`'s `==` would also accept).
    private let bytes: [UInt8]
    /// Where each name's bytes start in ``bytes``, and after the last, where they end.
    private let starts: [Int]
    /// Position + 1 of the name hashed to each slot; 0 marks a free slot. The count is a power of two.
    private let slots: [UInt16]

    init(_ names: [String]) {
        self.names = names
        let bytes = names.map { Array($0.utf8) }
        self.bytes = bytes.flatMap { $0 }
        var starts = [0]
        for name in bytes { starts.append(starts[starts.count - 1] + name.count) }
        self.starts = starts
        codes = names.map { PathOffsets.knownKeyCodes[$0] ?? PathOffsets.none }
        // At most a quarter full, so runs of occupied slots stay short.
        var capacity = 8
        while capacity < names.count * 4 { capacity *= 2 }
        var slots = [UInt16](repeating: 0, count: capacity)
        for position in names.indices where position < Int(UInt16.max) {
            var slot = bytes[position].withUnsafeBufferPointer(Self.hash) & (capacity - 1)
            var isNew = true
            while slots[slot] != 0 {
                if bytes[Int(slots[slot]) - 1] == bytes[position] { isNew = false; break }
                slot = (slot + 1) & (capacity - 1)
            }
            // A name listed twice keeps its first position.
            if isNew { slots[slot] = UInt16(position + 1) }
        }
        self.slots = slots
    }

    /// The position of `name` in ``names``, or `nil` when the schema does not allow it.
    func position(of name: String) -> Int? {
        PlainScalar.withBytes(of: name) { position(of: $0) }
    }

    /// The position of the name whose UTF-8 bytes are `name`, or `nil` when the schema does not allow it.
    func position(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        return bytes.withUnsafeBufferPointer { bytes in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                let start = starts[entry - 1]
                if starts[entry] - start == name.count {
                    var index = 0
                    while index < name.count, bytes[start + index] == name[index] { index += 1 }
                    if index == name.count { return entry - 1 }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a of the bytes, spread by a multiplication (only schema names are ever stored).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }
}

/// A key name that the reader looks up in a ``KeySchema``: a `String` (found by hashing its bytes
/// on each lookup), or a ``SchemaKey`` (found once, when the constant is made).
protocol FieldKey {
    /// The key as written in the file (and in diagnostics and model paths).
    var keyName: String { get }
    /// The key's position in `schema`, or `nil` when the schema does not allow it.
    func position(in schema: KeySchema) -> Int?
}

extension String: FieldKey {
    var keyName: String { self }
    func position(in schema: KeySchema) -> Int? { schema.position(of: self) }
}

/// A key of one ``KeySchema`` with its position found when the constant is made, so reading a
/// value the reader asks for on every step or flow does not hash the key's name again. Asked of
/// another schema, it is looked up by name like a `String`.
struct SchemaKey: FieldKey, Sendable {
    let keyName: String
    private let schema: ObjectIdentifier
    private let position: Int?

    init(_ name: String, in schema: KeySchema) {
        keyName = name
        self.schema = ObjectIdentifier(schema)
        position = schema.position(of: name)
    }

    func position(in schema: KeySchema) -> Int? {
        ObjectIdentifier(schema) == self.schema ? position : schema.position(of: keyName)
    }
}

extension KeySchema {
    static let blueprint = KeySchema(DocumentKeys.blueprint + [DocumentKeys.schemaHint])
    static let association = KeySchema(DocumentKeys.association)
    static let stage = KeySchema(DocumentKeys.stage)
    static let actor = KeySchema(DocumentKeys.actor)
    static let workingHours = KeySchema(DocumentKeys.workingHours)
    static let channel = KeySchema(DocumentKeys.channel)
    static let information = KeySchema(DocumentKeys.information)
    static let persona = KeySchema(DocumentKeys.persona)
    static let journey = KeySchema(DocumentKeys.journey)
    static let demand = KeySchema(DocumentKeys.demand)
    static let target = KeySchema(DocumentKeys.target)
    static let step = KeySchema(DocumentKeys.step)
    static let processTime = KeySchema(DocumentKeys.processTime)
    static let standards = KeySchema(DocumentKeys.standards)
    static let timeStandard = KeySchema(DocumentKeys.timeStandard)
    static let failPoint = KeySchema(DocumentKeys.failPoint)
    static let waitPoint = KeySchema(DocumentKeys.waitPoint)
    static let flow = KeySchema(DocumentKeys.flow)
    static let bottleneck = KeySchema(DocumentKeys.bottleneck)
    static let kpi = KeySchema(ExperienceDocumentKeys.kpi)
    static let measurement = KeySchema(ExperienceDocumentKeys.measurement)
    static let measuredStep = KeySchema(MeasuredDocumentKeys.measuredStep)
    static let measuredTimes = KeySchema(MeasuredDocumentKeys.measuredTimes)
    static let measuredFlow = KeySchema(MeasuredDocumentKeys.measuredFlow)
    static let simulation = KeySchema(SimulationDocumentKeys.simulation)
    static let calendar = KeySchema(SimulationDocumentKeys.calendar)
    static let shift = KeySchema(SimulationDocumentKeys.shift)
    static let resource = KeySchema(SimulationDocumentKeys.resource)
    static let segment = KeySchema(SimulationDocumentKeys.segment)
    static let profile = KeySchema(SimulationDocumentKeys.profile)
    static let patience = KeySchema(SimulationDocumentKeys.patience)
    static let patienceRule = KeySchema(SimulationDocumentKeys.patienceRule)
    static let serviceTime = KeySchema(SimulationDocumentKeys.serviceTime)
}

extension DocumentKeys {
    /// Every key of every mapping the reader knows (repeats allowed): ``PathOffsets`` numbers them
    /// in this order before reading, so each schema knows its keys' codes in advance.
    static let every: [String] = [
        blueprint, [schemaHint], association, stage, actor, workingHours, channel, information, persona, journey,
        demand, target, step, processTime, standards, timeStandard, failPoint, waitPoint, flow, bottleneck,
        ExperienceDocumentKeys.kpi, ExperienceDocumentKeys.measurement, MeasuredDocumentKeys.measuredStep,
        MeasuredDocumentKeys.measuredTimes, MeasuredDocumentKeys.measuredFlow, SimulationDocumentKeys.simulation,
        SimulationDocumentKeys.calendar, SimulationDocumentKeys.shift, SimulationDocumentKeys.resource,
        SimulationDocumentKeys.segment, SimulationDocumentKeys.profile, SimulationDocumentKeys.patienceRule,
        SimulationDocumentKeys.serviceTime,
    ].flatMap { $0 }
}

/// The keys of the mappings a file has thousands of (steps, flows and their parts), found once.
enum StepKeys {
    static let id = SchemaKey("id", in: .step)
    static let title = SchemaKey("title", in: .step)
    static let lane = SchemaKey("lane", in: .step)
    static let stage = SchemaKey("stage", in: .step)
    static let actor = SchemaKey("actor", in: .step)
    static let owner = SchemaKey("owner", in: .step)
    static let channel = SchemaKey("channel", in: .step)
    static let kind = SchemaKey("kind", in: .step)
    static let duration = SchemaKey("duration", in: .step)
    static let waitBefore = SchemaKey("waitBefore", in: .step)
    static let standards = SchemaKey("standards", in: .step)
    static let failPoint = SchemaKey("failPoint", in: .step)
    static let waitPoint = SchemaKey("waitPoint", in: .step)
    static let value = SchemaKey("value", in: .step)
    static let needs = SchemaKey("needs", in: .step)
    static let produces = SchemaKey("produces", in: .step)
    static let evidence = SchemaKey("evidence", in: .step)
    static let emotion = SchemaKey("emotion", in: .step)
    static let painPoints = SchemaKey("painPoints", in: .step)
    static let tags = SchemaKey("tags", in: .step)
    static let notes = SchemaKey("notes", in: .step)
    static let url = SchemaKey("url", in: .step)
    static let followUp = SchemaKey("followUp", in: .step)
    static let direction = SchemaKey("direction", in: .step)
    static let delivers = SchemaKey("delivers", in: .step)
    static let measured = SchemaKey("measured", in: .step)
    static let cost = SchemaKey("cost", in: .step)
    static let painDimension = SchemaKey("painDimension", in: .step)
    static let required = [id, title, lane]
}

/// Keys of ``KeySchema/processTime``, ``KeySchema/standards``, ``KeySchema/timeStandard``,
/// ``KeySchema/failPoint`` and ``KeySchema/waitPoint``, found once.
enum StepPartKeys {
    static let min = SchemaKey("min", in: .processTime)
    static let likely = SchemaKey("likely", in: .processTime)
    static let max = SchemaKey("max", in: .processTime)
    static let time = SchemaKey("time", in: .standards)
    static let sop = SchemaKey("sop", in: .standards)
    static let service = SchemaKey("service", in: .standards)
    static let response = SchemaKey("response", in: .standards)
    static let startWithin = SchemaKey("startWithin", in: .standards)
    static let dimension = SchemaKey("dimension", in: .standards)
    static let target = SchemaKey("target", in: .timeStandard)
    static let tolerance = SchemaKey("tolerance", in: .timeStandard)
    static let risk = SchemaKey("risk", in: .failPoint)
    static let recovery = SchemaKey("recovery", in: .failPoint)
    static let owner = SchemaKey("owner", in: .failPoint)
    static let likelihood = SchemaKey("likelihood", in: .failPoint)
    static let waitTolerance = SchemaKey("tolerance", in: .waitPoint)
    static let waitNotes = SchemaKey("notes", in: .waitPoint)
}

/// Keys of ``KeySchema/flow``, found once.
enum FlowKeys {
    static let from = SchemaKey("from", in: .flow)
    static let to = SchemaKey("to", in: .flow)
    static let kind = SchemaKey("kind", in: .flow)
    static let label = SchemaKey("label", in: .flow)
    static let probability = SchemaKey("probability", in: .flow)
    static let measured = SchemaKey("measured", in: .flow)
    static let required = [from, to]
}

/// Keys of ``KeySchema/information``, found once.
enum InformationKeys {
    static let id = SchemaKey("id", in: .information)
    static let title = SchemaKey("title", in: .information)
    static let kind = SchemaKey("kind", in: .information)
    static let fromCustomer = SchemaKey("fromCustomer", in: .information)
    static let deliveredTo = SchemaKey("deliveredTo", in: .information)
    static let notes = SchemaKey("notes", in: .information)
}
