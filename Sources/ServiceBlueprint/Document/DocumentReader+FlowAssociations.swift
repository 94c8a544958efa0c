import Yams

/// An entry of `flows:`: a directed flow, or one written with `kind: association`, which is read
/// as an undirected ``Association`` so no path analysis ever sees it.
enum FlowEntry {
    case flow(Flow)
    case association(Association)
}

extension DocumentKeys {
    /// The flow kind that makes a `flows:` entry an association.
    static let associationFlowKind = "association"
}

extension DocumentReader {
    mutating func readFlowEntry(_ node: Node, at path: ModelPath) -> FlowEntry? {
        guard Self.isAssociationFlow(node) else { return readFlow(node, at: path).map(FlowEntry.flow) }
        guard let fields = fields(node, at: path, what: "association", keys: .flow, required: FlowKeys.required)
        else { return nil }
        if let probability = fields[FlowKeys.probability] {
            invalid("associationProbability", [:], probability, path.appending("probability"))
        }
        return .association(Association(between: text(fields, FlowKeys.from) ?? "", and: text(fields, FlowKeys.to) ?? "", label: text(fields, FlowKeys.label)))
    }

    /// `true` for a mapping whose `kind` is `association`.
    static func isAssociationFlow(_ node: Node) -> Bool {
        guard case .mapping(let mapping) = node else { return false }
        // Keys are compared on their bytes ("kind" has one spelling), without making strings or nodes.
        let tape = mapping.tape
        let end = tape.end(of: mapping.index)
        var next = mapping.index + 1
        while next < end {
            let key = tape.resolved(next)
            let valueIndex = tape.end(of: next)
            guard valueIndex < end else { break }
            next = tape.end(of: valueIndex)
            if tape.isScalar(key), tape.withBytes(at: key, { $0.elementsEqual("kind".utf8) }) {
                return stringText(tape.node(at: valueIndex)) == DocumentKeys.associationFlowKind
            }
        }
        return false
    }

    /// Puts the flows in ``Blueprint/flows`` and the associations after the written ones in
    /// ``Blueprint/associations``, moving the recorded offsets along (`from` → `between[0]`,
    /// `to` → `between[1]`) so diagnostics still point at the file. One pass over the locations.
    mutating func separate(_ entries: [FlowEntry], into blueprint: inout Blueprint) {
        var target: [ModelPath] = []
        target.reserveCapacity(entries.count)
        for entry in entries {
            switch entry {
            case .flow(let flow):
                target.append(["flows", blueprint.flows.count])
                blueprint.flows.append(flow)
            case .association(let association):
                target.append(["associations", blueprint.associations.count])
                blueprint.associations.append(association)
            }
        }
        guard blueprint.flows.count != entries.count else { return }
        /// Where a path under `flows[i]` now is; `nil` when it stays.
        func relocated(_ path: ModelPath) -> ModelPath? {
            let parts = path.components
            guard parts.count >= 2, parts[0] == .key("flows"), case .index(let index) = parts[1], index < target.count
            else { return nil }
            let destination = target[index].components
            var rest = Array(parts.dropFirst(2))
            if destination[0] == .key("associations") {
                if let first = rest.first, case .key(let key) = first, key == "from" || key == "to" {
                    rest.replaceSubrange(0..<1, with: [.key("between"), .index(key == "from" ? 0 : 1)])
                }
            } else if destination[1] == .index(index) {
                return nil
            }
            return ModelPath(destination + rest)
        }
        // The offsets are a trie without removal: rebuild it once with every path in its new place.
        var rebuilt = PathOffsets()
        for (path, offset) in offsets.all() { rebuilt.record(offset, at: relocated(path) ?? path) }
        offsets = rebuilt
        var movedUnreadable: [ModelPath] = []
        for path in unreadable.paths {
            guard let newPath = relocated(path) else { continue }
            unreadable.paths.remove(path)
            movedUnreadable.append(newPath)
        }
        unreadable.paths.formUnion(movedUnreadable)
    }
}
