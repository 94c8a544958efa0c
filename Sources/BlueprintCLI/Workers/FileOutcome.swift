import ServiceBlueprint

/// What became of one file in `render` or `convert`, with the messages to print for it, in order.
struct FileOutcome: Sendable {
    enum Status: Sendable {
        /// The file did not load: exit status 2.
        case invalid
        /// It loaded but its output could not be made or written: exit status 1.
        case failed
        case written
    }

    var status: Status
    var messages: [String]
    /// The `language:` the file declares, when it loaded (a run's summary speaks it when every file agrees).
    var declared: Language? = nil
}
