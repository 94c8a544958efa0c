import Foundation
import ServiceBlueprint

/// `blueprint-bench corpus --count N --steps S [--format yaml|json] -o DIR`: writes N generated
/// blueprints of S steps each, for timing `blueprint render DIR -o OUT` (issue 6: 50 × 50 steps
/// under 10 s) and the peer benchmark (`Benchmarks/peers/`).
func runCorpusCommand(_ arguments: [String]) -> Never {
    var count = 50
    var steps = 50
    // Not `corpus`: that is the repository's realism corpus, which a run from the checkout would fill.
    var output = "generated-corpus"
    var format = DocumentFormat.yaml
    func usage(_ problem: String? = nil) -> Never {
        if let problem { print("error: \(problem)") }
        print("usage: blueprint-bench corpus [--count N] [--steps S] [--format yaml|json] [-o DIR]")
        exit(problem == nil ? 0 : 2)
    }
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        if flag == "-h" || flag == "--help" { usage() }
        guard let value = rest.popFirst() else { usage("\(flag) needs a value") }
        switch flag {
        case "--count":
            guard let number = Int(value), number > 0 else { usage("--count must be a positive whole number") }
            count = number
        case "--steps":
            guard let number = Int(value), number > 0 else { usage("--steps must be a positive whole number") }
            steps = number
        case "-o", "--output": output = value
        case "--format":
            guard let chosen = DocumentFormat(rawValue: value) else { usage("--format must be yaml or json") }
            format = chosen
        default: usage("unknown option \(flag)")
        }
    }
    do {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for index in 0..<count {
            var blueprint = BlueprintGenerator(stepCount: steps, seed: UInt64(index + 1)).generate()
            blueprint.id = "generated-\(index + 1)"
            let path = (output as NSString).appendingPathComponent(
                String(format: "generated-%03d.", index + 1) + format.fileExtension)
            try blueprint.write(to: path, format: format)
        }
    } catch {
        print("error: \(error)")
        exit(1)
    }
    print("wrote \(count) blueprints of \(steps) steps to \(output)")
    exit(0)
}
