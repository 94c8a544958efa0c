/// The simulated distribution of a journey's lead time: *simulated percentiles* of the customer's
/// path, from the journey's start to its ends (follow-up work is simulated but not counted).
public struct LeadTimeDistribution: Sendable, Hashable {
    /// The journey's id.
    public let journeyID: String
    /// The number of simulated customers.
    public let iterations: Int
    /// The seed; the same seed gives the same numbers.
    public let seed: UInt64
    /// `true` when queueing waits were sampled.
    public let includesQueueing: Bool
    /// The mean lead time in seconds (`.infinity` when a queue on the journey is unstable).
    public let meanSeconds: Double
    /// The standard deviation in seconds (0 for a deterministic journey; `.infinity` when unstable).
    public let standardDeviationSeconds: Double
    /// The shortest simulated lead time in seconds.
    public let minimumSeconds: Double
    /// The longest simulated lead time in seconds.
    public let maximumSeconds: Double
    /// The median lead time in seconds (nearest-rank percentile).
    public let p50Seconds: Double
    /// The 90th percentile in seconds.
    public let p90Seconds: Double
    /// The 95th percentile in seconds.
    public let p95Seconds: Double
    /// The journey's target lead time in seconds, if it has one.
    public let targetSeconds: Double?
    /// The share of simulated customers whose lead time met the target; `nil` without a target.
    public let probabilityOfMeetingTarget: Double?
    /// The share the journey's target requires (``JourneyTarget/attainment``), if given.
    public let requiredAttainment: Double?

    /// `true` when the simulated attainment reaches the required one; `nil` when either is unknown.
    public var meetsRequiredAttainment: Bool? {
        guard let probabilityOfMeetingTarget, let requiredAttainment else { return nil }
        return probabilityOfMeetingTarget >= requiredAttainment
    }
}

extension CapacityAnalysis {
    /// Simulates `iterations` customers through a journey and summarises their lead times.
    ///
    /// ## The model
    /// - A customer starts at the journey's start; every step runs once all branches that reached it
    ///   have finished (it starts at the latest finish of the steps that led to it), and the lead time
    ///   is the latest finish of any step that ran.
    /// - Exclusive splits take one branch with its probability; parallel splits take all (the same
    ///   rules as the visit rates of ``CapacityAnalysis``).
    /// - Process times with min < max are drawn from the **PERT-beta** distribution on [min, max]
    ///   with shape parameters α = 1 + 4(likely − min)/(max − min), β = 1 + 4(max − likely)/(max − min),
    ///   whose mean is the PERT mean used for the load; fixed times are used as they are.
    ///   ``Step/waitBefore`` is added as written.
    /// - With `includeQueueing`, each step at a queue waits as in its actor's M/M/c queue: not at all
    ///   with probability 1 − C, otherwise an exponential time with rate cμ − λ, whose mean over all
    ///   customers is Wq. At an unstable queue the wait, and the lead time, are infinite.
    /// - After a step that is the source of a rework flow the work goes round again with the loop's
    ///   probability, at most ``CapacityOptions/maximumReworkRounds`` times; a round re-runs the
    ///   steps between the rework target and the source (with new samples) and moves the source's
    ///   finish. Steps after the loop wait for it; steps that branch off inside the loop keep the
    ///   first round's times, and rework flows inside a loop's region do not fire during its rounds.
    ///
    /// A journey with fixed times, no exclusive splits, no rework and no queueing gives the same
    /// lead time every time: the critical-path lead time.
    ///
    /// - Parameters:
    ///   - journeyID: The journey.
    ///   - iterations: Simulated customers, clamped to 1…``maximumIterations``.
    ///   - seed: The seed; the same seed gives bit-identical results.
    ///   - includeQueueing: Whether to sample queueing waits.
    /// - Returns: `nil` when the journey is unknown or its start step does not exist.
    /// - Complexity: O(iterations × (n + m)) for a journey of n steps and m flows, plus the rework rounds.
    public func leadTimeDistribution(
        journey journeyID: String, iterations: Int = 10_000, seed: UInt64 = 0x5EED, includeQueueing: Bool = true
    ) -> LeadTimeDistribution? {
        guard let j = blueprint.journeys.firstIndex(where: { $0.id == journeyID }), models[j].count > 0 else {
            return nil
        }
        let runs = min(Self.maximumIterations, max(1, iterations))
        let journey = blueprint.journeys[j]
        // Measured to the journey's ends, as the critical path is: follow-ups do not count.
        let path = graph.parts(of: journey, skipping: graph.excludedFlows(for: journey)).path
        var simulator = JourneySimulator(analysis: self, model: models[j], path: path, includeQueueing: includeQueueing)
        var random = SeededRandom(seed: seed)
        var samples = [Double](repeating: 0, count: runs)
        for i in 0..<runs { samples[i] = simulator.run(&random) }

        // Welford's mean and variance: exact zero spread when all samples are equal.
        var mean = 0.0
        var m2 = 0.0
        var infinite = false
        for (i, x) in samples.enumerated() {
            guard x.isFinite else {
                infinite = true
                continue
            }
            let delta = x - mean
            mean += delta / Double(i + 1)
            m2 += delta * (x - mean)
        }
        let target = blueprint.journeys[j].target
        let targetSeconds = target?.leadTime.seconds
        let met = targetSeconds.map { limit in Double(samples.filter { $0 <= limit }.count) / Double(runs) }
        samples.sort()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p * Double(runs)).rounded(.up))
            return samples[min(runs - 1, max(0, rank - 1))]
        }
        return LeadTimeDistribution(
            journeyID: journeyID, iterations: runs, seed: seed, includesQueueing: includeQueueing,
            meanSeconds: infinite ? .infinity : mean,
            standardDeviationSeconds: infinite ? .infinity : (runs > 1 ? (m2 / Double(runs - 1)).squareRoot() : 0),
            minimumSeconds: samples[0], maximumSeconds: samples[runs - 1],
            p50Seconds: percentile(0.5), p90Seconds: percentile(0.9), p95Seconds: percentile(0.95),
            targetSeconds: targetSeconds, probabilityOfMeetingTarget: met, requiredAttainment: target?.attainment)
    }

    /// The most iterations one call simulates (10 million): the samples are kept to read percentiles.
    public static let maximumIterations = 10_000_000

    /// Lead-time distributions of every journey whose start exists, in blueprint order.
    public func leadTimeDistributions(
        iterations: Int = 10_000, seed: UInt64 = 0x5EED, includeQueueing: Bool = true
    ) -> [LeadTimeDistribution] {
        blueprint.journeys.compactMap {
            leadTimeDistribution(journey: $0.id, iterations: iterations, seed: seed, includeQueueing: includeQueueing)
        }
    }
}

/// One journey prepared for simulation: flat, integer-indexed arrays only, so the inner loop does
/// no hashing and no allocation.
struct JourneySimulator {
    private let count: Int
    // Per step (local index).
    private let fixedWeight: [Double]      // wait + likely, for fixed times
    private let waitBefore: [Double]
    private let isSampled: [Bool]
    private let minimum: [Double]
    private let span: [Double]
    private let gammaA: [(d: Double, c: Double)]
    private let gammaB: [(d: Double, c: Double)]
    private let waitProbability: [Double]  // Erlang C of the step's queue, 0 when none
    private let waitRate: [Double]         // cμ − λ per second; 0 means unstable when waitProbability > 0
    private let onPath: [Bool]             // on the customer's path: counts in the lead time
    // Flow.
    private let outOffsets: [Int32]
    private let outTargets: [Int32]
    private let outCumulative: [Double]
    private let isExclusive: [Bool]
    // Rework loops, grouped by source.
    private let loopOffsets: [Int32]       // loops of step u: loopOffsets[u]..<loopOffsets[u+1]
    private let loopProbability: [Double]
    private let regionOffsets: [Int32]     // region of loop l: regionNodes[regionOffsets[l]..<regionOffsets[l+1]]
    private let regionNodes: [Int32]
    private let regionEdgeOffsets: [Int32] // per region entry: its edges' region positions
    private let regionEdgeTargets: [Int32] // position in the region, −1 when the edge leaves it
    private let maximumRounds: Int
    // Scratch.
    private var start: [Double]
    private var active: [Bool]
    private var redoStart: [Double]
    private var redoActive: [Bool]

    init(analysis: CapacityAnalysis, model: JourneyFlowModel, path: StepSet, includeQueueing: Bool) {
        let blueprint = analysis.blueprint
        let graph = analysis.graph
        count = model.count
        onPath = model.nodes.map { path.contains($0) }
        var fixedWeight = [Double](repeating: 0, count: count)
        var waitBefore = [Double](repeating: 0, count: count)
        var isSampled = [Bool](repeating: false, count: count)
        var minimum = [Double](repeating: 0, count: count)
        var span = [Double](repeating: 0, count: count)
        var gammaA = [(d: Double, c: Double)](repeating: (0, 0), count: count)
        var gammaB = [(d: Double, c: Double)](repeating: (0, 0), count: count)
        var waitProbability = [Double](repeating: 0, count: count)
        var waitRate = [Double](repeating: 0, count: count)
        let actorIndex = Dictionary(blueprint.actors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for u in 0..<count {
            let s = Int(model.nodes[u])
            // Same association as the graph core's weights, so fixed journeys match the critical path exactly.
            fixedWeight[u] = graph.waitSeconds[s] + graph.processSeconds[s]
            waitBefore[u] = graph.waitSeconds[s]
            if let time = blueprint.steps[s].duration, let shape = PERTShape(time) {
                isSampled[u] = true
                minimum[u] = shape.minimum
                span[u] = shape.span
                gammaA[u] = shape.gammaA
                gammaB[u] = shape.gammaB
            }
            if includeQueueing, blueprint.steps[s].kind != .wait, let id = blueprint.steps[s].actor, let a = actorIndex[id],
                let queue = analysis.actors[a].queue, queue.arrivalRate > 0
            {
                if queue.isStable {
                    let wait = analysis.actors[a].expectedWaitSeconds
                    if queue.probabilityOfWaiting > 0, wait > 0 {
                        waitProbability[u] = queue.probabilityOfWaiting
                        waitRate[u] = queue.probabilityOfWaiting / wait
                    }
                } else {
                    waitProbability[u] = 1
                    waitRate[u] = 0
                }
            }
        }
        var cumulative = model.outProbability
        for u in 0..<count where model.isExclusive[u] {
            var total = 0.0
            for e in Int(model.outOffsets[u])..<Int(model.outOffsets[u + 1]) {
                total += model.outProbability[e]
                cumulative[e] = total
            }
        }

        let regions = ReworkRegions(model)

        self.fixedWeight = fixedWeight
        self.waitBefore = waitBefore
        self.isSampled = isSampled
        self.minimum = minimum
        self.span = span
        self.gammaA = gammaA
        self.gammaB = gammaB
        self.waitProbability = waitProbability
        self.waitRate = waitRate
        outOffsets = model.outOffsets
        outTargets = model.outTargets
        outCumulative = cumulative
        isExclusive = model.isExclusive
        loopOffsets = regions.loopOffsets
        loopProbability = regions.loopProbability
        regionOffsets = regions.regionOffsets
        regionNodes = regions.regionNodes
        regionEdgeOffsets = regions.regionEdgeOffsets
        regionEdgeTargets = regions.regionEdgeTargets
        maximumRounds = max(0, analysis.options.maximumReworkRounds)
        start = [Double](repeating: 0, count: count)
        active = [Bool](repeating: false, count: count)
        redoStart = [Double](repeating: 0, count: regions.longestRegion)
        redoActive = [Bool](repeating: false, count: regions.longestRegion)
    }

    /// The time step `u` takes this time: wait before, process time, queueing wait.
    @inline(__always)
    private func duration(of u: Int, _ random: inout SeededRandom) -> Double {
        var weight: Double
        if isSampled[u] {
            let x = random.gamma(d: gammaA[u].d, c: gammaA[u].c)
            let y = random.gamma(d: gammaB[u].d, c: gammaB[u].c)
            weight = waitBefore[u] + (minimum[u] + span[u] * (x / (x + y)))
        } else {
            weight = fixedWeight[u]
        }
        let p = waitProbability[u]
        if p > 0 {
            if waitRate[u] == 0 { return .infinity }
            if random.uniform() < p { weight += random.exponential(rate: waitRate[u]) }
        }
        return weight
    }

    /// The out-edge an exclusive split takes.
    @inline(__always)
    private func choose(from first: Int, to end: Int, _ random: inout SeededRandom) -> Int {
        let draw = random.uniform()
        var e = first
        while e < end - 1, draw >= outCumulative[e] { e += 1 }
        return e
    }

    /// One simulated customer: the journey's lead time in seconds.
    mutating func run(_ random: inout SeededRandom) -> Double {
        for u in 0..<count {
            start[u] = 0
            active[u] = false
        }
        active[0] = true
        var lead = 0.0
        for u in 0..<count where active[u] {
            var finish = start[u] + duration(of: u, &random)
            for l in Int(loopOffsets[u])..<Int(loopOffsets[u + 1]) {
                var rounds = 0
                while rounds < maximumRounds, random.uniform() < loopProbability[l] {
                    rounds += 1
                    guard let again = redo(loop: l, from: finish, &random) else { break }
                    finish = again
                }
            }
            if onPath[u], finish > lead { lead = finish }
            let first = Int(outOffsets[u]), end = Int(outOffsets[u + 1])
            guard first < end else { continue }
            if isExclusive[u] {
                let t = Int(outTargets[choose(from: first, to: end, &random)])
                active[t] = true
                if finish > start[t] { start[t] = finish }
            } else {
                for e in first..<end {
                    let t = Int(outTargets[e])
                    active[t] = true
                    if finish > start[t] { start[t] = finish }
                }
            }
        }
        return lead
    }

    /// One more round of loop `l` starting at `time`: the loop source's new finish, or `nil` when
    /// the round's branches left the loop before reaching the source.
    private mutating func redo(loop l: Int, from time: Double, _ random: inout SeededRandom) -> Double? {
        let first = Int(regionOffsets[l]), end = Int(regionOffsets[l + 1])
        let size = end - first
        for k in 0..<size {
            redoStart[k] = 0
            redoActive[k] = false
        }
        redoActive[0] = true
        redoStart[0] = time
        var edgeBase = Int(regionEdgeOffsets[first])
        var finish = time
        for k in 0..<size {
            let u = Int(regionNodes[first + k])
            let edgeEnd = Int(regionEdgeOffsets[first + k + 1])
            defer { edgeBase = edgeEnd }
            guard redoActive[k] else { continue }
            finish = redoStart[k] + duration(of: u, &random)
            let outFirst = Int(outOffsets[u]), outEnd = Int(outOffsets[u + 1])
            guard outFirst < outEnd else { continue }
            if isExclusive[u] {
                let e = choose(from: outFirst, to: outEnd, &random)
                let target = Int(regionEdgeTargets[edgeBase + (e - outFirst)])
                if target >= 0 {
                    redoActive[target] = true
                    if finish > redoStart[target] { redoStart[target] = finish }
                }
            } else {
                for e in outFirst..<outEnd {
                    let target = Int(regionEdgeTargets[edgeBase + (e - outFirst)])
                    guard target >= 0 else { continue }
                    redoActive[target] = true
                    if finish > redoStart[target] { redoStart[target] = finish }
                }
            }
        }
        return redoActive[size - 1] ? finish : nil
    }
}
