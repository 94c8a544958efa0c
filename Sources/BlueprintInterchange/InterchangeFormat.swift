import Foundation
import ServiceBlueprint

/// The file formats a blueprint can be read from or written to, told apart by extension.
public enum InterchangeFormat: String, Sendable, CaseIterable {
    /// Blueprint YAML (`.yaml`, `.yml`).
    case yaml
    /// Blueprint JSON (`.json`).
    case json
    /// BPMN 2.0 XML (`.bpmn`, `.bpmn20.xml`, `.xml`).
    case bpmn
    /// A table of steps (`.csv`), with an optional flows table beside it.
    case csv
    /// A Mermaid flowchart (`.mmd`, `.mermaid`; export only).
    case mermaid

    /// The format a path's extension names, or `nil`.
    public init?(path: String) {
        let name = (path as NSString).lastPathComponent.lowercased()
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        case "bpmn", "xml": self = .bpmn
        case "csv": self = .csv
        case "mmd", "mermaid": self = .mermaid
        default: return nil
        }
    }

    /// `true` for the formats ``InterchangeReader`` can read.
    public var isReadable: Bool { self != .mermaid }
}

/// Reads a blueprint from any readable format, chosen by the file's extension.
public enum InterchangeReader {
    /// Reads the blueprint at `path`: YAML and JSON through ``BlueprintDocument``, BPMN through
    /// ``BPMNImporter``, CSV through ``CSVImporter``. The document's diagnostics are the warnings.
    ///
    /// - Throws: ``BlueprintError`` with every located problem.
    public static func read(from path: String, bpmn: BPMNImportOptions = .init()) throws(BlueprintError) -> BlueprintDocument {
        switch InterchangeFormat(path: path) {
        case .bpmn:
            let result = try BPMNImporter.importFile(path, options: bpmn)
            return BlueprintDocument(
                blueprint: result.blueprint, sourceMap: SourceMap(path: path), format: .yaml, path: path,
                diagnostics: result.diagnostics)
        default:
            return try BlueprintDocument.read(from: path)
        }
    }
}
