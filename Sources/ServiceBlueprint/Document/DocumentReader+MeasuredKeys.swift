/// The `measured:` keys that `blueprint measure --update` writes (issue 15), kept apart from the
/// core reader and writer as the journey keys are.
enum MeasuredDocumentKeys {
    /// Extra step keys.
    static let step = ["measured"]
    /// Extra flow keys.
    static let flow = ["measured"]
    /// Keys of a step's `measured:`.
    static let measuredStep = ["service", "wait", "cases", "log"]
    /// Keys of measured times.
    static let measuredTimes = ["median", "p90", "mean"]
    /// Keys of a flow's `measured:`.
    static let measuredFlow = ["probability", "samples"]
}

extension DocumentReader {
    /// `measured: {service: {median, p90, mean}, wait: {…}, cases, log}` on a step.
    mutating func readMeasuredKeys(_ fields: Fields, into step: inout Step) {
        step.measured = nested(fields, StepKeys.measured) { reader, node, path in
            guard let fields = reader.fields(node, at: path, what: "measured step", keys: .measuredStep) else { return nil }
            return MeasuredStep(
                service: reader.nested(fields, "service") { $0.readMeasuredTimes($1, at: $2) },
                wait: reader.nested(fields, "wait") { $0.readMeasuredTimes($1, at: $2) },
                cases: reader.whole(fields, "cases"), log: reader.text(fields, "log"))
        }
    }

    mutating func readMeasuredTimes(_ node: Node, at path: ModelPath) -> MeasuredTimes? {
        guard let fields = fields(node, at: path, what: "measured times", keys: .measuredTimes,
                                  required: MeasuredDocumentKeys.measuredTimes) else { return nil }
        guard let median = time(fields, "median"), let p90 = time(fields, "p90"), let mean = time(fields, "mean") else { return nil }
        return MeasuredTimes(median: median, p90: p90, mean: mean)
    }

    /// `measured: {probability, samples}` on a flow.
    mutating func readMeasuredKeys(_ fields: Fields, into flow: inout Flow) {
        flow.measured = nested(fields, FlowKeys.measured) { reader, node, path in
            guard let fields = reader.fields(node, at: path, what: "measured flow", keys: .measuredFlow,
                                             required: ["probability"]),
                  let probability = reader.fraction(fields, "probability") else { return nil }
            return MeasuredFlow(probability: probability, samples: reader.whole(fields, "samples"))
        }
    }
}

extension Step {
    /// Writes `measured:` after the designer's keys.
    func addMeasuredKeys(to map: inout MappingBuilder) {
        guard let measured else { return }
        var inner = MappingBuilder()
        inner.add("service", measured.service?.documentValue)
        inner.add("wait", measured.wait?.documentValue)
        inner.add("cases", measured.cases)
        inner.add("log", measured.log)
        map.add("measured", inner.value)
    }
}

extension MeasuredTimes {
    var documentValue: DocumentValue {
        var map = MappingBuilder()
        map.add("median", median)
        map.add("p90", p90)
        map.add("mean", mean)
        return map.value
    }
}

extension Flow {
    /// Writes `measured:` after the designer's keys.
    func addMeasuredKeys(to map: inout MappingBuilder) {
        guard let measured else { return }
        var inner = MappingBuilder()
        inner.add("probability", measured.probability)
        inner.add("samples", measured.samples)
        map.add("measured", inner.value)
    }
}
