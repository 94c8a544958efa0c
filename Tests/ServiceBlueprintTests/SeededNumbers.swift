/// A seeded linear congruential generator for tests that compare two ways of doing one thing on
/// generated or damaged input: the same seed always gives the same numbers, on every platform.
struct SeededNumbers {
    private(set) var state: UInt64

    init(state: UInt64) { self.state = state }

    /// The next state (Knuth's MMIX constants).
    mutating func advance() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }

    /// A number in `0..<bound`.
    mutating func next(below bound: Int) -> Int { Int(truncatingIfNeeded: advance() >> 33) % bound }

    /// `text` with a few bytes (1 to 3, by `seed`) replaced by characters of `alphabet`: deterministic
    /// damage for checking that a fast path reports errors exactly as the plain one.
    static func damage(_ text: inout [UInt8], seed: Int, alphabet: String) {
        let characters = Array(alphabet.utf8)
        var numbers = SeededNumbers(state: UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<(1 + seed % 3) {
            let state = numbers.advance()
            text[Int(state >> 33) % text.count] = characters[Int(state >> 13) % characters.count]
        }
    }
}
