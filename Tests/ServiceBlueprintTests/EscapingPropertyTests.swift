import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import ServiceBlueprint

/// Random hostile text through every escaping layer: the output parses and shows the original text.
@Suite("Escaping properties")
struct EscapingPropertyTests {
    /// Pieces that break naive writers, mixed with random Unicode.
    static let hostilePieces = [
        "&amp;", "&#xD800;", "&#0;", "&lt;", "<script>alert(1)</script>", "\"", "'", "`", "]]>", "<!--", "-->",
        "x\"><img src=x onerror=alert(document.domain)><a x=\"", "\\", "*_[](#)|!", "\u{FFFD}", "\u{0}", "\u{1B}[31m",
        "\u{202E}", "\u{FEFF}", "\u{FFFF}", "\r\n", "\n", "\t", "售后", "🔧👩‍🔧", "e\u{301}", "http://evil.example",
    ]

    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            if Bool.random(using: &generator) {
                text += hostilePieces.randomElement(using: &generator)!
            } else {
                // Any scalar: surrogates are not scalars, so they arrive as U+FFFD, as decoding makes them.
                let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                text.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
        }
        return text
    }

    /// `text` as an XML document shows it: forbidden characters as U+FFFD, CR and CRLF as LF (XML
    /// end-of-line handling).
    static func xmlVisible(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n", previousWasCR { continue }
            result.append(scalar == "\r" ? "\n" : MarkupEscaping.isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    /// What an attribute value reads back as: XML also turns tabs and line feeds into spaces there.
    static func attributeVisible(_ text: String) -> String {
        String(String.UnicodeScalarView(xmlVisible(text).unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }

    final class TextCollector: NSObject, XMLParserDelegate {
        var text = ""
        var attributes: [String: String] = [:]
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            self.attributes.merge(attributes) { $1 }
        }
    }

    @Test("XML/HTML: text and attribute values parse with XMLParser and read back exactly")
    func xmlRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_500 {
            let text = Self.randomText(&generator)
            let document: HTML = "<root a=\"\(text)\" b='\(text)'>\(text)</root>"
            let parser = XMLParser(data: Data(document.markup.utf8))
            let collector = TextCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(text.debugDescription) → \(document.markup.debugDescription)")
            #expect(collector.text == Self.xmlVisible(text), "\(text.debugDescription)")
            // Attribute values normalise whitespace characters to spaces; compare the rest.
            let attributeForm = Self.attributeVisible(text)
            #expect(collector.attributes["a"] == attributeForm)
            #expect(collector.attributes["b"] == attributeForm)
            #expect(!MarkupEscaping.xml(text).contains("<"))
        }
    }

    @Test("Markdown: no raw < or & from the input, every ASCII punctuation escaped, one line")
    func markdownText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_500 {
            let text = Self.randomText(&generator)
            let markdown: Markdown = "\(text)"
            #expect(!markdown.source.contains("<"))
            #expect(!markdown.source.contains("\n") && !markdown.source.contains("\r"))
            // Undo the escaping the way a CommonMark renderer does: the original (one line) comes back.
            #expect(Self.unescapeMarkdown(markdown.source).unicodeScalars.elementsEqual(Self.markdownVisible(text).unicodeScalars), "\(text.debugDescription)")
        }
    }

    /// A CommonMark renderer's view of escaped text: backslash escapes and the three references decoded.
    static func unescapeMarkdown(_ source: String) -> String {
        var result = ""
        var scalars = source.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", let next = scalars.first, next.isASCII, next.properties.isPatternSyntax {
                result.unicodeScalars.append(next)
                scalars = scalars.dropFirst()
            } else if scalar == "&" {
                // Compared as scalars: a combining mark after ';' would join it into one Character.
                let entities = [("amp;", "&"), ("lt;", "<"), ("gt;", ">")]
                if let (entity, character) = entities.first(where: { scalars.starts(with: $0.0.unicodeScalars) }) {
                    result += character
                    scalars = scalars.dropFirst(entity.unicodeScalars.count)
                } else {
                    result += "&"
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func markdownVisible(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n", previousWasCR { continue }
            result.append(scalar == "\r" || scalar == "\n" || scalar == "\t" ? " " : MarkupEscaping.isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    @Test("Markdown links and code spans cannot be broken out of")
    func markdownLinksAndCode() {
        let link: Markdown = "![t](\(Markdown.Link("assets/a b)(\"<x>.svg")))"
        #expect(link.source == "![t](assets/a%20b%29%28%22%3Cx%3E.svg)")
        #expect(Markdown.code("a`b``c").source == "``` a`b``c ```")
        #expect(Markdown.code("plain").source == "` plain `")
    }

    @Test("interpolating markup keeps it; interpolating text escapes it (by construction)")
    func construction() {
        let inner: HTML = "<b>\("<i>")</b>"
        let outer: HTML = "<p>\(inner)\("&amp;")</p>"
        #expect(outer.markup == "<p><b>&lt;i&gt;</b>&amp;amp;</p>")
        #expect(HTML(text: "x'y").markup == "x&#39;y")
    }

    @Test("JSON: the blueprint JSON writer keeps random titles exactly and always parses")
    func jsonRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let title = Self.randomText(&generator)
            let blueprint = Blueprint(
                id: "j", title: title, stages: [Stage(id: "s", title: title)],
                steps: [Step(id: "a", title: title, lane: .customer, stage: "s")])
            let json = blueprint.jsonText()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(title.debugDescription)")
            #expect(object["title"] as? String == title, "\(title.debugDescription)")
        }
    }
}
