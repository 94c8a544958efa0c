/// Writes JSON byte for byte as Foundation's `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, without building an `Encodable` tree first.
///
/// `check --format json|sarif` on a large blueprint has tens of thousands of problems; the encoder
/// spent more instructions on them than reading and analysing the file together. The layout is the
/// encoder's, so output stays byte-identical: `"key" : value`, two spaces per level, an empty
/// container as an open bracket, an empty line and the closing bracket. Callers write keys in
/// sorted order (checked in debug builds).
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = true
    #if DEBUG
    /// The last key written at each open object, to check the sorted order.
    private var lastKeys: [String?] = []
    #endif

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    /// An object whose members `body` writes with the `field` methods, keys in sorted order.
    mutating func object(_ body: (inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "{"))
        #if DEBUG
        lastKeys.append(nil)
        #endif
        body(&self)
        #if DEBUG
        lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "}"))
    }

    /// An array whose elements `body` writes, each after ``item()``.
    mutating func array(_ body: (inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// An array of `elements`, each written by `write` (which writes exactly one value).
    mutating func array<Elements: Sequence>(_ elements: Elements, _ write: (inout PrettyJSON, Elements.Element) -> Void) {
        array { json in
            for element in elements {
                json.item()
                write(&json, element)
            }
        }
    }

    /// Starts the next element of an array.
    mutating func item() {
        separate()
    }

    /// Starts the member `key` of an object; its value follows.
    mutating func field(_ key: String) {
        #if DEBUG
        if let last = lastKeys[lastKeys.count - 1] { assert(last < key, "keys out of order: \(last), \(key)") }
        lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        string(key)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    // MARK: Values

    /// A string, escaped as the encoder does: `"`, `\`, and control characters; `/`, DEL and
    /// non-ASCII stay as they are.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var copied = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                escape(byte)
                copied = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A whole number.
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `key : value` for a string.
    mutating func field(_ key: String, _ value: String) {
        field(key)
        string(value)
    }

    /// `key : value` for a whole number.
    mutating func field(_ key: String, _ value: Int) {
        field(key)
        integer(value)
    }

    /// `key : value` for a string, left out when `nil` (as `encodeIfPresent` does).
    mutating func field(_ key: String, ifPresent value: String?) {
        if let value { field(key, value) }
    }

    /// `key : value` for a whole number, left out when `nil`.
    mutating func field(_ key: String, ifPresent value: Int?) {
        if let value { field(key, value) }
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        // The encoder writes an empty container with an empty line inside.
        if empty { bytes.append(UInt8(ascii: "\n")) }
        depth -= 1
        newline()
        bytes.append(bracket)
        empty = false
    }

    private mutating func separate() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")]) }
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
