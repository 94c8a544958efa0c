import ServiceBlueprint

extension Blueprint {
    /// Every character of the texts a drawing shows, so the font measures them in one batch per face and
    /// size instead of one Graphviz call per text. Texts left out here are still measured, only later.
    var drawnCharacters: Set<Character> {
        var characters = Set<Character>()
        func add(_ text: String?) { if let text { characters.formUnion(text) } }
        func add(_ texts: [String]) { for text in texts { characters.formUnion(text) } }
        add(title)
        add(summary)
        add(version)
        add(evidence)
        for persona in personas { add(persona.title) }
        for journey in journeys { add(journey.title) }
        for stage in stages {
            add(stage.title)
            add(stage.goal)
            add(stage.painPoints)
            add(stage.momentsOfTruth)
            add(stage.evidence)
        }
        for actor in actors { add(actor.title) }
        for channel in channels { add(channel.title) }
        for step in steps {
            add(step.id)
            add(step.title)
            add(step.evidence)
            add(step.standards.sop)
        }
        for flow in flows { add(flow.label) }
        return characters
    }
}

extension RenderOptions {
    /// Every character a drawing of `shown` (the blueprint with its texts already shortened) shows: the
    /// blueprint's texts and the fixed texts (lane names, lines, legend) in the drawing's ``language``.
    func drawnCharacters(of shown: Blueprint) -> Set<Character> {
        var characters = shown.drawnCharacters
        if language != .english { characters.formUnion(Catalog.shared.drawingCharacters(in: language)) }
        return characters
    }
}
