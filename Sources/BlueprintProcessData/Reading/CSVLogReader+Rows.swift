import BlueprintCSV
import ServiceBlueprint

extension CSVLogReader {
    /// What pass 1 learns of each case (numbered by ``ByteInterner`` in order of first sight):
    /// the record number of its last row and how many rows it has.
    struct CaseRows {
        var ids = ByteInterner()
        var lastRow: [Int] = []
        var rowCount: [Int32] = []

        /// Notes a row of the case `caseID`.
        @inline(__always)
        mutating func note(_ caseID: UnsafeBufferPointer<UInt8>, row: Int) {
            let (number, isNew) = ids.intern(caseID)
            if isNew {
                lastRow.append(row)
                rowCount.append(1)
            } else {
                lastRow[number] = row
                rowCount[number] &+= 1
            }
        }

        /// The number of the case `caseID`; a case pass 1 did not see (the file changed between
        /// the passes) has no last row, so it stays open to the end.
        @inline(__always)
        mutating func number(of caseID: UnsafeBufferPointer<UInt8>) -> Int {
            let (number, isNew) = ids.intern(caseID)
            if isNew {
                lastRow.append(-1)
                rowCount.append(0)
            }
            return number
        }
    }

    /// The events of a case whose last row is still ahead.
    struct OpenCase {
        var caseID: String
        var number: Int
        var order: Int
        var events: [LogEvent] = []
    }

    /// The open cases, found by case number (``CaseRows``); slots of closed cases are reused.
    struct OpenCases {
        /// Per case number: its slot + 1, or 0 when the case is not open.
        private var slotOfCase: [Int32] = []
        private(set) var slots: [OpenCase] = []
        private var free: [Int] = []

        /// The slot of case `number`, or `nil` when it is not open.
        @inline(__always)
        func slot(of number: Int) -> Int? {
            number < slotOfCase.count && slotOfCase[number] > 0 ? Int(slotOfCase[number]) - 1 : nil
        }

        /// Opens case `number` with room for `capacity` events and returns its slot.
        mutating func open(_ number: Int, caseID: String, order: Int, capacity: Int) -> Int {
            var opened = OpenCase(caseID: caseID, number: number, order: order)
            opened.events.reserveCapacity(capacity)
            let slot: Int
            if let reused = free.popLast() {
                slots[reused] = opened
                slot = reused
            } else {
                slot = slots.count
                slots.append(opened)
            }
            if slotOfCase.count <= number { slotOfCase.append(contentsOf: repeatElement(0, count: number + 1 - slotOfCase.count)) }
            slotOfCase[number] = Int32(truncatingIfNeeded: slot + 1)
            return slot
        }

        @inline(__always)
        mutating func append(_ event: LogEvent, to slot: Int) { slots[slot].events.append(event) }

        /// Removes case `number` and returns it, or `nil` when it is not open.
        mutating func close(_ number: Int) -> OpenCase? {
            guard let slot = slot(of: number) else { return nil }
            slotOfCase[number] = 0
            let closed = slots[slot]
            slots[slot] = OpenCase(caseID: "", number: -1, order: 0)
            free.append(slot)
            return closed
        }

        /// The numbers of the cases still open, in the order they were opened.
        var remaining: [Int] {
            slots.filter { $0.number >= 0 }.sorted { $0.order < $1.order }.map(\.number)
        }
    }

    /// Interns names (activities, resources) by their bytes into a ``NameTable``: a string is made
    /// once per distinct byte string, not per row.
    struct NameBytes {
        var ids = ByteInterner()
        /// Per byte string: its name's index, `nil` when `make` refused it.
        var index: [NameIndex?] = []

        /// The name's index, made by `make` when its bytes are new.
        @inline(__always)
        mutating func index(of bytes: UnsafeBufferPointer<UInt8>, _ make: (String) -> NameIndex?) -> NameIndex? {
            let (number, isNew) = ids.intern(bytes)
            if !isNew { return index[number] }
            let made = make(String(decoding: bytes, as: UTF8.self))
            index.append(made)
            return made
        }
    }

    /// Pass 2's state: the open cases, the names interned by their bytes, the problems found.
    /// One value with mutating methods, so the per-row path has no captured variables to check.
    struct Rows {
        let path: String
        let limits: EventLogLimits
        let parser: TimestampParser
        var cases: CaseRows
        var collector: DiagnosticCollector
        var assembler: TraceAssembler
        var open = OpenCases()
        var activities = NameBytes()
        var resources = NameBytes()
        var caseCount = 0

        init(path: String, options: EventLogReadOptions, cases: CaseRows) {
            self.path = path
            limits = options.limits
            parser = options.timestamps
            self.cases = cases
            collector = DiagnosticCollector(path: path, limit: options.limits.maxDiagnostics)
            assembler = TraceAssembler(limits: options.limits)
        }

        /// Reads one row after the header; a case is handed on at its last row.
        @inline(__always)
        mutating func take(_ record: CSVRawRecord, _ columns: Columns, _ body: (LogTrace, NameTable) throws -> Void) throws {
            guard let caseID = record.bytes(columns.caseID), !caseID.isEmpty else {
                collector.add(.error, "noCase", ["column": .integer(columns.caseID + 1)], line: record.position.line, column: 1)
                return
            }
            let number = cases.number(of: caseID)
            try add(record, caseID: caseID, number: number, columns)
            // A skipped last row still ends its case.
            if cases.lastRow[number] == record.number { try close(number, body) }
        }

        /// Hands on the cases still open and returns the summary.
        mutating func finish(csvErrors: [CSVError], readHeader: Bool, _ body: (LogTrace, NameTable) throws -> Void) throws -> EventLogSummary {
            for error in csvErrors {
                collector.add(.warning, error.message, line: error.position.line, column: error.position.column)
            }
            if !readHeader { collector.add(.error, "empty", [:], line: 1, column: 1) }
            // Only a file changed between the passes leaves cases open; hand them on in file order.
            for number in open.remaining { try close(number, body) }
            // Cases close at their last row, so order warnings arrive late: report in file order.
            collector.sortByLocation()
            return EventLogSummary(activities: assembler.activities, resources: assembler.resources, caseCount: caseCount,
                                   eventCount: assembler.eventCount, diagnostics: collector.diagnostics, problemCount: collector.count)
        }

        /// The timestamp in `column`: `.some(nil)` when the field is empty, `nil` (reported) when unreadable.
        @inline(__always)
        mutating func time(_ record: CSVRawRecord, _ column: Int, _ what: String) -> Double?? {
            guard let bytes = record.bytes(column), !bytes.isEmpty else { return .some(nil) }
            if let value = parser.parse(bytes: bytes) { return value }
            let text = String(decoding: bytes, as: UTF8.self)
            let position = record.position(of: column)
            collector.add(.error, "timestamp", ["what": CSVLogReader.role(what), "text": .quoted(String(text.prefix(60)))],
                          line: position.line, column: position.column)
            return nil
        }

        mutating func close(_ number: Int, _ body: (LogTrace, NameTable) throws -> Void) throws {
            guard let finished = open.close(number) else { return }
            TraceAssembler.checkOrder(finished.events, caseID: finished.caseID, into: &collector)
            try body(LogTrace(caseID: finished.caseID, events: finished.events), assembler.activities)
        }

        /// Reads one row into its open case, or reports why it is skipped.
        @inline(__always)
        mutating func add(_ record: CSVRawRecord, caseID: UnsafeBufferPointer<UInt8>, number: Int, _ resolved: Columns) throws {
            let line = record.position.line
            guard let activityBytes = record.bytes(resolved.activity), !activityBytes.isEmpty else {
                collector.add(.error, "noActivity", ["column": .integer(resolved.activity + 1)], line: line, column: 1)
                return
            }
            guard case .some(let completeTime) = time(record, resolved.timestamp, "timestamp") else { return }
            guard case .some(let startTime) = resolved.start >= 0 ? time(record, resolved.start, "startTimestamp") : .some(nil) else { return }
            guard completeTime != nil || startTime != nil else {
                collector.add(.error, "noTimestamp", [:], line: line, column: 1)
                return
            }
            var lifecycle = LogLifecycle.complete
            if resolved.lifecycle >= 0, let bytes = record.bytes(resolved.lifecycle) {
                guard let known = Self.lifecycle(bytes) else {
                    let text = String(decoding: bytes, as: UTF8.self)
                    let position = record.position(of: resolved.lifecycle)
                    collector.add(.error, "lifecycle", ["text": .quoted(String(text.prefix(40)))],
                                  line: position.line, column: position.column)
                    return
                }
                lifecycle = known
            }
            guard let activity = activities.index(of: activityBytes, { assembler.activity($0) }) else {
                throw collector.fatal("maxActivities", ["limit": .integer(limits.maxActivities)], line: line, column: 1)
            }
            var resource: NameIndex?
            if resolved.resource >= 0, let bytes = record.bytes(resolved.resource), !bytes.isEmpty {
                resource = resources.index(of: bytes) { assembler.resource($0) }
            }
            let added = (startTime != nil && completeTime != nil) ? 2 : 1
            let slot: Int
            if let existing = open.slot(of: number) {
                slot = existing
            } else {
                // Room for all of the case's rows at once: pass 1 counted them.
                let expected = Int(cases.rowCount[number]) * (resolved.start >= 0 ? 2 : 1)
                slot = open.open(number, caseID: String(decoding: caseID, as: UTF8.self), order: caseCount,
                                 capacity: min(expected, limits.maxEventsPerCase))
                caseCount += 1
            }
            guard open.slots[slot].events.count + added <= limits.maxEventsPerCase else {
                throw collector.fatal("maxEventsPerCase", ["case": .quoted(open.slots[slot].caseID), "limit": .integer(limits.maxEventsPerCase)],
                                      line: line, column: 1)
            }
            guard assembler.eventCount + added <= limits.maxEvents else {
                throw collector.fatal("maxEvents", ["limit": .integer(limits.maxEvents)], line: line, column: 1)
            }
            if let startTime {
                open.append(LogEvent(activity: activity, timestamp: startTime, lifecycle: .start, resource: resource, line: line), to: slot)
            }
            if let completeTime {
                // With a start column the row's end is its completion, unless the row says it was aborted.
                let end = startTime == nil || lifecycle == .abort || lifecycle == .caseAbort ? lifecycle : .complete
                open.append(LogEvent(activity: activity, timestamp: completeTime, lifecycle: end, resource: resource, line: line), to: slot)
            }
            assembler.eventCount += 1  // one row, one event (as PM4Py counts), with or without a start column
        }

        /// The lifecycle written as `bytes`, `nil` for an unknown value; `complete` and `start`,
        /// which nearly every log uses, are compared as bytes.
        @inline(__always)
        static func lifecycle(_ bytes: UnsafeBufferPointer<UInt8>) -> LogLifecycle? {
            if Self.equals(bytes, "complete") { return .complete }
            if Self.equals(bytes, "start") { return .start }
            return LogLifecycle(text: String(decoding: bytes, as: UTF8.self))
        }

        @inline(__always)
        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let letters = word.utf8Start
            for index in 0..<bytes.count where bytes[index] != letters[index] { return false }
            return true
        }
    }
}
