/// What a simulation found, every figure with a confidence interval across replications.
///
/// Case figures (lead times, attainment, abandonment) count the customers who arrived in the
/// measured window, after the warm-up and before the horizon; time figures (utilization, queue
/// length) cover the window itself. Times are in seconds.
public struct SimulationReport: Sendable, Hashable, Codable {
    /// The blueprint's id.
    public var blueprintID: String
    /// Simulated time per replication, in seconds.
    public var horizonSeconds: Double
    /// The unmeasured start of each replication, in seconds.
    public var warmUpSeconds: Double
    /// The number of replications.
    public var replications: Int
    /// The seed of the run.
    public var seed: UInt64
    /// The confidence level of every interval.
    public var confidence: Double
    /// Events processed, summed over the replications.
    public var events: Int
    /// The what-ifs applied: servers by actor or resource, and the demand factor.
    public var servers: [String: Int]
    /// The demand factor applied.
    public var demandFactor: Double
    /// Per journey, in blueprint order (journeys without demand are left out).
    public var journeys: [GroupResult]
    /// Per declared customer segment, in declaration order.
    public var segments: [GroupResult]
    /// Per step where customers queued, in blueprint order.
    public var steps: [StepResult]
    /// Per queueing actor and shared resource.
    public var stations: [StationResult]

    /// Results of a journey or a segment.
    public struct GroupResult: Sendable, Hashable, Codable {
        /// The journey's or segment's id.
        public var id: String
        /// The lead-time target the attainment is measured against, in seconds.
        public var targetSeconds: Double?
        /// The share of cases the journey's target requires, if given.
        public var requiredAttainment: Double?
        /// Customers who arrived in the window.
        public var arrivals: Estimate?
        /// Completed cases per day of the window.
        public var throughputPerDay: Estimate?
        /// Median lead time of completed cases (nearest rank).
        public var leadTimeP50: Estimate?
        /// 90th percentile lead time.
        public var leadTimeP90: Estimate?
        /// 95th percentile lead time.
        public var leadTimeP95: Estimate?
        /// Mean lead time.
        public var leadTimeMean: Estimate?
        /// The share of cases that finished within the target (abandoned cases did not).
        public var attainment: Estimate?
        /// The share of customers who left a queue.
        public var abandonment: Estimate?
        /// Abandonment by hour of arrival, 24 entries from 00:00 (`nil` where nobody arrived).
        public var abandonmentByHour: [Estimate?]
        /// Cases still in the system when the run stopped, per replication.
        public var unfinished: Estimate?
        /// The first replication's lead times, sorted, for a histogram (at most 20 000).
        public var leadTimeSample: [Double]
    }

    /// Waiting at one step.
    public struct StepResult: Sendable, Hashable, Codable {
        /// The step's id.
        public var id: String
        /// Mean wait before service of the customers who were served.
        public var meanWait: Estimate?
        /// The share of customers who had to wait.
        public var probabilityOfWaiting: Estimate?
        /// The share of customers who left the queue.
        public var abandonment: Estimate?
    }

    /// A queueing actor or a shared resource.
    public struct StationResult: Sendable, Hashable, Codable {
        /// The actor's or resource's id.
        public var id: String
        /// `true` for a shared resource.
        public var isResource: Bool
        /// Busy server time on duty ÷ server time on duty.
        public var utilization: Estimate?
        /// Hours per day of work done beyond the servers on duty: jobs that run past the end of a
        /// shift, or a resource held while it is closed.
        public var overtimeHoursPerDay: Estimate?
        /// Utilization per hour of the day, 24 entries (`nil` where nobody is on duty).
        public var utilizationByHour: [Estimate?]
        /// Mean number of customers waiting.
        public var meanQueueLength: Estimate?
        /// Mean queue length per hour of the day.
        public var queueLengthByHour: [Estimate?]
        /// Mean wait in this queue (served customers).
        public var meanWait: Estimate?
        /// The share of customers who had to wait here.
        public var probabilityOfWaiting: Estimate?
        /// The share of customers who left this queue.
        public var abandonment: Estimate?
        /// Customers served per day.
        public var throughputPerDay: Estimate?
    }
}

extension SimulationReport {
    /// Merges the replications' tallies, in replication order.
    init(plan: SimulationPlan, blueprintID: String, options: SimulationOptions, tallies: [ReplicationTally]) {
        let confidence = options.confidence
        let window = max(1e-9, options.horizon.seconds - min(options.warmUp.seconds, options.horizon.seconds))
        let days = window / 86_400
        func estimate(_ values: [Double]) -> Estimate? { Estimate(values, confidence: confidence) }
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : .nan }

        func group(id: String, target: Double, required: Double, pick: (ReplicationTally) -> ReplicationTally.Group) -> GroupResult {
            var p50: [Double] = [], p90: [Double] = [], p95: [Double] = [], mean: [Double] = []
            var sample: [Double] = []
            for (r, tally) in tallies.enumerated() {
                let sorted = RadixSort.sorted(pick(tally).leadTimes)
                p50.append(Self.percentile(sorted, 0.5))
                p90.append(Self.percentile(sorted, 0.9))
                p95.append(Self.percentile(sorted, 0.95))
                mean.append(sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count))
                if r == 0 {
                    let step = max(1, sorted.count / 20_000)
                    sample = stride(from: 0, to: sorted.count, by: step).map { sorted[$0] }
                }
            }
            let groups = tallies.map(pick)
            return GroupResult(
                id: id, targetSeconds: target.isNaN ? nil : target, requiredAttainment: required.isNaN ? nil : required,
                arrivals: estimate(groups.map { Double($0.arrivals) }),
                throughputPerDay: estimate(groups.map { Double($0.completed) / days }),
                leadTimeP50: estimate(p50), leadTimeP90: estimate(p90), leadTimeP95: estimate(p95),
                leadTimeMean: estimate(mean),
                attainment: target.isNaN ? nil : estimate(groups.map { ratio($0.metTarget, $0.completed + $0.abandoned) }),
                abandonment: estimate(groups.map { ratio($0.abandoned, $0.arrivals) }),
                abandonmentByHour: (0..<24).map { h in estimate(groups.map { ratio($0.abandonedByHour[h], $0.arrivalsByHour[h]) }) },
                unfinished: estimate(groups.map { Double($0.unfinished) }),
                leadTimeSample: sample)
        }

        self.blueprintID = blueprintID
        horizonSeconds = options.horizon.seconds
        warmUpSeconds = min(options.warmUp.seconds, options.horizon.seconds)
        replications = tallies.count
        seed = options.seed
        self.confidence = confidence
        events = tallies.reduce(0) { $0 + $1.events }
        servers = options.servers
        demandFactor = options.demandFactor
        journeys = (0..<plan.journeyCount).filter { !plan.arrivalRates[$0].isEmpty }.map { j in
            group(id: plan.journeyID[j], target: plan.journeyTarget[j], required: plan.journeyRequired[j]) { $0.journeys[j] }
        }
        segments = plan.segmentID.indices.map { k in
            // A segment's own target, else the target its journeys share.
            var target = plan.segmentTarget[k]
            if target.isNaN {
                let targets = Set((0..<plan.journeyCount).filter { j in plan.journeySegments[j].contains { $0.segment == Int32(k) } }
                    .map { plan.journeyTarget[$0] }.filter { !$0.isNaN })
                if targets.count == 1 { target = targets.first ?? .nan }
            }
            return group(id: plan.segmentID[k], target: target, required: .nan) { $0.segments[k] }
        }
        steps = plan.stepIDs.indices.compactMap { s in
            let queues = tallies.map { $0.steps[s] }
            guard queues.contains(where: { $0.entered > 0 }) else { return nil }
            return StepResult(
                id: plan.stepIDs[s],
                meanWait: estimate(queues.map { $0.served > 0 ? $0.waitSum / Double($0.served) : .nan }),
                probabilityOfWaiting: estimate(queues.map { ratio($0.waited, $0.served) }),
                abandonment: estimate(queues.map { ratio($0.abandoned, $0.entered) }))
        }
        stations = (0..<plan.stationCount).map { s in
            let all = tallies.map { $0.stations[s] }
            return StationResult(
                id: plan.stationID[s], isResource: plan.stationIsResource[s],
                utilization: estimate(all.map { station in
                    let on = station.serversByHour.reduce(0, +)
                    return on > 0 ? station.busyByHour.reduce(0, +) / on : .nan
                }),
                overtimeHoursPerDay: estimate(all.map { $0.overtime / 3_600 / days }),
                utilizationByHour: (0..<24).map { h in
                    estimate(all.map { $0.serversByHour[h] > 0 ? $0.busyByHour[h] / $0.serversByHour[h] : .nan })
                },
                meanQueueLength: estimate(all.map { $0.queueByHour.reduce(0, +) / window }),
                queueLengthByHour: (0..<24).map { h in
                    estimate(zip(all, tallies).map { $1.coverageByHour[h] > 0 ? $0.queueByHour[h] / $1.coverageByHour[h] : .nan })
                },
                meanWait: estimate(all.map { $0.queue.served > 0 ? $0.queue.waitSum / Double($0.queue.served) : .nan }),
                probabilityOfWaiting: estimate(all.map { ratio($0.queue.waited, $0.queue.served) }),
                abandonment: estimate(all.map { ratio($0.queue.abandoned, $0.queue.entered) }),
                throughputPerDay: estimate(all.map { Double($0.queue.served) / days }))
        }
    }

    /// The nearest-rank percentile of sorted values (NaN when empty), as the Monte Carlo reads them.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
