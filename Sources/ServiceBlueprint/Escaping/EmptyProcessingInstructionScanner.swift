/// Finds a processing instruction that has a target and no data (`<?name?>`) in XML bytes.
///
/// Foundation's `XMLParser` on Linux crashes on one: libxml2 hands it no data, and Foundation makes
/// a string of it with `strlen`. The XML readers (BPMN, XES) therefore scan their input first and
/// refuse such an instruction with a located error. The bytes may come in any number of chunks
/// (the XES reader streams its file).
///
/// The scan ignores context on purpose: `<?name?>` is refused wherever it appears, even inside a
/// comment, CDATA or another instruction's data. In a malformed file libxml2 recovers in ways a
/// small scanner cannot follow (the fuzzer found a start tag broken by `<?xml …` that hid a later
/// `<?x?>` from a scanner that skipped instruction data), and refusing a few odd but valid files is
/// better than a crash.
package struct EmptyProcessingInstructionScanner: Sendable {
    private enum State: Sendable { case text, open, target, targetQuestion }
    private var state = State.text
    private var line = 1
    private var column = 0
    private var start = (line: 1, column: 1)
    private var targetLength = 0
    /// Where the first such instruction starts (its `<`), once scanned.
    package private(set) var found: (line: Int, column: Int)?

    /// Creates a scanner at the start of a document.
    package init() {}

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
            // A `<` starts a candidate wherever it is, even inside one that has not ended.
            if byte == UInt8(ascii: "<") {
                state = .open
                start = (line, column)
                continue
            }
            switch state {
            case .text:
                break
            case .open:
                if byte == UInt8(ascii: "?") {
                    state = .target
                    targetLength = 0
                } else {
                    state = .text
                }
            case .target:
                switch byte {
                case UInt8(ascii: "?"): state = .targetQuestion
                // After the target, data: the instruction cannot crash the parser.
                case 0x20, 0x09, 0x0A, 0x0D: state = .text
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
            }
        }
    }
}
