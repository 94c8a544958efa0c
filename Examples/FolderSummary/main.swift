// FolderSummary — a small tool built on the library: loads every blueprint file in a folder and prints
// one summary row per file.
//
//     swift run FolderSummary                       # blueprints/
//     swift run FolderSummary path/to/folder
//     swift run FolderSummary blueprints --csv > summary.csv
//
// Columns: file, steps, touchpoints (steps with a channel), the main journey (the first one declared;
// the whole blueprint when it declares none) with its lead time and hand-offs between departments,
// and the analyzers' findings by severity. A file that does not load gets a row marked `invalid`, its
// errors go to stderr, and the exit status is 1.

import Foundation
import ServiceBlueprint

struct Row {
    var file: String
    var steps = ""
    var touchpoints = ""
    var journey = ""
    var leadTime = ""
    var handoffs = ""
    var errors = ""
    var warnings = ""
    var notes = ""

    var cells: [String] { [file, steps, touchpoints, journey, leadTime, handoffs, errors, warnings, notes] }
    static let header = ["file", "steps", "touchpoints", "journey", "lead time", "dept hand-offs", "errors", "warnings", "notes"]
}

// MARK: - Arguments and files

let arguments = Array(CommandLine.arguments.dropFirst())
let csv = arguments.contains("--csv")
let folder = arguments.first { !$0.hasPrefix("--") } ?? "blueprints"

let names: [String]
do {
    names = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { DocumentFormat(path: $0) != nil }  // .yaml, .yml, .json
        .sorted()
} catch {
    FileHandle.standardError.write(Data("error: cannot list \(folder): \(error.localizedDescription)\n".utf8))
    exit(2)
}

// MARK: - One row per file

let analyzer = Analyzer()
var rows: [Row] = []
var failed = false
for name in names {
    let path = (folder as NSString).appendingPathComponent(name)
    var row = Row(file: name)
    do {
        let document = try BlueprintDocument.read(from: path)
        let blueprint = document.blueprint
        let report = analyzer.analyze(blueprint)
        row.steps = String(blueprint.steps.count)
        row.touchpoints = String(blueprint.steps.count(where: \.isTouchpoint))
        if let main = report.metrics.journeys.first {
            row.journey = main.journey ?? "(whole blueprint)"
            row.leadTime = main.leadTime.description
            row.handoffs = String(main.handoffsBetweenDepartments)
        }
        row.errors = String(report.count(of: .error))
        row.warnings = String(report.count(of: .warning))
        row.notes = String(report.count(of: .note))
    } catch {
        failed = true
        row.steps = "invalid"
        row.errors = String(error.diagnostics.count { $0.severity == .error })
        FileHandle.standardError.write(Data("\(error)\n".utf8))
    }
    rows.append(row)
}

// MARK: - Output

if csv {
    // RFC 4180 quoting (a field with a comma, quote or line break is quoted, inner quotes doubled); LF line ends.
    func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    for cells in [Row.header] + rows.map(\.cells) {
        print(cells.map(field).joined(separator: ","))
    }
} else {
    let table = [Row.header] + rows.map(\.cells)
    let widths = Row.header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { column, text in
            // Text left-aligned, numbers right-aligned.
            let pad = String(repeating: " ", count: widths[column] - text.count)
            return column == 0 || column == 3 || column == 4 ? text + pad : pad + text
        }.joined(separator: "  ")
    }
    print(line(Row.header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    rows.forEach { print(line($0.cells)) }
    print("\(rows.count) file\(rows.count == 1 ? "" : "s") in \(folder)")
}
exit(failed ? 1 : 0)
