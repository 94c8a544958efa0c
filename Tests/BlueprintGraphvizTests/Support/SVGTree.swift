import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG (or any XML) document parsed with Foundation's XMLParser into a flat list of elements, for
/// checking structure: which elements exist, their attributes, text and nesting.
final class SVGTree: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var parent: Int?
        var children: [Int]
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private var parseError: String?

    /// Parses `data`; throws when it is not well-formed XML.
    static func parse(_ data: Data) throws -> SVGTree {
        let tree = SVGTree()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = tree
        if !parser.parse() || tree.parseError != nil {
            throw ParseFailure(message: tree.parseError ?? parser.parserError.map { "\($0)" } ?? "unknown XML error")
        }
        return tree
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let index = elements.count
        elements.append(Element(name: elementName, attributes: attributes, text: "", parent: stack.last, children: []))
        if let parent = stack.last { elements[parent].children.append(index) }
        stack.append(index)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = stack.last { elements[current].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        parseError = "\(error)"
    }

    /// Indices of all elements below `index`, depth first.
    func descendants(of index: Int) -> [Int] {
        var result: [Int] = []
        var pending = elements[index].children.reversed() as [Int]
        while let next = pending.popLast() {
            result.append(next)
            pending.append(contentsOf: elements[next].children.reversed())
        }
        return result
    }

    /// Elements whose `class` attribute contains `className` as a word.
    func elements(withClass className: String) -> [Int] {
        elements.indices.filter { (elements[$0].attributes["class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }

    /// All text below `index`, concatenated.
    func text(under index: Int) -> String {
        ([index] + descendants(of: index)).map { elements[$0].text }.joined()
    }

    /// The bounding box of a shape element (`polygon`/`polyline` points or `path` data), in SVG coordinates.
    func boundingBox(of index: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        let element = elements[index]
        let source: String
        switch element.name {
        case "polygon", "polyline": source = element.attributes["points"] ?? ""
        case "path": source = element.attributes["d"] ?? ""
        default: return nil
        }
        let numbers = source.split(whereSeparator: { !"0123456789.-eE".contains($0) }).compactMap { Double($0) }
        guard numbers.count >= 2 else { return nil }
        var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for pair in stride(from: 0, to: numbers.count - 1, by: 2) {
            box.minX = min(box.minX, numbers[pair])
            box.maxX = max(box.maxX, numbers[pair])
            box.minY = min(box.minY, numbers[pair + 1])
            box.maxY = max(box.maxY, numbers[pair + 1])
        }
        return box
    }
}
