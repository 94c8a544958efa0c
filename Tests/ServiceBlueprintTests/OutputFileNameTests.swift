import Foundation
import Testing

@testable import ServiceBlueprint

/// The output-name sanitiser: one path component, inside the folder, with its extension.
@Suite("Output file names")
struct OutputFileNameTests {
    /// The properties every result must have, whatever the input.
    static func expectSafe(_ name: String, extension fileExtension: String, _ comment: String) {
        #expect(!name.contains("/") && !name.contains("\\"), "\(comment): \(name)")
        #expect(!name.hasPrefix("."), "\(comment): \(name)")
        #expect(!name.contains(".."), "\(comment): \(name)")
        #expect(name.hasSuffix("." + fileExtension), "\(comment): \(name)")
        #expect(name.utf8.count <= 255, "\(comment): \(name.utf8.count) bytes")
        #expect(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(comment)")
    }

    @Test("traversal, separators, NUL and control characters", arguments: [
        ("../../etc/passwd", "etc-passwd.svg"),
        ("..", "untitled.svg"),
        ("a/b", "a-b.svg"),
        ("a\\b", "a-b.svg"),
        ("config.yml\u{0}", "config.yml.svg"),
        ("x\u{0}.yml", "x-.yml.svg"),
        ("line\nbreak\t\u{7}", "line-break.svg"),
        ("bidi\u{202E}gpj.exe", "bidi-gpj.exe.svg"),
        ("C:\\Windows", "C--Windows.svg"),
        ("what?<*>|\"", "what.svg"),
        ("  spaced  ", "spaced.svg"),
        ("售后服务", "售后服务.svg"),
        ("", "untitled.svg"),
    ])
    func hostile(input: String, expected: String) {
        let name = OutputFileName.make(input, extension: "svg")
        #expect(name == expected)
        Self.expectSafe(name, extension: "svg", input)
    }

    @Test("Windows device names get a trailing underscore, in any case and with a suffix")
    func reservedNames() {
        #expect(OutputFileName.make("CON", extension: "svg") == "CON_.svg")
        #expect(OutputFileName.make("nul", extension: "svg") == "nul_.svg")
        #expect(OutputFileName.make("com1.tar", extension: "svg") == "com1_.tar.svg")
        #expect(OutputFileName.make("LPT9", extension: "md") == "LPT9_.md")
        // Near misses stay as they are.
        #expect(OutputFileName.make("console", extension: "svg") == "console.svg")
        #expect(OutputFileName.make("com10", extension: "svg") == "com10.svg")
    }

    @Test("very long names are cut at a character boundary and keep the extension")
    func longNames() {
        let name = OutputFileName.make(String(repeating: "服", count: 500), extension: "svg")
        Self.expectSafe(name, extension: "svg", "long")
        #expect(name.utf8.count <= OutputFileName.maximumStemBytes + 4)
        #expect(String(name.dropLast(4)).allSatisfy { $0 == "服" })
    }

    @Test("the extension cannot smuggle a path")
    func hostileExtension() {
        #expect(OutputFileName.make("a", extension: "/../svg") == "a.svg")
    }

    @Test("random input always gives a safe name")
    func randomInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["/", "\\", ".", " ", "\u{0}", "\n", ":", "a", "é", "服", "\u{202E}", "\u{FFFF}", "-", "C", "O", "N"]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...300, using: &generator)
            let text = String(String.UnicodeScalarView((0..<count).map { _ in alphabet.randomElement(using: &generator)! }))
            Self.expectSafe(OutputFileName.make(text, extension: "svg"), extension: "svg", text.debugDescription)
        }
    }

    @Test("unique names: later duplicates get -2, -3, case-insensitively; distinct names untouched")
    func unique() {
        #expect(OutputFileName.unique(["a.svg", "A.svg", "a.svg", "a-2.svg", "b.svg"])
            == ["a.svg", "A-3.svg", "a-4.svg", "a-2.svg", "b.svg"])
        #expect(OutputFileName.unique(["x.svg", "y.svg"]) == ["x.svg", "y.svg"])
    }
}
