extension TextMetrics {
    /// Splits text into pieces that may not be separated: words with their leading space, and CJK characters
    /// and emoji on their own, since those scripts break between characters where there are no spaces.
    /// Hyphenated words stay whole (`SOP-WS-07`) unless they are wider than a line.
    ///
    /// The usual East Asian rules (kinsoku shori, the line-breaking rules of GB/T 15834 and JIS X 4051) hold
    /// at every break made here: a closing punctuation mark (`，。、）」』！？；：` and their half-width forms
    /// `｡｣､･ｰ`, small kana, the prolonged sound mark, and unit signs `％‰℃°` and the wave dash `～〜`) stays with
    /// the character before it, even across a space, so no line starts with one; an opening mark (`（「『《【`)
    /// or a currency sign (`＄￥£`) stays with the character after it, so no line ends with one; the two halves
    /// of `——` stay together.
    /// One pass, constant work per character.
    static func breakIntoWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character == " " {
                if !current.isEmpty { words.append(current) }
                current = " "
                continue
            }
            // A closing mark after a space ("客户 ）") stays with the word before the space, whose line it ends.
            if current == " ", cannotStartLine(character), let last = words.popLast() {
                current = last + " "
            }
            if let previous = current.last,
                isWide(character) || isWide(previous), !cannotStartLine(character), !cannotEndLine(previous),
                !(character == "—" && previous == "—")  // a two-em dash "——" is one mark
            {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Characters that break like ideographs: CJK ideographs, kana, hangul, full-width forms and emoji (all
    /// one em or wider in the estimate table).
    static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { advance($0, bold: false) >= 1.0 } ?? false
    }

    /// Closing punctuation and other marks no line may start with.
    static func cannotStartLine(_ character: Character) -> Bool { noStart.contains(character) }

    /// Opening punctuation no line may end with.
    static func cannotEndLine(_ character: Character) -> Bool { noEnd.contains(character) }

    private static let noStart: Set<Character> = Set(
        "，。、．・：；！？）］｝〕〉》」』】〙〗〟’”｠»›…‥ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
            + "｡｣､･ｰ％‰℃°～〜﹐﹑﹒" + ",.:;!?)]}%")
    private static let noEnd: Set<Character> = Set("（［｛〔〈《「『【〘〖〝‘“｟«‹([{＄￥£$")
}
