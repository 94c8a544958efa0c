import Foundation
import Testing

/// `render --format pdf --pages a4|a3`: printed pages from the command line.
@Suite struct RenderPagesTests {
    /// Two runs give the same pages. (Not the same bytes: cairo numbers some PDF objects
    /// differently from run to run; the pages' DOT is compared byte for byte in `PagedPDFTests`.)
    @Test func pagedPDFIsWritten() throws {
        let first = try CLI.temporaryDirectory(), second = try CLI.temporaryDirectory()
        for folder in [first, second] {
            let result = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", folder.path, "--format", "pdf", "--pages", "a4"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Data(contentsOf: first.appendingPathComponent("after-sales-repair.pdf"))
        let b = try Data(contentsOf: second.appendingPathComponent("after-sales-repair.pdf"))
        #expect(a.starts(with: Data("%PDF-".utf8)))
        func pages(_ data: Data) -> Int { String(decoding: data, as: UTF8.self).components(separatedBy: "/Type /Page ").count - 1 }
        #expect(pages(a) == pages(b))
        // More than one page, each A4 landscape.
        let text = String(decoding: a, as: UTF8.self)
        #expect(pages(a) > 1)
        #expect(text.components(separatedBy: "/MediaBox [ 0 0 841 595 ]").count == text.components(separatedBy: "/MediaBox").count)
    }

    @Test func pagesNeedPDF() throws {
        let folder = try CLI.temporaryDirectory()
        let result = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", folder.path, "--format", "svg", "--pages", "a4"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--pages splits a PDF into printed pages; use it with --format pdf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
