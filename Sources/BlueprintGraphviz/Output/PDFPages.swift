import Foundation

/// Joins single-page PDF documents, as Graphviz's cairo device writes them, into one document with
/// one page each, in order.
///
/// Graphviz draws one graph per PDF (its cairo device has no pages, and several graphs in one job
/// come out as several documents one after another), so a paged print is drawn page by page and
/// joined here. Each document's objects are found through its cross-reference table and renumbered
/// into the new file; only dictionaries are rewritten (references `N G R`), stream data is copied
/// byte for byte. Catalogs, page trees and information dictionaries are replaced by one of each, so
/// the result carries no creation date and is deterministic.
enum PDFPages {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One document with every page of `documents`, in order.
    ///
    /// Objects no page reaches are left out, and the rest are numbered in the order they are reached
    /// from the pages: cairo numbers a few objects differently from run to run, and this keeps the
    /// same pages the same bytes.
    static func join(_ documents: [Data]) throws(Failure) -> Data {
        // Numbers 1 and 2 are the new catalog and page tree; the documents' objects are moved above them.
        let catalogNumber = 1, treeNumber = 2
        var all: [Int: [UInt8]] = [:]
        var pages: [Int] = []
        var base = treeNumber
        for document in documents {
            let parsed = try Document(bytes: Array(document))
            let skipped = Set([parsed.root, parsed.pageTree] + (parsed.info.map { [$0] } ?? []))
            for (number, body) in parsed.objects where !skipped.contains(number) {
                var moved = Self.renumber(body) { $0 + base }
                if parsed.pages.contains(number) { moved = Self.replaceParent(in: moved, with: treeNumber) }
                all[number + base] = moved
            }
            pages += parsed.pages.map { $0 + base }
            // Past every number the document reserved (its /Size), not only those it wrote.
            base += Swift.max(parsed.size, parsed.objects.keys.max() ?? 0)
        }
        // Breadth first from the pages, references in the order they are written.
        var order: [Int] = []
        var seen = Set(pages)
        var queue = pages[...]
        while let number = queue.popFirst() {
            guard let body = all[number] else { continue }
            order.append(number)
            for reference in Self.references(in: Self.head(of: body)) where all[reference] != nil && !seen.contains(reference) {
                seen.insert(reference)
                queue.append(reference)
            }
        }
        let final = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 3) })

        var out: [UInt8] = Array("%PDF-1.5\n%\u{B5}\u{ED}\u{AE}\u{FB}\n".utf8)
        var offsets: [Int] = []
        func add(_ body: [UInt8]) {
            offsets.append(out.count)
            out += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        add(Array("<< /Type /Catalog /Pages \(treeNumber) 0 R >>".utf8))
        let kids = pages.compactMap { final[$0] }.map { "\($0) 0 R" }.joined(separator: " ")
        add(Array("<< /Type /Pages /Kids [ \(kids) ] /Count \(pages.count) >>".utf8))
        for number in order {
            guard let body = all[number] else { continue }
            add(Self.renumber(body) { final[$0] ?? $0 })
        }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: Swift.max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root \(catalogNumber) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return Data(out)
    }

    /// The number of pages in a PDF written by ``join(_:)`` or by Graphviz (its page tree's `/Count`).
    static func pageCount(_ document: Data) throws(Failure) -> Int {
        let parsed = try Document(bytes: Array(document))
        return parsed.pages.count
    }

    /// A parsed single document: objects by number (the text between `N G obj` and `endobj`).
    struct Document {
        var objects: [Int: [UInt8]] = [:]
        var root = 0
        var pageTree = 0
        var info: Int?
        var pages: [Int] = []
        /// The trailer's `/Size`: one more than the highest object number the document reserved.
        var size = 0

        init(bytes: [UInt8]) throws(Failure) {
            guard let startxref = Self.lastRange(of: "startxref", in: bytes),
                let xrefOffset = Self.integers(in: bytes[startxref.upperBound...], count: 1).first,
                xrefOffset >= 0, xrefOffset < bytes.count
            else { throw Failure(description: "no cross-reference table") }
            // The classic table: `xref`, then subsections `first count` with 20-byte entries, then `trailer`.
            let space: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
            var cursor = xrefOffset + 4
            var offsets: [Int: Int] = [:]
            while true {
                while cursor < bytes.count, space.contains(bytes[cursor]) { cursor += 1 }
                let header = Self.integers(in: bytes[cursor...], count: 2, stopAtLetter: true)
                guard header.count == 2, let lineEnd = bytes[cursor...].firstIndex(of: UInt8(ascii: "\n")) else { break }
                var entry = lineEnd + 1
                for index in 0..<header[1] {
                    guard entry + 20 <= bytes.count else { throw Failure(description: "truncated cross-reference table") }
                    let line = bytes[entry..<(entry + 18)]
                    if line.last == UInt8(ascii: "n"), let offset = Int(String(decoding: line.prefix(10), as: UTF8.self)) {
                        offsets[header[0] + index] = offset
                    }
                    entry += 20
                }
                cursor = entry
            }
            guard let trailer = Self.range(of: "trailer", in: bytes, from: xrefOffset) else { throw Failure(description: "no trailer") }
            let trailerText = String(decoding: bytes[trailer.upperBound...], as: UTF8.self)
            guard let root = Self.reference(after: "/Root", in: trailerText) else { throw Failure(description: "no catalog") }
            self.root = root
            info = Self.reference(after: "/Info", in: trailerText)
            if let key = trailerText.range(of: "/Size") {
                size = Self.integers(in: Array(trailerText[key.upperBound...].utf8)[...], count: 1).first ?? 0
            }
            // An object runs from its offset to the next object's. Cairo lists numbers it reserved
            // but never wrote with the offset of another object, so an entry counts only when the
            // object there carries its number; entries are read in number order, never in a
            // dictionary's order, so that equal offsets cannot swap objects from run to run.
            let starts = Set(offsets.values).sorted()
            let ends = Dictionary(uniqueKeysWithValues: zip(starts, starts.dropFirst() + [xrefOffset]))
            for (number, offset) in offsets.sorted(by: { $0.key < $1.key }) {
                guard let end = ends[offset], offset < end, end <= bytes.count else { continue }
                let slice = Array(bytes[offset..<end])
                guard Self.integers(in: slice[...], count: 1, stopAtLetter: true).first == number,
                    let open = Self.range(of: "obj", in: slice, from: 0),
                    let close = Self.lastRange(of: "endobj", in: slice)
                else { continue }
                objects[number] = Array(slice[open.upperBound..<close.lowerBound]).trimmed
            }
            guard let catalog = objects[root], let tree = Self.reference(after: "/Pages", in: String(decoding: catalog, as: UTF8.self)),
                let treeBody = objects[tree]
            else { throw Failure(description: "no page tree") }
            pageTree = tree
            let treeText = String(decoding: treeBody, as: UTF8.self)
            guard let kidsStart = treeText.range(of: "/Kids"), let open = treeText[kidsStart.upperBound...].firstIndex(of: "["),
                let close = treeText[open...].firstIndex(of: "]")
            else { throw Failure(description: "no pages") }
            pages = PDFPages.references(in: String(treeText[treeText.index(after: open)..<close]))
        }

        static func range(of text: String, in bytes: [UInt8], from start: Int) -> Range<Int>? {
            let needle = Array(text.utf8)
            guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
            var index = start
            while index <= bytes.count - needle.count {
                if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index..<(index + needle.count) }
                index += 1
            }
            return nil
        }

        static func lastRange(of text: String, in bytes: [UInt8]) -> Range<Int>? {
            let needle = Array(text.utf8)
            guard needle.count <= bytes.count else { return nil }
            var index = bytes.count - needle.count
            while index >= 0 {
                if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index..<(index + needle.count) }
                index -= 1
            }
            return nil
        }

        /// The first `count` unsigned integers in `bytes`, skipping white space.
        static func integers(in bytes: ArraySlice<UInt8>, count: Int, stopAtLetter: Bool = false) -> [Int] {
            var result: [Int] = []
            var current: Int?
            for byte in bytes {
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    current = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    if let value = current { result.append(value); current = nil }
                    if result.count == count { return result }
                    if stopAtLetter, byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { return result }
                }
            }
            if let value = current { result.append(value) }
            return Array(result.prefix(count))
        }

        static func reference(after key: String, in text: String) -> Int? {
            guard let range = text.range(of: key) else { return nil }
            return PDFPages.references(in: String(text[range.upperBound...])).first
        }
    }

    /// The object numbers of the references (`N G R`) in `text`, in order.
    static func references(in text: String) -> [Int] {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "[" || $0 == "]" || $0 == "/" || $0 == ">" })
        var result: [Int] = []
        var index = 0
        while index + 2 < tokens.count {
            if tokens[index + 2] == "R", let number = Int(tokens[index]), Int(tokens[index + 1]) != nil {
                result.append(number)
                index += 3
            } else {
                index += 1
            }
        }
        return result
    }

    /// The dictionary part of an object (before `stream`), as text.
    static func head(of body: [UInt8]) -> String {
        let streamStart = Document.range(of: "stream", in: body, from: 0)?.lowerBound ?? body.count
        return String(decoding: body[..<streamStart], as: UTF8.self)
    }

    /// `body` with every reference `N G R` in its dictionary part renumbered by `number`; stream data
    /// is copied as it is.
    static func renumber(_ body: [UInt8], _ number: (Int) -> Int) -> [UInt8] {
        let streamStart = Document.range(of: "stream", in: body, from: 0)?.lowerBound ?? body.count
        let head = String(decoding: body[..<streamStart], as: UTF8.self)
        let rewritten = head.replacing(/\b(\d+) (\d+) R\b/) { match in "\(number(Int(match.output.1) ?? 0)) \(match.output.2) R" }
        return Array(rewritten.utf8) + Array(body[streamStart...])
    }

    /// A page dictionary with its `/Parent` pointing at the new page tree.
    static func replaceParent(in body: [UInt8], with tree: Int) -> [UInt8] {
        let text = String(decoding: body, as: UTF8.self)
        guard let key = text.range(of: "/Parent"), let r = text[key.upperBound...].firstIndex(of: "R") else { return body }
        return Array((text[..<key.upperBound] + " \(tree) 0 " + text[r...]).utf8)
    }
}

extension Array where Element == UInt8 {
    /// Without leading and trailing white space.
    fileprivate var trimmed: [UInt8] {
        let space: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
        guard let first = firstIndex(where: { !space.contains($0) }), let last = lastIndex(where: { !space.contains($0) }) else { return [] }
        return Array(self[first...last])
    }
}
