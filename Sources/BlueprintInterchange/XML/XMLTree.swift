import Foundation
import ServiceBlueprint

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Limits that keep reading an untrusted XML file bounded in time and memory.
public struct XMLLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maxBytes: Int
    /// The most elements accepted.
    public var maxElements: Int
    /// The deepest nesting accepted.
    public var maxDepth: Int

    /// Creates limits.
    public init(maxBytes: Int = 64 << 20, maxElements: Int = 2_000_000, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxElements = maxElements
        self.maxDepth = maxDepth
    }

    /// The defaults: 64 MiB, two million elements, depth 128.
    public static let standard = XMLLimits()
}

/// One element of a parsed XML document, in a flat array (children are indexes), so nothing
/// that walks it needs to recurse.
struct XMLNode: Sendable {
    /// The local name (`userTask` for `bpmn:userTask`).
    var name: String
    /// The namespace URI, empty when none.
    var namespace: String
    /// Attributes by qualified name as written (`id`, `camunda:assignee`).
    var attributes: [String: String]
    /// Child element indexes, in document order.
    var children: [Int] = []
    /// Concatenated character data directly inside the element.
    var text: String = ""
    /// The parent's index, `-1` for the root.
    var parent: Int
    /// 1-based line and column where the parser reported the start tag.
    var line: Int
    var column: Int

    /// The attribute `key`, or one whose qualified name ends in `:key` (tolerant of prefixes).
    func attribute(_ key: String) -> String? {
        if let value = attributes[key] { return value }
        let suffix = ":" + key
        return attributes.first { $0.key.hasSuffix(suffix) }?.value
    }
}

/// A parsed XML document: every element in document order, the root at index 0.
struct XMLTree: Sendable {
    var nodes: [XMLNode]

    subscript(index: Int) -> XMLNode {
        // Borrowed, not copied: nodes are read millions of times on large files.
        _read { yield nodes[index] }
    }

    /// The children of `index` whose local name is `name`.
    func children(of index: Int, named name: String) -> [Int] {
        nodes[index].children.filter { nodes[$0].name == name }
    }

    /// The first child of `index` named `name`.
    func child(of index: Int, named name: String) -> Int? {
        nodes[index].children.first { nodes[$0].name == name }
    }

    /// Trimmed text of the first child named `name`.
    func childText(of index: Int, named name: String) -> String? {
        guard let child = child(of: index, named: name) else { return nil }
        let text = nodes[child].text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Every descendant of `index` (not itself), in document order; iterative.
    func descendants(of index: Int) -> [Int] {
        var result: [Int] = []
        var stack = Array(nodes[index].children.reversed())
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: nodes[next].children.reversed())
        }
        return result
    }
}

/// Reads XML into an ``XMLTree`` with Foundation's `XMLParser`, refusing what could make an
/// untrusted file expensive or leak: document type declarations (so no entity expansion and no
/// external entities: nothing is ever fetched), oversize files, too many elements, deep nesting.
enum XMLTreeReader {
    /// Parses `data`; errors are located diagnostics against `path`.
    static func read(_ data: Data, path: String, limits: XMLLimits = .standard) throws(BlueprintError) -> XMLTree {
        func failure(_ text: LocalizedText, line: Int = 1, column: Int = 1) -> BlueprintError {
            BlueprintError(diagnostics: [
                Diagnostic(.error, text, location: SourceLocation(path: path, line: line, column: column))
            ])
        }
        guard data.count <= limits.maxBytes else {
            throw failure(LocalizedText("interchange.tooLarge", ["size": .integer(data.count), "limit": .integer(limits.maxBytes)]))
        }
        // Foundation's XMLParser traps on some invalid UTF-8 (found by the fuzzer): refuse it first.
        if let (line, column) = invalidUTF8Position(in: data) {
            throw failure(LocalizedText("interchange.xml.notUTF8"), line: line, column: column)
        }
        if let (line, column) = doctypePosition(in: data) {
            throw failure(LocalizedText("interchange.xml.doctype"), line: line, column: column)
        }
        // So does a processing instruction without data (`<?name?>`): XMLParser crashes on it.
        var instructions = EmptyProcessingInstructionScanner()
        instructions.scan(data)
        if let found = instructions.found {
            throw failure(LocalizedText("xml.emptyProcessingInstruction"), line: found.line, column: found.column)
        }
        let delegate = TreeBuilder(limits: limits)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        delegate.parser = parser
        let parsed = parser.parse()
        if delegate.problem == nil, let unclosed = delegate.open.last {
            let node = delegate.nodes[unclosed]
            delegate.problem = .init(
                text: LocalizedText(
                    "interchange.xml.unclosed", ["element": .quoted(node.name), "line": .integer(node.line), "column": .integer(node.column)]),
                line: node.line, column: node.column)
        }
        if let problem = delegate.problem {
            throw failure(problem.text, line: problem.line, column: problem.column)
        }
        guard parsed, !delegate.nodes.isEmpty else {
            // The parser's own reason stays in the system's words.
            let error: TextArgument = parser.parserError.map { .verbatim(($0 as NSError).localizedDescription) }
                ?? .phrase(LocalizedText("syntax.unknownError"))
            throw failure(
                LocalizedText("interchange.xml.notWellFormed", ["error": error]), line: max(1, parser.lineNumber),
                column: max(1, parser.columnNumber))
        }
        return XMLTree(nodes: delegate.nodes)
    }

    /// The line and column of the first byte that is not valid UTF-8, if any.
    static func invalidUTF8Position(in data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data)
        var index = 0, line = 1, lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1)
            }
            guard index + length <= bytes.count else { return (line, index - lineStart + 1) }
            for offset in 1..<max(1, length) where bytes[index + offset] & 0xC0 != 0x80 { return (line, index - lineStart + 1) }
            if length == 3 {
                let second = bytes[index + 1]
                if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { return (line, index - lineStart + 1) }
            } else if length == 4 {
                let second = bytes[index + 1]
                if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return (line, index - lineStart + 1) }
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return nil
    }

    /// Where `<!DOCTYPE` or `<!ENTITY` appears outside a comment or CDATA, if anywhere (a byte scan,
    /// before the parser sees the file, so libxml2 never expands anything).
    static func doctypePosition(in data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data)
        let doctype = Array("<!DOCTYPE".utf8), entity = Array("<!ENTITY".utf8)
        let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
        let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
        func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            guard offset + pattern.count <= bytes.count else { return false }
            for index in 0..<pattern.count where bytes[offset + index] != pattern[index] { return false }
            return true
        }
        func skip(to closing: [UInt8], from offset: Int) -> Int {
            var index = offset
            while index < bytes.count, !matches(closing, at: index) { index += 1 }
            return index + closing.count
        }
        var index = 0, line = 1, lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            } else if byte == UInt8(ascii: "<") {
                if matches(doctype, at: index) || matches(entity, at: index) { return (line, index - lineStart + 1) }
                let end: Int? =
                    matches(commentOpen, at: index)
                    ? skip(to: commentClose, from: index + 4)
                    : matches(cdataOpen, at: index) ? skip(to: cdataClose, from: index + 9) : nil
                if let end {
                    let stop = min(end, bytes.count)
                    for position in index..<stop where bytes[position] == UInt8(ascii: "\n") {
                        line += 1
                        lineStart = position + 1
                    }
                    index = stop
                    continue
                }
            }
            index += 1
        }
        return nil
    }
}

/// The `XMLParser` delegate that builds the flat node array and enforces the limits.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    struct Problem {
        var text: LocalizedText
        var line: Int
        var column: Int
    }

    let limits: XMLLimits
    weak var parser: XMLParser?
    var nodes: [XMLNode] = []
    var open: [Int] = []
    var problem: Problem?

    init(limits: XMLLimits) { self.limits = limits }

    private func stop(_ key: String, _ arguments: [String: TextArgument] = [:]) {
        guard problem == nil else { return }
        problem = Problem(text: LocalizedText("interchange.xml.\(key)", arguments), line: max(1, parser?.lineNumber ?? 1), column: max(1, parser?.columnNumber ?? 1))
        parser?.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard problem == nil else { return }
        guard nodes.count < limits.maxElements else {
            stop("tooManyElements", ["limit": .integer(limits.maxElements)])
            return
        }
        guard open.count < limits.maxDepth else {
            stop("tooDeep", ["limit": .integer(limits.maxDepth)])
            return
        }
        let local = elementName.lastIndex(of: ":").map { String(elementName[elementName.index(after: $0)...]) } ?? elementName
        let index = nodes.count
        nodes.append(
            XMLNode(
                name: local, namespace: namespaceURI ?? "", attributes: attributes, parent: open.last ?? -1,
                line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)))
        if let parent = open.last { nodes[parent].children.append(index) }
        open.append(index)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard problem == nil else { return }
        let local = elementName.lastIndex(of: ":").map { String(elementName[elementName.index(after: $0)...]) } ?? elementName
        // libxml2 recovers from some tag mismatches; a tolerant reader must still not guess.
        guard let current = open.popLast(), nodes[current].name == local else {
            stop("endTag", ["element": .quoted(elementName)])
            return
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let current = open.last, problem == nil else { return }
        // Indentation between elements is not text anyone reads.
        if nodes[current].text.isEmpty, string.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
        // Text only matters in small leaf elements (documentation, conditions, timers): cap it.
        if nodes[current].text.utf8.count < 1 << 20 { nodes[current].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard let current = open.last, problem == nil else { return }
        if nodes[current].text.utf8.count < 1 << 20 { nodes[current].text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop("entity", ["name": .quoted(name)])
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop("externalEntity", ["name": .quoted(name)])
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        stop("externalReference", ["name": .quoted(name)])
        return nil
    }
}
