import Foundation
import Testing

@testable import BlueprintGraphviz

@Suite("Graphviz parser state between jobs")
struct ParserStateTests {
    @Test("Text after the first graph never leaks into the next job") func noLeftovers() throws {
        let renderer = GraphvizRenderer.shared
        let first = try renderer.summary(ofDOT: "digraph A { a }\ndigraph B { b1; b2; b3 }\n")
        #expect(first.nodeCount == 1)
        let second = try renderer.summary(ofDOT: "digraph C { c1; c2 }")
        #expect(second.nodeCount == 2)
        // Line numbers count from the start of each job's text, whatever came before.
        _ = try renderer.render(dot: "digraph { a -> b }\n\n", format: .svg)
        let error = #expect(throws: RenderError.self) { try renderer.summary(ofDOT: "\n\ndigraph { x -> }") }
        #expect(error?.message == "syntax error in line 3 near '}'", "\(String(describing: error))")
        _ = try renderer.summary(ofDOT: "digraph { y }")
        let again = #expect(throws: RenderError.self) { try renderer.summary(ofDOT: "digraph { x -> }") }
        #expect(again?.message == "syntax error in line 1 near '}'", "\(String(describing: again))")
    }
}
