import Foundation
import ServiceBlueprint
import Testing

@testable import BlueprintGraphviz

/// `render --format pdf --pages a4|a3` (issue 18): a wide blueprint cut into printed pages between
/// stage columns, every page with the lane labels, its stages' headers and its number.
@Suite struct PagedPDFTests {
    static let showcase = ["after-sales-repair.yaml", "clinic-visit.yaml", "retail-store-service.yaml", "after-sales-network-zh.yaml"]

    /// The ids of the step nodes a page's DOT declares.
    static func stepIDs(in dot: String) -> [String] {
        dot.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("\"step-"), let end = text.dropFirst().firstIndex(of: "\"") else { return nil }
            return String(text[text.index(after: text.startIndex)..<end])
        }
    }

    /// The texts a page's `_background` draws (xdot `T x y j w n -text`), joined line by line per
    /// label: a lane title wrapped on two lines comes back as its words with one space.
    static func backgroundTexts(in dot: String) -> [String] {
        var texts: [String] = []
        for match in dot.matches(of: /T -?[\d.]+ -?[\d.]+ -?\d -?[\d.]+ (\d+) -/) {
            guard let count = Int(match.output.1) else { continue }
            let bytes = Array(dot[match.range.upperBound...].utf8.prefix(count))
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        return texts
    }

    @Test("every stage and every step is on exactly one page, in order, and every page has the lane labels", arguments: showcase)
    func stagesSplitWithoutLossOrRepeat(name: String) throws {
        let blueprint = try AnalysisRunRenderTests.read(name)
        for paper in PaperSize.allCases {
            // Planned as the renderer plans it: a PDF, measured with the font that draws it.
            let whole = DOTWriter().drawing(for: blueprint, drawsWithCairo: true)
            let plan = PagePlan(drawing: whole, paper: paper)
            #expect(plan.groups.flatMap { $0 } == Array(whole.scene.stages.indices), "\(paper): stages lost, repeated or out of order")
            let pages = try GraphvizRenderer.shared.pageDOT(blueprint, paper: paper, options: .init(), overlay: nil)
            #expect(pages.count == plan.groups.count)
            var drawn: [String] = []
            for (number, dot) in pages.enumerated() {
                // The lane labels of every lane the blueprint draws, on every page.
                let texts = Self.backgroundTexts(in: dot)
                let joined = " " + texts.joined(separator: " ") + " "
                for lane in Lane.allCases {
                    #expect(joined.contains(" " + lane.title + " "), "\(paper) page \(number + 1) has no '\(lane.title)' label")
                }
                // The headers of this page's stages and no other.
                for (index, stage) in whole.scene.stages.enumerated() where number < plan.groups.count {
                    #expect(texts.contains(stage.title) == plan.groups[number].contains(index), "\(paper) page \(number + 1), stage '\(stage.title)'")
                }
                #expect(dot.contains(" \(number + 1) / \(pages.count)>, pos="), "\(paper) page \(number + 1) is not numbered")
                drawn += Self.stepIDs(in: dot)
            }
            #expect(try GraphvizRenderer.shared.pageDOT(blueprint, paper: paper, options: .init(), overlay: nil) == pages, "not deterministic")
            let all = Self.stepIDs(in: whole.dot())
            #expect(drawn.sorted() == all.sorted(), "\(paper): steps lost or repeated")
            #expect(Set(drawn).count == drawn.count)
        }
    }

    /// A3 and A4 have the same proportions: A3 prints the same stages larger, on about as many pages.
    @Test("a wide blueprint needs several pages on A4 and on A3")
    func pageCounts() throws {
        let blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let a4 = try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a4, options: .init(), overlay: nil).count
        let a3 = try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a3, options: .init(), overlay: nil).count
        #expect(a4 > 1)
        #expect(a3 > 1)
        #expect(abs(a3 - a4) <= 1)
    }

    @Test("a blueprint narrower than the paper is one page")
    func narrowBlueprintIsOnePage() throws {
        var blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let first = try #require(blueprint.stages.first)
        blueprint = PagePlan.part(of: blueprint, stages: [first.id])
        #expect(try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a3, options: .init(), overlay: nil).count == 1)
    }

    @Test("the PDF has one A4 landscape page per group of stages")
    func pdfPages() async throws {
        let blueprint = try AnalysisRunRenderTests.read("clinic-visit.yaml")
        let expected = try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a4, options: .init(), overlay: nil).count
        let pdf = try await GraphvizRenderer.shared.renderPages(blueprint, paper: .a4)
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(try PDFPages.pageCount(pdf) == expected)
        let text = String(decoding: pdf, as: UTF8.self)
        let boxes = text.components(separatedBy: "/MediaBox [ 0 0 ").dropFirst().map { $0.prefix(while: { $0 != "]" }) }
        #expect(boxes.count == expected)
        for box in boxes {
            let size = box.split(separator: " ").compactMap { Double($0) }
            #expect(size.count == 2 && abs(size[0] - 841.89) < 2 && abs(size[1] - 595.28) < 2, "page size \(box)")
        }
    }

    @Test("joined pages keep their order and point at the new page tree")
    func joinKeepsOrder() throws {
        var documents: [Data] = []
        for label in ["first", "second", "third"] {
            documents.append(try GraphvizRenderer.shared.render(dot: "digraph { \(label) }", format: .pdf))
        }
        let joined = try PDFPages.join(documents)
        #expect(try PDFPages.pageCount(joined) == 3)
        let parsed = try PDFPages.Document(bytes: Array(joined))
        for page in parsed.pages {
            let body = String(decoding: try #require(parsed.objects[page]), as: UTF8.self)
            #expect(body.contains("/Parent \(parsed.pageTree) 0 R"))
        }
        #expect(throws: PDFPages.Failure.self) { try PDFPages.join([Data("not a pdf".utf8)]) }
    }
}
