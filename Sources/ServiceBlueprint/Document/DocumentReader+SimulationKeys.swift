import Foundation

/// The `simulation:` block (issue 17): calendars and shifts, shared resources, segments, demand
/// profiles, patience and service-time distributions. Kept apart from the core reader and writer
/// as the journey and measured keys are.
///
/// ```yaml
/// simulation:
///   calendars:
///     - id: office
///       actors: [agent]
///       shifts:
///         - {days: mon-fri, from: "08:00", to: "18:00", servers: 8}
///   resources:
///     - {id: bay, capacity: 4, from: diagnose, to: repair}
///   segments:
///     - {id: premium, share: 20%, priority: 1, target: 8h, patience: {exponential: 10min}}
///   demandProfiles:
///     - {journeys: [repair], hourly: [0, 0, …], weekly: [1, 1, 1, 1, 1.2, 0.5, 0]}
///   patience:
///     - {steps: [call], exponential: 5min}
///   serviceTimes:
///     - {steps: [call], distribution: exponential}
/// ```
enum SimulationDocumentKeys {
    static let blueprint = ["simulation"]
    static let simulation = ["calendars", "resources", "segments", "demandProfiles", "patience", "serviceTimes"]
    static let calendar = ["id", "actors", "shifts"]
    static let shift = ["days", "from", "to", "servers"]
    static let resource = ["id", "title", "capacity", "from", "to"]
    static let segment = ["id", "title", "share", "priority", "journeys", "target", "patience"]
    static let profile = ["journeys", "hourly", "weekly"]
    static let patience = ["fixed", "exponential"]
    static let patienceRule = ["steps"] + patience
    static let serviceTime = ["steps", "distribution"]
}

extension DocumentReader {
    /// Reads `simulation:` into ``Blueprint/simulationSettings``.
    mutating func readSimulationKeys(_ fields: Fields, into blueprint: inout Blueprint) {
        blueprint.simulationSettings = nested(fields, "simulation") { reader, node, path in
            guard let fields = reader.fields(node, at: path, what: "simulation block", keys: .simulation)
            else { return nil }
            return SimulationSettings(
                calendars: reader.collection(fields, "calendars", placeholder: { WorkCalendar(id: "", shifts: []) }) {
                    $0.readCalendar($1, at: $2)
                },
                resources: reader.collection(fields, "resources", placeholder: { SharedResource(id: "", capacity: 1, from: "") }) {
                    $0.readResource($1, at: $2)
                },
                segments: reader.collection(fields, "segments", placeholder: { CustomerSegment(id: "", share: 0) }) {
                    $0.readSegment($1, at: $2)
                },
                demandProfiles: reader.collection(fields, "demandProfiles", placeholder: { DemandProfile() }) {
                    $0.readProfile($1, at: $2)
                },
                patience: reader.collection(fields, "patience", placeholder: { PatienceRule(patience: .fixed(.zero)) }) {
                    reader, node, path in
                    guard let fields = reader.fields(
                        node, at: path, what: "patience rule", keys: .patienceRule),
                        let patience = reader.readPatience(fields, at: path)
                    else { return nil }
                    return PatienceRule(steps: reader.list(fields, "steps"), patience: patience)
                },
                serviceTimes: reader.collection(fields, "serviceTimes", placeholder: { ServiceTimeRule(distribution: .pert) }) {
                    reader, node, path in
                    guard let fields = reader.fields(
                        node, at: path, what: "service-time rule", keys: .serviceTime,
                        required: ["distribution"]),
                        let distribution = reader.choice(
                            fields, "distribution", "distribution", names: ServiceTimeRule.Distribution.allCases.map(\.rawValue),
                            parse: ServiceTimeRule.Distribution.init(rawValue:))
                    else { return nil }
                    return ServiceTimeRule(steps: reader.list(fields, "steps"), distribution: distribution)
                })
        }
    }

    mutating func readCalendar(_ node: Node, at path: ModelPath) -> WorkCalendar? {
        guard let fields = fields(node, at: path, what: "calendar", keys: .calendar, required: ["id", "shifts"])
        else { return nil }
        let shifts = collection(fields, "shifts", placeholder: { Shift(days: [], start: .zero, end: .zero) }) {
            $0.readShift($1, at: $2)
        }
        return WorkCalendar(id: text(fields, "id") ?? "", shifts: shifts, actors: list(fields, "actors"))
    }

    mutating func readShift(_ node: Node, at path: ModelPath) -> Shift? {
        guard let fields = fields(node, at: path, what: "shift", keys: .shift, required: ["from", "to"])
        else { return nil }
        var days = Weekdays.everyDay
        if let text = text(fields, "days"), let node = fields["days"] {
            if let parsed = Weekdays(parsing: text) {
                days = parsed
            } else {
                invalid(
                    "unknown days '\(Self.shortened(text))'; expected names such as mon-fri, sat, mon,wed or daily",
                    node, path.appending("days"))
            }
        }
        guard let start = clock(fields, "from"), let end = clock(fields, "to") else { return nil }
        return Shift(days: days, start: start, end: end, servers: whole(fields, "servers"))
    }

    /// A time of day, `HH:MM` (or a duration since midnight such as `8h`).
    mutating func clock(_ fields: Fields, _ key: String) -> BlueprintDuration? {
        guard let node = fields[key], let text = text(fields, key) else { return nil }
        if let time = BlueprintDuration(clock: text) { return time }
        if let time = try? BlueprintDuration(parsing: text), time.seconds <= 86_400 { return time }
        invalid("'\(key)' must be a time of day such as \"08:30\", found '\(Self.shortened(text))'", node, fields.path.appending(key))
        return nil
    }

    mutating func readResource(_ node: Node, at path: ModelPath) -> SharedResource? {
        guard let fields = fields(
            node, at: path, what: "resource", keys: .resource, required: ["id", "capacity", "from"])
        else { return nil }
        return SharedResource(
            id: text(fields, "id") ?? "", title: text(fields, "title"), capacity: whole(fields, "capacity") ?? 1,
            from: text(fields, "from") ?? "", to: text(fields, "to"))
    }

    mutating func readSegment(_ node: Node, at path: ModelPath) -> CustomerSegment? {
        guard let fields = fields(node, at: path, what: "segment", keys: .segment, required: ["id", "share"])
        else { return nil }
        let patience = nested(fields, "patience") { reader, node, path in
            reader.fields(node, at: path, what: "patience", keys: .patience)
                .flatMap { reader.readPatience($0, at: path) }
        }
        return CustomerSegment(
            id: text(fields, "id") ?? "", title: text(fields, "title"), share: fraction(fields, "share") ?? 0,
            priority: whole(fields, "priority") ?? 1, journeys: list(fields, "journeys"), target: time(fields, "target"),
            patience: patience)
    }

    /// `fixed: 5min` or `exponential: 5min` (exactly one).
    mutating func readPatience(_ fields: Fields, at path: ModelPath) -> Patience? {
        let fixed = time(fields, "fixed"), exponential = time(fields, "exponential")
        switch (fixed, exponential) {
        case (let value?, nil): return .fixed(value)
        case (nil, let mean?): return .exponential(mean: mean)
        default:
            if fields["fixed"] == nil, fields["exponential"] == nil {
                invalid("patience needs 'fixed' or 'exponential' with a duration, e.g. {exponential: 5min}", fields.node, path)
            } else if fields["fixed"] != nil, fields["exponential"] != nil {
                invalid("patience takes 'fixed' or 'exponential', not both", fields.node, path)
            }
            return nil
        }
    }

    mutating func readProfile(_ node: Node, at path: ModelPath) -> DemandProfile? {
        guard let fields = fields(node, at: path, what: "demand profile", keys: .profile) else { return nil }
        return DemandProfile(journeys: list(fields, "journeys"), hourly: numbers(fields, "hourly"), weekly: numbers(fields, "weekly"))
    }

    /// A list of numbers; unreadable entries are reported and left out.
    mutating func numbers(_ fields: Fields, _ key: String) -> [Double] {
        guard let node = fields[key], let items = items(node, at: fields.path.appending(key), "'\(key)'") else { return [] }
        return items.compactMap { number($0.node, at: $0.path, "each entry of '\(key)'") }
    }
}

extension Weekdays {
    /// Reads `mon-fri`, `sat`, `mon,wed,fri`, `sat-sun`, `daily` / `every day` (case-insensitive,
    /// full names too); `nil` for anything else.
    public init?(parsing text: String) {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lowered == "daily" || lowered == "every day" || lowered == "mon-sun" {
            self = .everyDay
            return
        }
        let fullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        func day(_ name: Substring) -> Int? {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard trimmed.count >= 3 else { return nil }
            return fullNames.firstIndex { $0.hasPrefix(trimmed) }
        }
        var set = Weekdays()
        for part in lowered.split(separator: ",") {
            let ends = part.split(separator: "-", maxSplits: 1)
            guard let first = ends.first.flatMap(day) else { return nil }
            let last = ends.count == 2 ? day(ends[1]) : first
            guard let last else { return nil }
            var d = first
            while true {
                set.insert(Weekdays(rawValue: 1 << UInt8(d)))
                if d == last { break }
                d = (d + 1) % 7
            }
        }
        guard !set.isEmpty else { return nil }
        self = set
    }

    /// The shortest text form: `daily`, `mon-fri`, `sat-sun`, or names joined by commas.
    public var text: String {
        if self == .everyDay { return "daily" }
        let days = (0..<7).filter { contains(day: $0) }
        if let first = days.first, let last = days.last, last - first + 1 == days.count, days.count > 1 {
            return "\(Weekdays.names[first])-\(Weekdays.names[last])"
        }
        return days.map { Weekdays.names[$0] }.joined(separator: ",")
    }
}

extension BlueprintDuration {
    /// `HH:MM` (00:00…24:00) as time since midnight; `nil` otherwise.
    init?(clock text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1_440
        else { return nil }
        self.init(seconds: Double(hours * 3_600 + minutes * 60))
    }

    /// `HH:MM`, for writing a shift back.
    var clockText: String {
        let minutes = Int((seconds / 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

extension SimulationSettings {
    /// The block as written: keys in declaration order, empty parts left out.
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("calendars", calendars.map { calendar in
            var item = MappingBuilder()
            item.add("id", calendar.id)
            item.add("actors", calendar.actors)
            item.add("shifts", calendar.shifts.map { shift in
                var entry = MappingBuilder()
                entry.add("days", shift.days.text)
                entry.add("from", shift.start.clockText)
                entry.add("to", shift.end.clockText)
                entry.add("servers", shift.servers)
                return entry.value
            })
            return item.value
        })
        map.add("resources", resources.map { resource in
            var item = MappingBuilder()
            item.add("id", resource.id)
            if resource.title != resource.id { item.add("title", resource.title) }
            item.add("capacity", resource.capacity)
            item.add("from", resource.from)
            if resource.to != resource.from { item.add("to", resource.to) }
            return item.value
        })
        map.add("segments", segments.map { segment in
            var item = MappingBuilder()
            item.add("id", segment.id)
            if segment.title != segment.id { item.add("title", segment.title) }
            item.add("share", segment.share)
            item.add("priority", segment.priority)
            item.add("journeys", segment.journeys)
            item.add("target", segment.target)
            item.add("patience", segment.patience?.documentValue)
            return item.value
        })
        map.add("demandProfiles", demandProfiles.map { profile in
            var item = MappingBuilder()
            item.add("journeys", profile.journeys)
            item.add("hourly", profile.hourly.map { DocumentValue.number($0) })
            item.add("weekly", profile.weekly.map { DocumentValue.number($0) })
            return item.value
        })
        map.add("patience", patience.map { rule in
            var item = MappingBuilder()
            item.add("steps", rule.steps)
            rule.patience.add(to: &item)
            return item.value
        })
        map.add("serviceTimes", serviceTimes.map { rule in
            var item = MappingBuilder()
            item.add("steps", rule.steps)
            item.add("distribution", rule.distribution.rawValue)
            return item.value
        })
        return map.value
    }
}

extension Patience {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        add(to: &map)
        return map.value
    }

    func add(to map: inout MappingBuilder) {
        switch self {
        case .fixed(let value): map.add("fixed", value)
        case .exponential(let mean): map.add("exponential", mean)
        }
    }
}
