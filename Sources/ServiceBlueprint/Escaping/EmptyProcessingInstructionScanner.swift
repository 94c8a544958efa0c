/// Finds a processing instruction that has a target and no data (`<?name?>`) in XML bytes.
///
/// Foundation's `XMLParser` on Linux crashes on one: libxml2 hands it no data, and Foundation makes
/// a string of it with `strlen`. The XML readers (BPMN, XES) therefore scan their input first and
/// refuse such an instruction with a located error. Comments and CDATA sections are skipped, and
/// the bytes may come in any number of chunks (the XES reader streams its file).
package struct EmptyProcessingInstructionScanner: Sendable {
    private enum State: Sendable { case text, open, target, targetQuestion, data, dataQuestion, markup, comment, cdata, declaration }
    private var state = State.text
    private var line = 1
    private var column = 0
    private var start = (line: 1, column: 1)
    private var targetLength = 0
    private var markup: [UInt8] = []
    private var previous: (UInt8, UInt8) = (0, 0)
    /// Where the first such instruction starts (its `<`), once scanned.
    package private(set) var found: (line: Int, column: Int)?

    /// Creates a scanner at the start of a document.
    package init() {}

    private static let comment = Array("--".utf8)
    private static let cdata = Array("[CDATA[".utf8)

    /// Scans the next bytes of the document; stops looking once one is found.
    package mutating func scan(_ bytes: some Sequence<UInt8>) {
        guard found == nil else { return }
        for byte in bytes {
            if byte == 0x0A {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .open
                    start = (line, column)
                }
            case .open:
                switch byte {
                case UInt8(ascii: "?"):
                    state = .target
                    targetLength = 0
                case UInt8(ascii: "!"):
                    state = .markup
                    markup = []
                default: state = .text
                }
            case .target:
                switch byte {
                case UInt8(ascii: "?"): state = .targetQuestion
                case 0x20, 0x09, 0x0A, 0x0D: state = .data
                default: targetLength += 1
                }
            case .targetQuestion:
                if byte == UInt8(ascii: ">") {
                    if targetLength > 0 {
                        found = start
                        return
                    }
                    state = .text
                } else if byte != UInt8(ascii: "?") {
                    targetLength += 1
                    state = .target
                }
            case .data:
                if byte == UInt8(ascii: "?") { state = .dataQuestion }
            case .dataQuestion:
                if byte == UInt8(ascii: ">") {
                    state = .text
                } else if byte != UInt8(ascii: "?") {
                    state = .data
                }
            case .markup:
                markup.append(byte)
                if markup == Self.comment {
                    state = .comment
                    previous = (0, 0)
                } else if markup == Self.cdata {
                    state = .cdata
                    previous = (0, 0)
                } else if !Self.comment.starts(with: markup), !Self.cdata.starts(with: markup) {
                    state = byte == UInt8(ascii: ">") ? .text : .declaration
                }
            case .comment:
                if byte == UInt8(ascii: ">"), previous == (UInt8(ascii: "-"), UInt8(ascii: "-")) { state = .text }
                previous = (previous.1, byte)
            case .cdata:
                if byte == UInt8(ascii: ">"), previous == (UInt8(ascii: "]"), UInt8(ascii: "]")) { state = .text }
                previous = (previous.1, byte)
            case .declaration:
                if byte == UInt8(ascii: ">") { state = .text }
            }
        }
    }
}
