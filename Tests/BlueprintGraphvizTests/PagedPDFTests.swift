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

    @Test("a flow cut by a page break ends at a connector on both pages, naming the other page and step", arguments: showcase)
    func flowsAcrossPagesHaveConnectors(name: String) throws {
        let blueprint = try AnalysisRunRenderTests.read(name)
        let whole = DOTWriter().drawing(for: blueprint, drawsWithCairo: true)
        let plan = PagePlan(drawing: whole, paper: .a4)
        var pageOfStage: [String: Int] = [:]
        for (number, group) in plan.groups.enumerated() { for index in group { pageOfStage[whole.scene.stages[index].id] = number } }
        let pages = try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a4, options: .init(), overlay: nil)
        let steps = Dictionary(blueprint.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var crossing = 0
        for flow in blueprint.flows {
            let from = try #require(steps[flow.from]), to = try #require(steps[flow.to])
            let fromPage = try #require(pageOfStage[from.stage]), toPage = try #require(pageOfStage[to.stage])
            guard fromPage != toPage else { continue }
            crossing += 1
            let leaving = Continuation(step: from.id, otherStep: to.id, otherTitle: to.title, otherPage: toPage + 1, pages: pages.count, leaves: true)
            let arriving = Continuation(step: to.id, otherStep: from.id, otherTitle: from.title, otherPage: fromPage + 1, pages: pages.count, leaves: false)
            // The page line, then the start of the other step's title.
            func expected(_ c: Continuation) -> String {
                DOTHTMLLabel(stringLiteral: "<B>").markup + DOTHTMLLabel(text: c.pageText).markup + "</B><BR/>"
                    + DOTHTMLLabel(text: String(c.otherTitle.split(separator: " ").first ?? "")).markup
            }
            #expect(pages[fromPage].contains(expected(leaving)), "page \(fromPage + 1) has no connector to \(to.id)")
            #expect(pages[toPage].contains(expected(arriving)), "page \(toPage + 1) has no connector from \(from.id)")
        }
        // Every connector node has its flow edge; a page without cut flows has none.
        for dot in pages {
            let nodes = dot.components(separatedBy: "class=\"continuation\"").count - 1
            let edges = dot.components(separatedBy: "class=\"flow continuation\"").count - 1
            #expect(nodes == edges)
        }
        if pages.count > 1 { #expect(crossing > 0, "a multi-page showcase with no flow between pages") }
    }

    @Test("a connector names the other page as the footer does, and its title fits the connector in any script")
    func connectorLabels() {
        let metrics = TextMetrics(fontName: "Helvetica")
        let long = Continuation(step: "a", otherStep: "b", otherTitle: "技术支持回电，再次询问故障现象和序列号并确认能否远程解决", otherPage: 3, pages: 7, leaves: true)
        #expect(long.pageText == "→ 3 / 7")
        let width = 100.0
        let lines = metrics.wrap(long.otherTitle, size: 9, maxWidth: width, maxLines: 2)
        #expect(lines.count == 2 && lines[1].hasSuffix("…"))
        #expect(lines.allSatisfy { metrics.width($0, size: 9) <= width + 0.01 })
        let back = Continuation(step: "b", otherStep: "a", otherTitle: "Agent logs <the> call", otherPage: 1, pages: 2, leaves: false)
        #expect(back.pageText == "1 / 2 →")
        // The title is text in the label, never markup.
        #expect(back.label(metrics: metrics, size: 9, width: 200).markup == "<B>1 / 2 →</B><BR/>Agent logs &lt;the&gt; call")
        // One connector per other step: two steps with the same title are two connectors.
        #expect(Continuation(step: "a", otherStep: "x", otherTitle: "Same", otherPage: 2, pages: 2, leaves: true)
            != Continuation(step: "a", otherStep: "y", otherTitle: "Same", otherPage: 2, pages: 2, leaves: true))
    }

    @Test("connectors stay within the page's lanes, and their links are pinned straight (never routed)")
    func connectorsStayOnThePage() throws {
        // Many flows from the last step of the first stage to steps of the last stage.
        var blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let firstStage = try #require(blueprint.stages.first?.id), lastStage = try #require(blueprint.stages.last?.id)
        let source = try #require(blueprint.steps.last { $0.stage == firstStage && $0.lane == .support } ?? blueprint.steps.last { $0.stage == firstStage })
        let targets = blueprint.steps.filter { $0.stage == lastStage }.prefix(6)
        for target in targets { blueprint.flows.append(Flow(from: source.id, to: target.id)) }
        let pages = try GraphvizRenderer.shared.pageDOT(blueprint, paper: .a4, options: .init(), overlay: nil)
        let first = try #require(pages.first)
        let connectors = first.components(separatedBy: "class=\"continuation\"").count - 1
        #expect(targets.count >= 4)
        #expect(connectors >= targets.count)
        // Every connector edge carries its own position.
        for line in first.split(separator: "\n") where line.contains("class=\"flow continuation\"") {
            #expect(line.contains("pos=\"e,"), "\(line)")
        }
        // Connector centres lie within the page's height (Graphviz y runs 0…height).
        let drawing = DOTWriter().drawing(for: PagePlan.part(of: blueprint, stages: [firstStage]), drawsWithCairo: true)
        for line in first.split(separator: "\n") where line.contains("class=\"continuation\"") {
            let pos = try #require(line.range(of: "pos=\"")).upperBound
            let numbers = line[pos...].prefix { $0 != "!" }.split(separator: ",").compactMap { Double($0) }
            #expect(numbers.count == 2 && numbers[1] >= 0 && numbers[1] <= drawing.pageSize.height, "\(line)")
        }
        _ = try GraphvizRenderer.shared.render(dot: first, format: .svg, engine: .pinned)
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

    /// Cairo lists object numbers it reserved but never wrote with another object's offset. Read in
    /// a dictionary's order, the two entries swapped at random and a page lost its contents (blank).
    @Test("an unwritten object listed at another object's offset is ignored, and every page keeps its contents")
    func staleCrossReferenceEntry() throws {
        var bytes = Array("%PDF-1.5\n".utf8)
        var offsets: [Int: Int] = [:]
        for (number, body) in [(1, "<< /Type /Catalog /Pages 2 0 R >>"), (2, "<< /Type /Pages /Kids [ 4 0 R ] /Count 1 >>"),
                               (5, "<< /Length 4 >>\nstream\nq Q\nendstream"), (4, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>")] {
            offsets[number] = bytes.count
            bytes += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        }
        offsets[3] = offsets[5]
        let xref = bytes.count
        var table = "xref\n0 6\n0000000000 65535 f \n"
        for number in 1...5 {
            let digits = String(offsets[number] ?? 0)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        bytes += Array((table + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n").utf8)
        let parsed = try PDFPages.Document(bytes: bytes)
        #expect(parsed.objects[3] == nil)
        #expect(String(decoding: try #require(parsed.objects[5]), as: UTF8.self).contains("stream"))
        let joined = try PDFPages.Document(bytes: Array(try PDFPages.join([Data(bytes), Data(bytes)])))
        #expect(joined.pages.count == 2)
        for page in joined.pages { try Self.expectContentsStream(page, in: joined) }
    }

    @Test("every page of a printed showcase has its drawing (contents that are a stream)")
    func printedPagesKeepTheirContents() async throws {
        let blueprint = try AnalysisRunRenderTests.read("after-sales-repair.yaml")
        let joined = try PDFPages.Document(bytes: Array(try await GraphvizRenderer.shared.renderPages(blueprint, paper: .a4)))
        #expect(joined.pages.count > 1)
        for page in joined.pages { try Self.expectContentsStream(page, in: joined) }
    }

    static func expectContentsStream(_ page: Int, in document: PDFPages.Document) throws {
        let body = String(decoding: try #require(document.objects[page]), as: UTF8.self)
        let contents = try #require(PDFPages.Document.reference(after: "/Contents", in: body), "page \(page) has no contents")
        let stream = String(decoding: try #require(document.objects[contents]), as: UTF8.self)
        #expect(stream.contains("stream"), "page \(page)'s contents \(contents) is not a stream: \(stream.prefix(40))")
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
