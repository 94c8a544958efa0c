/// The model as a document tree: keys in model declaration order, optional values and empty
/// lists left out, durations in their human form.
extension Blueprint {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("summary", summary)
        map.add("version", version)
        map.add("stages", stages.map(\.documentValue))
        map.add("actors", actors.map(\.documentValue))
        map.add("channels", channels.map(\.documentValue))
        map.add("information", information.map(\.documentValue))
        map.add("personas", personas.map(\.documentValue))
        map.add("journeys", journeys.map(\.documentValue))
        map.add("steps", steps.map(\.documentValue))
        map.add("flows", flows.map(\.documentValue))
        map.add("bottlenecks", bottlenecks.map(\.documentValue))
        map.add("maturity", maturity?.rawValue)
        map.add("evidence", evidence)
        map.add("associations", associations.map(\.documentValue))
        addExperienceKeys(to: &map)
        map.add("language", language?.identifier)
        map.add("simulation", simulationSettings?.documentValue)
        return map.value
    }
}

extension Stage {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("goal", goal)
        map.add("emotion", emotion)
        map.add("painPoints", painPoints)
        map.add("momentsOfTruth", momentsOfTruth)
        map.add("evidence", evidence)
        map.add("painDimension", painDimension?.rawValue)
        return map.value
    }
}

extension Actor {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("kind", kind.rawValue)
        map.add("department", department)
        map.add("capacity", capacity)
        map.add("hours", hours.map { hours -> DocumentValue in
            var hoursMap = MappingBuilder()
            hoursMap.add("perDay", hours.perDay)
            hoursMap.add("daysPerWeek", hours.daysPerWeek)
            return hoursMap.value
        })
        map.add("notes", notes)
        map.add("rate", rate)
        return map.value
    }
}

extension ChannelDefinition {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("responseCommitment", responseCommitment)
        return map.value
    }
}

extension InformationItem {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("kind", kind.rawValue)
        if fromCustomer { map.add("fromCustomer", .bool(true)) }
        map.add("deliveredTo", deliveredTo?.rawValue)
        map.add("notes", notes)
        return map.value
    }
}

extension Persona {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("summary", summary)
        map.add("goals", goals)
        return map.value
    }
}

extension Journey {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("persona", persona)
        map.add("start", start)
        map.add("ends", ends)
        map.add("steps", steps)
        if !branchProbabilities.isEmpty {
            // Sorted: dictionary order must not leak into the file.
            map.add(
                "branchProbabilities",
                .mapping(branchProbabilities.keys.sorted().map { .init(key: $0, value: .number(branchProbabilities[$0] ?? 0)) }))
        }
        map.add("demand", demand.map { demand -> DocumentValue in
            var demandMap = MappingBuilder()
            demandMap.add("arrivals", demand.arrivals)
            demandMap.add("per", demand.per.rawValue)
            return demandMap.value
        })
        map.add("target", target.map { target -> DocumentValue in
            var targetMap = MappingBuilder()
            targetMap.add("leadTime", target.leadTime)
            targetMap.add("attainment", target.attainment)
            return targetMap.value
        })
        map.add("followUps", followUps)
        map.add("costOfDelay", costOfDelay)
        return map.value
    }
}

extension Step {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("id", id)
        map.add("title", title)
        map.add("lane", lane.rawValue)
        if stage != Stage.implicitID { map.add("stage", stage) }
        map.add("actor", actor)
        map.add("owner", owner)
        map.add("channel", channel?.rawValue)
        map.add("kind", kind.rawValue)
        map.add("duration", duration.map(\.documentValue))
        map.add("waitBefore", waitBefore)
        if !standards.isEmpty || standards.dimension != nil { map.add("standards", standards.documentValue) }
        map.add("failPoint", failPoint.map(\.documentValue))
        map.add("waitPoint", waitPoint.map(\.documentValue))
        map.add("value", value?.rawValue)
        map.add("needs", needs)
        map.add("produces", produces)
        map.add("evidence", evidence)
        map.add("emotion", emotion)
        map.add("painPoints", painPoints)
        map.add("tags", tags)
        map.add("notes", notes)
        map.add("url", url)
        addJourneyKeys(to: &map)
        addMeasuredKeys(to: &map)
        map.add("cost", cost)
        map.add("painDimension", painDimension?.rawValue)
        return map.value
    }
}

extension ProcessTime {
    /// One duration when fixed, `{max}` for "up to", `{min, max}` for a range, else `{min, likely, max}`.
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        switch form {
        case .upTo where isFixed:
            map.add("max", max)
            return map.value
        case .range where likely.seconds == (min.seconds + max.seconds) / 2:
            map.add("min", min)
            map.add("max", max)
            return map.value
        default:
            if isFixed { return DocumentValue(likely) }
        }
        map.add("min", min)
        map.add("likely", likely)
        map.add("max", max)
        return map.value
    }
}

extension Standards {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("time", time.map { time -> DocumentValue in
            var timeMap = MappingBuilder()
            timeMap.add("target", time.target)
            timeMap.add("tolerance", time.tolerance)
            return timeMap.value
        })
        map.add("sop", sop)
        map.add("service", service)
        map.add("response", response)
        map.add("startWithin", startWithin)
        map.add("dimension", dimension?.rawValue)
        return map.value
    }
}

extension FailPoint {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("risk", risk)
        map.add("recovery", recovery)
        map.add("owner", owner)
        map.add("likelihood", likelihood)
        return map.value
    }
}

extension WaitPoint {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("tolerance", tolerance)
        map.add("notes", notes)
        return map.value
    }
}

extension Flow {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("from", from)
        map.add("to", to)
        map.add("kind", kind.rawValue)
        map.add("label", label)
        if isProbabilityUnknown { map.add("probability", DocumentValue.string("unknown")) } else { map.add("probability", probability) }
        addMeasuredKeys(to: &map)
        return map.value
    }
}

extension DeclaredBottleneck {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("step", step)
        map.add("actor", actor)
        map.add("cause", cause)
        return map.value
    }
}

extension Association {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("between", [first, second])
        map.add("label", label)
        return map.value
    }
}
