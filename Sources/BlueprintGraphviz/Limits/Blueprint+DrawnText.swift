import ServiceBlueprint

extension Blueprint {
    /// A copy for drawing only, with every free text longer than `limit` Unicode scalars shortened to
    /// `limit` with "…", and how many texts were shortened. Ids are left alone: the validator bounds them,
    /// and shortening them could merge two steps.
    func shortenedForDrawing(limit: Int) -> (blueprint: Blueprint, shortened: Int) {
        var shortener = TextShortener(limit: max(limit, 1))
        var copy = self
        shortener.shorten(&copy.title)
        shortener.shorten(&copy.summary)
        shortener.shorten(&copy.version)
        shortener.shorten(&copy.evidence)
        for index in copy.personas.indices { shortener.shorten(&copy.personas[index].title) }
        for index in copy.journeys.indices { shortener.shorten(&copy.journeys[index].title) }
        for index in copy.stages.indices {
            shortener.shorten(&copy.stages[index].title)
            shortener.shorten(&copy.stages[index].goal)
            shortener.shorten(&copy.stages[index].painPoints)
            shortener.shorten(&copy.stages[index].momentsOfTruth)
            shortener.shorten(&copy.stages[index].evidence)
        }
        for index in copy.actors.indices {
            shortener.shorten(&copy.actors[index].title)
            shortener.shorten(&copy.actors[index].notes)
        }
        for index in copy.channels.indices {
            shortener.shorten(&copy.channels[index].title)
        }
        for index in copy.steps.indices {
            shortener.shorten(&copy.steps[index].title)
            shortener.shorten(&copy.steps[index].notes)
            shortener.shorten(&copy.steps[index].painPoints)
            shortener.shorten(&copy.steps[index].evidence)
            shortener.shorten(&copy.steps[index].standards.sop)
            shortener.shorten(&copy.steps[index].standards.service)
            if var failPoint = copy.steps[index].failPoint {
                shortener.shorten(&failPoint.risk)
                shortener.shorten(&failPoint.recovery)
                copy.steps[index].failPoint = failPoint
            }
            if var waitPoint = copy.steps[index].waitPoint {
                shortener.shorten(&waitPoint.notes)
                copy.steps[index].waitPoint = waitPoint
            }
        }
        for index in copy.flows.indices {
            shortener.shorten(&copy.flows[index].label)
        }
        return (copy, shortener.count)
    }
}

/// Shortens texts to a limit and counts how many it shortened.
private struct TextShortener {
    let limit: Int
    var count = 0

    mutating func shorten(_ text: inout String) {
        // `utf8.count` is O(1) for native strings and bounds the scalar count from above.
        guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(limit - 1))
        text = String(scalars) + "…"
        count += 1
    }

    mutating func shorten(_ text: inout String?) {
        guard var value = text else { return }
        shorten(&value)
        text = value
    }

    mutating func shorten(_ texts: inout [String]) {
        for index in texts.indices { shorten(&texts[index]) }
    }
}
