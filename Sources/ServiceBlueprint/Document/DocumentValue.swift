import Yams

/// A format-neutral document tree with ordered mappings: what the YAML and JSON writers print.
indirect enum DocumentValue: Hashable, Sendable {
    /// One key and its value in a mapping.
    struct Entry: Hashable, Sendable {
        var key: String
        var value: DocumentValue
    }

    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case list([DocumentValue])
    case mapping([Entry])

    /// `true` for strings, numbers, booleans and null.
    var isScalar: Bool {
        switch self {
        case .list, .mapping: false
        default: true
        }
    }
}

/// Building mappings in declaration order, leaving out what is absent or empty.
struct MappingBuilder {
    private(set) var entries: [DocumentValue.Entry] = []

    mutating func add(_ key: String, _ value: DocumentValue) { entries.append(.init(key: key, value: value)) }
    mutating func add(_ key: String, _ value: String?) { if let value { add(key, .string(value)) } }
    mutating func add(_ key: String, _ value: Double?) { if let value { add(key, .number(value)) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { add(key, .integer(value)) } }
    mutating func add(_ key: String, _ value: BlueprintDuration?) { if let value { add(key, DocumentValue(value)) } }
    mutating func add(_ key: String, _ values: [String]) {
        if !values.isEmpty { add(key, .list(values.map(DocumentValue.string))) }
    }
    mutating func add(_ key: String, _ values: [DocumentValue]) { if !values.isEmpty { add(key, .list(values)) } }
    mutating func add(_ key: String, _ value: DocumentValue?) { if let value { add(key, value) } }

    var value: DocumentValue { .mapping(entries) }
}

extension DocumentValue {
    /// A duration in its canonical human form (`5min`), or as exact seconds when the canonical
    /// form would not read back to the very same value.
    init(_ duration: BlueprintDuration) {
        let text = duration.description
        if let parsed = try? BlueprintDuration(parsing: text), parsed.seconds == duration.seconds {
            self = .string(text)
        } else {
            self = .number(duration.seconds)
        }
    }

    /// The generic reading of a YAML/JSON node under the YAML 1.2 core schema: plain scalars
    /// become numbers, booleans or null when they look like them, everything else strings.
    /// Used to hand a file to tools (JSON Schema validation) exactly as written.
    init(node: Node) {
        switch node {
        case .scalar(let scalar):
            let isPlain = scalar.tag.rawValue != Tag.Name.str.rawValue && (scalar.style == .plain || scalar.style == .any)
            switch isPlain ? PlainScalar.kind(of: scalar.string) : .string {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .string: self = .string(scalar.string)
            case .number:
                if let integer = Int(scalar.string) {
                    self = .integer(integer)
                } else if PlainScalar.isDecimal(scalar.string), let number = Double(scalar.string) {
                    self = .number(number)
                } else {
                    self = .string(scalar.string)
                }
            }
        case .sequence(let sequence):
            self = .list(sequence.map(DocumentValue.init(node:)))
        case .mapping(let mapping):
            self = .mapping(mapping.map { Entry(key: $0.key.string ?? "\($0.key)", value: DocumentValue(node: $0.value)) })
        case .alias:
            self = .null
        }
    }
}

/// Number text shared by both writers: whole numbers without a fraction, others in Swift's
/// shortest exact form with a `.0` added before a bare exponent (`1.0e-05`), which YAML 1.1 tools
/// also read as a number.
enum NumberText {
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = "\(value)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") {
            text.insert(contentsOf: ".0", at: e)
        }
        return text
    }
}
