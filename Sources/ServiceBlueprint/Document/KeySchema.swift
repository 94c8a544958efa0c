/// The keys one kind of mapping may contain (a list from ``DocumentKeys``), prepared for reading.
///
/// The reader matches each key of a file to its position here once, with one lookup in a small
/// fixed table, and then stores, finds and records values by that position: no string comparison
/// against every allowed key, and no hashing of the key again for the source map. The table holds
/// only the schema's own names and never grows, so a file's keys cannot crowd it: a lookup probes
/// at most the longest run of occupied slots, fixed when the table is built.
struct KeySchema: Sendable {
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
