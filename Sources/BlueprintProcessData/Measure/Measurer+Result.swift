import ServiceBlueprint

extension Measurer {
    /// The measurement of everything added so far.
    /// - Parameter summary: what the reader reported (case and event counts, names).
    public func result(summary: EventLogSummary? = nil) -> LogMeasurement {
        let span = lastTimestamp > firstTimestamp ? lastTimestamp - firstTimestamp : 0
        let overview = LogOverview(
            cases: summary?.caseCount ?? caseDurations.count,
            events: summary?.eventCount ?? eventsPerActivity.reduce(0, +),
            activities: activityNames.count, startEvents: startEvents,
            firstTimestamp: firstTimestamp.isFinite ? firstTimestamp : nil,
            lastTimestamp: lastTimestamp.isFinite ? lastTimestamp : nil)
        let steps = stepMeasurements()
        let journeys = journeyMeasurements()
        let flows = flowMeasurements()
        let actors = actorMeasurements(span: span)
        let mapping = activityMapping()
        let conformance = conformance()
        var measurement = LogMeasurement(
            log: overview, mapping: mapping, steps: steps, journeys: journeys, flows: flows, actors: actors,
            conformance: conformance, discovery: discovery(), findings: [])
        measurement.findings = MeasurementFindings.findings(for: measurement, blueprint: blueprint)
        return measurement
    }

    func activityMapping() -> ActivityMapping {
        var mapped: [ActivityMapping.Entry] = []
        var unmapped: [ActivityMapping.Unmapped] = []
        for (index, name) in activityNames.enumerated() {
            let step = stepOfActivity[index]
            if step >= 0 {
                mapped.append(.init(activity: name, step: graph.id(of: step), by: mappedBy[index]))
            } else {
                unmapped.append(.init(activity: name, events: eventsPerActivity[index]))
            }
        }
        mapped.sort { $0.activity < $1.activity }
        unmapped.sort { $0.events != $1.events ? $0.events > $1.events : $0.activity < $1.activity }
        // A routing step that no activity maps to cannot occur in a log: not listed.
        let neverSeen = blueprint.steps.indices.filter { occurrences[$0] == 0 && !isSilent(Int32($0)) }.map { blueprint.steps[$0].id }
        return ActivityMapping(mapped: mapped, unmapped: unmapped, neverSeen: neverSeen)
    }

    func stepMeasurements() -> [StepMeasurement] {
        blueprint.steps.enumerated().compactMap { index, step in
            guard occurrences[index] > 0 else { return nil }
            let service = serviceSamples[index]
            let waits = waitSamples[index]
            var standard: StandardAttainment?
            if let time = step.standards.time, !service.isEmpty {
                let limit = time.limit.seconds
                standard = StandardAttainment(target: time.target.seconds, tolerance: time.tolerance.seconds, measured: service.count,
                                              withinShare: Double(service.filter { $0 <= limit }.count) / Double(service.count))
            }
            var waitTolerance: WaitAttainment?
            if let tolerance = step.waitPoint?.tolerance?.seconds, tolerance > 0, let distribution = Distribution(waits) {
                waitTolerance = WaitAttainment(tolerance: tolerance, measured: waits.count,
                                               withinShare: Double(waits.filter { $0 <= tolerance }.count) / Double(waits.count),
                                               p90Ratio: distribution.p90 / tolerance)
            }
            return StepMeasurement(
                step: step.id, occurrences: occurrences[index], cases: casesWithStep[index],
                serviceTime: Distribution(service), waitingTime: Distribution(waits),
                estimatedServiceTime: step.duration?.pertMean.seconds, estimatedWait: step.waitBefore?.seconds,
                timeStandard: standard, waitTolerance: waitTolerance)
        }
    }

    func journeyMeasurements() -> [JourneyMeasurement] {
        blueprint.journeys.enumerated().map { index, journey in
            let times = journeyLeadTimes[index]
            var attainment: Double?
            if let target = journey.target?.leadTime.seconds, !times.isEmpty {
                attainment = Double(times.filter { $0 <= target }.count) / Double(times.count)
            }
            return JourneyMeasurement(
                journey: journey.id, cases: journeyCases[index], reachedEnd: times.count, kind: "measured",
                leadTime: Distribution(times), target: journey.target?.leadTime.seconds,
                attainment: attainment, requiredAttainment: journey.target?.attainment)
        }
    }

    func flowMeasurements() -> [FlowMeasurement] {
        blueprint.flows.compactMap { flow in
            guard let declared = flow.probability, flow.kind.ordersWork || flow.kind == .rework,
                  let from = graph.index(of: flow.from), let to = graph.index(of: flow.to) else { return nil }
            // Of all occurrences of the source step, the share directly followed by the target.
            let samples = occurrences[Int(from)]
            // Into a routing step the log cannot show (``isSilent(_:)``): followed by what it leads to.
            let taken = isSilent(to) ? silentTargets(of: to).reduce(0) { $0 + (mappedFollows[Self.pair(from, $1)] ?? 0) }
                : mappedFollows[Self.pair(from, to)] ?? 0
            return FlowMeasurement(flow: flow.id, kind: flow.kind.rawValue, declared: declared, samples: samples,
                                   observed: samples == 0 ? nil : Double(taken) / Double(samples))
        }
    }

    static func pair(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) }

    func actorMeasurements(span: Double) -> [ActorMeasurement] {
        blueprint.actors.compactMap { actor in
            let busy = blueprint.steps.indices.filter { blueprint.steps[$0].actor == actor.id }.reduce(0.0) { $0 + busySeconds[$1] }
            guard busy > 0 else { return nil }
            let servers = max(1, actor.capacity ?? 1)
            return ActorMeasurement(actor: actor.id, busySeconds: busy, servers: servers,
                                    utilization: span > 0 ? busy / (span * Double(servers)) : nil)
        }
    }

    func discovery() -> Discovery {
        var pairs = directlyFollows.map { key, value in
            Discovery.Pair(from: activityNames[Int(Int32(bitPattern: UInt32(key >> 32)))],
                           to: activityNames[Int(Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))],
                           count: value.count, meanSeconds: value.seconds / Double(value.count))
        }
        pairs.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        func named(_ counts: [Int32: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: counts.map { (activityNames[Int($0.key)], $0.value) })
        }
        return Discovery(directlyFollows: pairs, variantCount: variants.count, caseDuration: Distribution(caseDurations),
                         startActivities: named(startActivities), endActivities: named(endActivities))
    }
}
