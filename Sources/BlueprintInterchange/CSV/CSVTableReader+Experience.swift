import BlueprintCSV
import ServiceBlueprint

extension CSVTableReader {
    /// A SERVQUAL dimension cell (`standard_dimension`, `pain_dimension`); an unknown name is a located error
    /// with a suggestion, as for the other closed sets.
    mutating func dimension(_ cell: (text: String, position: CSVPosition)?) -> ServqualDimension? {
        guard let (text, position) = cell else { return nil }
        if let dimension = ServqualDimension(rawValue: text) { return dimension }
        error("unknown SERVQUAL dimension '\(text)'" + Suggestion.didYouMean(text, in: ServqualDimension.allCases.map(\.rawValue)), at: position)
        return nil
    }
}
