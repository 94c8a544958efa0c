/// The PERT-beta distribution of a three-point estimate, prepared for sampling: one definition for
/// the lead-time Monte Carlo and the discrete-event simulation (BlueprintSimulation), so both draw
/// from the same distribution (the simulation with an exact table sampler of the same α, β).
package struct PERTShape: Sendable {
    /// The shortest time.
    package let minimum: Double
    /// max − min.
    package let span: Double
    /// The beta shape parameters α and β (each in 1…5, α + β = 6).
    package let alpha: Double
    package let beta: Double
    /// Marsaglia–Tsang constants (d, c) of the two gamma deviates whose ratio is the beta deviate.
    package let gammaA: (d: Double, c: Double)
    package let gammaB: (d: Double, c: Double)

    /// The shape of `time` on [min, max] with α = 1 + 4(likely − min)/(max − min) and
    /// β = 1 + 4(max − likely)/(max − min); `nil` for a fixed (or unbounded) time.
    package init?(_ time: ProcessTime) {
        guard time.min.seconds < time.max.seconds, time.max.seconds.isFinite else { return nil }
        let low = time.min.seconds, high = time.max.seconds
        let likely = Swift.min(high, Swift.max(low, time.likely.seconds))
        let alpha = 1 + 4 * (likely - low) / (high - low)
        let beta = 1 + 4 * (high - likely) / (high - low)
        minimum = low
        span = high - low
        self.alpha = alpha
        self.beta = beta
        gammaA = (alpha - 1.0 / 3, 1 / (9 * (alpha - 1.0 / 3)).squareRoot())
        gammaB = (beta - 1.0 / 3, 1 / (9 * (beta - 1.0 / 3)).squareRoot())
    }

    /// One time, in seconds.
    @inlinable
    package func sample(_ random: inout SeededRandom) -> Double {
        let x = random.gamma(d: gammaA.d, c: gammaA.c)
        let y = random.gamma(d: gammaB.d, c: gammaB.c)
        return minimum + span * (x / (x + y))
    }
}

/// A journey's rework loops flattened for simulation: loops grouped by source, each loop's region
/// with its edges given as positions inside the region (−1 where an edge leaves it).
package struct ReworkRegions: Sendable {
    /// Loops of local step u: `loopOffsets[u]..<loopOffsets[u + 1]`.
    package var loopOffsets: [Int32]
    /// Per loop, the probability of another round.
    package var loopProbability: [Double] = []
    /// Region of loop l: `regionNodes[regionOffsets[l]..<regionOffsets[l + 1]]`.
    package var regionOffsets: [Int32] = [0]
    /// Local indices, ascending within a region.
    package var regionNodes: [Int32] = []
    /// Per region entry, where its edges' targets start in ``regionEdgeTargets``.
    package var regionEdgeOffsets: [Int32] = [0]
    /// Position in the region of each edge's target, −1 when it leaves the region.
    package var regionEdgeTargets: [Int32] = []
    /// The longest region (scratch space a round needs).
    package var longestRegion = 0

    /// Flattens the loops of `model`.
    package init(_ model: JourneyFlowModel) {
        let count = model.count
        loopOffsets = [Int32](repeating: 0, count: count + 1)
        for loop in model.loops { loopOffsets[Int(loop.source) + 1] += 1 }
        for u in 0..<count { loopOffsets[u + 1] += loopOffsets[u] }
        // model.loops is in source order already, so loop l of source u is at loopOffsets[u] + k.
        var position = [Int32](repeating: -1, count: count)
        for loop in model.loops {
            loopProbability.append(loop.probability)
            for (k, u) in loop.region.enumerated() { position[Int(u)] = Int32(k) }
            for u in loop.region {
                regionNodes.append(u)
                for e in Int(model.outOffsets[Int(u)])..<Int(model.outOffsets[Int(u) + 1]) {
                    regionEdgeTargets.append(position[Int(model.outTargets[e])])
                }
                regionEdgeOffsets.append(Int32(regionEdgeTargets.count))
            }
            for u in loop.region { position[Int(u)] = -1 }
            regionOffsets.append(Int32(regionNodes.count))
            longestRegion = Swift.max(longestRegion, loop.region.count)
        }
    }
}
