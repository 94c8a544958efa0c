/// Upper bounds that keep tokenizing untrusted input in bounded memory.
///
/// Exceeding a limit stops tokenizing with a ``CSVError`` whose kind is one of the
/// `...TooLarge`/`tooManyFields` kinds: such input is either not CSV or hostile.
public struct CSVLimits: Sendable, Hashable {
    /// Most bytes in one field (after removing quotes). Default 1 MiB.
    public var maxFieldBytes: Int
    /// Most bytes in one record, all fields together. Default 4 MiB.
    public var maxRecordBytes: Int
    /// Most fields in one record. Default 4 096.
    public var maxFieldsPerRecord: Int
    /// Most recoverable errors kept; later ones are counted, not stored. Default 100.
    public var maxErrors: Int

    /// Creates limits; the defaults suit event logs and spreadsheet exports.
    public init(maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 4 << 20,
                maxFieldsPerRecord: Int = 4096, maxErrors: Int = 100) {
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxFieldsPerRecord = maxFieldsPerRecord
        self.maxErrors = maxErrors
    }
}
