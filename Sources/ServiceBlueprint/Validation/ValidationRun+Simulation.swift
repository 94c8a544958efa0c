/// Checks of the `simulation:` block (issue 17). Messages are catalog texts (`simulation.*` keys),
/// shown in the reader's language.
extension ValidationRun {
    mutating func checkSimulation() {
        guard let settings = blueprint.simulationSettings else { return }
        let root: ModelPath = ["simulation"]
        let journeyIDs = blueprint.journeys.map(\.id)

        var calendarOf: [String: String] = [:]
        var seenCalendars: Set<String> = []
        for (c, calendar) in settings.calendars.enumerated() {
            let path = root.appending("calendars").appending(c)
            if !calendar.id.isEmpty, !seenCalendars.insert(calendar.id).inserted {
                simulationError("simulation.duplicate-id", ["kind": "calendar", "id": .quoted(calendar.id)], at: path.appending("id"))
            }
            for (s, shift) in calendar.shifts.enumerated() where (shift.servers ?? 0) < 0 {
                simulationError(
                    "simulation.negative-servers", ["servers": .integer(shift.servers ?? 0)],
                    at: path.appending("shifts").appending(s).appending("servers"))
            }
            for (a, actorID) in calendar.actors.enumerated() {
                let actorPath = path.appending("actors").appending(a)
                let resource = settings.resources.first { $0.id == actorID }
                guard let capacity = actorIndex[actorID].map({ blueprint.actors[$0].capacity ?? 1 }) ?? resource?.capacity else {
                    unknown("simulation.unknown-actor", actorID, in: actorIDs + settings.resources.map(\.id), at: actorPath)
                    continue
                }
                if let first = calendarOf[actorID] {
                    simulationError(
                        "simulation.actor-two-calendars", ["actor": .quoted(actorID), "first": .quoted(first)], at: actorPath)
                    continue
                }
                calendarOf[actorID] = calendar.id
                let servers = calendar.shifts.map { $0.servers ?? capacity }
                if servers.allSatisfy({ $0 <= 0 }) {
                    simulationError(
                        "simulation.calendar-no-servers", ["calendar": .quoted(calendar.id), "actor": .quoted(actorID)],
                        at: actorPath)
                }
            }
        }

        if settings.resources.count > 64 {
            simulationError("simulation.too-many-resources", ["count": .integer(settings.resources.count)], at: root.appending("resources"))
        }
        var seenResources: Set<String> = []
        for (r, resource) in settings.resources.enumerated() {
            let path = root.appending("resources").appending(r)
            if !resource.id.isEmpty, !seenResources.insert(resource.id).inserted {
                simulationError("simulation.duplicate-id", ["kind": "resource", "id": .quoted(resource.id)], at: path.appending("id"))
            }
            if resource.capacity < 1 {
                simulationError(
                    "simulation.resource-capacity", ["resource": .quoted(resource.id), "capacity": .integer(resource.capacity)],
                    at: path.appending("capacity"))
            }
            step(resource.from, at: path.appending("from"))
            if resource.to != resource.from { step(resource.to, at: path.appending("to")) }
        }

        var seenSegments: Set<String> = []
        var shares: [String: Double] = [:]
        for (k, segment) in settings.segments.enumerated() {
            let path = root.appending("segments").appending(k)
            if !segment.id.isEmpty, !seenSegments.insert(segment.id).inserted {
                simulationError("simulation.duplicate-id", ["kind": "segment", "id": .quoted(segment.id)], at: path.appending("id"))
            }
            if !(segment.share > 0 && segment.share <= 1) {
                simulationError("simulation.segment-share", ["segment": .quoted(segment.id), "share": .percent(segment.share)], at: path.appending("share"))
            }
            if segment.priority < 1 {
                simulationError(
                    "simulation.segment-priority", ["segment": .quoted(segment.id), "priority": .integer(segment.priority)],
                    at: path.appending("priority"))
            }
            for (j, journeyID) in segment.journeys.enumerated() where journeyIndex[journeyID] == nil {
                unknown("simulation.unknown-journey", journeyID, in: journeyIDs, at: path.appending("journeys").appending(j))
            }
            for journey in segment.journeys.isEmpty ? journeyIDs : segment.journeys where segment.share.isFinite {
                shares[journey, default: 0] += segment.share
            }
            if let patience = segment.patience { checkPatience(patience, at: path.appending("patience")) }
        }
        for journeyID in journeyIDs {
            if let sum = shares[journeyID], abs(sum - 1) > 1e-9, sum > 0 {
                diagnostics.append(Diagnostic(
                    .warning, LocalizedText("simulation.segment-shares-sum", ["journey": .quoted(journeyID), "sum": .percent(sum)]),
                    path: root.appending("segments")))
            }
        }

        for (p, profile) in settings.demandProfiles.enumerated() {
            let path = root.appending("demandProfiles").appending(p)
            for (j, journeyID) in profile.journeys.enumerated() where journeyIndex[journeyID] == nil {
                unknown("simulation.unknown-journey", journeyID, in: journeyIDs, at: path.appending("journeys").appending(j))
            }
            for (key, weights, expected) in [("hourly", profile.hourly, 24), ("weekly", profile.weekly, 7)] where !weights.isEmpty {
                if weights.count != expected {
                    simulationError(
                        "simulation.profile-count", ["key": .quoted(key), "expected": .integer(expected), "count": .integer(weights.count)],
                        at: path.appending(key))
                } else if weights.contains(where: { !($0 >= 0) || !$0.isFinite }) || !weights.contains(where: { $0 > 0 }) {
                    simulationError("simulation.profile-weights", [:], at: path.appending(key))
                }
            }
        }

        for (r, rule) in settings.patience.enumerated() {
            let path = root.appending("patience").appending(r)
            for (s, stepID) in rule.steps.enumerated() { step(stepID, at: path.appending("steps").appending(s)) }
            checkPatience(rule.patience, at: path)
        }
        for (r, rule) in settings.serviceTimes.enumerated() {
            for (s, stepID) in rule.steps.enumerated() {
                step(stepID, at: root.appending("serviceTimes").appending(r).appending("steps").appending(s))
            }
        }
    }

    private mutating func checkPatience(_ patience: Patience, at path: ModelPath) {
        switch patience {
        case .fixed(let value) where value.seconds <= 0:
            simulationError("simulation.patience-zero", [:], at: path.appending("fixed"))
        case .exponential(let mean) where mean.seconds <= 0:
            simulationError("simulation.patience-zero", [:], at: path.appending("exponential"))
        default: break
        }
    }

    private mutating func step(_ id: String, at path: ModelPath) {
        guard stepIndex[id] == nil else { return }
        unknown("simulation.unknown-step", id, in: stepIDs, at: path)
    }

    private mutating func unknown(_ key: String, _ id: String, in candidates: [String], at path: ModelPath) {
        simulationError(key, ["id": .quoted(id), "suggestion": suggestion(for: id, in: candidates)], at: path)
    }

    private mutating func simulationError(_ key: String, _ arguments: [String: TextArgument], at path: ModelPath) {
        diagnostics.append(Diagnostic(.error, LocalizedText(key, arguments), path: path))
    }
}
