import Foundation
import ServiceBlueprint

/// Reads back the `sb:` extension elements a ServiceBlueprint export wrote.
///
/// The plain-BPMN mapping is done first; when the process carries an `sb:blueprint` element,
/// the blueprint is rebuilt from it plus, per step, the task's `sb:step` element (a task
/// without one, e.g. added later in a modeller, keeps its plain mapping). The BPMN wins where
/// it speaks: a task renamed in a modeller keeps its new name, and the flows are the sequence
/// flows of the file, in file order. The result goes through the project's own document
/// reader, so it is validated like any blueprint file.
enum BPMNExtensions {
    static func element(named name: String, under node: Int, in tree: XMLTree) -> Int? {
        guard let extensions = tree.child(of: node, named: "extensionElements") else { return nil }
        return tree[extensions].children.first { tree[$0].name == name && tree[$0].namespace == BPMNExporter.namespace }
    }

    static func object(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// A value of the one-element list `key` of a blueprint written with `jsonText()`.
    static func single(_ key: String, of blueprint: Blueprint) -> [Any] {
        (object(blueprint.jsonText())?[key] as? [Any]) ?? []
    }

    static func restore(_ result: BPMNImportResult, tree: XMLTree, mapper: BPMNMapper) throws(BlueprintError) -> BPMNImportResult? {
        guard let process = mapper.processNodes.first, let shellNode = element(named: "blueprint", under: process, in: tree),
            var document = object(tree[shellNode].text)
        else { return nil }
        var steps: [Any] = []
        var realID: [String: String] = [:]
        for step in result.blueprint.steps {
            guard let index = mapper.stepIndexOf[step.id] else { continue }
            let node = mapper.stepNodes[index]
            if let stepNode = element(named: "step", under: node, in: tree),
                var object = (object(tree[stepNode].text)?["steps"] as? [Any])?.first as? [String: Any]
            {
                object["title"] = step.title
                if let id = object["id"] as? String { realID[step.id] = id }
                steps.append(object)
            } else {
                var single = Blueprint(id: "step")
                single.steps = [step]
                steps.append(contentsOf: Self.single("steps", of: single))
            }
        }
        // Flows in the file's order, with the exported ids turned back into the blueprint's.
        var flows = result.blueprint.flows
        for index in flows.indices {
            flows[index].from = realID[flows[index].from] ?? flows[index].from
            flows[index].to = realID[flows[index].to] ?? flows[index].to
        }
        let positions = mapper.flowSourceNodes
        flows = flows.enumerated().sorted { left, right in
            (positions[left.offset], left.offset) < (positions[right.offset], right.offset)
        }.map(\.element)
        var flowShell = Blueprint(id: "flows")
        flowShell.flows = flows
        document["steps"] = steps
        document["flows"] = Self.single("flows", of: flowShell)
        let text: String
        do {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw BlueprintError(diagnostics: [
                Diagnostic(
                    .error, LocalizedText("interchange.bpmn.extensionUnreadable", ["error": .verbatim("\(error)")]),
                    location: mapper.location(shellNode))
            ])
        }
        do {
            let parsed = try BlueprintDocument.parse(text, path: mapper.path, format: .json)
            var restored = result
            restored.blueprint = parsed.blueprint
            restored.diagnostics =
                mapper.diagnostics
                + parsed.diagnostics.map {
                    var moved = $0
                    moved.location = mapper.location(shellNode)
                    return moved
                }
            return restored
        } catch {
            // Positions in the rebuilt JSON mean nothing to the user: point at the extension.
            throw BlueprintError(
                diagnostics: error.diagnostics.map {
                    let problem: TextArgument = $0.text.map { .phrase($0) } ?? .verbatim($0.message)
                    return Diagnostic(
                        $0.severity, LocalizedText("interchange.bpmn.extensionData", ["problem": problem]), location: mapper.location(shellNode))
                })
        }
    }
}
