import Foundation

/// Parses the timestamp formats event-log exports use, without `DateFormatter` (too slow for
/// millions of events):
/// - ISO 8601 / XES `xs:dateTime`: `2024-03-01T09:15:00Z`, `…T09:15:00.250+01:00`, `…+0100`,
///   a space instead of `T`, minutes-only times, date-only values;
/// - `2024/03/01 09:15[:00]`, `01.03.2024 09:15[:00]` and `01/03/2024 09:15` (day first by
///   default; ``slashOrder`` switches to month first);
/// - a 12-hour clock with `AM`/`PM`, and the zone names `Z`, `UTC` and `GMT`;
/// - Unix epoch seconds (10 digits) or milliseconds (13 digits).
///
/// A value without a zone is read in ``defaultZone``.
public struct TimestampParser: Sendable {
    /// How to read `a/b/yyyy`.
    public enum SlashOrder: String, Sendable, Hashable, CaseIterable {
        /// `dd/mm/yyyy` (most of the world).
        case dayFirst = "day-first"
        /// `mm/dd/yyyy` (United States).
        case monthFirst = "month-first"
    }

    /// The zone of timestamps that name none.
    public var defaultZone: TimeZone {
        didSet { defaultIsUTC = Self.isUTC(defaultZone) }
    }
    /// How to read `a/b/yyyy` dates.
    public var slashOrder: SlashOrder
    /// Whether ``defaultZone`` is UTC, whose offset is 0 at every instant (no zone look-up per value).
    private var defaultIsUTC: Bool

    /// Creates a parser.
    public init(defaultZone: TimeZone = TimeZone(identifier: "UTC") ?? .current, slashOrder: SlashOrder = .dayFirst) {
        self.defaultZone = defaultZone
        self.slashOrder = slashOrder
        defaultIsUTC = Self.isUTC(defaultZone)
    }

    private static func isUTC(_ zone: TimeZone) -> Bool {
        ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(zone.identifier) && zone.secondsFromGMT() == 0
    }

    /// Seconds since 1970-01-01T00:00:00Z, or `nil` when `text` is no timestamp this parser knows.
    public func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Seconds since 1970-01-01T00:00:00Z for a timestamp given as UTF-8 bytes, as ``parse(_:)``.
    package func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let (seconds, zoneOffset) = Self.parseISO(bytes) {
            return zoneOffset.map { seconds - Double($0) } ?? local(seconds)
        }
        return scan(bytes)
    }

    /// Every format, read by the general scanner (``parse(bytes:)`` tries ``parseISO(_:)`` first).
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpaces()
        let start = scanner.index
        guard let first = scanner.number() else { return nil }
        let firstDigits = scanner.index - start
        if scanner.atEnd {
            // Epoch seconds or milliseconds.
            if firstDigits == 10 { return Double(first) }
            if firstDigits == 13 { return Double(first) / 1000 }
            return nil
        }
        var year: Int, month: Int, day: Int
        let separator = scanner.next()
        if firstDigits == 4, separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") {
            guard let m = scanner.number(), scanner.next() == separator, let d = scanner.number() else { return nil }
            (year, month, day) = (first, m, d)
        } else if firstDigits <= 2, separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") {
            guard let b = scanner.number(), scanner.next() == separator else { return nil }
            let yearStart = scanner.index
            guard let y = scanner.number(), scanner.index - yearStart == 4 else { return nil }
            let monthFirst = separator == UInt8(ascii: "/") && slashOrder == .monthFirst
            (year, month, day) = monthFirst ? (y, first, b) : (y, b, first)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(Self.daysFromCivil(year: year, month: month, day: day)) * 86_400
        var zoneOffset: Int?
        if !scanner.atEnd {
            guard let mark = scanner.next(), mark == UInt8(ascii: "T") || mark == UInt8(ascii: " ") else { return nil }
            scanner.skipSpaces()
            guard let hour = scanner.number(), scanner.next() == UInt8(ascii: ":"), let minute = scanner.number(),
                  hour <= 24, minute < 60 else { return nil }
            var second = 0.0
            if scanner.peek() == UInt8(ascii: ":") {
                _ = scanner.next()
                guard let whole = scanner.number(), whole <= 60 else { return nil }
                second = Double(whole)
                if scanner.peek() == UInt8(ascii: ".") || scanner.peek() == UInt8(ascii: ",") {
                    _ = scanner.next()
                    let fractionStart = scanner.index
                    guard let fraction = scanner.number(maxDigits: 9) else { return nil }
                    second += Double(fraction) / Self.powersOfTen[scanner.index - fractionStart]
                    scanner.skipDigits()
                }
            }
            scanner.skipSpaces()
            // US exports: `3/1/2024 9:15 AM`, `12:05:00 pm`.
            guard let clock = scanner.meridiem(hour) else { return nil }
            seconds += Double(clock * 3600 + minute * 60) + second
            scanner.skipSpaces()
            if !scanner.atEnd {
                guard let offset = scanner.zone() else { return nil }
                zoneOffset = offset
            }
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        if let zoneOffset { return seconds - Double(zoneOffset) }
        return local(seconds)
    }

    /// `seconds` read as local time in the default zone: the offset at the guessed instant,
    /// corrected once for a daylight-saving change between the guess and the answer.
    private func local(_ seconds: Double) -> Double {
        if defaultIsUTC { return seconds - 0 }
        let guess = Date(timeIntervalSince1970: seconds)
        let offset = Double(defaultZone.secondsFromGMT(for: guess))
        let corrected = Double(defaultZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds - offset)))
        return seconds - corrected
    }

    /// 10^0 … 10^9, exact, for fractions of a second (the value `pow(10, n)` gives, without the call).
    static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// The common shape read at fixed places, `yyyy-mm-ddThh:mm:ss[.fff…][Z|±hh:mm]` (or a space
    /// for `T`): the seconds of the date and time, and the zone's offset if one is written.
    /// `nil` for anything else, which the general scanner then reads. Every value it accepts, the
    /// scanner reads to the same result: the same checks and the same arithmetic, in one order.
    @inline(__always)
    static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> (seconds: Double, zoneOffset: Int?)? {
        let count = bytes.count
        guard count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        var digitsOK = true
        @inline(__always) func digits(_ at: Int, _ length: Int) -> Int {
            var value = 0
            for index in at..<(at + length) {
                let digit = Int(bytes[index]) &- 0x30
                digitsOK = digitsOK && digit >= 0 && digit <= 9
                value = value &* 10 &+ digit
            }
            return value
        }
        let year = digits(0, 4), month = digits(5, 2), day = digits(8, 2)
        let hour = digits(11, 2), minute = digits(14, 2), whole = digits(17, 2)
        guard digitsOK, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 24, minute < 60, whole <= 60 else { return nil }
        var index = 19
        var second = Double(whole)
        if index < count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            let fractionStart = index
            var fraction = 0
            while index < count, index - fractionStart < 9, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction = fraction * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > fractionStart else { return nil }
            second += Double(fraction) / powersOfTen[index - fractionStart]
            // Digits beyond nanoseconds are read and dropped, as the scanner does.
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        var zoneOffset: Int?
        if index < count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z"), index + 1 == count {
                zoneOffset = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), index + 6 == count, bytes[index + 3] == UInt8(ascii: ":") {
                let hours = digits(index + 1, 2), minutes = digits(index + 4, 2)
                guard digitsOK, hours <= 14, minutes < 60 else { return nil }
                zoneOffset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        seconds += Double(hour * 3600 + minute * 60) + second
        return (seconds, zoneOffset)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A cursor over ASCII bytes for ``TimestampParser``.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= bytes.count }
    func peek() -> UInt8? { atEnd ? nil : bytes[index] }
    mutating func next() -> UInt8? {
        guard !atEnd else { return nil }
        defer { index += 1 }
        return bytes[index]
    }
    mutating func skipSpaces() { while let byte = peek(), byte == 0x20 { index += 1 } }
    mutating func skipDigits() { while let byte = peek(), (0x30...0x39).contains(byte) { index += 1 } }

    /// Up to `maxDigits` decimal digits; `nil` when there is none.
    mutating func number(maxDigits: Int = 13) -> Int? {
        var value = 0
        let start = index
        while let byte = peek(), (0x30...0x39).contains(byte), index - start < maxDigits {
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        return index == start ? nil : value
    }

    /// The hour on a 24-hour clock after an optional `AM`/`PM` (any case); `nil` for an hour a
    /// 12-hour clock cannot show.
    mutating func meridiem(_ hour: Int) -> Int? {
        guard let mark = peek(), [UInt8(ascii: "A"), UInt8(ascii: "P")].contains(mark & 0xDF),
              index + 1 < bytes.count, bytes[index + 1] & 0xDF == UInt8(ascii: "M") else { return hour }
        index += 2
        guard (1...12).contains(hour) else { return nil }
        return mark & 0xDF == UInt8(ascii: "P") ? hour % 12 + 12 : hour % 12
    }

    /// `Z`, `UTC`, `GMT`, `±HH`, `±HHMM` or `±HH:MM` as seconds east of UTC.
    mutating func zone() -> Int? {
        guard let sign = next() else { return nil }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return 0 }
        if sign == UInt8(ascii: "U"), next() == UInt8(ascii: "T"), next() == UInt8(ascii: "C") { return 0 }
        if sign == UInt8(ascii: "G"), next() == UInt8(ascii: "M"), next() == UInt8(ascii: "T") { return atEnd ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let start = index
        guard let first = number(maxDigits: 4) else { return nil }
        var hours = first, minutes = 0
        if index - start == 4 {
            (hours, minutes) = (first / 100, first % 100)
        } else if peek() == UInt8(ascii: ":") {
            _ = next()
            guard let m = number(maxDigits: 2) else { return nil }
            minutes = m
        }
        guard hours <= 14, minutes < 60 else { return nil }
        let offset = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -offset : offset
    }
}
