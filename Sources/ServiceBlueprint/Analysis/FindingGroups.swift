/// Folds a rule's findings that say the same thing about many steps into one, so a sketch with
/// 47 untimed steps gets one finding that lists them instead of 47 lines.
///
/// Two findings have the same reason when each names one step and their messages are the same
/// once that step's name is taken out, and they have the same severity. A group larger than the
/// threshold becomes one finding: the first one's message, path and location, every step, and
/// the single findings in ``Finding/grouped`` (so SARIF can keep every location).
enum FindingGroups {
    /// How many step ids a grouped message names before "and N more".
    static let listedInMessage = 50

    static func fold(
        _ findings: [Finding], above threshold: Int?, names: (Int32) -> String, graph: BlueprintGraph
    ) -> [Finding] {
        guard let threshold, findings.count > threshold else { return findings }
        // Each finding's reason group (nil: names no single step), and each group's size.
        var groups: [Int?] = []
        groups.reserveCapacity(findings.count)
        var groupOfReason: [Reason: Int] = [:]
        var sizes: [Int] = []
        for finding in findings {
            guard finding.stepIDs.count == 1, let v = graph.index(of: finding.stepIDs[0]) else {
                groups.append(nil)
                continue
            }
            let reason = Reason(severity: finding.severity, text: Self.removing(names(v), from: finding.message))
            if let group = groupOfReason[reason] {
                sizes[group] += 1
                groups.append(group)
            } else {
                groupOfReason[reason] = sizes.count
                groups.append(sizes.count)
                sizes.append(1)
            }
        }
        guard sizes.contains(where: { $0 > threshold }) else { return findings }
        var result: [Finding] = []
        var groupPosition = [Int?](repeating: nil, count: sizes.count)
        for (finding, group) in zip(findings, groups) {
            guard let group, sizes[group] > threshold else {
                result.append(finding)
                continue
            }
            if let position = groupPosition[group] {
                result[position].grouped?.append(finding)
            } else {
                groupPosition[group] = result.count
                var first = finding
                first.grouped = [finding]
                result.append(first)
            }
        }
        return result.map { $0.grouped == nil ? $0 : summarized($0) }
    }

    /// Why a finding was made: its severity and its message with the step's name taken out
    /// (compared as strings, so canonically equal texts are one reason, as they always were).
    struct Reason: Hashable {
        let severity: Severity
        let text: String
    }

    /// `message` with every occurrence of `name` replaced by a NUL, compared as UTF-8 bytes (the
    /// generic `replacing` took a tenth of a 10 000-step check).
    static func removing(_ name: String, from message: String) -> String {
        var message = message, name = name
        return message.withUTF8 { text in
            name.withUTF8 { needle in
                guard let first = needle.first, needle.count <= text.count else { return String(decoding: text, as: UTF8.self) }
                // Written straight into the new string's storage (no byte array in between).
                return String(unsafeUninitializedCapacity: text.count) { out in
                    var i = 0
                    var o = 0
                    while i < text.count {
                        if text[i] == first, i + needle.count <= text.count,
                            UnsafeBufferPointer(rebasing: text[i..<(i + needle.count)]).elementsEqual(needle)
                        {
                            out[o] = 0
                            i += needle.count
                        } else {
                            out[o] = text[i]
                            i += 1
                        }
                        o += 1
                    }
                    return o
                }
            }
        }
    }

    /// The group's finding: every step, the flows of all members, and a message that lists the others.
    static func summarized(_ group: Finding) -> Finding {
        let members = group.grouped ?? []
        var result = members[0]
        result.grouped = members
        result.stepIDs = members.flatMap(\.stepIDs)
        var seenFlows = Set<String>()
        result.flowIDs = members.flatMap(\.flowIDs).filter { seenFlows.insert($0).inserted }
        // One step's fix and impact would misstate the group's; the members keep theirs.
        result.fix = nil
        result.impact = nil
        let others = members.dropFirst().flatMap(\.stepIDs)
        var listed = others.prefix(listedInMessage).map { "'\($0)'" }.joined(separator: ", ")
        if others.count > listedInMessage { listed += " and \(others.count - listedInMessage) more" }
        let message = result.message.hasSuffix(".") ? result.message : result.message + "."
        result.message = "\(message) The same holds for \(others.count) more steps: \(listed)."
        // The same sentence from the catalog, so it can be shown in any language.
        let shown = others.prefix(listedInMessage).map { TextArgument.quoted($0) }
        let more = others.count - listedInMessage
        result.text = result.text.map { inner in
            LocalizedText(more > 0 ? "finding.grouped.more" : "finding.grouped", [
                "message": .sentence(inner), "count": .integer(others.count), "steps": .enumeration(shown), "more": .integer(more),
            ])
        }
        return result
    }
}
