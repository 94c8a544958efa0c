/// How each language writes the values of placeholders. Deterministic: nothing depends on the
/// machine's locale settings (ASCII digits, no grouping, fixed units).
///
/// Durations: English keeps the file syntax (`2h 15min`), which parses back. Chinese writes
/// `2小时15分钟`: 小时/分钟/秒/天 are what a Chinese manager reads without thinking, whereas `min`
/// or `h` mixed into Chinese sentences reads as code. Files stay in the file syntax in every language.
extension Language {
    /// The text of one argument in this language.
    package func format(_ argument: TextArgument) -> String {
        let chinese = self == .simplifiedChinese
        switch argument {
        case .verbatim(let text): return text
        case .quoted, .step:
            var bytes: [UInt8] = []
            write(argument, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .integer(let value): return String(value)
        case .duration(let duration): return chinese ? Self.chineseDuration(duration) : duration.description
        case .approximateDuration(let seconds): return CapacityText.duration(seconds, in: self)
        case .percent(let share):
            let text = PercentText.format(share)
            return chinese ? text.replacing(" %", with: "%") : text
        case .list(let items): return list(items.map(format))
        case .enumeration(let items): return items.map(format).joined(separator: chinese ? "、" : ", ")
        case .series(let items, let separator): return items.map(format).joined(separator: separator.rendered(in: self))
        case .phrase(let text): return text.rendered(in: self)
        case .sentence(let text):
            let sentence = text.rendered(in: self)
            let stop = chinese ? "。" : "."
            return sentence.hasSuffix(stop) || sentence.hasSuffix(".") ? sentence : sentence + stop
        }
    }

    /// Appends the text of one argument in this language to UTF-8 `bytes`: quotes and step names
    /// (most of what findings fill in) are copied part by part, other values as ``format(_:)`` writes them.
    package func write(_ argument: TextArgument, into bytes: inout [UInt8]) {
        let chinese = self == .simplifiedChinese
        func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
        switch argument {
        case .verbatim(let text): append(text)
        case .quoted(let text):
            append(chinese ? "“" : "'")
            append(text)
            append(chinese ? "”" : "'")
        case .step(let title, let id):
            append(chinese ? "“" : "'")
            append(title)
            append(chinese ? "”（" : "' (")
            append(id)
            append(chinese ? "）" : ")")
        default: append(format(argument))
        }
    }

    /// `a, b and c` in English, `a、b和c` in Chinese.
    package func list(_ items: [String]) -> String {
        let chinese = self == .simplifiedChinese
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            let head = items.dropLast().joined(separator: chinese ? "、" : ", ")
            return head + (chinese ? "和" : " and ") + items[items.count - 1]
        }
    }

    /// The duration in this language's units.
    package func duration(_ duration: BlueprintDuration) -> String { format(.duration(duration)) }

    /// `1天12小时`, `2小时15分钟`, `1分钟30秒`; fractions of a second as `0.5秒`.
    static func chineseDuration(_ duration: BlueprintDuration) -> String {
        let seconds = duration.seconds
        if seconds == 0 { return "0秒" }
        let units: [(String, Double)] = [("天", 86_400), ("小时", 3_600), ("分钟", 60), ("秒", 1)]
        if seconds == seconds.rounded(), seconds < 1e15 {
            var rest = Int64(seconds)
            var text = ""
            for (name, factor) in units where rest >= Int64(factor) {
                text += "\(rest / Int64(factor))\(name)"
                rest %= Int64(factor)
            }
            return text
        }
        for (name, factor) in units.dropLast() {
            let value = seconds / factor
            if value >= 1, (value * 100).rounded() == value * 100 { return DurationText.number(value) + name }
        }
        return DurationText.number(seconds) + "秒"
    }
}
