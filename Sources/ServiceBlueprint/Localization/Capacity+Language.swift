/// Capacity what-ifs and branch assumptions as catalog texts, so `blueprint capacity` writes them in
/// the reader's language; their `description` stays the English form.
extension CapacityWhatIf.Change {
    /// "add 1 server to agent", "move step a to b".
    package var text: LocalizedText {
        switch self {
        case .addServers(let actor, let count):
            LocalizedText(count == 1 ? "cli.capacity.change.addServer" : "cli.capacity.change.addServers", ["actor": .verbatim(actor), "count": .integer(count)])
        case .moveStep(let step, let actor): LocalizedText("cli.capacity.change.move", ["step": .verbatim(step), "actor": .verbatim(actor)])
        }
    }
}

extension BranchAssumption {
    /// "probability of 'a->b' unknown: assumed 25 %, an equal share (1 of 2) of the 50 % the known branches leave".
    package var text: LocalizedText {
        let arguments: [String: TextArgument] = [
            "flow": .quoted(flowID), "probability": .percent(probability), "remaining": .percent(remaining), "count": .integer(sharedBy),
        ]
        return LocalizedText(sharedBy == 1 ? "cli.capacity.assumption.all" : "cli.capacity.assumption.shared", arguments)
    }
}
