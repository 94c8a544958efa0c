// libFuzzer target: every writer, fed with whatever the reader accepts.
// The input is read as a blueprint (JSON when it starts with `{`, else YAML); when it is valid:
// - the DOT text parses with Graphviz and declares at least one node per step (a hostile title or
//   id cannot add or hide nodes, or break out of a string);
// - the YAML and JSON writers round-trip: reading their text gives back the same blueprint;
// - small blueprints render to SVG that is well-formed XML (cheap enough to do on every input).
import BlueprintGraphviz
import FuzzSupport
import Foundation
import ServiceBlueprint

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Larger blueprints skip the SVG render: Graphviz's layout dominates and the DOT check covers them.
let maximumStepsToRender = 8

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWriters(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let blueprint = fuzzBlueprint(fuzzText(data, size)) else { return 0 }

    for format in DocumentFormat.allCases {
        let written = blueprint.text(in: format)
        do {
            let reread = try BlueprintDocument.parse(written, path: "written.\(format.fileExtension)", format: format)
            fuzzCheck(reread.blueprint == blueprint, "\(format) writer does not round-trip:\n\(written)")
        } catch {
            fuzzCheck(false, "\(format) writer wrote an unreadable document: \(error.diagnostics)\n\(written)")
        }
    }

    var options = RenderOptions()
    options.edgeRouting = .straight
    let dot = DOTWriter(options: options).dot(for: blueprint)
    do {
        let summary = try GraphvizRenderer.shared.summary(ofDOT: dot)
        fuzzCheck(summary.nodeCount >= blueprint.steps.count, "DOT declares \(summary.nodeCount) nodes for \(blueprint.steps.count) steps")
    } catch {
        fuzzCheck(false, "DOT does not parse: \(error)\n\(dot)")
    }

    if blueprint.steps.count <= maximumStepsToRender {
        do {
            let svg = try GraphvizRenderer.shared.render(dot: dot, format: .svg, engine: .pinned)
            let parser = XMLParser(data: svg)
            fuzzCheck(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        } catch {
            fuzzCheck(false, "SVG render failed: \(error)")
        }
    }
    return 0
}

exit(runFuzzer(fuzzWriters))
