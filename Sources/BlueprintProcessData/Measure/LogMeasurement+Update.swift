import ServiceBlueprint

extension LogMeasurement {
    /// `blueprint` with this measurement in its `measured:` fields (steps and flows), the
    /// designer's estimates untouched. Measured figures from an earlier log are replaced; a step
    /// or flow this log says nothing about keeps none.
    /// - Parameter log: the log's name, recorded on each measured step.
    public func applied(to blueprint: Blueprint, log: String) -> Blueprint {
        var updated = blueprint
        let steps = Dictionary(self.steps.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
        let flows = Dictionary(self.flows.map { ($0.flow, $0) }, uniquingKeysWith: { first, _ in first })
        func times(_ distribution: Distribution?) -> MeasuredTimes? {
            distribution.map {
                MeasuredTimes(median: .seconds($0.median.rounded()), p90: .seconds($0.p90.rounded()), mean: .seconds($0.mean.rounded()))
            }
        }
        for index in updated.steps.indices {
            updated.steps[index].measured = steps[updated.steps[index].id].map {
                MeasuredStep(service: times($0.serviceTime), wait: times($0.waitingTime), cases: $0.cases, log: log)
            }
        }
        for index in updated.flows.indices {
            updated.flows[index].measured = flows[updated.flows[index].id].flatMap { flow in
                flow.observed.map { MeasuredFlow(probability: ($0 * 1000).rounded() / 1000, samples: flow.samples) }
            }
        }
        return updated
    }
}
